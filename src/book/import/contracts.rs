//! Writing contract terms: each upserted by external id with its forecast and outcome
//! when the file has them; an account without ARR of its own takes its latest open
//! term's.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{AccountIds, ContractIn, Counts, ImportRules, Problem, unknown_account};
use crate::book::BookError;

/// A contract's account, start, end, ARR cents and currency, forecast (category,
/// confidence, ARR cents) and outcome (kind, day, ARR cents).
type ContractValues = (
    i64,
    String,
    String,
    i64,
    String,
    (Option<String>, Option<String>, Option<i64>),
    (Option<String>, Option<String>, Option<i64>),
);

pub(super) fn contracts(
    tx: &Transaction<'_>,
    rows: &[ContractIn],
    rules: &ImportRules,
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let ids = AccountIds::load(tx)?;
    let mut touched = Vec::new();
    let mut seats: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    for row in rows {
        let found = ids
            .find(&row.account)
            .or_else(|| row.account_name.as_deref().and_then(|n| ids.find(n)));
        let Some(account) = found else {
            problems.push(unknown_account(row.line, row.account_column, &row.account));
            continue;
        };
        if row.trial {
            tx.execute(
                "INSERT INTO trials (external_id, account_id, starts_on, ends_on)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (external_id) DO UPDATE SET account_id = ?2, starts_on = ?3, ends_on = ?4",
                params![
                    row.external_id,
                    account,
                    row.starts_on.to_string(),
                    row.ends_on.to_string()
                ],
            )?;
            continue;
        }
        touched.push(account);
        if let (Some(n), None) = (row.seats, &row.outcome) {
            *seats.entry(account).or_default() += n;
        }
        let now: ContractValues = (
            account,
            row.starts_on.to_string(),
            row.ends_on.to_string(),
            row.arr.cents,
            row.arr.currency.code().to_string(),
            match &row.forecast {
                Some((c, f, m)) => (
                    Some(c.as_str().into()),
                    Some(f.as_str().into()),
                    Some(m.cents),
                ),
                None => (None, None, None),
            },
            match &row.outcome {
                Some((k, on, m)) => (Some(k.as_str().into()), Some(on.to_string()), Some(m.cents)),
                None => (None, None, None),
            },
        );
        let was: Option<(i64, ContractValues)> = tx
            .query_row(
                "SELECT id, account_id, starts_on, ends_on, arr_cents, currency,
                        forecast_category, forecast_confidence, forecast_arr_cents,
                        outcome, outcome_on, outcome_arr_cents
                 FROM contracts WHERE external_id = ?1",
                [&row.external_id],
                |r| {
                    Ok((
                        r.get(0)?,
                        (
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            (r.get(6)?, r.get(7)?, r.get(8)?),
                            (r.get(9)?, r.get(10)?, r.get(11)?),
                        ),
                    ))
                },
            )
            .optional()?;
        // A file without forecast or outcome columns keeps what the book has.
        let now = match &was {
            Some((_, w)) => (
                now.0,
                now.1,
                now.2,
                now.3,
                now.4,
                if row.forecast.is_some() {
                    now.5
                } else {
                    w.5.clone()
                },
                if row.outcome.is_some() {
                    now.6
                } else {
                    w.6.clone()
                },
            ),
            None => now,
        };
        match was {
            Some((_, was)) if was == now => counts.unchanged += 1,
            Some((id, _)) => {
                tx.execute(
                    "UPDATE contracts SET account_id = ?1, starts_on = ?2, ends_on = ?3,
                         arr_cents = ?4, currency = ?5, forecast_category = ?6,
                         forecast_confidence = ?7, forecast_arr_cents = ?8, outcome = ?9,
                         outcome_on = ?10, outcome_arr_cents = ?11
                     WHERE id = ?12",
                    params![
                        now.0, now.1, now.2, now.3, now.4, now.5.0, now.5.1, now.5.2, now.6.0,
                        now.6.1, now.6.2, id
                    ],
                )?;
                counts.updated += 1;
            }
            None => {
                tx.execute(
                    "INSERT INTO contracts (account_id, starts_on, ends_on, arr_cents, currency,
                         forecast_category, forecast_confidence, forecast_arr_cents, outcome,
                         outcome_on, outcome_arr_cents, external_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        now.0,
                        now.1,
                        now.2,
                        now.3,
                        now.4,
                        now.5.0,
                        now.5.1,
                        now.5.2,
                        now.6.0,
                        now.6.1,
                        now.6.2,
                        row.external_id
                    ],
                )?;
                counts.inserted += 1;
            }
        }
    }
    // An account without seats of its own takes its open subscriptions' quantities.
    let mut seated = tx.prepare(
        "UPDATE accounts SET licensed_seats = ?2 WHERE id = ?1 AND licensed_seats IS NULL",
    )?;
    for (account, n) in &seats {
        seated.execute(params![account, n])?;
    }
    let mut why = tx.prepare(
        "UPDATE contracts SET outcome_reason = ?2 WHERE external_id = ?1
           AND outcome_reason IS NOT ?2",
    )?;
    for r in rows.iter().filter(|r| r.outcome_reason.is_some()) {
        why.execute(params![r.external_id, r.outcome_reason])?;
    }
    // An account's ARR is what its terms in force add up to (its subscriptions, each a
    // term): the open terms no later open term follows. An account with no ARR of its own
    // takes it; one whose segment the ARR bands gave is tiered again by it.
    let mut in_force = tx.prepare(
        "SELECT coalesce(sum(c.arr_cents), 0), max(c.currency) FROM contracts c
         WHERE c.account_id = ?1 AND c.outcome IS NULL
           AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.account_id = c.account_id
                           AND n.outcome IS NULL AND n.id <> c.id AND n.starts_on >= c.ends_on)",
    )?;
    let mut account =
        tx.prepare("SELECT arr_cents, segment, segment_by FROM accounts WHERE id = ?1")?;
    let mut set = tx
        .prepare("UPDATE accounts SET arr_cents = ?2, currency = ?3, segment = ?4 WHERE id = ?1")?;
    touched.sort_unstable();
    touched.dedup();
    // An account all of whose terms churned has churned, on the last of those days.
    let mut gone = tx.prepare(
        "UPDATE accounts SET churned_on = (
             SELECT max(outcome_on) FROM contracts WHERE account_id = ?1 AND outcome = 'churned')
         WHERE id = ?1 AND churned_on IS NULL
           AND EXISTS (SELECT 1 FROM contracts WHERE account_id = ?1 AND outcome = 'churned')
           AND NOT EXISTS (SELECT 1 FROM contracts WHERE account_id = ?1 AND outcome IS NULL)",
    )?;
    for id in &touched {
        if gone.execute([id])? > 0 {
            counts.note("churned: every term of the account ended in a churn");
        }
    }
    for id in touched {
        let (sum, currency): (i64, Option<String>) =
            in_force.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let Some(currency) = currency.filter(|_| sum > 0) else {
            continue;
        };
        let (arr, segment, by): (i64, String, Option<String>) =
            account.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let tiered_by_arr = by.as_deref() == Some("arr");
        if arr != 0 && !tiered_by_arr {
            continue;
        }
        let now = if tiered_by_arr {
            let tiers = crate::domain::segments::SegmentTiers::default_for_arr(&rules.tiers);
            let again = tiers.segment_for(sum / 100).as_str();
            if again != segment {
                *counts
                    .segmented
                    .entry("tiered again by the ARR of their contracts ([segments] bands)")
                    .or_default() += 1;
            }
            again.to_string()
        } else {
            segment
        };
        set.execute(params![id, sum, currency, now])?;
    }
    Ok(())
}
