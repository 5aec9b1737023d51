//! The portfolio read model: every account with what the Portfolio pane and the
//! CLI list, in one query, loaded once and then sorted and filtered in memory.

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
    pub owner: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
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
    /// Every account, churned ones included, in the book's order.
    pub fn portfolio(&self) -> Result<Vec<PortfolioAccount>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.name, a.segment, a.owner_id, t.name, a.industry, a.region, a.lifecycle_stage,
                    a.arr_cents, a.currency, a.licensed_seats, a.churned_on,
                    (SELECT min(c.ends_on) FROM contracts c
                     WHERE c.account_id = a.id AND c.outcome IS NULL) AS renewal_on
             FROM accounts a
             LEFT JOIN team_members t ON t.id = a.owner_id
             ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PortfolioAccount {
                id: r.get(0)?,
                name: r.get(1)?,
                segment: term(r, 2)?,
                owner_id: r.get(3)?,
                owner: r.get(4)?,
                industry: r.get(5)?,
                region: r.get(6)?,
                lifecycle: term(r, 7)?,
                arr: money(r, 8, 9)?,
                licensed_seats: r.get(10)?,
                churned_on: r.get(11)?,
                renewal_on: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
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
