//! Scores accounts for a recompute: what it needs of earlier recomputes (each account's
//! weekly series, the scores its trends compare against, and a fingerprint of each row
//! the book holds) is read up front, one pass each, for a range of account ids; each
//! account scored then gives the rows that moved: its snapshots and its latest health
//! (trend, weekly series, top signal). A row the book holds already, value for value,
//! is left out (see `unchanged.rs`). Scorers of different ranges run side by side on
//! connections of their own; the [`Keeper`](super::keeper::Keeper) writes what they find.

use chrono::NaiveDate;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, params};

use super::evidence::AccountEvidence;
use super::keeper::{health_columns, snapshot_columns};
use super::past::PastScores;
use super::unchanged::{Fingerprints, Print, fingerprint};
use crate::book::BookError;
use crate::book::sql::{opt_date, weekly};
use crate::domain::health::{
    Assessment, ComponentKind, Explain, HealthRules, Signal, SignalKind, Weekly, assess_as, signals,
};

/// A `health_snapshots` row, in [`snapshot_columns`] order.
pub type SnapshotRow = [Value; 9];
/// An `account_health` row, in [`health_columns`] order.
pub type HealthRow = [Value; 12];

/// The rows that moved, of the accounts scored so far.
#[derive(Default)]
pub struct Moved {
    pub snapshots: Vec<SnapshotRow>,
    pub health: Vec<HealthRow>,
}

/// Scores the accounts of one range of ids.
pub struct Scorer {
    /// Each account's weekly series as the last recompute left it, by account.
    weekly: Vec<(i64, Weekly)>,
    /// The book's `account_health` rows as the recompute found them.
    held_health: Fingerprints,
    /// The book's snapshots of the recompute's last day, as it found them.
    held_snapshots: Fingerprints,
    last_day: NaiveDate,
    /// `last_day` as the rows keep it, written out once.
    last_day_text: String,
    /// The scores the trends compare against, from before this recompute's days.
    past: PastScores,
    /// This recompute's scores of the account at hand, oldest first.
    recent: Vec<(NaiveDate, u8)>,
}

impl Scorer {
    /// Ready to score the accounts with ids in `ids` as of days from `from` to `to`.
    pub fn new(
        conn: &Connection,
        from: NaiveDate,
        to: NaiveDate,
        ids: (i64, i64),
    ) -> Result<Scorer, BookError> {
        let mut stmt = conn.prepare(concat!(
            "SELECT ",
            health_columns!(),
            " FROM account_health WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id"
        ))?;
        let mut held = Vec::new();
        let weekly = stmt
            .query_map([ids.0, ids.1], |r| {
                let account = r.get::<_, i64>(0)?;
                held.push((account, print_row(r, 1..12)?));
                let last_on = opt_date(r, 1).ok().flatten();
                Ok((account, weekly(r, 8, last_on)?))
            })?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        Ok(Scorer {
            weekly,
            held_health: Fingerprints::from_sorted(held),
            held_snapshots: snapshots_on(conn, to, ids)?,
            last_day: to,
            last_day_text: to.to_string(),
            past: PastScores::load(conn, to, from, ids)?,
            recent: Vec::new(),
        })
    }

    /// Scores `account` on each of `days` it was a customer, adding to `moved` the rows
    /// that differ from the book's; returns how many days it was scored.
    pub fn score(
        &mut self,
        account: &AccountEvidence,
        rules: &HealthRules,
        days: &[NaiveDate],
        moved: &mut Moved,
    ) -> usize {
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
            let a = assess_as(&evidence, rules, day, Explain::ScoresOnly);
            let row = snapshot_row(self.day_text(day), account.id, &a);
            let held =
                day == self.last_day && self.held_snapshots.holds(account.id, print_of(&row[2..]));
            if !held {
                moved.snapshots.push(row);
            }
            weekly.record(day, a.score);
            if let Some(score) = a.score {
                self.recent.push((day, score));
            }
            scored += 1;
            latest = Some((day, a));
        }
        let Some((day, a)) = latest else {
            return 0;
        };
        // The latest day's own score is the current one, not history.
        let history = &self.recent[..self.recent.len().saturating_sub(1)];
        let trend = self.past.trend(account.id, history, a.score, day);
        let found = signals(&evidence, &a, rules, day);
        let row = [
            Value::Integer(account.id),
            Value::Text(self.day_text(day)),
            number(a.score),
            text(a.band.map(|b| b.as_str())),
            Value::Text(a.confidence.as_str().into()),
            text(a.top_negative.map(ComponentKind::name)),
            number(trend.delta_30d),
            number(trend.delta_90d),
            Value::Blob(weekly.to_bytes()),
            found
                .first()
                .map_or(Value::Null, |s| Value::Text(s.reason.clone())),
            Value::Integer(found.len() as i64),
            Value::Text(stored_signals(&found)),
        ];
        if !self.held_health.holds(account.id, print_of(&row[1..])) {
            moved.health.push(row);
        }
        scored
    }

    fn day_text(&self, day: NaiveDate) -> String {
        match day == self.last_day {
            true => self.last_day_text.clone(),
            false => day.to_string(),
        }
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

/// A `health_snapshots` row, in [`snapshot_columns`] order.
fn snapshot_row(day: String, account: i64, a: &Assessment) -> [Value; 9] {
    let [usage, adoption, support, engagement] =
        ComponentKind::ALL.map(|k| number(a.component(k).score));
    [
        Value::Text(day),
        Value::Integer(account),
        number(a.score),
        text(a.band.map(|b| b.as_str())),
        Value::Text(a.confidence.as_str().into()),
        usage,
        adoption,
        support,
        engagement,
    ]
}

/// The snapshots of the accounts with ids in `first..=last` taken on `day`, each but
/// for its key (the day and the account).
fn snapshots_on(
    conn: &Connection,
    day: NaiveDate,
    (first, last): (i64, i64),
) -> Result<Fingerprints, BookError> {
    let mut stmt = conn.prepare(concat!(
        "SELECT ",
        snapshot_columns!(),
        " FROM health_snapshots WHERE taken_on = ?1 AND account_id BETWEEN ?2 AND ?3
         ORDER BY account_id"
    ))?;
    let rows = stmt
        .query_map(params![day.to_string(), first, last], |r| {
            Ok((r.get::<_, i64>(1)?, print_row(r, 2..9)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Fingerprints::from_sorted(rows))
}

/// The fingerprint of a row's columns `columns`, as read.
fn print_row(r: &rusqlite::Row<'_>, columns: std::ops::Range<usize>) -> rusqlite::Result<u64> {
    let mut print = Print::default();
    for i in columns {
        print.add(r.get_ref(i)?);
    }
    Ok(print.finish())
}

fn print_of(values: &[Value]) -> u64 {
    fingerprint(values.iter().map(ValueRef::from))
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
