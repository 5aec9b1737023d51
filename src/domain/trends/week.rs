//! Weeks as the pictures count them: Monday to Sunday, the last one running to today.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// A week: its Monday, and the day its figures are read on (its Sunday, or today for
/// the week under way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Week {
    pub starts_on: NaiveDate,
    pub as_of: NaiveDate,
}

impl Week {
    /// The week holding `day`, read on `day` if it is not over by then.
    pub fn holding(day: NaiveDate, today: NaiveDate) -> Week {
        let starts_on = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        Week {
            starts_on,
            as_of: (starts_on + Duration::days(6)).min(today),
        }
    }

    /// The last `n` weeks up to the one holding `today`, oldest first.
    pub fn last(today: NaiveDate, n: usize) -> Vec<Week> {
        let this = Week::holding(today, today);
        (0..n)
            .rev()
            .map(|back| Week::holding(this.starts_on - Duration::weeks(back as i64), today))
            .collect()
    }

    /// Whether `day` falls in the week, up to the day it is read on.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.starts_on <= day && day <= self.as_of
    }

    /// "03-02": the Monday, as an axis reads it.
    pub fn label(self) -> String {
        self.starts_on.format("%m-%d").to_string()
    }
}
