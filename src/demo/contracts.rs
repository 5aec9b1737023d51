//! A demo account's contract terms: past ones with the renewal outcome their health
//! earned (renewed, upsold, downsold, churned), then the open one whose end is the
//! renewal date, carrying the CSM's forecast when the renewal is near.

use chrono::Duration;
use fastrand::Rng;

use super::profile::{Profile, Shape};
use crate::domain::Money;
use crate::domain::records::{Contract, Forecast, Outcome};
use crate::domain::vocab::*;

/// Fills `out` with the account's terms, oldest first: past ones with outcomes, then the
/// open one (none for a churned account, whose last term ended in churn).
pub fn contracts(p: &Profile, rng: &mut Rng, out: &mut Vec<Contract>) {
    out.clear();
    let mut terms = 1;
    while p.term_end(terms) > p.started_on {
        terms += 1;
    }
    // Walk back from today's ARR to what each earlier term was worth.
    let mut arr = p.arr_cents;
    for t in (0..terms).rev() {
        let ends_on = p.term_end(terms - 1 - t);
        let starts_on = p.term_end(terms - t);
        let last = t == terms - 1;
        let outcome = if last {
            p.churned_on().map(|on| {
                let (reason, said) = p.loss(true, 0);
                Outcome {
                    kind: RenewalOutcome::Churned,
                    on,
                    arr: Money::usd(0),
                    reason: Some(reason.into()),
                    note: Some(said.into()),
                }
            })
        } else {
            let next_arr = arr;
            let kind = outcome_kind(p, rng, ends_on);
            arr = match kind {
                RenewalOutcome::Upsold => round(next_arr * 100 / (100 + rng.i64(10..=35))),
                RenewalOutcome::Downsold => round(next_arr * 100 / (100 - rng.i64(12..=35))),
                _ => next_arr,
            };
            // Renewals are signed in the last weeks of a term; downsells go to the wire.
            let early = match kind {
                RenewalOutcome::Downsold => rng.i64(0..=5),
                _ => rng.i64(0..=21),
            };
            let (reason, note) = match kind {
                RenewalOutcome::Downsold => {
                    let (reason, said) = p.loss(false, t as usize);
                    (Some(reason.into()), Some(said.into()))
                }
                _ => (None, None),
            };
            Some(Outcome {
                kind,
                on: ends_on - Duration::days(early),
                arr: Money::usd(next_arr),
                reason,
                note,
            })
        };
        let forecast = if last && outcome.is_none() {
            forecast(p, rng, arr)
        } else {
            None
        };
        out.push(Contract {
            external_id: format!("ctr-{:06}-{}", p.index, t + 1),
            starts_on,
            ends_on,
            arr: Money::usd(arr),
            forecast,
            outcome,
        });
    }
    out.reverse();
}

/// What a past renewal did, from the account's health in the quarter before it ended.
fn outcome_kind(p: &Profile, rng: &mut Rng, ends_on: chrono::NaiveDate) -> RenewalOutcome {
    let health = (p.health(ends_on - Duration::days(120))
        + p.health(ends_on - Duration::days(90))
        + p.health(ends_on - Duration::days(60)))
        / 3.0;
    let r = rng.f64();
    if health < 0.75 {
        // A rough quarter: most shrink, some hold on.
        if r < 0.65 {
            RenewalOutcome::Downsold
        } else {
            RenewalOutcome::Renewed
        }
    } else if r < 0.025 {
        // Budget cuts happen to happy customers too.
        RenewalOutcome::Downsold
    } else if r < 0.025 + upsell_chance(p) {
        RenewalOutcome::Upsold
    } else {
        RenewalOutcome::Renewed
    }
}

fn upsell_chance(p: &Profile) -> f64 {
    let crowded = p.base_utilisation > 0.8;
    match (p.shape, crowded) {
        (Shape::Growing { .. }, _) => 0.4,
        (_, true) => 0.3,
        _ => 0.12,
    }
}

/// Contract values round to $100.
fn round(cents: i64) -> i64 {
    (cents / 10_000).max(1) * 10_000
}

/// About half the renewals inside 120 days carry the CSM's forecast, in line with how the
/// account is doing; a few further out have one too.
fn forecast(p: &Profile, rng: &mut Rng, arr: i64) -> Option<Forecast> {
    let days = (p.renewal_on - p.today).num_days();
    let chance = if days <= 120 { 0.55 } else { 0.08 };
    if rng.f64() >= chance {
        return None;
    }
    use ForecastCategory as C;
    use ForecastConfidence as F;
    let r = rng.f64();
    let (category, confidence, percent) = match p.shape {
        Shape::Declining { .. } if r < 0.30 => (C::Churn, F::AtRisk, 0),
        Shape::Declining { .. } if r < 0.65 => (C::Downsell, F::AtRisk, 100 - rng.i64(15..=35)),
        Shape::Declining { .. } => (C::Renew, F::AtRisk, 100),
        Shape::Recovering { .. } if r < 0.3 => (C::Renew, F::AtRisk, 100),
        Shape::Growing { .. } if r < 0.6 => (C::Upsell, F::Likely, 100 + rng.i64(10..=30)),
        Shape::Healthy if r < 0.2 => (C::Upsell, F::Likely, 100 + rng.i64(5..=20)),
        _ if r < 0.65 && days <= 60 => (C::Renew, F::Commit, 100),
        _ => (C::Renew, F::Likely, 100),
    };
    Some(Forecast {
        category,
        confidence,
        arr: Money::usd(if percent == 0 {
            0
        } else {
            round(arr * percent / 100)
        }),
    })
}
