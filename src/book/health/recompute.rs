//! Recomputes health and keeps it: a snapshot per account per day scored, and each
//! account's latest score with its trend, weekly series and top signal in
//! `account_health`. Derived data, rebuilt from the book at will, so it is written
//! outside the change journal (a person's override is journaled; see `overrides.rs`).

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::evidence::{AccountEvidence, Span, for_each_account};
use super::past::PastScores;
use crate::book::sql::weekly;
use crate::book::{Book, BookError, meta};
use crate::domain::health::{Assessment, ComponentKind, HealthRules, Weekly, assess, signals};

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
            let mut keeper = Keeper::new(&tx, to, from, ALL_ACCOUNTS)?;
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
            let mut keeper = Keeper::new(&tx, today, today, (account, account))?;
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

/// Every account id.
const ALL_ACCOUNTS: (i64, i64) = (i64::MIN, i64::MAX);

/// Writes accounts' snapshots and latest health, with what it needs of the earlier
/// recomputes read up front in one pass each.
struct Keeper<'t> {
    tx: &'t Transaction<'t>,
    /// Each account's weekly series as the last recompute left it, by account.
    weekly: Vec<(i64, Weekly)>,
    /// The scores the trends compare against, from before this recompute's days.
    past: PastScores,
    /// This recompute's scores of the account at hand, oldest first.
    recent: Vec<(NaiveDate, u8)>,
}

impl<'t> Keeper<'t> {
    /// Ready to keep the accounts in `ids` scored as of days from `from` to `to`.
    fn new(
        tx: &'t Transaction<'t>,
        to: NaiveDate,
        from: NaiveDate,
        ids: (i64, i64),
    ) -> Result<Keeper<'t>, BookError> {
        let mut stmt = tx.prepare(
            "SELECT account_id, computed_on, weekly FROM account_health
             WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id",
        )?;
        let weekly = stmt
            .query_map([ids.0, ids.1], |r| {
                let last_on = r.get_ref(1)?.as_str()?.parse().ok();
                let series = weekly(r, 2, last_on)?;
                Ok((r.get::<_, i64>(0)?, series))
            })?
            .collect::<Result<_, _>>()?;
        Ok(Keeper {
            tx,
            weekly,
            past: PastScores::load(tx, to, from, ids)?,
            recent: Vec::new(),
        })
    }

    /// Scores `account` on each day it was a customer; returns the snapshots written.
    fn keep(
        &mut self,
        account: &AccountEvidence,
        rules: &HealthRules,
        days: &[NaiveDate],
    ) -> Result<usize, BookError> {
        let evidence = account.evidence();
        let mut weekly = match self.weekly.binary_search_by_key(&account.id, |(id, _)| *id) {
            Ok(i) => std::mem::take(&mut self.weekly[i].1),
            Err(_) => Weekly::default(),
        };
        self.recent.clear();
        let mut latest: Option<(NaiveDate, Assessment)> = None;
        let mut written = 0;
        let customer = |day: &&NaiveDate| {
            account.started_on.is_none_or(|start| start <= **day)
                && account.churned_on.is_none_or(|left| left > **day)
        };
        for &day in days.iter().filter(customer) {
            let a = assess(&evidence, rules, day);
            self.snapshot(account.id, &a)?;
            weekly.record(day, a.score);
            if let Some(score) = a.score {
                self.recent.push((day, score));
            }
            written += 1;
            latest = Some((day, a));
        }
        let Some((day, a)) = latest else {
            return Ok(0);
        };
        // The latest day's own score is the current one, not history.
        let history = &self.recent[..self.recent.len().saturating_sub(1)];
        let trend = self.past.trend(account.id, history, a.score, day);
        let found = signals(&evidence, &a, rules, day);
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
                weekly.to_bytes(),
                found.first().map(|s| s.reason.as_str()),
                found.len() as i64,
            ])?;
        Ok(written)
    }

    fn snapshot(&self, account: i64, a: &Assessment) -> Result<(), BookError> {
        let points = |k: ComponentKind| a.component(k).score;
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO health_snapshots
                 (taken_on, account_id, score, band, confidence,
                  usage_score, adoption_score, support_score, engagement_score)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                a.as_of.to_string(),
                account,
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
}
