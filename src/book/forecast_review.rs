//! The forecast review a manager runs weekly: this quarter's and next quarter's open
//! renewals rolled up per CSM and for the team, from one pass over the renewals.

use chrono::NaiveDate;

use super::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::domain::metrics::{Grain, Period};
use crate::domain::renewal::{Due, Rollup, rollup};

/// A quarter's roll-up.
#[derive(Debug, Clone)]
pub struct QuarterReview {
    pub quarter: Period,
    /// Per CSM, largest ARR due first, then the team.
    pub rows: Vec<Rollup>,
}

impl Book {
    /// This quarter's and next quarter's open renewals (overdue ones of this quarter
    /// too), rolled up per CSM as of `today`.
    pub fn forecast_review(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
    ) -> Result<[QuarterReview; 2], BookError> {
        let this = Period::holding(Grain::Quarter, today);
        let next = Period::holding(Grain::Quarter, this.end);
        let mut due: [Vec<Due>; 2] = [Vec::new(), Vec::new()];
        self.each_renewal(rules, today, Some(next.end), |r| {
            let Some(on) = r.renewal_on else { return };
            let at = if this.contains(on) {
                0
            } else if next.contains(on) {
                1
            } else {
                return;
            };
            due[at].push(Due {
                owner: r.owner.clone(),
                arr_cents: r.arr.cents,
                forecast: r.forecast.clone(),
                suggested_cents: r.suggestion.arr.cents,
            });
        })?;
        let [a, b] = due;
        Ok([
            QuarterReview {
                quarter: this,
                rows: rollup(&a),
            },
            QuarterReview {
                quarter: next,
                rows: rollup(&b),
            },
        ])
    }
}
