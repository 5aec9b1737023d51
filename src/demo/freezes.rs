//! The demo's forecast history: the forecasts each CSM had made for the renewals that
//! closed in the twelve months before today's, frozen at the start of each month as the
//! cockpit freezes them, so accuracy per CSM has a past to read. Each CSM calls their
//! renewals their own way: one reads them well, one is hopeful (a churn called a
//! renewal), one is careful (a renewal called a downsell).

use chrono::{Datelike, Months, NaiveDate};
use fastrand::Rng;
use rusqlite::{Transaction, params};

use crate::book::BookError;
use crate::book::renewals::freeze::period_of;

/// How a CSM's calls miss.
#[derive(Clone, Copy)]
enum Style {
    Sound,
    Hopeful,
    Careful,
}

/// Freezes a forecast for every contract that closed in the twelve months before
/// `today`'s month, as its CSM would have called it when that month began.
pub fn freezes(tx: &Transaction<'_>, today: NaiveDate, seed: u64) -> Result<(), BookError> {
    let mut rng = Rng::with_seed(seed ^ 0xf0ec_a575);
    let this_month = today.with_day(1).unwrap_or(today);
    let from = this_month - Months::new(12);
    let closed: Vec<(i64, Option<i64>, String, String, i64, String)> = tx
        .prepare(
            "SELECT c.id, a.owner_id, c.ends_on, c.outcome, c.arr_cents, c.currency
             FROM contracts c JOIN accounts a ON a.id = c.account_id
             WHERE c.outcome IS NOT NULL AND c.ends_on >= ?1 AND c.ends_on < ?2
             ORDER BY c.id",
        )?
        .query_map(params![from.to_string(), this_month.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO forecast_freezes
             (period, contract_id, category, confidence, arr_cents, currency, frozen_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (id, owner, ends_on, outcome, arr, currency) in closed {
        let Ok(ends_on) = ends_on.parse::<NaiveDate>() else {
            continue;
        };
        let style = match owner.unwrap_or(0).rem_euclid(3) {
            0 => Style::Sound,
            1 => Style::Hopeful,
            _ => Style::Careful,
        };
        let truth = match outcome.as_str() {
            "renewed" => "renew",
            "upsold" => "upsell",
            "downsold" => "downsell",
            _ => "churn",
        };
        let missed = rng.f64()
            < match style {
                Style::Sound => 0.12,
                Style::Hopeful | Style::Careful => 0.35,
            };
        let category = match (missed, style, truth) {
            (false, ..) => truth,
            (true, Style::Hopeful, "churn" | "downsell") => "renew",
            (true, Style::Hopeful, _) => "upsell",
            (true, Style::Careful, "renew" | "upsell") => "downsell",
            (true, Style::Careful, _) => "churn",
            (true, Style::Sound, "renew") => "upsell",
            (true, Style::Sound, _) => "renew",
        };
        let forecast_arr = match category {
            "renew" => arr,
            "upsell" => arr + arr * rng.i64(10..=30) / 100,
            "downsell" => arr - arr * rng.i64(10..=30) / 100,
            _ => 0,
        };
        let confidence = match (category, rng.f64()) {
            ("churn", _) => "at_risk",
            (_, x) if x < 0.55 => "commit",
            (_, x) if x < 0.85 => "likely",
            _ => "at_risk",
        };
        let month = ends_on.with_day(1).unwrap_or(ends_on);
        insert.execute(params![
            period_of(ends_on),
            id,
            category,
            confidence,
            forecast_arr,
            currency,
            month.to_string()
        ])?;
    }
    Ok(())
}
