//! Writing weekly usage, set-based.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::{AccountIds, Counts, Problem, UsageIn, unknown_account};
use crate::book::BookError;

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
    {
        let mut stage =
            tx.prepare("INSERT INTO temp.import_usage VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
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
            stage.execute(params![
                account,
                row.week_start.to_string(),
                row.active_users,
                licensed,
                row.sessions,
                row.key_features_used
            ])?;
        }
    }
    if !problems.is_empty() {
        return Ok(());
    }
    let (inserted, unchanged): (i64, i64) = tx.query_row(
        "SELECT count(*) FILTER (WHERE u.account_id IS NULL),
                count(*) FILTER (WHERE u.active_users = i.active_users
                    AND u.licensed_seats = i.licensed_seats AND u.sessions = i.sessions
                    AND u.key_features_used = i.key_features_used)
         FROM temp.import_usage i
         LEFT JOIN usage_weeks u ON u.account_id = i.account_id AND u.week_start = i.week_start",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute(
        "UPDATE usage_weeks SET active_users = i.active_users, licensed_seats = i.licensed_seats,
             sessions = i.sessions, key_features_used = i.key_features_used
         FROM temp.import_usage i
         WHERE usage_weeks.account_id = i.account_id AND usage_weeks.week_start = i.week_start
           AND (usage_weeks.active_users, usage_weeks.licensed_seats, usage_weeks.sessions,
                usage_weeks.key_features_used)
               IS NOT (i.active_users, i.licensed_seats, i.sessions, i.key_features_used)",
        [],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO usage_weeks (account_id, week_start, active_users, licensed_seats,
             sessions, key_features_used)
         SELECT account_id, week_start, active_users, licensed_seats, sessions, key_features_used
         FROM temp.import_usage ORDER BY account_id, week_start",
        [],
    )?;
    tx.execute_batch("DROP TABLE temp.import_usage;")?;
    counts.inserted += inserted as usize;
    counts.unchanged += unchanged as usize;
    counts.updated += rows.len() - inserted as usize - unchanged as usize;
    Ok(())
}
