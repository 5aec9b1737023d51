//! Reading the reference pool: one pass over the referenceable contacts (their partial
//! index keeps the rest out) with their account, health, latest NPS and asks, then the
//! success-plan goals of their accounts.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::params;

use super::super::sql::{money, opt_date, owned_by, term};
use super::super::{Book, BookError};
use crate::domain::advocacy::{Reference, year_start};

const POOL: &str = "SELECT c.id, c.name, c.title, a.id, a.name, m.name, a.segment, a.industry,
        a.products, a.arr_cents, a.currency, c.advocacy, h.score, h.band,
        (SELECT s.score FROM survey_responses s
          WHERE s.account_id = a.id AND s.contact_id = c.id AND s.kind = 'nps'
          ORDER BY s.responded_on DESC LIMIT 1),
        (SELECT max(r.asked_on) FROM reference_asks r WHERE r.contact_id = c.id),
        c.last_reference_on,
        (SELECT count(*) FROM reference_asks r
          WHERE r.contact_id = c.id AND r.outcome = 'given' AND r.outcome_on >= ?2),
        (SELECT r.id FROM reference_asks r
          WHERE r.contact_id = c.id AND r.outcome IS NULL ORDER BY r.asked_on DESC LIMIT 1),
        (SELECT r.due_on FROM reference_asks r
          WHERE r.contact_id = c.id AND r.outcome IS NULL ORDER BY r.asked_on DESC LIMIT 1)
    FROM contacts c JOIN accounts a ON a.id = c.account_id
    LEFT JOIN team_members m ON m.id = a.owner_id
    LEFT JOIN account_health h ON h.account_id = a.id
    WHERE c.referenceable = 1 AND c.left_on IS NULL AND a.churned_on IS NULL";

impl Book {
    /// The people who agreed to be references at `owner`'s live accounts (a team
    /// member's exact name), or everyone's, as of `today`.
    pub fn reference_pool(
        &self,
        owner: Option<&str>,
        today: NaiveDate,
    ) -> Result<Vec<Reference>, BookError> {
        self.pool_of(owner, None, today)
    }

    /// One account's people who agreed to be references.
    pub fn references_of(
        &self,
        account: i64,
        today: NaiveDate,
    ) -> Result<Vec<Reference>, BookError> {
        self.pool_of(None, Some(account), today)
    }

    fn pool_of(
        &self,
        owner: Option<&str>,
        account: Option<i64>,
        today: NaiveDate,
    ) -> Result<Vec<Reference>, BookError> {
        let year = year_start(today);
        let sql = format!(
            "{POOL} AND {} AND (?3 IS NULL OR c.account_id = ?3)",
            owned_by("a.owner_id", "?1")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let mut owners: HashMap<String, Arc<str>> = HashMap::new();
        let mut pool: Vec<Reference> = stmt
            .query_map(params![owner, year.to_string(), account], |r| {
                let owner: Option<String> = r.get(5)?;
                let products: Option<String> = r.get(8)?;
                let score: Option<u8> = r.get(12)?;
                let band: Option<String> = r.get(13)?;
                let last_given = opt_date(r, 16)?;
                let logged: u32 = r.get(17)?;
                // A reference given this year before any ask was logged counts too.
                let given_this_year = if logged == 0 && last_given.is_some_and(|d| d >= year) {
                    1
                } else {
                    logged
                };
                Ok(Reference {
                    contact_id: r.get(0)?,
                    name: r.get(1)?,
                    title: r.get(2)?,
                    account_id: r.get(3)?,
                    account: r.get(4)?,
                    owner: owner
                        .map(|o| owners.entry(o.clone()).or_insert_with(|| o.into()).clone()),
                    segment: term(r, 6)?,
                    industry: r.get(7)?,
                    products: products
                        .map(|p| {
                            p.split([',', ';', '|'])
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect()
                        })
                        .unwrap_or_default(),
                    goals: Vec::new(),
                    arr: money(r, 9, 10)?,
                    tier: match r.get_ref(11)?.as_str_or_null()? {
                        Some(_) => Some(term(r, 11)?),
                        None => None,
                    },
                    health: match (score, band) {
                        (Some(s), Some(b)) => b.parse().ok().map(|b| (s, b)),
                        _ => None,
                    },
                    nps: r.get(14)?,
                    last_asked: opt_date(r, 15)?,
                    last_given,
                    given_this_year,
                    awaiting: match r.get::<_, Option<i64>>(18)? {
                        Some(id) => Some((id, opt_date(r, 19)?)),
                        None => None,
                    },
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut at: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, r) in pool.iter().enumerate() {
            at.entry(r.account_id).or_default().push(i);
        }
        let mut goals = self.conn().prepare(
            "SELECT g.account_id, g.title FROM goals g
             WHERE (?1 IS NULL OR g.account_id = ?1) AND g.account_id IN
                 (SELECT c.account_id FROM contacts c WHERE c.referenceable = 1)",
        )?;
        let rows = goals.query_map([account], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (account, title) = row?;
            for &i in at.get(&account).into_iter().flatten() {
                pool[i].goals.push(title.clone());
            }
        }
        Ok(pool)
    }
}
