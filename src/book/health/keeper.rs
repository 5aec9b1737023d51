//! Keeps what a recompute finds: scores an account on each day asked for, and keeps its
//! snapshots and its latest health (trend, weekly series, top signal) in temporary tables
//! of its connection as it goes (no lock on the book). What it needs of earlier recomputes
//! is read up front, one pass each; [`Keeper::write`] then copies every row into the book
//! in two statements, so the book's write lock is held only while they run.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::evidence::AccountEvidence;
use super::past::PastScores;
use crate::book::BookError;
use crate::book::batch::Batch;
use crate::book::sql::weekly;
use crate::domain::health::{
    Assessment, ComponentKind, Confidence, HealthRules, Signal, SignalKind, Weekly, assess, signals,
};
use crate::domain::vocab::HealthBand;

/// Scores accounts and holds their rows; [`Keeper::write`] writes them.
pub struct Keeper {
    /// Each account's weekly series as the last recompute left it, by account.
    weekly: Vec<(i64, Weekly)>,
    /// The scores the trends compare against, from before this recompute's days.
    past: PastScores,
    /// This recompute's scores of the account at hand, oldest first.
    recent: Vec<(NaiveDate, u8)>,
    snapshots: Vec<Snapshot>,
    latest: Vec<Latest>,
}

/// A `health_snapshots` row, held compactly until written.
struct Snapshot {
    taken_on: NaiveDate,
    account: i64,
    score: Option<u8>,
    band: Option<HealthBand>,
    confidence: Confidence,
    /// In [`ComponentKind::ALL`] order.
    points: [Option<u8>; 4],
}

/// An `account_health` row, held until written.
struct Latest {
    account: i64,
    computed_on: NaiveDate,
    score: Option<u8>,
    band: Option<HealthBand>,
    confidence: Confidence,
    top_negative: Option<ComponentKind>,
    delta_30d: Option<i16>,
    delta_90d: Option<i16>,
    weekly: Vec<u8>,
    top_signal: Option<String>,
    signals: u32,
    /// Every signal, as stored (see [`stored_signals`]).
    all_signals: String,
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
        conn.execute_batch(
            "DROP TABLE IF EXISTS temp.kept_snapshots;
             DROP TABLE IF EXISTS temp.kept_health;
             CREATE TEMP TABLE kept_snapshots (taken_on TEXT, account_id INTEGER, score INTEGER,
                 band TEXT, confidence TEXT, usage_score INTEGER, adoption_score INTEGER,
                 support_score INTEGER, engagement_score INTEGER,
                 PRIMARY KEY (taken_on, account_id));
             CREATE TEMP TABLE kept_health (account_id INTEGER PRIMARY KEY, computed_on TEXT,
                 score INTEGER, band TEXT, confidence TEXT, top_negative TEXT, delta_30d INTEGER,
                 delta_90d INTEGER, weekly BLOB, top_signal TEXT, signal_count INTEGER,
                 signals TEXT);",
        )?;
        Ok(Keeper {
            weekly,
            past: PastScores::load(conn, to, from, ids)?,
            recent: Vec::new(),
            snapshots: Vec::new(),
            latest: Vec::new(),
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
            self.snapshots.push(snapshot(account.id, &a));
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
        self.latest.push(Latest {
            account: account.id,
            computed_on: day,
            score: a.score,
            band: a.band,
            confidence: a.confidence,
            top_negative: a.top_negative,
            delta_30d: trend.delta_30d,
            delta_90d: trend.delta_90d,
            weekly: weekly.to_bytes(),
            top_signal: found.first().map(|s| s.reason.clone()),
            signals: found.len() as u32,
            all_signals: stored_signals(&found),
        });
        if self.latest.len() >= SPILL_EVERY {
            self.spill(conn)?;
        }
        Ok(scored)
    }

    /// Writes every row held, a few hundred to a statement: call it inside the write.
    /// Moves the rows held so far into this connection's temporary tables: memory of its
    /// own, no lock on the book, and done while the reading thread reads on.
    fn spill(&mut self, conn: &Connection) -> Result<(), BookError> {
        let mut snapshots = Batch::new(
            "INSERT OR REPLACE INTO temp.kept_snapshots
             (taken_on, account_id, score, band, confidence,
              usage_score, adoption_score, support_score, engagement_score)",
            9,
        );
        for s in self.snapshots.drain(..) {
            let [usage, adoption, support, engagement] = s.points.map(number);
            snapshots.push(
                conn,
                [
                    Value::Text(s.taken_on.to_string()),
                    Value::Integer(s.account),
                    number(s.score),
                    text(s.band.map(|b| b.as_str())),
                    Value::Text(s.confidence.as_str().into()),
                    usage,
                    adoption,
                    support,
                    engagement,
                ],
            )?;
        }
        snapshots.flush(conn)?;
        let mut latest = Batch::new(
            "INSERT OR REPLACE INTO temp.kept_health
             (account_id, computed_on, score, band, confidence, top_negative,
              delta_30d, delta_90d, weekly, top_signal, signal_count, signals)",
            12,
        );
        for l in self.latest.drain(..) {
            latest.push(
                conn,
                [
                    Value::Integer(l.account),
                    Value::Text(l.computed_on.to_string()),
                    number(l.score),
                    text(l.band.map(|b| b.as_str())),
                    Value::Text(l.confidence.as_str().into()),
                    text(l.top_negative.map(ComponentKind::name)),
                    number(l.delta_30d),
                    number(l.delta_90d),
                    Value::Blob(l.weekly),
                    l.top_signal.map_or(Value::Null, Value::Text),
                    Value::Integer(i64::from(l.signals)),
                    Value::Text(l.all_signals),
                ],
            )?;
        }
        latest.flush(conn)
    }

    /// Writes every row kept into the book: call it inside the write, whose lock is then
    /// held for two set-based copies.
    pub fn write(mut self, conn: &Connection) -> Result<(), BookError> {
        self.spill(conn)?;
        // What is kept already, value for value, is not written again: a recompute on
        // a day already scored rewrites only the accounts whose scores moved.
        conn.execute_batch(
            "DELETE FROM temp.kept_snapshots WHERE EXISTS (
                 SELECT 1 FROM health_snapshots s
                 WHERE s.taken_on = kept_snapshots.taken_on
                   AND s.account_id = kept_snapshots.account_id
                   AND s.score IS kept_snapshots.score AND s.band IS kept_snapshots.band
                   AND s.confidence IS kept_snapshots.confidence
                   AND s.usage_score IS kept_snapshots.usage_score
                   AND s.adoption_score IS kept_snapshots.adoption_score
                   AND s.support_score IS kept_snapshots.support_score
                   AND s.engagement_score IS kept_snapshots.engagement_score);
             DELETE FROM temp.kept_health WHERE EXISTS (
                 SELECT 1 FROM account_health h
                 WHERE h.account_id = kept_health.account_id
                   AND h.computed_on IS kept_health.computed_on
                   AND h.score IS kept_health.score AND h.band IS kept_health.band
                   AND h.confidence IS kept_health.confidence
                   AND h.top_negative IS kept_health.top_negative
                   AND h.delta_30d IS kept_health.delta_30d
                   AND h.delta_90d IS kept_health.delta_90d
                   AND h.weekly IS kept_health.weekly
                   AND h.top_signal IS kept_health.top_signal
                   AND h.signal_count IS kept_health.signal_count
                   AND h.signals IS kept_health.signals);",
        )?;
        conn.execute_batch(
            "INSERT OR REPLACE INTO health_snapshots
                 (taken_on, account_id, score, band, confidence,
                  usage_score, adoption_score, support_score, engagement_score)
             SELECT taken_on, account_id, score, band, confidence,
                    usage_score, adoption_score, support_score, engagement_score
             FROM temp.kept_snapshots ORDER BY taken_on, account_id;
             INSERT OR REPLACE INTO account_health
                 (account_id, computed_on, score, band, confidence, top_negative,
                  delta_30d, delta_90d, weekly, top_signal, signal_count, signals)
             SELECT account_id, computed_on, score, band, confidence, top_negative,
                    delta_30d, delta_90d, weekly, top_signal, signal_count, signals
             FROM temp.kept_health ORDER BY account_id;
             DROP TABLE temp.kept_snapshots;
             DROP TABLE temp.kept_health;",
        )?;
        Ok(())
    }
}

