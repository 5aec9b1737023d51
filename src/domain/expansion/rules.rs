//! The config's `[expansion]`: each stage's chance of closing, what counts as a signal.

use serde::{Deserialize, Serialize};

use crate::domain::vocab::OpportunityStage;

/// How the pipeline is weighed and the signals are raised.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExpansionRules {
    /// Percent chance of closing at each open stage, for an opportunity that gives none.
    pub identified: u8,
    pub qualified: u8,
    pub proposed: u8,
    /// Share of licensed seats in use, last week, from which more seats are a signal.
    pub seats_used_at: f64,
    /// Growth of weekly active users (the last 4 weeks against the 4 weeks 12 weeks
    /// before) from which usage growing is a signal.
    pub usage_growth: f64,
    /// Days back that new people met, feature requests, goals met and promoters count.
    pub recent_days: u32,
    /// Words in a ticket's subject that make it a feature request.
    pub feature_words: Vec<String>,
}

impl Default for ExpansionRules {
    fn default() -> Self {
        ExpansionRules {
            identified: 10,
            qualified: 30,
            proposed: 60,
            seats_used_at: 0.9,
            usage_growth: 0.2,
            recent_days: 90,
            feature_words: [
                "feature request",
                "would like",
                "can you add",
                "support for",
                "request:",
                "wishlist",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl ExpansionRules {
    /// The chance, in percent, that an opportunity at `stage` closes won.
    pub fn chance(&self, stage: OpportunityStage) -> u8 {
        match stage {
            OpportunityStage::Identified => self.identified,
            OpportunityStage::Qualified => self.qualified,
            OpportunityStage::Proposed => self.proposed,
            OpportunityStage::Won => 100,
            OpportunityStage::Lost => 0,
        }
    }

    /// Whether a ticket's subject asks for something the product does not do yet.
    pub fn is_feature_request(&self, subject: &str) -> bool {
        let subject = subject.to_lowercase();
        self.feature_words
            .iter()
            .any(|w| !w.is_empty() && subject.contains(&w.to_lowercase()))
    }
}
