//! The health lab: rules tried against the book's own history before they are saved.
//! The book gathers each moment once, its components' points and the facts a hard rule
//! could act on; the lab then scores those moments under any weights, bands and caps
//! in microseconds, so a manager sees the backtest move as they change a value, and a
//! search can try every weighting on one part of the history and judge it on a later.
//!
//! Windows change the components' points themselves: trying them means gathering again.

mod search;
mod trial;

use chrono::NaiveDate;

pub use search::{HELD_OUT_SHARE, Judged, Proposal, Split, search, split};
pub use trial::{BandMove, Standing, Trial, backtest_of, try_rules};

use super::caps::{self, Triggers};
use super::{HealthRules, combine};
use crate::domain::vocab::{HealthBand, Segment};

/// An account at one moment: its components' points (in `ComponentKind::ALL` order)
/// and the facts a cap could act on.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    pub account: String,
    pub segment: Segment,
    pub as_of: NaiveDate,
    pub points: [Option<u8>; 4],
    pub triggers: Triggers,
}

impl Moment {
    /// The score and band these rules give, as the score itself would: weighted points,
    /// then the caps. None when too little of the weight has points.
    pub fn score(&self, rules: &HealthRules) -> Option<(u8, HealthBand)> {
        let score = combine(self.points, rules.weights_for(self.segment))?;
        let bands = rules.bands_for(self.segment);
        let (score, _) = caps::apply(score, &bands, &rules.caps, &self.triggers, self.as_of);
        Some((score, bands.band(score)))
    }
}

/// A contract that ended, and the account as it stood some days before the end.
#[derive(Debug, Clone, PartialEq)]
pub struct Ended {
    pub moment: Moment,
    pub ended_on: NaiveDate,
    pub churned: bool,
}

/// An active account today, with what it is worth and when it renews: the lab shows
/// how many change band and how the ARR at risk moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Active {
    pub id: i64,
    pub moment: Moment,
    pub arr: f64,
    pub renewal_in_days: Option<i64>,
}

/// What the lab works on: the ended contracts and today's accounts, gathered once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lab {
    pub horizon_days: u32,
    pub ended: Vec<Ended>,
    pub active: Vec<Active>,
    /// Ended contracts the book's history did not reach back far enough to score.
    pub before_history: usize,
}

#[cfg(test)]
mod tests;
