//! Each account's latest weeks of usage, packed in one row of `usage_recent`: what a
//! day's recompute reads in one pass instead of seeking every account in years of
//! `usage_weeks`. Triggers mark an account stale when its usage changes; a recompute
//! first repacks the stale ones.

use chrono::{Duration, NaiveDate};
use rusqlite::params;
use rusqlite::types::Value;

use crate::book::batch::Batch;
use crate::book::sql::date;
use crate::book::{Book, BookError};
use crate::domain::records::UsageWeek;

/// Weeks kept per account: the 30 + 60 days usage compares, with room to spare.
pub const RECENT_WEEKS: usize = 16;

/// Bytes per packed week: the day (days from 1970-01-01) and four counts.
const WEEK_BYTES: usize = 4 + 4 * 8;

impl Book {
    /// Repacks the latest usage of every account whose usage changed since the last
    /// time, in a transaction of its own; returns how many.
    pub fn refresh_recent_usage(&mut self) -> Result<usize, BookError> {
        let tx = self.begin_write()?;
        let stale: Vec<i64> = tx
            .prepare("SELECT account_id FROM usage_stale ORDER BY account_id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if stale.is_empty() {
            return Ok(0);
        }
        {
            let mut latest = tx.prepare(
                "SELECT week_start, active_users, licensed_seats, sessions, key_features_used
                 FROM usage_weeks WHERE account_id = ?1 ORDER BY week_start DESC LIMIT ?2",
            )?;
            let mut rows = Batch::new(
                "INSERT OR REPLACE INTO usage_recent (account_id, weeks, complete)",
                3,
            );
            let mut gone = tx.prepare("DELETE FROM usage_recent WHERE account_id = ?1")?;
            let mut weeks = Vec::with_capacity(RECENT_WEEKS + 1);
            for &account in &stale {
                weeks.clear();
                let found = latest.query_map(params![account, RECENT_WEEKS as i64 + 1], |r| {
                    Ok(UsageWeek {
                        week_start: date(r, 0)?,
                        active_users: r.get(1)?,
                        licensed_seats: r.get(2)?,
                        sessions: r.get(3)?,
                        key_features_used: r.get(4)?,
                    })
                })?;
                for week in found {
                    weeks.push(week?);
                }
                if weeks.is_empty() {
                    gone.execute([account])?;
                    continue;
                }
                let complete = weeks.len() <= RECENT_WEEKS;
                weeks.truncate(RECENT_WEEKS);
                weeks.reverse();
                rows.push(
                    &tx,
                    [
                        Value::Integer(account),
                        Value::Blob(pack(&weeks)),
                        Value::Integer(i64::from(complete)),
                    ],
                )?;
            }
            rows.flush(&tx)?;
        }
        tx.execute("DELETE FROM usage_stale", [])?;
        tx.commit()?;
        Ok(stale.len())
    }
}

/// An account's packed latest weeks, as read back.
pub struct RecentUsage {
    /// As [`pack`] wrote them.
    pub packed: Vec<u8>,
    /// Whether these are all the weeks the account has.
    pub complete: bool,
}

impl RecentUsage {
    /// Puts the weeks starting in `(after, to]` in `out` and says true, if these hold
    /// every such week the account has: when they reach back to `after`, or are all it
    /// has. Says false, `out` untouched, otherwise or if the bytes are not a packing.
    pub fn weeks_in(&self, after: NaiveDate, to: NaiveDate, out: &mut Vec<UsageWeek>) -> bool {
        if !self.packed.len().is_multiple_of(WEEK_BYTES) {
            return false;
        }
        let day = |d: NaiveDate| (d - epoch()).num_days();
        let (after, to) = (day(after), day(to));
        let mut weeks = self.packed.chunks_exact(WEEK_BYTES);
        let reaches_back = weeks
            .clone()
            .next()
            .is_some_and(|w| i64::from(week_day(w)) <= after);
        if !(self.complete || reaches_back) {
            return false;
        }
        let start = out.len();
        for w in weeks.by_ref() {
            let d = i64::from(week_day(w));
            if d > after && d <= to {
                match unpack_week(w) {
                    Some(week) => out.push(week),
                    None => {
                        out.truncate(start);
                        return false;
                    }
                }
            }
        }
        true
    }
}

fn week_day(w: &[u8]) -> i32 {
    i32::from_le_bytes([w[0], w[1], w[2], w[3]])
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date")
}

/// Weeks, oldest first, as bytes.
pub fn pack(weeks: &[UsageWeek]) -> Vec<u8> {
    let mut out = Vec::with_capacity(weeks.len() * WEEK_BYTES);
    for w in weeks {
        let day = (w.week_start - epoch()).num_days() as i32;
        out.extend_from_slice(&day.to_le_bytes());
        for n in [
            w.active_users,
            w.licensed_seats,
            w.sessions,
            w.key_features_used,
        ] {
            out.extend_from_slice(&n.to_le_bytes());
        }
    }
    out
}

/// Bytes back to weeks; None if they are not what [`pack`] writes.
#[cfg(test)]
fn unpack(bytes: &[u8]) -> Option<Vec<UsageWeek>> {
    if !bytes.len().is_multiple_of(WEEK_BYTES) {
        return None;
    }
    bytes.chunks_exact(WEEK_BYTES).map(unpack_week).collect()
}

fn unpack_week(w: &[u8]) -> Option<UsageWeek> {
    let n = |i: usize| {
        let at = 4 + i * 8;
        Some(i64::from_le_bytes(w.get(at..at + 8)?.try_into().ok()?))
    };
    Some(UsageWeek {
        week_start: epoch().checked_add_signed(Duration::days(i64::from(week_day(w))))?,
        active_users: n(0)?,
        licensed_seats: n(1)?,
        sessions: n(2)?,
        key_features_used: n(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(day: &str, active: i64) -> UsageWeek {
        UsageWeek {
            week_start: day.parse().unwrap(),
            active_users: active,
            licensed_seats: 50,
            sessions: active * 7,
            key_features_used: 3,
        }
    }

    #[test]
    fn weeks_read_back_as_packed() {
        let mut big = week("2026-02-09", 40);
        big.sessions = i64::MAX;
        let weeks = vec![week("2026-02-02", 31), big];
        assert_eq!(unpack(&pack(&weeks)), Some(weeks));
        assert_eq!(unpack(&[1, 2, 3]), None);
    }

    #[test]
    fn recent_weeks_serve_only_a_span_they_fully_cover() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let weeks = [
            week("2026-02-02", 1),
            week("2026-02-09", 2),
            week("2026-02-16", 3),
        ];
        let recent = RecentUsage {
            packed: pack(&weeks),
            complete: false,
        };
        let mut out = Vec::new();
        assert!(recent.weeks_in(d("2026-02-02"), d("2026-02-12"), &mut out));
        assert_eq!(out.iter().map(|w| w.active_users).collect::<Vec<_>>(), [2]);
        // Older weeks may exist that these do not hold.
        out.clear();
        assert!(!recent.weeks_in(d("2026-01-01"), d("2026-02-20"), &mut out));
        assert!(out.is_empty());
        let all = RecentUsage {
            complete: true,
            ..recent
        };
        assert!(all.weeks_in(d("2026-01-01"), d("2026-02-20"), &mut out));
        assert_eq!(out, weeks);
    }
}
