//! The forecast review a manager runs weekly: this quarter's and next quarter's open
//! renewals rolled up per CSM and for the team, from one pass over the renewals, with
//! what moved since the review a week before, and how each CSM's calls turned out over
//! the months before this one.

use chrono::NaiveDate;

use super::forecast_kept::KeptReview;
use super::{Book, BookError};
use crate::book::renewals::freeze::period_of;
use crate::domain::health::HealthRules;
use crate::domain::metrics::{Grain, Period};
use crate::domain::renewal::{Accuracy, Due, Moved, Rollup, moved, rollup};

/// Months of past calls a review sums up.
pub const CALL_MONTHS: usize = 6;

/// How one CSM's calls (or the team's, with no owner) turned out.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Calls {
    pub owner: Option<String>,
    /// The last [`CALL_MONTHS`] months before this one, as one.
    pub recent: Accuracy,
    /// Those months one by one, oldest first.
    pub months: Vec<Accuracy>,
}

/// A quarter's roll-up.
#[derive(Debug, Clone)]
pub struct QuarterReview {
    pub quarter: Period,
    /// Per CSM, largest ARR due first, then the team.
    pub rows: Vec<Rollup>,
    /// The day of the review a week or more before this one, if one was kept.
    pub since: Option<NaiveDate>,
    /// What moved in each row since then (empty with no review to set against).
    pub moved: Vec<Moved>,
}

impl QuarterReview {
    fn new(quarter: Period, rows: Vec<Rollup>, before: Option<&KeptReview>) -> QuarterReview {
        let kept = before.and_then(|b| Some((b.as_of, b.quarter(&quarter.name())?)));
        let moved = kept.map_or(Vec::new(), |(since, then)| {
            rows.iter()
                .map(|r| moved(r, then.iter().find(|t| t.owner == r.owner), since))
                .collect()
        });
        QuarterReview {
            quarter,
            rows,
            since: kept.map(|(since, _)| since),
            moved,
        }
    }

    /// What moved for the team since the review a week back, or that none was kept.
    pub fn since_words(&self) -> String {
        match (self.since, self.moved_of(None)) {
            (Some(since), Some(m)) => format!("Since the review of {since}: {}", m.words()),
            _ => "Since last week: no review kept from a week or more before; what moved shows from next week on."
                .into(),
        }
    }

    /// What moved in `owner`'s row (None: the team's).
    pub fn moved_of(&self, owner: Option<&str>) -> Option<&Moved> {
        self.moved.iter().find(|m| m.owner.as_deref() == owner)
    }
}

impl Book {
    /// This quarter's and next quarter's open renewals (overdue ones of this quarter
    /// too), rolled up per CSM as of `today`, with what moved since the review a week
    /// before.
    pub fn forecast_review(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
    ) -> Result<[QuarterReview; 2], BookError> {
        let ([this, next], [a, b]) = self.quarter_dues(rules, today)?;
        let before = self.review_a_week_before(today)?;
        Ok([
            QuarterReview::new(this, rollup(&a), before.as_ref()),
            QuarterReview::new(next, rollup(&b), before.as_ref()),
        ])
    }

    /// This quarter and the next as of `today`, and the renewals due in each as the
    /// roll-up counts them.
    pub fn quarter_dues(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
    ) -> Result<([Period; 2], [Vec<Due>; 2]), BookError> {
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
        Ok(([this, next], due))
    }

    /// Each CSM's frozen forecasts of the [`CALL_MONTHS`] months before `today`'s
    /// against what the renewals did, then the team's; CSMs with no calls left out
    /// (unowned accounts' renewals count in the team's only).
    pub fn calls_review(&self, today: NaiveDate) -> Result<Vec<Calls>, BookError> {
        let this = period_of(today);
        let recent = |months: &[Accuracy]| -> Vec<Accuracy> {
            let mut m: Vec<Accuracy> = months
                .iter()
                .filter(|a| a.period < this)
                .take(CALL_MONTHS)
                .cloned()
                .collect();
            m.reverse();
            m
        };
        let (team, owners) = self.forecast_accuracy_all()?;
        let mut out: Vec<Calls> = owners
            .into_iter()
            .map(|o| {
                let months = recent(&o.months);
                Calls {
                    owner: o.owner,
                    recent: Accuracy::over("recent", &months),
                    months,
                }
            })
            .filter(|c| c.owner.is_some() && c.recent.forecast > 0)
            .collect();
        let team = recent(&team);
        out.push(Calls {
            owner: None,
            recent: Accuracy::over("recent", &team),
            months: team,
        });
        Ok(out)
    }
}
