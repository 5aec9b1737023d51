//! The portfolio read model: every active account with what the Portfolio pane and the
//! CLI list, in one query, loaded once and then sorted and filtered in memory.

use chrono::NaiveDate;
use serde::Serialize;

use super::sql::{money, term};
use super::{Book, BookError};
use crate::domain::Money;
use crate::domain::vocab::{LifecycleStage, Segment};

/// One account as the portfolio lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioAccount {
    pub id: i64,
    pub name: String,
    pub segment: Segment,
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

/// A person on the team, with the size of their book.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamSummary {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub accounts: i64,
    pub arr_cents: i64,
}

impl Book {
    /// Every account, churned ones included, in the book's order.
    pub fn portfolio(&self) -> Result<Vec<PortfolioAccount>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.name, a.segment, t.name, a.industry, a.region, a.lifecycle_stage,
                    a.arr_cents, a.currency, a.licensed_seats, r.renewal_on, a.churned_on
             FROM accounts a
             LEFT JOIN team_members t ON t.id = a.owner_id
             LEFT JOIN (SELECT account_id, min(ends_on) AS renewal_on FROM contracts
                        WHERE outcome IS NULL GROUP BY account_id) r ON r.account_id = a.id
             ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PortfolioAccount {
                id: r.get(0)?,
                name: r.get(1)?,
                segment: term(r, 2)?,
                owner: r.get(3)?,
                industry: r.get(4)?,
                region: r.get(5)?,
                lifecycle: term(r, 6)?,
                arr: money(r, 7, 8)?,
                licensed_seats: r.get(9)?,
                renewal_on: r.get(10)?,
                churned_on: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The team, managers first, each with their active accounts and ARR.
    pub fn team(&self) -> Result<Vec<TeamSummary>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT t.id, t.name, t.role, count(a.id), coalesce(sum(a.arr_cents), 0)
             FROM team_members t
             LEFT JOIN accounts a ON a.owner_id = t.id AND a.churned_on IS NULL
             GROUP BY t.id
             ORDER BY t.role = 'csm', t.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TeamSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                accounts: r.get(3)?,
                arr_cents: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
