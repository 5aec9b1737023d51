//! Scores as they stood on earlier recompute days: every account's score about 30 and
//! 90 days back (what a trend compares against), and one account's history for its
//! chart. Snapshots are keyed by day first, so a day's scores are one range of the key
//! and an account's history is a seek per recompute day.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use crate::book::BookError;
use crate::book::sql::date;
use crate::domain::health::{TREND_DAYS, TREND_SLACK_DAYS, Trend, trend};

/// The scores of the recompute days a trend as of one day compares against.
pub struct PastScores {
    /// For each of [`TREND_DAYS`]: the day found, and its (account, score) by account.
    days: Vec<(NaiveDate, Vec<(i64, u8)>)>,
}

impl PastScores {
    /// For each trend distance from `as_of`, the latest recompute day on or before it,
    /// no more than the slack older and before `before` (days a running recompute is
    /// rewriting are its own to supply), with the scores of the accounts in
    /// `first..=last`.
    pub fn load(
        conn: &Connection,
        as_of: NaiveDate,
        before: NaiveDate,
        (first, last): (i64, i64),
    ) -> Result<PastScores, BookError> {
        let mut find_day = conn.prepare_cached(
            "SELECT max(taken_on) FROM health_snapshots
             WHERE taken_on <= ?1 AND taken_on >= ?2 AND taken_on < ?3",
        )?;
        let mut scores = conn.prepare_cached(
            "SELECT account_id, score FROM health_snapshots
             WHERE taken_on = ?1 AND account_id BETWEEN ?2 AND ?3 AND score IS NOT NULL
             ORDER BY account_id",
        )?;
        let mut days = Vec::with_capacity(TREND_DAYS.len());
        for back in TREND_DAYS {
            let at = as_of - Duration::days(back);
            let slack = at - Duration::days(TREND_SLACK_DAYS);
            let found: Option<String> = find_day
                .query_row(
                    params![at.to_string(), slack.to_string(), before.to_string()],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let Some(day) = found.and_then(|d| d.parse::<NaiveDate>().ok()) else {
                continue;
            };
            let rows = scores.query_map(params![day.to_string(), first, last], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            days.push((day, rows.collect::<Result<_, _>>()?));
        }
        days.sort_by_key(|(day, _)| *day);
        Ok(PastScores { days })
    }

    /// The account's past scores, oldest first.
    pub fn of(&self, account: i64) -> impl Iterator<Item = (NaiveDate, u8)> + '_ {
        self.days.iter().filter_map(move |(day, scores)| {
            let i = scores.binary_search_by_key(&account, |(a, _)| *a).ok()?;
            Some((*day, scores[i].1))
        })
    }

    /// The account's trend as of `as_of`, from these past scores and `recent` ones
    /// (oldest first, all after them).
    pub fn trend(
        &self,
        account: i64,
        recent: &[(NaiveDate, u8)],
        score: Option<u8>,
        as_of: NaiveDate,
    ) -> Trend {
        let mut history: Vec<(NaiveDate, u8)> = self.of(account).collect();
        history.extend_from_slice(recent);
        trend(&history, score, as_of)
    }
}

/// One account's scored snapshots between two days, oldest first: the recompute days
/// are walked from the latest back, one seek each, then the account's row on each.
pub fn account_history(
    conn: &Connection,
    account: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, u8)>, BookError> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE days(day) AS (
             SELECT (SELECT max(taken_on) FROM health_snapshots WHERE taken_on <= ?3)
             UNION ALL
             SELECT (SELECT max(taken_on) FROM health_snapshots WHERE taken_on < days.day)
             FROM days WHERE days.day > ?2
         )
         SELECT s.taken_on, s.score
         FROM days JOIN health_snapshots s ON s.taken_on = days.day AND s.account_id = ?1
         WHERE days.day >= ?2 AND s.score IS NOT NULL
         ORDER BY s.taken_on",
    )?;
    let rows = stmt.query_map(params![account, from.to_string(), to.to_string()], |r| {
        Ok((date(r, 0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