/// Signals as `account_health.signals` keeps them: one a line, kind, the day it began
/// ('' for none) and its reason, tab-separated (tabs and line ends in a reason become
/// spaces).
pub fn stored_signals(found: &[Signal]) -> String {
    found
        .iter()
        .map(|s| {
            format!(
                "{}\t{}\t{}",
                s.kind.as_str(),
                s.since.map(|d| d.to_string()).unwrap_or_default(),
                s.reason.replace(['\t', '\n', '\r'], " ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The signals `stored_signals` wrote that began on or after `from` (`NaiveDate::MIN`
/// for all, the undated too); a line that does not read is left out.
pub fn read_signals(text: &str, from: NaiveDate) -> Vec<Signal> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let kind = SignalKind::parse(parts.next()?)?;
            let since = parts.next()?;
            let since: Option<NaiveDate> = if since.is_empty() {
                None
            } else {
                Some(since.parse().ok()?)
            };
            if from > NaiveDate::MIN && since.is_none_or(|d| d < from) {
                return None;
            }
            Some(Signal {
                kind,
                since,
                reason: parts.next()?.to_string(),
            })
        })
        .collect()
}

/// Accounts scored between two spills into the temporary tables.
const SPILL_EVERY: usize = 2048;

fn snapshot(account: i64, a: &Assessment) -> Snapshot {
    Snapshot {
        taken_on: a.as_of,
        account,
        score: a.score,
        band: a.band,
        confidence: a.confidence,
        points: ComponentKind::ALL.map(|k| a.component(k).score),
    }
}

fn number<T: Into<i64>>(n: Option<T>) -> Value {
    n.map_or(Value::Null, |n| Value::Integer(n.into()))
}

fn text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::Text(s.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_kept_and_read_back_and_old_ones_left_out() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let found = vec![
            Signal {
                kind: SignalKind::EscalationOpen,
                reason: "P1 open:\t\"reports\nshow another customer's data\"".into(),
                since: Some(day(20)),
            },
            Signal {
                kind: SignalKind::NoExecSponsor,
                reason: "no executive sponsor".into(),
                since: None,
            },
            Signal {
                kind: SignalKind::UsageDrop,
                reason: "usage down 30%".into(),
                since: Some(day(2)),
            },
        ];
        let kept = stored_signals(&found);
        let all = read_signals(&kept, NaiveDate::MIN);
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[0].reason,
            "P1 open: \"reports show another customer's data\""
        );
        assert_eq!(
            (all[1].kind, all[1].since),
            (SignalKind::NoExecSponsor, None)
        );
        let recent = read_signals(&kept, day(10));
        assert_eq!(recent.len(), 1, "only what began on or after the 10th");
        assert_eq!(recent[0].kind, SignalKind::EscalationOpen);
    }
}
