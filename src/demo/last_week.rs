//! The demo's forecast review of a week before its today, kept as the cockpit keeps
//! one, so that the review has a week's moves to show: a week back, one renewal in six
//! was called differently (not yet called, or a notch less sure) and the CSMs have
//! caught up since; the renewals closed during the week were still open.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

use crate::book::forecast_kept::{A_WEEK, KeptQuarter, KeptReview};
use crate::book::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::domain::renewal::{Due, rollup};
use crate::domain::vocab::ForecastConfidence;

/// Keeps the review of `today` a week back, as described above.
pub fn keep_last_weeks_review(
    book: &mut Book,
    rules: &HealthRules,
    today: NaiveDate,
    seed: u64,
) -> Result<(), BookError> {
    let week_ago = today - Duration::days(A_WEEK);
    let (quarters, dues) = book.quarter_dues(rules, week_ago)?;
    let mut rng = Rng::with_seed(seed ^ 0x1a57_3eed);
    let quarters = quarters
        .iter()
        .zip(dues)
        .map(|(q, due)| {
            let due: Vec<Due> = due
                .into_iter()
                .map(|d| {
                    if rng.u8(..6) == 0 {
                        back_then(d, &mut rng)
                    } else {
                        d
                    }
                })
                .collect();
            KeptQuarter {
                quarter: q.name(),
                rows: rollup(&due),
            }
        })
        .collect();
    book.keep_review(KeptReview {
        as_of: week_ago,
        quarters,
    })
}

/// The renewal as called a week back: not yet, or a notch less sure.
fn back_then(mut d: Due, rng: &mut Rng) -> Due {
    if let Some(f) = d.forecast.as_mut() {
        match f.confidence {
            ForecastConfidence::Commit => f.confidence = ForecastConfidence::Likely,
            ForecastConfidence::Likely if rng.bool() => f.confidence = ForecastConfidence::AtRisk,
            _ => d.forecast = None,
        }
    }
    d
}
