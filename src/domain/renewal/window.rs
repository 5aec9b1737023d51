//! Where a renewal stands in time: days until its date and the 120/90/60/30-day window
//! that tells which motion should be under way.

use chrono::NaiveDate;
use serde::Serialize;

/// A renewal's window, from its days until the renewal date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Window {
    /// Past its date without an outcome.
    #[serde(rename = "overdue")]
    Overdue,
    /// 0-30 days: contract finalization.
    #[serde(rename = "30")]
    Days30,
    /// 31-60 days: proposal and negotiation.
    #[serde(rename = "60")]
    Days60,
    /// 61-90 days: business review and value demonstration.
    #[serde(rename = "90")]
    Days90,
    /// 91-120 days: renewal strategy.
    #[serde(rename = "120")]
    Days120,
    /// Over 120 days away.
    #[serde(rename = "later")]
    Later,
}

impl Window {
    /// The windows shown as lanes, most urgent first.
    pub const LANES: [Window; 5] = [
        Window::Overdue,
        Window::Days30,
        Window::Days60,
        Window::Days90,
        Window::Days120,
    ];

    /// The window of a renewal `days_until` days away (negative: past).
    pub fn of(days_until: i64) -> Window {
        match days_until {
            ..0 => Window::Overdue,
            0..=30 => Window::Days30,
            31..=60 => Window::Days60,
            61..=90 => Window::Days90,
            91..=120 => Window::Days120,
            _ => Window::Later,
        }
    }

    /// The stored and JSON spelling: `overdue`, `30`, `60`, `90`, `120`, `later`.
    pub fn as_str(self) -> &'static str {
        match self {
            Window::Overdue => "overdue",
            Window::Days30 => "30",
            Window::Days60 => "60",
            Window::Days90 => "90",
            Window::Days120 => "120",
            Window::Later => "later",
        }
    }

    /// The words shown to a person.
    pub fn label(self) -> &'static str {
        match self {
            Window::Overdue => "overdue",
            Window::Days30 => "30 days",
            Window::Days60 => "60 days",
            Window::Days90 => "90 days",
            Window::Days120 => "120 days",
            Window::Later => "later",
        }
    }

    /// Reads `overdue`, `30`, `60`, `90`, `120` or `later`.
    pub fn parse(text: &str) -> Option<Window> {
        [
            Window::Overdue,
            Window::Days30,
            Window::Days60,
            Window::Days90,
            Window::Days120,
            Window::Later,
        ]
        .into_iter()
        .find(|w| w.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// Days from `today` to `renewal_on`: 0 on the day, negative once past.
pub fn days_until(renewal_on: NaiveDate, today: NaiveDate) -> i64 {
    (renewal_on - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_boundary_falls_in_the_window_the_motions_expect() {
        let cases = [
            (-1, Window::Overdue),
            (0, Window::Days30),
            (30, Window::Days30),
            (31, Window::Days60),
            (60, Window::Days60),
            (61, Window::Days90),
            (90, Window::Days90),
            (91, Window::Days120),
            (120, Window::Days120),
            (121, Window::Later),
        ];
        for (days, window) in cases {
            assert_eq!(Window::of(days), window, "{days} days");
        }
    }

    #[test]
    fn a_renewal_today_is_in_the_30_day_window_not_overdue() {
        let today = day("2026-03-01");
        assert_eq!(days_until(today, today), 0);
        assert_eq!(Window::of(days_until(today, today)), Window::Days30);
        assert_eq!(
            Window::of(days_until(day("2026-02-28"), today)),
            Window::Overdue
        );
    }

    #[test]
    fn days_count_the_leap_day() {
        // 2028 is a leap year: February has 29 days.
        assert_eq!(days_until(day("2028-03-01"), day("2028-02-01")), 29);
        assert_eq!(days_until(day("2027-03-01"), day("2027-02-01")), 28);
        // 30 days before 2028-03-30 is 2028-02-29, still the 30-day window.
        assert_eq!(days_until(day("2028-03-30"), day("2028-02-29")), 30);
        assert_eq!(
            Window::of(days_until(day("2028-03-31"), day("2028-02-29"))),
            Window::Days60
        );
    }

    #[test]
    fn windows_read_back_from_their_spelling() {
        for w in Window::LANES.into_iter().chain([Window::Later]) {
            assert_eq!(Window::parse(w.as_str()), Some(w));
        }
        assert_eq!(Window::parse("45"), None);
    }
}
