//! The CSM's vocabulary as closed sets: segments, lifecycle stages, stakeholder roles,
//! sentiment, task status and the like. Each term has one stored spelling (`as_str`, the
//! value kept in the book and printed in JSON) and a label for people (`label`).

use std::fmt;
use std::str::FromStr;

/// The error for a word that is not one of a vocabulary's terms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not a {what}: expected one of {expected}")]
pub struct UnknownTerm {
    pub what: &'static str,
    pub given: String,
    pub expected: String,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $stored:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every term, in the order a person reads them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling stored in the book and used in JSON and config.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored),+ }
            }

            /// The words shown to a person.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|t| t.as_str().eq_ignore_ascii_case(wanted) || t.label().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| UnknownTerm {
                        what: $what,
                        given: s.to_string(),
                        expected: $name::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

vocabulary!(
    /// How an account is served: drives playbooks, required stakeholders and ARR ranges.
    Segment, "segment" {
        Enterprise => "enterprise", "Enterprise";
        MidMarket => "mid_market", "Mid-market";
        Smb => "smb", "SMB";
        SelfServe => "self_serve", "Self-serve";
    }
);

impl Segment {
    /// A three-letter tag for tight columns.
    pub fn short(self) -> &'static str {
        match self {
            Segment::Enterprise => "ENT",
            Segment::MidMarket => "MM",
            Segment::Smb => "SMB",
            Segment::SelfServe => "SS",
        }
    }
}

vocabulary!(
    /// Where the customer is in their journey with the product.
    LifecycleStage, "lifecycle stage" {
        Onboarding => "onboarding", "Onboarding";
        Adoption => "adoption", "Adoption";
        ValueRealization => "value_realization", "Value realization";
        Growth => "growth", "Growth";
        Advocacy => "advocacy", "Advocacy";
    }
);

vocabulary!(
    /// A person on the CS team.
    TeamRole, "team role" {
        Csm => "csm", "CSM";
        Manager => "manager", "Manager";
    }
);

vocabulary!(
    /// What the CSM expects a renewal to do.
    ForecastCategory, "forecast category" {
        Renew => "renew", "renew";
        Upsell => "upsell", "upsell";
        Downsell => "downsell", "downsell";
        Churn => "churn", "churn";
    }
);

vocabulary!(
    /// How sure the CSM is of a forecast.
    ForecastConfidence, "forecast confidence" {
        Commit => "commit", "commit";
        Likely => "likely", "likely";
        AtRisk => "at_risk", "at risk";
    }
);

vocabulary!(
    /// What a renewal actually did.
    RenewalOutcome, "renewal outcome" {
        Renewed => "renewed", "renewed";
        Upsold => "upsold", "upsold";
        Downsold => "downsold", "downsold";
        Churned => "churned", "churned";
    }
);

impl RenewalOutcome {
    /// A churn or a downsell: the customer pays less, for a reason worth knowing.
    pub fn is_loss(self) -> bool {
        matches!(self, RenewalOutcome::Churned | RenewalOutcome::Downsold)
    }
}

vocabulary!(
    /// A support ticket's priority, P1 the most urgent.
    TicketPriority, "ticket priority" {
        P1 => "p1", "P1";
        P2 => "p2", "P2";
        P3 => "p3", "P3";
        P4 => "p4", "P4";
    }
);

vocabulary!(
    /// Which survey a response answers.
    SurveyKind, "survey kind" {
        Nps => "nps", "NPS";
        Csat => "csat", "CSAT";
    }
);

vocabulary!(
    /// A stakeholder's part in the buying and using of the product.
    ContactRole, "stakeholder role" {
        ExecutiveSponsor => "executive_sponsor", "exec sponsor";
        EconomicBuyer => "economic_buyer", "economic buyer";
        DecisionMaker => "decision_maker", "decision maker";
        Champion => "champion", "champion";
        Influencer => "influencer", "influencer";
        EndUser => "end_user", "end user";
        Detractor => "detractor", "detractor";
    }
);

vocabulary!(
    /// How a stakeholder feels about us.
    Sentiment, "sentiment" {
        Positive => "positive", "positive";
        Neutral => "neutral", "neutral";
        Negative => "negative", "negative";
        Unknown => "unknown", "unknown";
    }
);

