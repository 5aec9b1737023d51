//! Writing churn events: each names an account that left on a day, for a reason. The
//! account is marked churned on that day, and the term that was open then takes the
//! churned outcome (no ARR after), with the reason and what the customer said.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{AccountIds, ChurnIn, Counts, Problem, unknown_account};
use crate::book::BookError;

pub(super) fn churn(
    tx: &Transaction<'_>,
    rows: &[ChurnIn],
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let ids = AccountIds::load(tx)?;
    for row in rows {
        let Some(account) = ids.find(&row.account) else {
            problems.push(unknown_account(row.line, row.account_column, &row.account));
            continue;
        };
        let on = row.churned_on.to_string();
        let marked = tx.execute(
            "UPDATE accounts SET churned_on = ?2 WHERE id = ?1 AND churned_on IS NOT ?2",
            params![account, on],
        )?;
        // The term in force that day: the latest open one that had started.
        let term: Option<i64> = tx
            .query_row(
                "SELECT id FROM contracts WHERE account_id = ?1 AND starts_on <= ?2
                   AND (outcome IS NULL OR outcome = 'churned')
                 ORDER BY ends_on DESC LIMIT 1",
                params![account, on],
                |r| r.get(0),
            )
            .optional()?;
        let outcome = match term {
            Some(id) => tx.execute(
                "UPDATE contracts SET outcome = 'churned', outcome_on = ?2, outcome_arr_cents = 0,
                     outcome_reason = coalesce(?3, outcome_reason),
                     outcome_note = coalesce(?4, outcome_note)
                 WHERE id = ?1 AND (outcome IS NOT 'churned' OR outcome_on IS NOT ?2
                     OR outcome_reason IS NOT coalesce(?3, outcome_reason)
                     OR outcome_note IS NOT coalesce(?4, outcome_note))",
                params![id, on, row.reason, row.feedback],
            )?,
            None => 0,
        };
        if marked + outcome > 0 {
            counts.updated += 1;
        } else {
            counts.unchanged += 1;
        }
    }
    Ok(())
}
