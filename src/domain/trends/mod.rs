//! The team's figures over time, as a manager would rather look at them than read them:
//! gross and net retention per quarter against their targets, ARR by health band and
//! ARR at risk week by week, each month's frozen forecast against what the renewals did,
//! and each CSM's week (touches, tasks closed, accounts gone quiet). Every point carries
//! the numbers it was drawn from and says how it was worked out. Pure: the book hands in
//! the facts.

mod bands;
mod retention;
mod week;
mod workload;

#[cfg(test)]
mod tests;

pub use bands::{BandWeek, Scored, band_weeks};
pub use retention::{QuarterRetention, Targets, quarters};
pub use week::Week;
pub use workload::{Held, Load, Touch, Workload, WorkloadFacts, workload};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::renewal::Accuracy;

/// How many quarters of retention the pictures show.
pub const QUARTERS: usize = 8;
/// How many weeks of bands, risk and workload.
pub const WEEKS: usize = 26;
/// How many months of forecast against actual.
pub const MONTHS: usize = 12;

/// Everything the pictures draw, as of one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trends {
    pub as_of: NaiveDate,
    /// Whose book: a CSM's name, or None for the team's.
    pub owner: Option<String>,
    pub targets: Targets,
    /// Oldest first; the last is this quarter so far.
    pub retention: Vec<QuarterRetention>,
    /// Oldest first; the last is this week so far.
    pub bands: Vec<BandWeek>,
    /// Each month's frozen forecast against the outcomes, oldest first, this month last.
    pub forecast: Vec<Accuracy>,
    /// A row per CSM, then the team's (owner None).
    pub workload: Vec<Workload>,
}

/// "(forecast $1.2M against actual $1.1M: 14 of 16 closed renewals called right)".
pub fn forecast_workings(a: &Accuracy) -> String {
    use crate::domain::Money;
    if a.closed == 0 {
        return format!(
            "{}: {} renewals forecast, none closed yet",
            a.period, a.forecast
        );
    }
    format!(
        "{}: forecast {} against actual {} over {} closed renewals ({} of {} called right{})",
        a.period,
        Money::usd(a.forecast_arr_cents).short(),
        Money::usd(a.actual_arr_cents).short(),
        a.closed,
        a.category_hits,
        a.closed,
        a.arr_accuracy.map_or(String::new(), |x| format!(
            ", ARR {:.0}% accurate",
            x * 100.0
        ))
    )
}
