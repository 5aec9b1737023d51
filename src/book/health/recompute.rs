//! Recomputes health and keeps it: a snapshot per account per day scored, and each
//! account's latest score with its trend, weekly series and top signal in
//! `account_health`. Derived data, rebuilt from the book at will, so it is written
//! outside the change journal (a person's override is journaled; see `overrides.rs`).

use std::path::Path;

use chrono::NaiveDate;
use std::sync::mpsc::{SyncSender, sync_channel};

use rusqlite::Connection;

use super::evidence::{AccountEvidence, Span, for_each_account, for_each_account_in};
use super::keeper::Keeper;
use crate::book::{Book, BookError, meta};
use crate::domain::health::HealthRules;

/// What a recompute did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recomputed {
    pub accounts: usize,
    pub snapshots: usize,
}

/// `book_meta` keys: the day health was last computed for, the rules it was computed
/// with, and the last journal entry it saw.
pub const COMPUTED_ON: &str = "health_computed_on";
pub const RULES: &str = "health_rules";
pub const JOURNAL_SEEN: &str = "health_journal_seen";

/// The last journal entry that can move a score: a change to what health reads, or a
/// bulk load. Tasks, motion steps, forecasts and overrides do not (an override stands
/// beside the computed score).
const LAST_HEALTH_CHANGE: &str = "SELECT coalesce(max(id), 0) FROM change_journal
     WHERE entity IN ('book', 'accounts', 'contracts', 'usage_weeks', 'features', 'tickets',
                      'survey_responses', 'contacts', 'interactions')";

impl Book {
    /// Scores every active account as of each of `days` (oldest first; the last is
    /// "today" for `account_health`), in one transaction. With one day, contacts' last
    /// touches stand for the timeline; with several, the timeline says who was touched
    /// when.
    pub fn recompute_health(
        &mut self,
        rules: &HealthRules,
        days: &[NaiveDate],
    ) -> Result<Recomputed, BookError> {
        let (Some(&from), Some(&to)) = (days.first(), days.last()) else {
            return Ok(Recomputed::default());
        };
        let span = Span {
            from,
            to,
            touch_history: days.len() > 1,
        };
        self.refresh_recent_usage()?;
        // What the scores are computed from, seen before reading: a change made while
        // scoring makes the next open recompute again.
        let seen: i64 = self.conn.query_row(LAST_HEALTH_CHANGE, [], |r| r.get(0))?;
        let path = self.path.clone();
        let (keeper, done) = score_every_account(&self.conn, path.as_deref(), rules, span, days)?;
        let tx = self.begin_write()?;
        keeper.write(&tx)?;
        tx.execute(
            "DELETE FROM account_health WHERE account_id IN
             (SELECT id FROM accounts WHERE churned_on <= ?1)",
            [to.to_string()],
        )?;
        meta::set(&tx, COMPUTED_ON, &to.to_string())?;
        meta::set(&tx, RULES, &rules_fingerprint(rules))?;
        meta::set(&tx, JOURNAL_SEEN, &seen.to_string())?;
        tx.commit()?;
        Ok(done)
    }

    /// Recomputes one account as of `today` after a change to it (a touch logged).
    pub fn recompute_account_health(
        &mut self,
        rules: &HealthRules,
        account: i64,
        today: NaiveDate,
    ) -> Result<(), BookError> {
        let span = Span {
            from: today,
            to: today,
            touch_history: false,
        };
        let mut keeper = Keeper::new(&self.conn, today, today, (account, account))?;
        for_each_account(&self.conn, rules, span, Some(account), |a| {
            keeper.keep(&self.conn, a, rules, &[today]).map(|_| ())
        })?;
        let tx = self.begin_write()?;
        keeper.write(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Whether `account_health` is as of `today`, by these rules, with nothing changed
    /// in the book since: if so, opening the cockpit needs no recompute.
    pub fn health_is_current(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
    ) -> Result<bool, BookError> {
        let seen: i64 = self.conn.query_row(LAST_HEALTH_CHANGE, [], |r| r.get(0))?;
        Ok(
            self.meta(COMPUTED_ON)?.as_deref() == Some(today.to_string().as_str())
                && self.meta(RULES)? == Some(rules_fingerprint(rules))
                && self.meta(JOURNAL_SEEN)? == Some(seen.to_string()),
        )
    }
}

/// The rules as stored beside the scores they made.
fn rules_fingerprint(rules: &HealthRules) -> String {
    serde_json::to_string(rules).unwrap_or_default()
}

/// Accounts read per message from the reading thread.
const HANDFUL: usize = 256;

/// Scores every account on `days`, holding the rows for writing. A book on disk is read
/// on a second connection in a thread of its own while this one scores: the two halves
/// of the work take about as long as each other. (Two readers over half the accounts
/// each are slower on two cores: three threads then share them.)
fn score_every_account(
    conn: &Connection,
    path: Option<&Path>,
    rules: &HealthRules,
    span: Span,
    days: &[NaiveDate],
) -> Result<(Keeper, Recomputed), BookError> {
    let keeper = || Keeper::new(conn, span.from, span.to, (i64::MIN, i64::MAX));
    let mut done = Recomputed::default();
    let mut keep = |keeper: &mut Keeper, account: &AccountEvidence| -> Result<(), BookError> {
        done.accounts += 1;
        done.snapshots += keeper.keep(conn, account, rules, days)?;
        Ok(())
    };
    let keeper = match path {
        None => {
            let mut keeper = keeper()?;
            for_each_account(conn, rules, span, None, |a| keep(&mut keeper, a))?;
            keeper
        }
        Some(path) => std::thread::scope(|scope| {
            let (send, received) = sync_channel::<Vec<AccountEvidence>>(4);
            let all = (i64::MIN, i64::MAX);
            let reader = scope.spawn(move || read_evidence(path, rules, span, all, send));
            // The keeper reads what it needs of earlier recomputes while the reader
            // starts; on an error here `received` is dropped, which stops the reader.
            let mut keeper = keeper()?;
            for handful in received {
                for account in &handful {
                    keep(&mut keeper, account)?;
                }
            }
            reader
                .join()
                .map_err(|_| BookError::Invalid("reading the book for health failed".into()))??;
            Ok::<_, BookError>(keeper)
        })?,
    };
    Ok((keeper, done))
}

/// Reads the evidence of the accounts with ids in `ids` on a connection of its own and
/// sends it on, a handful of accounts at a time.
fn read_evidence(
    path: &Path,
    rules: &HealthRules,
    span: Span,
    ids: (i64, i64),
    send: SyncSender<Vec<AccountEvidence>>,
) -> Result<(), BookError> {
    let conn = crate::book::open_reader(path)?;
    let stopped = || BookError::Invalid("the recompute stopped".into());
    let mut handful = Vec::with_capacity(HANDFUL);
    for_each_account_in(&conn, rules, span, ids, |account| {
        handful.push(account.clone());
        if handful.len() == HANDFUL {
            let full = std::mem::replace(&mut handful, Vec::with_capacity(HANDFUL));
            send.send(full).map_err(|_| stopped())?;
        }
        Ok(())
    })?;
    send.send(handful).map_err(|_| stopped())
}
