//! The forecast reviews of the last three weeks, one a day as last looked at, kept in
//! `book_meta` so that the next review says what moved since the one a week before it.
//! Derived data, written outside the journal and never waited for.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::forecast_review::QuarterReview;
use super::{Book, BookError};
use crate::domain::renewal::Rollup;

/// The `book_meta` key they are kept under.
const FORECAST_REVIEWS: &str = "forecast_reviews";
/// How many days of reviews are kept.
const KEEP_DAYS: i64 = 21;
/// A review is compared with the latest kept at least this many days before it.
pub const A_WEEK: i64 = 7;

/// One day's review, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptReview {
    pub as_of: NaiveDate,
    pub quarters: Vec<KeptQuarter>,
}

/// A quarter of a kept review: its name ("2026-Q1") and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptQuarter {
    pub quarter: String,
    pub rows: Vec<Rollup>,
}

impl KeptReview {
    pub fn of(as_of: NaiveDate, quarters: &[QuarterReview]) -> KeptReview {
        KeptReview {
            as_of,
            quarters: quarters
                .iter()
                .map(|q| KeptQuarter {
                    quarter: q.quarter.name(),
                    rows: q.rows.clone(),
                })
                .collect(),
        }
    }

    /// The kept rows of a quarter, by its name.
    pub fn quarter(&self, name: &str) -> Option<&[Rollup]> {
        self.quarters
            .iter()
            .find(|q| q.quarter == name)
            .map(|q| q.rows.as_slice())
    }
}

impl Book {
    /// The reviews kept, oldest first; none if they no longer read (a book written by
    /// another version of csm).
    pub fn kept_reviews(&self) -> Result<Vec<KeptReview>, BookError> {
        Ok(self
            .meta(FORECAST_REVIEWS)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }

    /// The latest review kept at least a week before `today`.
    pub fn review_a_week_before(&self, today: NaiveDate) -> Result<Option<KeptReview>, BookError> {
        let by = today - Duration::days(A_WEEK);
        Ok(self.kept_reviews()?.into_iter().rfind(|r| r.as_of <= by))
    }

    /// Keeps `review` as `today`'s, in place of an earlier one of the same day, and lets
    /// go of those older than three weeks (but never of the one a week back), if no one
    /// else is writing the book this moment. Unchanged, nothing is written.
    pub fn keep_review(&mut self, review: KeptReview) -> Result<(), BookError> {
        let today = review.as_of;
        let mut kept = self.kept_reviews()?;
        let week_back = kept
            .iter()
            .rposition(|r| r.as_of <= today - Duration::days(A_WEEK));
        let mut at = 0;
        kept.retain(|r| {
            let keep = r.as_of != today
                && (r.as_of > today - Duration::days(KEEP_DAYS) || Some(at) == week_back);
            at += 1;
            keep
        });
        kept.push(review);
        kept.sort_by_key(|r| r.as_of);
        let json = serde_json::to_string(&kept)
            .map_err(|e| BookError::Invalid(format!("the forecast reviews: {e}")))?;
        self.keep_meta_if_free(FORECAST_REVIEWS, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(on: &str, due_k: i64) -> KeptReview {
        let mut team = Rollup::default();
        team.due.count = 1;
        team.due.arr_cents = due_k * 100_000;
        KeptReview {
            as_of: on.parse().unwrap(),
            quarters: vec![KeptQuarter {
                quarter: "2026-Q1".into(),
                rows: vec![team],
            }],
        }
    }

    #[test]
    fn a_review_is_set_against_the_latest_kept_a_week_or_more_before() {
        let mut book = Book::open_in_memory().unwrap();
        let today: NaiveDate = "2026-03-01".parse().unwrap();
        assert_eq!(book.review_a_week_before(today).unwrap(), None);
        for (on, k) in [
            ("2026-02-01", 1),
            ("2026-02-20", 2),
            ("2026-02-22", 3),
            ("2026-02-23", 4),
            ("2026-02-23", 5),
        ] {
            book.keep_review(review(on, k)).unwrap();
        }
        let kept = book.kept_reviews().unwrap();
        let days: Vec<String> = kept.iter().map(|r| r.as_of.to_string()).collect();
        assert_eq!(
            days,
            ["2026-02-01", "2026-02-20", "2026-02-22", "2026-02-23"]
        );
        assert_eq!(
            kept[3].quarters[0].rows[0].due.arr_cents, 500_000,
            "the day's latest"
        );
        let back = book.review_a_week_before(today).unwrap().unwrap();
        assert_eq!(back.as_of.to_string(), "2026-02-22");
        // Three weeks on, the old ones go, but the one a week back stays.
        book.keep_review(review("2026-03-20", 6)).unwrap();
        let days: Vec<String> = book
            .kept_reviews()
            .unwrap()
            .iter()
            .map(|r| r.as_of.to_string())
            .collect();
        assert_eq!(days, ["2026-02-23", "2026-03-20"]);
    }
}
