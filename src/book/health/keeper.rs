//! Keeps what a recompute finds: scores an account on each day asked for, and queues its
//! snapshots and its latest health (trend, weekly series, top signal) for writing. What
//! it needs of earlier recomputes is read up front, one pass each, so nothing is read
//! back while the rows go out.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::batch::Batch;
use super::evidence::AccountEvidence;
use super::past::PastScores;
use crate::book::BookError;
use crate::book::sql::weekly;
use crate::domain::health::{Assessment, ComponentKind, HealthRules, Weekly, assess, signals};

/// Scores accounts and queues their rows; [`Keeper::finish`] writes the last of them.
pub struct Keeper {
    /// Each account's weekly series as the last recompute left it, by account.
    weekly: Vec<(i64, Weekly)>,
    /// The scores the trends compare against, from before this recompute's days.
    past: PastScores,
    /// This recompute's scores of the account at hand, oldest first.
    recent: Vec<(NaiveDate, u8)>,
    snapshots: Batch,
    latest: Batch,
}

impl Keeper {
    /// Ready to keep the accounts with ids in `ids`, scored as of days from `from` to
    /// `to`.
    pub fn new(
        conn: &Connection,
        from: NaiveDate,
        to: NaiveDate,
        ids: (i64, i64),
    ) -> Result<Keeper, BookError> {
        let mut stmt = conn.prepare(
            "SELECT account_id, computed_on, weekly FROM account_health
             WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id",
        )?;
        let weekly = stmt
            .query_map([ids.0, ids.1], |r| {
                let last_on = r.get_ref(1)?.as_str()?.parse().ok();
                Ok((r.get::<_, i64>(0)?, weekly(r, 2, last_on)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(Keeper {
            weekly,
            past: PastScores::load(conn, to, from, ids)?,
            recent: Vec::new(),
            snapshots: Batch::new(
                "INSERT OR REPLACE INTO health_snapshots
                 (taken_on, account_id, score, band, confidence,
                  usage_score, adoption_score, support_score, engagement_score)",
                9,
            ),
            latest: Batch::new(
                "INSERT OR REPLACE INTO account_health
                 (account_id, computed_on, score, band, confidence, top_negative,
                  delta_30d, delta_90d, weekly, top_signal, signal_count)",
                11,
            ),
        })
    }

    /// Scores `account` on each of `days` it was a customer; returns how many.
    pub fn keep(
        &mut self,
        conn: &Connection,
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
        let mut scored = 0;
        let customer = |day: &&NaiveDate| {
            account.started_on.is_none_or(|start| start <= **day)
                && account.churned_on.is_none_or(|left| left > **day)
        };
        for &day in days.iter().filter(customer) {
            let a = assess(&evidence, rules, day);
            self.snapshots.push(conn, snapshot_row(account.id, &a))?;
            weekly.record(day, a.score);
            if let Some(score) = a.score {
                self.recent.push((day, score));
            }
            scored += 1;
            latest = Some((day, a));
        }
        let Some((day, a)) = latest else {
            return Ok(0);
        };
        // The latest day's own score is the current one, not history.
        let history = &self.recent[..self.recent.len().saturating_sub(1)];
        let trend = self.past.trend(account.id, history, a.score, day);
        let found = signals(&evidence, &a, rules, day);
        let row = [
            Value::Integer(account.id),
            Value::Text(day.to_string()),
            number(a.score),
            text(a.band.map(|b| b.as_str())),
            Value::Text(a.confidence.as_str().into()),
            text(a.top_negative.map(ComponentKind::name)),
            number(trend.delta_30d),
            number(trend.delta_90d),
            Value::Blob(weekly.to_bytes()),
            text(found.first().map(|s| s.reason.as_str())),
            Value::Integer(found.len() as i64),
        ];
        self.latest.push(conn, row)?;
        Ok(scored)
    }

    /// Writes the rows still queued.
    pub fn finish(mut self, conn: &Connection) -> Result<(), BookError> {
        self.snapshots.flush(conn)?;
        self.latest.flush(conn)
    }
}

fn snapshot_row(account: i64, a: &Assessment) -> [Value; 9] {
    let points = |k: ComponentKind| number(a.component(k).score);
    [
        Value::Text(a.as_of.to_string()),
        Value::Integer(account),
        number(a.score),
        text(a.band.map(|b| b.as_str())),
        Value::Text(a.confidence.as_str().into()),
        points(ComponentKind::Usage),
        points(ComponentKind::Adoption),
        points(ComponentKind::Support),
        points(ComponentKind::Engagement),
    ]
}

fn number<T: Into<i64>>(n: Option<T>) -> Value {
    n.map_or(Value::Null, |n| Value::Integer(n.into()))
}

fn text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::Text(s.into()))
}
