//! The facts the team's pictures are drawn from: each week's latest recompute and its
//! bands, the customers' terms, the frozen forecasts by month, and each CSM's touches,
//! closed tasks and accounts over the weeks; for the team, or one CSM.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::renewals::freeze::period_of;
use super::sql::{opt_date, term};
use super::{Book, BookError};
use crate::domain::metrics::{Grain, Period};
use crate::domain::renewal::{Accuracy, accuracy};
use crate::domain::today::TodayRules;
use crate::domain::trends::{
    Held, MONTHS, QUARTERS, Scored, Targets, Touch, Trends, WEEKS, Week, WorkloadFacts, band_weeks,
    quarters, workload,
};
use crate::domain::vocab::{HealthBand, Segment, TeamRole};

/// A week takes the latest recompute up to this many days before its last day.
const SCORED_SLACK_DAYS: i64 = 13;

impl Book {
    /// The pictures' figures as of `today`, for `owner`'s accounts (a team member's exact
    /// name) or the team's.
    pub fn trends(
        &self,
        today_rules: &TodayRules,
        targets: Targets,
        owner: Option<&str>,
        today: NaiveDate,
    ) -> Result<Trends, BookError> {
        let weeks = Week::last(today, WEEKS);
        let customers = self.metric_facts(owner)?.customers;
        let scored = self.scored_weeks(&weeks)?;
        Ok(Trends {
            as_of: today,
            owner: owner.map(str::to_string),
            targets,
            retention: quarters(&customers, today, QUARTERS),
            bands: band_weeks(&weeks, &scored, &customers),
            forecast: self.forecast_months(owner, today)?,
            workload: workload(&weeks, &self.workload_facts(today_rules, owner, &weeks)?),
        })
    }

    /// For each week, the latest recompute on or before its last day (within a
    /// fortnight) and the bands it gave.
    fn scored_weeks(&self, weeks: &[Week]) -> Result<Vec<Scored>, BookError> {
        let mut find_day = self.conn().prepare_cached(
            "SELECT max(taken_on) FROM health_snapshots WHERE taken_on <= ?1 AND taken_on >= ?2",
        )?;
        let mut bands = self
            .conn()
            .prepare_cached("SELECT account_id, band FROM health_snapshots WHERE taken_on = ?1")?;
        let mut read: HashMap<NaiveDate, HashMap<i64, Option<HealthBand>>> = HashMap::new();
        let mut out = Vec::with_capacity(weeks.len());
        for w in weeks {
            let slack = w.as_of - Duration::days(SCORED_SLACK_DAYS);
            let day: Option<NaiveDate> = find_day
                .query_row(params![w.as_of.to_string(), slack.to_string()], |r| {
                    r.get::<_, Option<String>>(0)
                })
                .optional()?
                .flatten()
                .and_then(|d| d.parse().ok());
            let Some(day) = day else {
                out.push(Scored::default());
                continue;
            };
            if let std::collections::hash_map::Entry::Vacant(e) = read.entry(day) {
                let mut of_day = HashMap::new();
                let mut rows = bands.query([day.to_string()])?;
                while let Some(r) = rows.next()? {
                    let band: Option<String> = r.get(1)?;
                    of_day.insert(r.get(0)?, band.and_then(|b| b.parse().ok()));
                }
                e.insert(of_day);
            }
            out.push(Scored {
                on: Some(day),
                bands: read[&day].clone(),
            });
        }
        Ok(out)
    }

    /// The last [`MONTHS`] months' frozen forecasts against their outcomes, oldest
    /// first; a month nothing was frozen for is empty.
    fn forecast_months(
        &self,
        owner: Option<&str>,
        today: NaiveDate,
    ) -> Result<Vec<Accuracy>, BookError> {
        let kept = match owner {
            None => self.forecast_accuracy()?,
            Some(name) => self
                .forecast_accuracy_by_owner()?
                .into_iter()
                .find(|o| o.owner.as_deref() == Some(name))
                .map(|o| o.months)
                .unwrap_or_default(),
        };
        Ok(Period::last(Grain::Month, today, MONTHS)
            .into_iter()
            .map(|m| {
                let name = period_of(m.start);
                kept.iter()
                    .find(|a| a.period == name)
                    .cloned()
                    .unwrap_or_else(|| accuracy(&name, &[]))
            })
            .collect())
    }

    /// The CSMs (everyone who is one or owns an account; only `owner` if given), their
    /// accounts, and the touches and closed tasks the weeks count.
    fn workload_facts(
        &self,
        rules: &TodayRules,
        owner: Option<&str>,
        weeks: &[Week],
    ) -> Result<WorkloadFacts, BookError> {
        let Some(first) = weeks.first() else {
            return Ok(WorkloadFacts::default());
        };
        let mut facts = WorkloadFacts::default();
        let mut stmt = self.conn().prepare(
            "SELECT id, owner_id, segment, started_on, churned_on FROM accounts
             WHERE owner_id IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let segment: Segment = term(r, 2)?;
            facts.accounts.push(Held {
                account_id: r.get(0)?,
                owner_id: r.get(1)?,
                cadence: rules.touch_days(segment),
                started_on: opt_date(r, 3)?,
                churned_on: opt_date(r, 4)?,
            });
        }
        let owning: std::collections::HashSet<i64> =
            facts.accounts.iter().map(|a| a.owner_id).collect();
        facts.members = self
            .team_members()?
            .into_iter()
            .filter(|m| m.role == TeamRole::Csm || owning.contains(&m.id))
            .filter(|m| owner.is_none_or(|o| m.name == o))
            .map(|m| (m.id, m.name))
            .collect();
        // A touch as far back as the longest cadence before the first week still
        // decides whether an account was quiet then.
        let reach = rules.touch_days.values().copied().max().unwrap_or(0);
        let from = first.starts_on - Duration::days(i64::from(reach) + 1);
        let to = weeks.last().map_or(first.as_of, |w| w.as_of);
        let range = params![from.to_string(), to.to_string()];
        for sql in [
            "SELECT account_id, occurred_on FROM interactions
             WHERE kind <> 'note' AND occurred_on BETWEEN ?1 AND ?2",
            "SELECT account_id, last_touch_on FROM contacts
             WHERE last_touch_on BETWEEN ?1 AND ?2",
        ] {
            let mut stmt = self.conn().prepare(sql)?;
            let mut rows = stmt.query(range)?;
            while let Some(r) = rows.next()? {
                facts.touches.push(Touch {
                    account_id: r.get(0)?,
                    on: r.get(1)?,
                });
            }
        }
        let mut stmt = self.conn().prepare(
            "SELECT owner_id, completed_on FROM tasks
             WHERE status = 'done' AND owner_id IS NOT NULL AND completed_on BETWEEN ?1 AND ?2",
        )?;
        let mut rows = stmt.query(params![first.starts_on.to_string(), to.to_string()])?;
        while let Some(r) = rows.next()? {
            facts.tasks_done.push((r.get(0)?, r.get(1)?));
        }
        Ok(facts)
    }
}
