//! How a score moved: the change against the score 30 and 90 days earlier.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// Points gained (positive) or lost over 30 and 90 days; None without a score then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Trend {
    pub delta_30d: Option<i16>,
    pub delta_90d: Option<i16>,
}

/// How far back the changes look, in days.
pub const TREND_DAYS: [i64; 2] = [30, 90];

/// How far before the wanted day an older score still counts.
pub const TREND_SLACK_DAYS: i64 = 14;

/// `current` against `history` (ascending by day): the latest score on or before 30
/// and 90 days ago, if it is no more than two weeks older than that.
pub fn trend(history: &[(NaiveDate, u8)], current: Option<u8>, as_of: NaiveDate) -> Trend {
    let delta = |back: i64| -> Option<i16> {
        let at = as_of - Duration::days(back);
        let upto = history.partition_point(|(d, _)| *d <= at);
        let (on, then) = upto.checked_sub(1).map(|i| history[i])?;
        if (at - on).num_days() > TREND_SLACK_DAYS {
            return None;
        }
        Some(i16::from(current?) - i16::from(then))
    };
    Trend {
        delta_30d: delta(30),
        delta_90d: delta(90),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn changes_are_against_the_scores_30_and_90_days_back() {
        let history = [(day(1, 1), 80), (day(2, 1), 70), (day(3, 1), 60)];
        let t = trend(&history, Some(52), day(4, 1));
        assert_eq!(t.delta_30d, Some(-8));
        assert_eq!(t.delta_90d, Some(-28));
    }

    #[test]
    fn a_score_too_old_or_missing_gives_no_change() {
        let history = [(day(1, 1), 80)];
        let t = trend(&history, Some(52), day(4, 1));
        assert_eq!(
            t,
            Trend {
                delta_30d: None,
                delta_90d: Some(-28)
            }
        );
        assert_eq!(trend(&history, None, day(4, 1)).delta_90d, None);
        assert_eq!(trend(&[], Some(50), day(4, 1)), Trend::default());
    }

    #[test]
    fn an_older_score_counts_for_two_weeks_and_a_newer_one_never() {
        // 30 days before 1 April is 2 March: 16 February is 14 days older, 15 February 15.
        let t = trend(&[(day(2, 16), 70), (day(3, 10), 90)], Some(60), day(4, 1));
        assert_eq!(t.delta_30d, Some(-10), "10 March is after 2 March");
        let t = trend(&[(day(2, 15), 70), (day(3, 10), 90)], Some(60), day(4, 1));
        assert_eq!(t.delta_30d, None);
        let t = trend(&[(day(3, 2), 30)], Some(60), day(4, 1));
        assert_eq!(t.delta_30d, Some(30), "a gain is positive");
    }
}
