//! The facts the retention and customer metrics are computed from: every customer's
//! contract terms and outcomes, every survey answer, every start and go-live; one team
//! member's accounts, or everyone's.

use std::collections::BTreeMap;

use super::sql::{date, opt_date, term};
use super::{Book, BookError};
use crate::domain::metrics::{Answer, Customer, Launch, Term};

/// What the metrics read.
#[derive(Debug, Clone, Default)]
pub struct MetricFacts {
    pub customers: Vec<Customer>,
    pub answers: Vec<Answer>,
    pub launches: Vec<Launch>,
}

impl Book {
    /// The facts for `owner`'s accounts (a team member's exact name), or everyone's.
    pub fn metric_facts(&self, owner: Option<&str>) -> Result<MetricFacts, BookError> {
        let mine = "(?1 IS NULL OR a.owner_id = (SELECT id FROM team_members WHERE name = ?1))";
        let mut customers: BTreeMap<i64, Customer> = BTreeMap::new();
        // Expansions won mid-term, by contract.
        let mut changes: BTreeMap<i64, Vec<(chrono::NaiveDate, i64)>> = BTreeMap::new();
        let mut stmt = self.conn().prepare(&format!(
            "SELECT x.contract_id, x.effective_on, x.arr_delta_cents FROM arr_changes x
             JOIN accounts a ON a.id = x.account_id WHERE {mine}"
        ))?;
        let mut rows = stmt.query([owner])?;
        while let Some(r) = rows.next()? {
            changes
                .entry(r.get(0)?)
                .or_default()
                .push((date(r, 1)?, r.get(2)?));
        }
        drop(rows);
        drop(stmt);
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.id, a.churned_on, c.starts_on, c.ends_on, c.arr_cents, c.outcome,
                    c.outcome_on, c.outcome_arr_cents, c.outcome_reason, c.id
             FROM contracts c JOIN accounts a ON a.id = c.account_id
             WHERE {mine} ORDER BY a.id, c.starts_on"
        ))?;
        let mut rows = stmt.query([owner])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let outcome = match (
                r.get::<_, Option<String>>(5)?,
                opt_date(r, 6)?,
                r.get::<_, Option<i64>>(7)?,
            ) {
                (Some(_), Some(on), arr) => Some((term(r, 5)?, on, arr.unwrap_or(0))),
                _ => None,
            };
            let churned_on = opt_date(r, 1)?;
            customers
                .entry(id)
                .or_insert_with(|| Customer {
                    account_id: id,
                    churned_on,
                    terms: Vec::new(),
                })
                .terms
                .push(Term {
                    starts_on: date(r, 2)?,
                    ends_on: date(r, 3)?,
                    arr_cents: r.get(4)?,
                    outcome,
                    reason: r.get::<_, Option<String>>(8)?.map(Into::into),
                    changes: changes.remove(&r.get::<_, i64>(9)?).unwrap_or_default(),
                });
        }
        let mut stmt = self.conn().prepare(&format!(
            "SELECT s.kind, s.score, s.responded_on FROM survey_responses s
             JOIN accounts a ON a.id = s.account_id WHERE {mine}"
        ))?;
        let answers = stmt
            .query_map([owner], |r| {
                Ok(Answer {
                    kind: term(r, 0)?,
                    score: r.get(1)?,
                    on: date(r, 2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.segment, a.started_on, a.went_live_on FROM accounts a
             WHERE {mine} AND a.started_on IS NOT NULL AND a.went_live_on IS NOT NULL"
        ))?;
        let launches = stmt
            .query_map([owner], |r| {
                Ok(Launch {
                    segment: term(r, 0)?,
                    started_on: date(r, 1)?,
                    went_live_on: date(r, 2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(MetricFacts {
            customers: customers.into_values().collect(),
            answers,
            launches,
        })
    }
}
