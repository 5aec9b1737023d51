//! Recomputes health and keeps it: a snapshot per account per day scored, and each
//! account's latest score with its trend, weekly series and top signal in
//! `account_health`. Derived data, rebuilt from the book at will, so it is written
//! outside the change journal (a person's override is journaled; see `overrides.rs`).

use chrono::{Duration, NaiveDate};
use rusqlite::{OptionalExtension, Transaction, params};

use super::evidence::{AccountEvidence, Span, for_each_account};
use crate::book::{Book, BookError, meta};
use crate::domain::health::{
    Assessment, ComponentKind, HealthRules, Trend, Weekly, assess, signals, trend,
};

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
        let tx = self.conn.transaction()?;
        let mut done = Recomputed::default();
        {
            let mut keeper = Keeper::new(&tx);
            for_each_account(&tx, rules, span, None, |account| {
                done.accounts += 1;
                done.snapshots += keeper.keep(account, rules, days)?;
                Ok(())
            })?;
            tx.execute(
                "DELETE FROM account_health WHERE account_id IN
                 (SELECT id FROM accounts WHERE churned_on <= ?1)",
                [to.to_string()],
            )?;
        }
        let seen: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM change_journal", [], |r| {
                r.get(0)
            })?;
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
        let tx = self.conn.transaction()?;
        {
            let mut keeper = Keeper::new(&tx);
            for_each_account(&tx, rules, span, Some(account), |a| {
                keeper.keep(a, rules, &[today]).map(|_| ())
            })?;
        }
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
        let seen: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM change_journal", [], |r| {
                    r.get(0)
                })?;
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

/// Writes an account's snapshots and latest health with statements prepared once.
struct Keeper<'t> {
    tx: &'t Transaction<'t>,
    weekly: Weekly,
}

impl<'t> Keeper<'t> {
    fn new(tx: &'t Transaction<'t>) -> Keeper<'t> {
        Keeper {
            tx,
            weekly: Weekly::default(),
        }
    }

    /// Scores `account` on each day it was a customer; returns the snapshots written.
    fn keep(
        &mut self,
        account: &AccountEvidence,
        rules: &HealthRules,
        days: &[NaiveDate],
    ) -> Result<usize, BookError> {
        let evidence = account.evidence();
        let previous: Option<(String, String)> = self
            .tx
            .prepare_cached("SELECT computed_on, weekly FROM account_health WHERE account_id = ?1")?
            .query_row([account.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        self.weekly = match previous {
            Some((on, text)) => Weekly::from_text(on.parse().ok(), &text),
            None => Weekly::default(),
        };
        let mut latest: Option<(NaiveDate, Assessment)> = None;
        let mut written = 0;
        for &day in days {
            if account.churned_on.is_some_and(|left| left <= day) {
                break;
            }
            let a = assess(&evidence, rules, day);
            self.snapshot(account.id, &a)?;
            self.weekly.record(day, a.score);
            written += 1;
            latest = Some((day, a));
        }
        if let Some((day, a)) = latest {
            let found = signals(&evidence, &a, rules, day);
            let trend = self.trend(account.id, a.score, day)?;
            self.tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO account_health
                     (account_id, computed_on, score, band, confidence, top_negative,
                      delta_30d, delta_90d, weekly, top_signal, signal_count)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    account.id,
                    day.to_string(),
                    a.score,
                    a.band.map(|b| b.as_str()),
                    a.confidence.as_str(),
                    a.top_negative.map(ComponentKind::name),
                    trend.delta_30d,
                    trend.delta_90d,
                    self.weekly.to_text(),
                    found.first().map(|s| s.reason.as_str()),
                    found.len() as i64,
                ])?;
        }
        Ok(written)
    }

    fn snapshot(&self, account: i64, a: &Assessment) -> Result<(), BookError> {
        let points = |k: ComponentKind| a.component(k).score;
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO health_snapshots
                 (account_id, taken_on, score, band, confidence,
                  usage_score, adoption_score, support_score, engagement_score)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                account,
                a.as_of.to_string(),
                a.score,
                a.band.map(|b| b.as_str()),
                a.confidence.as_str(),
                points(ComponentKind::Usage),
                points(ComponentKind::Adoption),
                points(ComponentKind::Support),
                points(ComponentKind::Engagement),
            ])?;
        Ok(())
    }

    /// The change against the snapshots 30 and 90 days before `day`.
    fn trend(&self, account: i64, score: Option<u8>, day: NaiveDate) -> Result<Trend, BookError> {
        trend_from_snapshots(self.tx, account, score, day)
    }
}

/// The change of `score` against the account's snapshots about 30 and 90 days before
/// `day` (the latest on or before each, at most two weeks older).
pub fn trend_from_snapshots(
    conn: &rusqlite::Connection,
    account: i64,
    score: Option<u8>,
    day: NaiveDate,
) -> Result<Trend, BookError> {
    let mut stmt = conn.prepare_cached(
        "SELECT taken_on, score FROM health_snapshots
         WHERE account_id = ?1 AND taken_on <= ?2 AND taken_on >= ?3 AND score IS NOT NULL
         ORDER BY taken_on DESC LIMIT 1",
    )?;
    let mut history = Vec::with_capacity(2);
    for back in [90, 30] {
        let at = day - Duration::days(back);
        let found: Option<(String, u8)> = stmt
            .query_row(
                params![
                    account,
                    at.to_string(),
                    (at - Duration::days(14)).to_string()
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((on, s)) = found
            && let Ok(on) = on.parse::<NaiveDate>()
        {
            history.push((on, s));
        }
    }
    Ok(trend(&history, score, day))
}