vocabulary!(
    /// How much a stakeholder's word weighs inside their company.
    Influence, "influence" {
        High => "high", "high";
        Medium => "medium", "medium";
        Low => "low", "low";
    }
);

vocabulary!(
    /// How far a stakeholder goes to speak for us.
    AdvocacyTier, "advocacy tier" {
        Supporter => "supporter", "supporter";
        Advocate => "advocate", "advocate";
        Champion => "champion", "champion";
        Ambassador => "ambassador", "ambassador";
    }
);

vocabulary!(
    /// What a customer is asked for as a reference.
    AskKind, "reference ask" {
        Call => "call", "reference call";
        CaseStudy => "case_study", "case study";
        Review => "review", "review";
    }
);

vocabulary!(
    /// How a reference ask went.
    AskOutcome, "ask outcome" {
        Given => "given", "given";
        Declined => "declined", "declined";
    }
);

vocabulary!(
    /// A kind of touch on the account timeline.
    InteractionKind, "interaction kind" {
        Call => "call", "call";
        Email => "email", "email";
        Meeting => "meeting", "meeting";
        Qbr => "qbr", "QBR";
        Note => "note", "note";
    }
);

impl InteractionKind {
    /// Whether it is a touch with the customer. A note is the CSM's own record (a brief
    /// prepared, a remark for the team): it stays on the timeline but never counts as a
    /// touch, for health, for a contact's last touch or for an account gone quiet.
    pub fn is_touch(self) -> bool {
        self != InteractionKind::Note
    }
}

vocabulary!(
    /// Where a task stands.
    TaskStatus, "task status" {
        Open => "open", "open";
        Done => "done", "done";
        Snoozed => "snoozed", "snoozed";
        Skipped => "skipped", "skipped";
    }
);

vocabulary!(
    /// How much a task matters.
    Priority, "priority" {
        High => "high", "high";
        Medium => "medium", "medium";
        Low => "low", "low";
    }
);

impl HealthBand {
    /// Red, yellow, green: the order a CSM triages in.
    pub const ALL_WORST_FIRST: &'static [HealthBand] =
        &[HealthBand::Red, HealthBand::Yellow, HealthBand::Green];
}

vocabulary!(
    /// A health band, from the score's thresholds.
    HealthBand, "health band" {
        Green => "green", "green";
        Yellow => "yellow", "yellow";
        Red => "red", "red";
    }
);

vocabulary!(
    /// Where a success-plan goal stands.
    GoalStatus, "goal status" {
        NotStarted => "not_started", "not started";
        OnTrack => "on_track", "on track";
        AtRisk => "at_risk", "at risk";
        Achieved => "achieved", "achieved";
        Missed => "missed", "missed";
    }
);

vocabulary!(
    /// What kind of growth an expansion opportunity is.
    OpportunityKind, "opportunity kind" {
        Seats => "seats", "more seats";
        Upsell => "upsell", "upsell";
        CrossSell => "cross_sell", "cross-sell";
    }
);

vocabulary!(
    /// Where an expansion opportunity stands.
    OpportunityStage, "opportunity stage" {
        Identified => "identified", "identified";
        Qualified => "qualified", "qualified";
        Proposed => "proposed", "proposed";
        Won => "won", "won";
        Lost => "lost", "lost";
    }
);

impl OpportunityStage {
    /// The open stage after this one; None from proposed on (it is won or lost next).
    pub fn next(self) -> Option<OpportunityStage> {
        match self {
            OpportunityStage::Identified => Some(OpportunityStage::Qualified),
            OpportunityStage::Qualified => Some(OpportunityStage::Proposed),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse_from_their_stored_spelling_and_their_label() {
        assert_eq!("mid_market".parse::<Segment>(), Ok(Segment::MidMarket));
        assert_eq!("Mid-market".parse::<Segment>(), Ok(Segment::MidMarket));
        assert_eq!(
            " exec sponsor ".parse::<ContactRole>(),
            Ok(ContactRole::ExecutiveSponsor)
        );
        for s in Segment::ALL {
            assert_eq!(s.as_str().parse::<Segment>(), Ok(*s));
        }
    }

    #[test]
    fn an_unknown_term_names_what_was_expected() {
        let err = "gold".parse::<Segment>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "`gold` is not a segment: expected one of enterprise, mid_market, smb, self_serve"
        );
    }
}
