//! Writing weekly usage, set-based: staged in key order into a temporary table, then one
//! UPDATE and one INSERT.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Transaction;
use rusqlite::types::Value;

use super::{AccountIds, Counts, Problem, UsageIn, unknown_account};
use crate::book::BookError;
use crate::book::batch::Batch;

/// Weekly usage, set-based: the rows go to a temporary table first, then one INSERT
/// and one UPDATE move them (row-at-a-time statements each journal the pages they touch,
/// which made a million-row file four times slower).
pub(super) fn usage(
    tx: &Transaction<'_>,
    rows: &[UsageIn],
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let ids = AccountIds::load(tx)?;
    let mut seats: HashMap<i64, Option<i64>> = HashMap::new();
    // What stands for seats when neither the file nor the account has them.
    let mut most_active: HashMap<i64, i64> = HashMap::new();
    for row in rows.iter().filter(|r| r.licensed_seats.is_none()) {
        if let Some(account) = ids.find(&row.account) {
            let n = most_active.entry(account).or_default();
            *n = (*n).max(row.active_users);
        }
    }
    let mut weeks: HashMap<(i64, NaiveDate), usize> = HashMap::with_capacity(rows.len());
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.import_usage;
         CREATE TEMP TABLE import_usage (
             account_id INTEGER NOT NULL, week_start TEXT NOT NULL, active_users INTEGER NOT NULL,
             licensed_seats INTEGER NOT NULL, sessions INTEGER NOT NULL,
             key_features_used INTEGER NOT NULL);",
    )?;
    // The weeks to write, staged in the book's key order so that the statements below walk
    // `usage_weeks` front to back instead of seeking all over it.
    let mut staged: Vec<(i64, NaiveDate, i64, i64, i64, i64)> = Vec::with_capacity(rows.len());
    {
        for row in rows {
            let Some(account) = ids.find(&row.account) else {
                problems.push(unknown_account(row.line, row.account_column, &row.account));
                continue;
            };
            if let Some(first) = weeks.insert((account, row.week_start), row.line) {
                problems.push(Problem {
                    line: row.line,
                    column: row.account_column,
                    value: row.account.clone(),
                    expected: format!(
                        "one row per account and week; line {first} has the week of {} too",
                        row.week_start
                    ),
                });
                continue;
            }
            let licensed = match row.licensed_seats {
                Some(n) => Some(n),
                None => match seats.get(&account) {
                    Some(s) => *s,
                    None => {
                        let s: Option<i64> = tx.query_row(
                            "SELECT licensed_seats FROM accounts WHERE id = ?1",
                            [account],
                            |r| r.get(0),
                        )?;
                        seats.insert(account, s);
                        s
                    }
                },
            };
            let licensed = match licensed {
                Some(n) => n,
                None => {
                    counts.note(
                        "an account with no licensed seats known: its most active users in the file stand for its seats (import accounts or contracts with seats to correct it)",
                    );
                    *most_active.get(&account).unwrap_or(&row.active_users)
                }
            };
            staged.push((
                account,
                row.week_start,
                row.active_users,
                licensed,
                row.sessions,
                row.key_features_used,
            ));
        }
    }
    drop(weeks);
    staged.sort_unstable_by_key(|w| (w.0, w.1));
    let mut stage = Batch::new(
        "INSERT INTO temp.import_usage (account_id, week_start, active_users, licensed_seats,
             sessions, key_features_used)",
        6,
    );
    for (account, week, users, seats, sessions, features) in staged {
        stage.push(
            tx,
            [
                Value::Integer(account),
                Value::Text(week.to_string()),
                Value::Integer(users),
                Value::Integer(seats),
                Value::Integer(sessions),
                Value::Integer(features),
            ],
        )?;
    }
    stage.flush(tx)?;
    if !problems.is_empty() {
        return Ok(());
    }
    let updated = tx.execute(
        "UPDATE usage_weeks SET active_users = i.active_users, licensed_seats = i.licensed_seats,
             sessions = i.sessions, key_features_used = i.key_features_used
         FROM temp.import_usage i
         WHERE usage_weeks.account_id = i.account_id AND usage_weeks.week_start = i.week_start
           AND (usage_weeks.active_users, usage_weeks.licensed_seats, usage_weeks.sessions,
                usage_weeks.key_features_used)
               IS NOT (i.active_users, i.licensed_seats, i.sessions, i.key_features_used)",
        [],
    )?;
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO usage_weeks (account_id, week_start, active_users, licensed_seats,
             sessions, key_features_used)
         SELECT account_id, week_start, active_users, licensed_seats, sessions, key_features_used
         FROM temp.import_usage ORDER BY rowid",
        [],
    )?;
    tx.execute_batch("DROP TABLE temp.import_usage;")?;
    // Each week is in the file once (checked above), so what neither statement changed
    // was already in the book as the file has it.
    counts.inserted += inserted;
    counts.updated += updated;
    counts.unchanged += rows.len() - inserted - updated;
    Ok(())
}
