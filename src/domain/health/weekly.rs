//! The score week by week, for a sparkline: the last 26 weeks (Monday to Sunday), oldest
//! first, kept up to date one recompute at a time so no recompute rereads the history.

use chrono::{Datelike, Duration, NaiveDate};

/// How many weeks the series keeps.
pub const WEEKS: usize = 26;

/// The week's Monday.
fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Weekly scores whose last entry is the week of `last_on`; `None` for a week with no
/// recompute.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Weekly {
    pub last_on: Option<NaiveDate>,
    pub scores: Vec<Option<u8>>,
}

impl Weekly {
    /// Records the score of `day`: the same week replaces its entry, a later week moves
    /// the series on (weeks skipped stay empty), an earlier day starts the series over.
    pub fn record(&mut self, day: NaiveDate, score: Option<u8>) {
        let weeks = self
            .last_on
            .map(|last| (monday(day) - monday(last)).num_days() / 7);
        match weeks {
            Some(0) => {
                if let Some(last) = self.scores.last_mut() {
                    *last = score;
                } else {
                    self.scores.push(score);
                }
            }
            Some(n) if n > 0 => {
                let n = usize::try_from(n).unwrap_or(WEEKS).min(WEEKS);
                self.scores.extend(std::iter::repeat_n(None, n - 1));
                self.scores.push(score);
            }
            _ => {
                self.scores.clear();
                self.scores.push(score);
            }
        }
        let excess = self.scores.len().saturating_sub(WEEKS);
        self.scores.drain(..excess);
        self.last_on = Some(day);
    }

    /// The stored form: a byte per week, oldest first, [`NO_SCORE`] for a week without
    /// one.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.scores.iter().map(|s| s.unwrap_or(NO_SCORE)).collect()
    }

    /// Reads the stored form back.
    pub fn from_bytes(last_on: Option<NaiveDate>, bytes: &[u8]) -> Weekly {
        Weekly {
            last_on,
            scores: scores_from_bytes(bytes),
        }
    }

    /// Reads the comma-separated form books kept before the byte form (`71,70,,68`);
    /// anything unreadable is an empty week.
    pub fn from_text(last_on: Option<NaiveDate>, text: &str) -> Weekly {
        let scores = if text.is_empty() {
            Vec::new()
        } else {
            text.split(',').map(|s| s.parse().ok()).collect()
        };
        Weekly { last_on, scores }
    }
}

/// The byte of a week without a score (scores are 0-100).
pub const NO_SCORE: u8 = u8::MAX;

/// Weekly scores from their stored bytes.
fn scores_from_bytes(bytes: &[u8]) -> Vec<Option<u8>> {
    bytes.iter().map(|&b| (b <= 100).then_some(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_recompute_in_the_same_week_replaces_that_weeks_score() {
        let mut w = Weekly::default();
        w.record(day(2026, 3, 2), Some(70)); // a Monday
        w.record(day(2026, 3, 6), Some(64)); // Friday, same week
        assert_eq!(w.scores, vec![Some(64)]);
    }

    #[test]
    fn skipped_weeks_stay_empty_and_the_series_keeps_26_weeks() {
        let mut w = Weekly::default();
        w.record(day(2026, 3, 2), Some(70));
        w.record(day(2026, 3, 18), Some(60)); // two weeks later
        assert_eq!(w.scores, vec![Some(70), None, Some(60)]);
        assert_eq!(w.to_bytes(), [70, NO_SCORE, 60]);
        assert_eq!(Weekly::from_bytes(w.last_on, &w.to_bytes()), w);
        for week in 1..=30 {
            w.record(day(2026, 3, 18) + Duration::weeks(week), Some(50));
        }
        assert_eq!(w.scores.len(), WEEKS);
        assert!(w.scores.iter().all(|s| *s == Some(50)));
    }

    #[test]
    fn an_earlier_day_starts_over_and_the_older_text_form_reads_back() {
        let mut w = Weekly::from_text(Some(day(2026, 3, 18)), "70,,60");
        assert_eq!(w.scores, vec![Some(70), None, Some(60)]);
        w.record(day(2026, 1, 5), Some(80));
        assert_eq!(w.scores, vec![Some(80)]);
    }
}
