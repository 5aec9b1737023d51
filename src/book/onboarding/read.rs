//! Reading the accounts in onboarding: one pass over them (the partial index keeps the
//! others out of it), with each one's last touch and usage from its own indexes, then
//! the milestones they have done, ticked or done as tasks.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::params;

use super::super::sql::{date, money, opt_date, owned_by, term};
use super::super::{Book, BookError};
use crate::domain::onboarding::Journey;

const JOURNEYS: &str = "SELECT a.id, a.name, m.name, a.segment, a.arr_cents, a.currency,
        a.started_on, a.went_live_on,
        (SELECT max(i.occurred_on) FROM interactions i
          WHERE i.account_id = a.id AND i.kind <> 'note'),
        (SELECT max(u.week_start) FROM usage_weeks u
          WHERE u.account_id = a.id AND u.active_users > 0),
        (SELECT min(u.week_start) FROM usage_weeks u
          WHERE u.account_id = a.id AND u.licensed_seats > 0
            AND u.active_users >= ?2 * u.licensed_seats)
    FROM accounts a LEFT JOIN team_members m ON m.id = a.owner_id
    WHERE a.lifecycle_stage = 'onboarding' AND a.churned_on IS NULL";

impl Book {
    /// The accounts of `owner` (a team member's exact name), or everyone's, still in
    /// onboarding; `active_share` of the licensed seats active in a week is first value.
    pub fn journeys(
        &self,
        owner: Option<&str>,
        active_share: f64,
    ) -> Result<Vec<Journey>, BookError> {
        self.journeys_of(owner, None, active_share)
    }

    /// One account's journey, if it is still in onboarding: read back after a change.
    pub fn journey(&self, account: i64, active_share: f64) -> Result<Option<Journey>, BookError> {
        Ok(self
            .journeys_of(None, Some((account, account)), active_share)?
            .pop())
    }

    /// [`Book::journeys`] of the accounts whose ids lie in `ids`, if given.
    pub(crate) fn journeys_of(
        &self,
        owner: Option<&str>,
        ids: Option<(i64, i64)>,
        active_share: f64,
    ) -> Result<Vec<Journey>, BookError> {
        // No range at all for the whole book: a range over every id would lead the
        // planner past the index of the accounts in onboarding.
        let one = |column: &str| match ids {
            Some((first, last)) => format!("{column} BETWEEN {first} AND {last}"),
            None => "1".to_string(),
        };
        let sql = format!(
            "{JOURNEYS} AND {} AND {}",
            owned_by("a.owner_id", "?1"),
            one("a.id")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let share = if active_share > 0.0 {
            active_share
        } else {
            1e9
        };
        let mut names: HashMap<String, Arc<str>> = HashMap::new();
        let mut all: Vec<Journey> = stmt
            .query_map(params![owner, share], |r| {
                let owner: Option<String> = r.get(2)?;
                Ok(Journey {
                    account_id: r.get(0)?,
                    name: r.get::<_, String>(1)?.into(),
                    owner: owner
                        .map(|o| names.entry(o.clone()).or_insert_with(|| o.into()).clone()),
                    segment: term(r, 3)?,
                    arr: money(r, 4, 5)?,
                    started_on: opt_date(r, 6)?,
                    went_live_on: opt_date(r, 7)?,
                    done: Vec::new(),
                    last_touch: opt_date(r, 8)?,
                    last_active_week: opt_date(r, 9)?,
                    seats_reached_on: opt_date(r, 10)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let at: HashMap<i64, usize> = all
            .iter()
            .enumerate()
            .map(|(i, j)| (j.account_id, i))
            .collect();
        // Ticked, and done as tasks (a task that closed itself, the milestone passed by
        // what happened, counts too): the domain keeps the program's own.
        let mut done = self.conn().prepare(&format!(
            "SELECT om.account_id, om.playbook_id, om.milestone, om.done_on
             FROM onboarding_milestones om JOIN accounts a ON a.id = om.account_id
             WHERE a.lifecycle_stage = 'onboarding' AND {o} AND {a}
             UNION ALL
             SELECT t.account_id, t.playbook_id, t.step, t.completed_on
             FROM tasks t JOIN accounts a ON a.id = t.account_id
             WHERE a.lifecycle_stage = 'onboarding' AND {o} AND {a}
               AND t.step IS NOT NULL AND t.playbook_id IS NOT NULL
               AND t.completed_on IS NOT NULL
               AND (t.status = 'done' OR (t.status = 'skipped' AND t.closed_reason IS NOT NULL))",
            o = owned_by("a.owner_id", "?1"),
            a = one("a.id"),
        ))?;
        let rows = done.query_map(params![owner], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                date(r, 3)?,
            ))
        })?;
        for row in rows {
            let (account, playbook, key, on) = row?;
            if let Some(&i) = at.get(&account) {
                all[i].done.push((playbook, key, on));
            }
        }
        Ok(all)
    }
}
