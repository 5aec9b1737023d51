//! The portfolio read model: every account with what the Portfolio pane and the
//! CLI list, in one query, loaded once and then sorted and filtered in memory.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::sql::{money, opt_date, term, weekly};
use super::{Book, BookError};
use crate::domain::Money;
use crate::domain::vocab::{HealthBand, LifecycleStage, Segment, TeamRole};

/// One account as the portfolio lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioAccount {
    pub id: i64,
    pub name: String,
    pub segment: Segment,
    pub owner_id: Option<i64>,
    pub owner: Option<Arc<str>>,
    pub industry: Option<Arc<str>>,
    pub region: Option<Arc<str>>,
    pub lifecycle: LifecycleStage,
    pub arr: Money,
    pub licensed_seats: Option<i64>,
    /// The end of the earliest contract without an outcome: the next renewal.
    pub renewal_on: Option<NaiveDate>,
    /// When the customer left, for an account that churned.
    pub churned_on: Option<NaiveDate>,
    /// The latest recompute; None before the first one, and for churned accounts.
    pub health: Option<PortfolioHealth>,
}

/// An account's health as the portfolio lists it, from `account_health`.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioHealth {
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    pub low_confidence: bool,
    pub delta_30d: Option<i16>,
    pub delta_90d: Option<i16>,
    /// The last 26 weekly scores, oldest first.
    pub weekly: Box<[Option<u8>]>,
    pub top_signal: Option<Box<str>>,
    pub signal_count: u16,
    /// A CSM's override standing today: its score and band replace the computed ones on
    /// screen, and the computed ones stay here.
    pub overridden: Option<(Option<u8>, Option<HealthBand>)>,
}

/// A person on the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamMemberRow {
    pub id: i64,
    pub name: String,
    pub role: TeamRole,
    pub manager_id: Option<i64>,
}

