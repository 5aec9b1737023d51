//! The Today queue's rules, from the config's `[today]`: how much each kind of item
//! weighs, how far back news reaches, and how often each segment's accounts should hear
//! from their CSM.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::vocab::Segment;

/// `[today]`: the weight of each kind of item (severity, before the item's own), the
/// days a signal stays news, and `[today.touch_days]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TodayRules {
    pub task: f64,
    pub signal: f64,
    pub renewal: f64,
    pub no_touch: f64,
    pub override_expiring: f64,
    /// Onboarding behind, expansion closing, a reference ask due, a win-back due.
    pub growth: f64,
    /// A signal raised within this many days (or since the CSM last looked, if longer
    /// ago) is in the queue until it is acted on.
    pub news_days: u32,
    /// A task or a quiet account owed longer than this many days, new to no one and not
    /// a save, waits in the backlog, below the rest of the queue.
    pub backlog_days: u32,
    /// Days an account of each segment may go without a touch; a segment left out is
    /// not held to a cadence (self-serve, by default: it is reached by the product).
    pub touch_days: BTreeMap<Segment, u32>,
}

impl Default for TodayRules {
    fn default() -> Self {
        TodayRules {
            task: 1.0,
            signal: 1.5,
            renewal: 1.5,
            no_touch: 0.8,
            override_expiring: 0.6,
            growth: 0.7,
            news_days: 14,
            backlog_days: 30,
            touch_days: BTreeMap::from([
                (Segment::Enterprise, 30),
                (Segment::MidMarket, 45),
                (Segment::Smb, 90),
            ]),
        }
    }
}

impl TodayRules {
    /// The days an account of `segment` may go untouched, if it is held to a cadence.
    pub fn touch_days(&self, segment: Segment) -> Option<u32> {
        self.touch_days.get(&segment).copied().filter(|d| *d > 0)
    }

    /// Whether an account of `segment` last touched on `last` (None: never) has gone
    /// past its cadence by `today`; its cadence when it has.
    pub fn past_cadence(
        &self,
        segment: Segment,
        last: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Option<u32> {
        let cadence = self.touch_days(segment)?;
        last.is_none_or(|d| (today - d).num_days() > i64::from(cadence))
            .then_some(cadence)
    }
}
