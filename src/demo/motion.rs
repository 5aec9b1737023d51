//! The demo's renewal motions: for every open renewal inside 120 days (or overdue), the
//! checklist steps a CSM would have ticked by now. Most renewals are on track; about a
//! fifth were neglected and run behind, as in a real book.

use chrono::NaiveDate;
use fastrand::Rng;
use rusqlite::{Transaction, params};

use crate::book::BookError;
use crate::domain::renewal::{Stage, Step, Window, days_until};

/// Ticks the steps of each open renewal in `tx`; returns how many were ticked.
pub fn tick_motions(tx: &Transaction<'_>, today: NaiveDate, seed: u64) -> Result<usize, BookError> {
    let mut open = tx.prepare(
        "SELECT c.id, c.ends_on FROM contracts c JOIN accounts a ON a.id = c.account_id
         WHERE c.outcome IS NULL AND a.churned_on IS NULL",
    )?;
    let renewals: Vec<(i64, String)> = open
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO renewal_steps (contract_id, step, done_on, done_by)
         VALUES (?1, ?2, ?3, 'csm demo')",
    )?;
    let mut ticked = 0;
    for (contract, ends_on) in renewals {
        let Ok(ends_on) = ends_on.parse::<NaiveDate>() else {
            continue;
        };
        let days = days_until(ends_on, today);
        let Some(now) = Stage::for_window(Window::of(days)) else {
            continue;
        };
        let mut rng = Rng::with_seed(super::mix(seed ^ 0x4D07, contract as u64));
        let neglected = rng.f64() < 0.2;
        // How far into the current stage's 30 days this renewal is.
        let into_stage = ((stage_opens(now) - days) as f64 / 30.0).clamp(0.0, 1.0);
        for step in Step::ALL {
            let chance = match step.stage() {
                s if s < now && neglected => 0.35,
                s if s < now => 0.98,
                s if s == now => into_stage * if neglected { 0.3 } else { 0.9 },
                _ => 0.0,
            };
            if rng.f64() < chance {
                // Ticked a few days into the stage it belongs to.
                let opened = ends_on - chrono::Duration::days(stage_opens(step.stage()));
                let on = (opened + chrono::Duration::days(rng.i64(2..=20))).min(today);
                ticked += insert.execute(params![contract, step.as_str(), on.to_string()])?;
            }
        }
    }
    Ok(ticked)
}

/// Days before the renewal that a stage opens.
fn stage_opens(stage: Stage) -> i64 {
    match stage {
        Stage::Strategy => 120,
        Stage::ValueReview => 90,
        Stage::Proposal => 60,
        Stage::Finalization => 30,
    }
}