impl Book {
    /// Every account, churned ones included, in the book's order. This runs before the
    /// cockpit's first frame, on books of 50,000 accounts.
    pub fn portfolio(&self) -> Result<Vec<PortfolioAccount>, BookError> {
        let (first, last, count): (i64, i64, i64) = self.conn().query_row(
            "SELECT coalesce(min(id), 0), coalesce(max(id), -1), count(*) FROM accounts",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        // A big book on disk is read in two halves at once, the second on its own
        // connection: decoding rows is most of the time.
        let Some(path) = self.path().filter(|_| count >= PARALLEL_FROM) else {
            return portfolio_range(self.conn(), first, last);
        };
        let middle = first + (last - first) / 2;
        std::thread::scope(|scope| {
            let upper = scope.spawn(|| -> Result<_, BookError> {
                let conn = crate::book::open_reader(path)?;
                portfolio_range(&conn, middle + 1, last)
            });
            let mut accounts = portfolio_range(self.conn(), first, middle)?;
            let upper = upper
                .join()
                .map_err(|_| BookError::Invalid("reading the portfolio failed".into()))??;
            accounts.extend(upper);
            Ok(accounts)
        })
    }

    /// Those accounts as [`Book::portfolio`] reads them, in the same order (by id); an
    /// id not in the book is left out.
    pub fn portfolio_of(&self, ids: &[i64]) -> Result<Vec<PortfolioAccount>, BookError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(portfolio_range(self.conn(), id, id)?);
        }
        Ok(out)
    }

    /// The first accounts in the Portfolio's default order (most urgent first: red,
    /// yellow, green, then unscored, each largest ARR first; the stored bands, before
    /// overrides), `owner`'s alone when named: at least `n`, or every one there is.
    /// What the pane shows while the rest is read: everyone's walks the accounts
    /// largest ARR first one band at a time, one owner's reads that owner's accounts,
    /// so either reads about as many accounts as it shows, however big the book.
    pub fn portfolio_first(
        &self,
        owner: Option<&str>,
        n: usize,
    ) -> Result<Vec<PortfolioAccount>, BookError> {
        let mut ids: Vec<i64> = Vec::with_capacity(n);
        match owner {
            Some(owner) => {
                let mut stmt = self.conn().prepare_cached(&format!(
                    "SELECT a.id FROM accounts a LEFT JOIN account_health h ON h.account_id = a.id
                     WHERE a.churned_on IS NULL AND {}
                     ORDER BY CASE h.band WHEN 'red' THEN 0 WHEN 'yellow' THEN 1
                                          WHEN 'green' THEN 2 ELSE 3 END,
                              a.arr_cents DESC, a.id
                     LIMIT ?2",
                    super::sql::owned_by("a.owner_id", "?1")
                ))?;
                let rows = stmt.query_map(params![owner, n as i64], |r| r.get(0))?;
                for id in rows {
                    ids.push(id?);
                }
            }
            None => {
                let mut stmt = self.conn().prepare_cached(
                    "SELECT a.id FROM accounts a INDEXED BY accounts_by_arr
                     LEFT JOIN account_health h ON h.account_id = a.id
                     WHERE a.churned_on IS NULL AND h.band IS ?1
                     ORDER BY a.arr_cents DESC, a.id LIMIT ?2",
                )?;
                for band in [Some("red"), Some("yellow"), Some("green"), None] {
                    let left = (n - ids.len()) as i64;
                    let rows = stmt.query_map(params![band, left], |r| r.get(0))?;
                    for id in rows {
                        ids.push(id?);
                    }
                    if ids.len() >= n {
                        break;
                    }
                }
            }
        }
        self.portfolio_of(&ids)
    }

    /// The team member whose name contains `wanted` (any case; an exact name wins);
    /// an error that says so when nobody, or several people, match.
    pub fn team_member_named(&self, wanted: &str) -> Result<TeamMemberRow, BookError> {
        let mut team = self.team_members()?;
        let w = wanted.trim().to_lowercase();
        if let Some(i) = team.iter().position(|m| m.name.to_lowercase() == w) {
            return Ok(team.swap_remove(i));
        }
        team.retain(|m| m.name.to_lowercase().contains(&w));
        match team.len() {
            1 => Ok(team.remove(0)),
            0 => Err(BookError::Invalid(format!(
                "nobody on the team is called `{wanted}`"
            ))),
            _ => Err(BookError::Invalid(format!(
                "`{wanted}` could be {}: type more of the name",
                team.iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// Each account's id in the system it came from, for finding it by that id.
    pub fn external_ids(&self) -> Result<Vec<(i64, String)>, BookError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, external_id FROM accounts WHERE external_id IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The team, managers first.
    pub fn team_members(&self) -> Result<Vec<TeamMemberRow>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, name, role, manager_id FROM team_members ORDER BY role = 'csm', name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TeamMemberRow {
                id: r.get(0)?,
                name: r.get(1)?,
                role: term(r, 2)?,
                manager_id: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Accounts from which the portfolio is read in two halves at once.
const PARALLEL_FROM: i64 = 10_000;

/// The accounts whose ids lie in `first..=last`, each with its next renewal: two ordered
/// scans (accounts, and open contracts from their index) merged here, repeated texts
/// (owners, industries, regions) shared rather than copied per account.
fn portfolio_range(
    conn: &Connection,
    first: i64,
    last: i64,
) -> Result<Vec<PortfolioAccount>, BookError> {
    // The first open contract of each account in the index's order is its next
    // renewal; a GROUP BY with min() reads the same rows four times slower.
    let mut renewals = conn.prepare(
        "SELECT account_id, ends_on FROM contracts
         WHERE outcome IS NULL AND account_id BETWEEN ?1 AND ?2
         ORDER BY account_id, ends_on",
    )?;
    let mut renewals = renewals.query_map([first, last], |r| {
        Ok((r.get::<_, i64>(0)?, opt_date(r, 1)?))
    })?;
    let mut next_renewal = renewals.next().transpose()?;

    let mut stmt = conn.prepare(
        "SELECT a.id, a.name, a.segment, a.owner_id, t.name, a.industry, a.region, a.lifecycle_stage,
                a.arr_cents, a.currency, a.licensed_seats, a.churned_on
         FROM accounts a
         LEFT JOIN team_members t ON t.id = a.owner_id
         WHERE a.id BETWEEN ?1 AND ?2
         ORDER BY a.id",
    )?;
    let mut health = conn.prepare(
        "SELECT account_id, score, band, confidence, delta_30d, delta_90d, weekly, top_signal,
                signal_count
         FROM account_health WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id",
    )?;
    let mut health = health.query_map([first, last], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            PortfolioHealth {
                score: r.get(1)?,
                band: r.get_ref(2)?.as_str_or_null()?.and_then(|b| b.parse().ok()),
                low_confidence: r.get_ref(3)?.as_str()? == "low",
                delta_30d: r.get(4)?,
                delta_90d: r.get(5)?,
                weekly: weekly(r, 6, None)?.scores.into_boxed_slice(),
                top_signal: r.get::<_, Option<String>>(7)?.map(String::into_boxed_str),
                signal_count: r.get(8)?,
                overridden: None,
            },
        ))
    })?;
    let mut next_health = health.next().transpose()?;
    let mut words = Interner::default();
    let mut rows = stmt.query([first, last])?;
    let mut out = Vec::with_capacity((last - first + 1).clamp(0, 1 << 20) as usize);
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        while next_renewal.is_some_and(|(account, _)| account < id) {
            next_renewal = renewals.next().transpose()?;
        }
        let renewal_on = next_renewal
            .filter(|(account, _)| *account == id)
            .and_then(|(_, on)| on);
        while next_health
            .as_ref()
            .is_some_and(|(account, _)| *account < id)
        {
            next_health = health.next().transpose()?;
        }
        let account_health = if next_health.as_ref().is_some_and(|(a, _)| *a == id) {
            let found = next_health.take().map(|(_, h)| h);
            next_health = health.next().transpose()?;
            found
        } else {
            None
        };
        out.push(PortfolioAccount {
            id,
            name: r.get(1)?,
            segment: term(r, 2)?,
            owner_id: r.get(3)?,
            owner: words.get(r, 4)?,
            industry: words.get(r, 5)?,
            region: words.get(r, 6)?,
            lifecycle: term(r, 7)?,
            arr: money(r, 8, 9)?,
            licensed_seats: r.get(10)?,
            churned_on: opt_date(r, 11)?,
            renewal_on,
            health: account_health,
        });
    }
    Ok(out)
}

/// Shares one copy of each distinct text among the accounts that carry it.
#[derive(Default)]
struct Interner {
    seen: HashMap<String, Arc<str>>,
}

impl Interner {
    fn get(&mut self, row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<Arc<str>>> {
        let Some(text) = row.get_ref(idx)?.as_str_or_null()? else {
            return Ok(None);
        };
        if let Some(shared) = self.seen.get(text) {
            return Ok(Some(shared.clone()));
        }
        let shared: Arc<str> = Arc::from(text);
        self.seen.insert(text.to_string(), shared.clone());
        Ok(Some(shared))
    }
}
