//! Recomputes health and keeps it: a snapshot per account per day scored, and each
//! account's latest score with its trend, weekly series and top signal in
//! `account_health`. Derived data, rebuilt from the book at will, so it is written
//! outside the change journal (a person's override is journaled; see `overrides.rs`).

use std::path::Path;

use chrono::NaiveDate;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};

use rusqlite::Connection;

use super::evidence::{Span, for_each_account, for_each_account_in};
use super::keeper::Keeper;
use super::scorer::{Moved, Scorer};
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
        let (first, last) = self.account_id_span()?;
        let threads = match last - first < SHARED_FROM {
            true => 1,
            false => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        };
        self.recompute_health_on(rules, days, threads)
    }

    /// [`Book::recompute_health`] on at most `threads` scoring threads (a book in
    /// memory, or a small one, is scored on this one).
    fn recompute_health_on(
        &mut self,
        rules: &HealthRules,
        days: &[NaiveDate],
        threads: usize,
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
        let ranges = match (path.is_some(), threads > 1) {
            (true, true) => ranges(self.account_id_span()?, threads * PIECES),
            _ => Vec::new(),
        };
        let (keeper, done) = score_every_account(
            &self.conn,
            path.as_deref(),
            (threads, &ranges),
            rules,
            span,
            days,
        )?;
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
        let mut scorer = Scorer::new(&self.conn, today, today, (account, account))?;
        let mut moved = Moved::default();
        for_each_account(&self.conn, rules, span, Some(account), |a| {
            scorer.score(a, rules, &[today], &mut moved);
            Ok(())
        })?;
        let tx = self.begin_write()?;
        let mut keeper = Keeper::new(&tx)?;
        keeper.keep(&tx, moved)?;
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

/// Accounts scored per message from a scoring thread.
const HANDFUL: usize = 256;

/// Ranges of account ids a scoring thread takes in turn: more than one each, so that
/// a thread whose accounts have more evidence, or which the machine runs less, does not
/// leave the others waiting at the end.
const PIECES: usize = 4;

/// A book with fewer accounts (by id) than this is scored on one thread: more would
/// cost more in connections than they save.
const SHARED_FROM: i64 = 2048;

/// The ids from `first` to `last` split into a range for each of `threads`.
fn ranges((first, last): (i64, i64), threads: usize) -> Vec<(i64, i64)> {
    let parts = threads.max(1) as i64;
    let width = (last - first) / parts + 1;
    (0..parts)
        .map(|i| {
            let from = first + i * width;
            (from, (from + width - 1).min(last))
        })
        .filter(|(from, to)| from <= to)
        .collect()
}

/// What a scoring thread sends: how many accounts and days it scored, and the rows that
/// moved.
#[derive(Default)]
struct Handful {
    done: Recomputed,
    moved: Moved,
}

/// Scores every account on `days`, keeping the rows that moved for writing. A book on
/// disk split into `ranges` of account ids is scored by `threads` threads, each taking
/// the next range not taken and reading and scoring its accounts on a connection of its
/// own, while this one keeps what they send:
/// reading an account's evidence and scoring it take about as long as each other, so
/// a thread that does both for its own accounts keeps a core busy without waiting.
fn score_every_account(
    conn: &Connection,
    path: Option<&Path>,
    (threads, ranges): (usize, &[(i64, i64)]),
    rules: &HealthRules,
    span: Span,
    days: &[NaiveDate],
) -> Result<(Keeper, Recomputed), BookError> {
    let mut keeper = Keeper::new(conn)?;
    let (Some(path), true) = (path, ranges.len() > 1) else {
        let mut scorer = Scorer::new(conn, span.from, span.to, (i64::MIN, i64::MAX))?;
        let mut done = Recomputed::default();
        let mut moved = Moved::default();
        for_each_account(conn, rules, span, None, |account| {
            done.accounts += 1;
            done.snapshots += scorer.score(account, rules, days, &mut moved);
            if done.accounts % HANDFUL == 0 {
                keeper.keep(conn, std::mem::take(&mut moved))?;
            }
            Ok(())
        })?;
        keeper.keep(conn, moved)?;
        return Ok((keeper, done));
    };
    let next = AtomicUsize::new(0);
    let taking = || ranges.get(next.fetch_add(1, Ordering::Relaxed)).copied();
    let taking = &taking;
    std::thread::scope(|scope| {
        let (send, received) = sync_channel::<Handful>(4);
        let scorers: Vec<_> = (0..threads)
            .map(|_| {
                let send = send.clone();
                scope.spawn(move || score_ranges(path, rules, span, days, taking, send))
            })
            .collect();
        drop(send);
        // On an error here `received` is dropped, which stops the scorers.
        let mut done = Recomputed::default();
        for handful in received {
            done.accounts += handful.done.accounts;
            done.snapshots += handful.done.snapshots;
            keeper.keep(conn, handful.moved)?;
        }
        for scorer in scorers {
            scorer
                .join()
                .map_err(|_| BookError::Invalid("scoring the book's health failed".into()))??;
        }
        Ok((keeper, done))
    })
}

/// Reads and scores the accounts of each range `taking` hands out on a connection of
/// its own and sends what moved on, a handful of accounts at a time.
fn score_ranges(
    path: &Path,
    rules: &HealthRules,
    span: Span,
    days: &[NaiveDate],
    taking: &(dyn Fn() -> Option<(i64, i64)> + Sync),
    send: SyncSender<Handful>,
) -> Result<(), BookError> {
    let conn = crate::book::open_reader(path)?;
    let stopped = || BookError::Invalid("the recompute stopped".into());
    let mut handful = Handful::default();
    while let Some(ids) = taking() {
        let mut scorer = Scorer::new(&conn, span.from, span.to, ids)?;
        for_each_account_in(&conn, rules, span, ids, |account| {
            handful.done.accounts += 1;
            handful.done.snapshots += scorer.score(account, rules, days, &mut handful.moved);
            if handful.done.accounts == HANDFUL {
                send.send(std::mem::take(&mut handful))
                    .map_err(|_| stopped())?;
            }
            Ok(())
        })?;
    }
    send.send(handful).map_err(|_| stopped())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoSpec, write_demo};

    #[test]
    fn the_ids_are_split_into_ranges_that_cover_each_once() {
        for (span, threads) in [((1, 10), 3), ((1, 2), 4), ((5, 5), 2), ((1, 50_000), 2)] {
            let parts = ranges(span, threads);
            assert!(parts.len() <= threads);
            assert_eq!(parts.first().map(|p| p.0), Some(span.0));
            assert_eq!(parts.last().map(|p| p.1), Some(span.1));
            for pair in parts.windows(2) {
                assert_eq!(pair[0].1 + 1, pair[1].0, "{parts:?}");
            }
        }
        assert!(ranges((0, -1), 2).is_empty(), "a book without accounts");
    }

    /// Every row of the book's health, as text.
    fn health_rows(book: &Book) -> Vec<String> {
        let mut out = Vec::new();
        for table in ["account_health", "health_snapshots"] {
            let sql = format!("SELECT * FROM {table} ORDER BY 1, 2");
            let mut stmt = book.conn.prepare(&sql).unwrap();
            let columns = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let values = (0..columns)
                        .map(|i| Ok(format!("{:?}", r.get_ref(i)?)))
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    Ok(format!("{table}: {}", values.join(" | ")))
                })
                .unwrap();
            out.extend(rows.map(Result::unwrap));
        }
        out
    }

    #[test]
    fn scoring_threads_write_what_one_thread_writes() {
        let dir = tempfile::tempdir().unwrap();
        let spec = DemoSpec {
            accounts: 60,
            ..DemoSpec::default()
        };
        let (one, three) = (dir.path().join("one.db"), dir.path().join("three.db"));
        write_demo(&mut Book::open(&one).unwrap(), &spec).unwrap();
        std::fs::copy(&one, &three).unwrap();
        let (mut one, mut three) = (Book::open(&one).unwrap(), Book::open(&three).unwrap());
        let rules = HealthRules::default();
        let next_day = spec.today + chrono::Duration::days(1);
        for day in [spec.today, next_day, next_day] {
            let a = one.recompute_health_on(&rules, &[day], 1).unwrap();
            let b = three.recompute_health_on(&rules, &[day], 3).unwrap();
            assert_eq!(a, b);
            assert!(a.accounts > 40, "{a:?}");
            assert_eq!(health_rows(&one), health_rows(&three), "as of {day}");
        }
        let snapshots = |book: &Book| -> i64 {
            book.conn
                .query_row(
                    "SELECT count(*) FROM health_snapshots WHERE taken_on = ?1",
                    [next_day.to_string()],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert!(snapshots(&three) > 40, "a new day's scores are all written");
    }
}
