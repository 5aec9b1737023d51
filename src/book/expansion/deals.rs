//! The opportunities as the pipeline weighs them, with their account and its CSM.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};

use super::super::sql::{money, opt_date, owned_by, term};
use super::super::{Book, BookError};
use crate::domain::expansion::Deal;

/// An opportunity with its account and CSM; a WHERE follows.
const DEAL: &str = "SELECT o.id, o.account_id, a.name, m.name, o.kind, o.title, o.arr_cents,
        o.currency, o.stage, o.expected_close_on, o.probability, o.closed_on
     FROM opportunities o JOIN accounts a ON a.id = o.account_id
     LEFT JOIN team_members m ON m.id = a.owner_id";

fn deal(r: &Row<'_>) -> rusqlite::Result<Deal> {
    Ok(Deal {
        id: r.get(0)?,
        account_id: r.get(1)?,
        account: r.get(2)?,
        owner: r.get(3)?,
        kind: term(r, 4)?,
        title: r.get(5)?,
        arr: money(r, 6, 7)?,
        stage: term(r, 8)?,
        close_on: opt_date(r, 9)?,
        probability: r.get(10)?,
        closed_on: opt_date(r, 11)?,
    })
}

impl Book {
    /// Every opportunity on `owner`'s accounts (a team member's exact name), or
    /// everyone's, open or closed, soonest close first.
    /// One account's open opportunities, soonest close first.
    pub fn open_deals_of(&self, account: i64) -> Result<Vec<Deal>, BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "{DEAL} WHERE o.account_id = ?1 AND o.stage IN ('identified', 'qualified', 'proposed')
             ORDER BY o.expected_close_on IS NULL, o.expected_close_on, o.id"
        ))?;
        let rows = stmt.query_map([account], deal)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn deals(&self, owner: Option<&str>) -> Result<Vec<Deal>, BookError> {
        let mine = owned_by("a.owner_id", "?1");
        let mut stmt = self.conn().prepare(&format!(
            "{DEAL} WHERE {mine}
             ORDER BY o.expected_close_on IS NULL, o.expected_close_on, o.id"
        ))?;
        let rows = stmt.query_map([owner], deal)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The pipeline as a pane shows it: every open opportunity, and those won or lost
    /// on or after `closed_since` (this quarter's), everyone's.
    pub fn pipeline_deals(&self, closed_since: NaiveDate) -> Result<Vec<Deal>, BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "{DEAL} WHERE o.stage NOT IN ('won', 'lost') OR o.closed_on >= ?1
             ORDER BY o.expected_close_on IS NULL, o.expected_close_on, o.id"
        ))?;
        let rows = stmt.query_map([closed_since.to_string()], deal)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One opportunity, if it is there.
    pub fn deal(&self, id: i64) -> Result<Option<Deal>, BookError> {
        Ok(self
            .conn()
            .query_row(&format!("{DEAL} WHERE o.id = ?1"), [id], deal)
            .optional()?)
    }
}
