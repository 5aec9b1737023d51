//! The portfolio read model: every account with what the Portfolio pane and the
//! CLI list, in one query, loaded once and then sorted and filtered in memory.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::sql::{money, term};
use super::{Book, BookError};
use crate::domain::Money;
use crate::domain::vocab::{LifecycleStage, Segment, TeamRole};

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
    /// Every account, churned ones included, in the book's order. Two ordered scans
    /// (accounts, and open contracts from their index) are merged here, and repeated
    /// words (owners, industries, regions) are shared rather than copied per account:
    /// this runs before the cockpit's first frame, on books of 50,000 accounts.
    pub fn portfolio(&self) -> Result<Vec<PortfolioAccount>, BookError> {
        let mut renewals = self.conn().prepare(
            "SELECT account_id, min(ends_on) FROM contracts WHERE outcome IS NULL
             GROUP BY account_id ORDER BY account_id",
        )?;
        let mut renewals = renewals.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, NaiveDate>(1)?)))?;
        let mut next_renewal = renewals.next().transpose()?;

        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.name, a.segment, a.owner_id, t.name, a.industry, a.region, a.lifecycle_stage,
                    a.arr_cents, a.currency, a.licensed_seats, a.churned_on
             FROM accounts a
             LEFT JOIN team_members t ON t.id = a.owner_id
             ORDER BY a.id",
        )?;
        let mut words = Interner::default();
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            while next_renewal.is_some_and(|(account, _)| account < id) {
                next_renewal = renewals.next().transpose()?;
            }
            let renewal_on = next_renewal.filter(|(account, _)| *account == id).map(|(_, on)| on);
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
                churned_on: r.get(11)?,
                renewal_on,
            });
        }
        Ok(out)
    }

    /// The team, managers first.
    pub fn team_members(&self) -> Result<Vec<TeamMemberRow>, BookError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, name, role, manager_id FROM team_members ORDER BY role = 'csm', name")?;
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

/// Shares one copy of each distinct text among the accounts that carry it.
#[derive(Default)]
struct Interner {
    seen: HashMap<String, Arc<str>>,
}

impl Interner {
    fn get(&mut self, row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<Arc<str>>> {
        let Some(text) = row.get_ref(idx)?.as_str_or_null()? else { return Ok(None) };
        if let Some(shared) = self.seen.get(text) {
            return Ok(Some(shared.clone()));
        }
        let shared: Arc<str> = Arc::from(text);
        self.seen.insert(text.to_string(), shared.clone());
        Ok(Some(shared))
    }
}
