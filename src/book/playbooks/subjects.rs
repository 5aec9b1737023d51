//! What the playbooks read of every active account in a few passes over the book: its
//! dates, open renewal, health and signals, departures, NPS answers, seats, lifecycle
//! stage, the people still there and the renewal's ticked steps.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::book::sql::{opt_date, term, weekly};
use crate::book::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::domain::playbook::{AccountFacts, Present};
use crate::domain::renewal::Step;
use crate::domain::vocab::{HealthBand, Segment};

/// An account as the engine sees it.
pub(super) struct Subject {
    pub id: i64,
    pub segment: Segment,
    pub owner: Option<i64>,
    pub facts: AccountFacts,
}

impl Book {
    /// Every active account with what its triggers read.
    pub(super) fn subjects(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        lookback: u32,
    ) -> Result<Vec<Subject>, BookError> {
        let from = (today - Duration::days(i64::from(lookback))).to_string();
        let to = today.to_string();
        let mut subjects: Vec<Subject> = Vec::new();
        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.segment, a.owner_id, a.started_on, a.went_live_on,
                    c.id, c.ends_on, h.band, h.computed_on, h.weekly, a.lifecycle_stage
             FROM accounts a
             LEFT JOIN contracts c ON c.id = (
                 SELECT id FROM contracts
                 WHERE account_id = a.id AND outcome IS NULL ORDER BY ends_on LIMIT 1)
             LEFT JOIN account_health h ON h.account_id = a.id
             WHERE a.churned_on IS NULL OR a.churned_on > ?1
             ORDER BY a.id",
        )?;
        let mut rows = stmt.query([&to])?;
        while let Some(r) = rows.next()? {
            let segment: Segment = term(r, 1)?;
            let renewal = match (r.get::<_, Option<i64>>(5)?, opt_date(r, 6)?) {
                (Some(c), Some(on)) => Some((c, on)),
                _ => None,
            };
            let computed_on = opt_date(r, 8)?;
            let series = match r.get_ref(9)? {
                rusqlite::types::ValueRef::Null => Vec::new(),
                _ => weekly(r, 9, computed_on)?.scores,
            };
            subjects.push(Subject {
                id: r.get(0)?,
                segment,
                owner: r.get(2)?,
                facts: AccountFacts {
                    started_on: opt_date(r, 3)?,
                    went_live_on: opt_date(r, 4)?,
                    renewal,
                    weekly: series,
                    weekly_last_on: computed_on,
                    bands: Some(rules.bands_for(segment)),
                    band_now: r
                        .get::<_, Option<String>>(7)?
                        .and_then(|b| b.parse::<HealthBand>().ok()),
                    stage: Some(term(r, 10)?),
                    ..Default::default()
                },
            });
        }
        let index: HashMap<i64, usize> = subjects
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let facts = |account: i64| index.get(&account).copied();

        let mut stmt = self.conn().prepare(
            "SELECT account_id, id, role, left_on FROM contacts
             WHERE left_on > ?1 AND left_on <= ?2",
        )?;
        let mut rows = stmt.query([&from, &to])?;
        while let Some(r) = rows.next()? {
            if let (Some(i), Some(on)) = (facts(r.get(0)?), opt_date(r, 3)?) {
                subjects[i]
                    .facts
                    .departures
                    .push((r.get(1)?, term(r, 2)?, on));
            }
        }
        // The people still there, and the open renewal's ticked steps: what the
        // conditions and the moot of a step read.
        let mut stmt = self.conn().prepare(
            "SELECT account_id, name, role, sentiment, last_touch_on FROM contacts
             WHERE left_on IS NULL OR left_on > ?1 ORDER BY account_id, id",
        )?;
        let mut rows = stmt.query([&to])?;
        while let Some(r) = rows.next()? {
            if let Some(i) = facts(r.get(0)?) {
                subjects[i].facts.people.push(Present {
                    name: r.get(1)?,
                    role: term(r, 2)?,
                    sentiment: term(r, 3)?,
                    touched_on: opt_date(r, 4)?,
                });
            }
        }
        let mut stmt = self.conn().prepare(
            "SELECT c.account_id, c.id, s.step FROM renewal_steps s
             JOIN contracts c ON c.id = s.contract_id WHERE c.outcome IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(i) = facts(r.get(0)?) {
                let contract: i64 = r.get(1)?;
                let step = Step::parse(&r.get::<_, String>(2)?);
                if let (Some((open, _)), Some(step)) = (subjects[i].facts.renewal, step)
                    && open == contract
                {
                    subjects[i].facts.ticked.push(step);
                }
            }
        }
        let mut stmt = self.conn().prepare(
            "SELECT account_id, id, score, responded_on FROM survey_responses
             WHERE kind = 'nps' AND responded_on > ?1 AND responded_on <= ?2",
        )?;
        let mut rows = stmt.query([&from, &to])?;
        while let Some(r) = rows.next()? {
            if let (Some(i), Some(on)) = (facts(r.get(0)?), opt_date(r, 3)?) {
                subjects[i].facts.nps.push((r.get(1)?, r.get(2)?, on));
            }
        }
        let mut stmt = self.conn().prepare(
            "SELECT u.account_id, u.active_users, u.licensed_seats
             FROM accounts a JOIN usage_weeks u
                  ON u.account_id = a.id AND u.week_start > ?1 AND u.week_start <= ?2
             ORDER BY a.id, u.week_start",
        )?;
        let recent_week = (today - Duration::days(14)).to_string();
        let mut rows = stmt.query([&recent_week, &to])?;
        while let Some(r) = rows.next()? {
            if let Some(i) = facts(r.get(0)?) {
                subjects[i].facts.seats = Some((r.get(1)?, r.get(2)?));
            }
        }
        self.each_health(rules, today, None, |detail| {
            if let Some(i) = facts(detail.id) {
                subjects[i].facts.signals =
                    detail.signals.iter().map(|s| (s.kind, s.since)).collect();
            }
            Ok(())
        })?;
        Ok(subjects)
    }
}
