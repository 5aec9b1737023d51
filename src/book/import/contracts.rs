//! Writing contract terms: each upserted by external id with its forecast and outcome
//! when the file has them; an account without ARR of its own takes its latest open
//! term's.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{AccountIds, ContractIn, Counts, Problem, unknown_account};
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
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let ids = AccountIds::load(tx)?;
    let mut touched = Vec::new();
    for row in rows {
        let Some(account) = ids.find(&row.account) else {
            problems.push(unknown_account(row.line, row.account_column, &row.account));
            continue;
        };
        touched.push(account);
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
    // An account whose own file had no ARR takes its latest open term's.
    let mut arr = tx.prepare(
        "UPDATE accounts SET (arr_cents, currency) = (
             SELECT arr_cents, currency FROM contracts c
             WHERE c.account_id = accounts.id AND c.outcome IS NULL
             ORDER BY ends_on DESC LIMIT 1)
         WHERE id = ?1 AND arr_cents = 0
           AND EXISTS (SELECT 1 FROM contracts c WHERE c.account_id = ?1 AND c.outcome IS NULL)",
    )?;
    touched.sort_unstable();
    touched.dedup();
    for account in touched {
        arr.execute([account])?;
    }
    Ok(())
}
