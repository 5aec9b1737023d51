//! Running playbooks against the book: gathering what each trigger reads (starts,
//! renewals, health and its signals, departures, NPS answers, seats), and turning each
//! new event into dated tasks in one journaled change. A trigger instance (playbook,
//! account, event) is recorded in `playbook_runs` and never fires again.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::sql::{opt_date, term, weekly};
use super::write::Stamp;
use super::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::domain::playbook::{AccountFacts, OwnerRole, Playbook, events};
use crate::domain::vocab::{HealthBand, Segment};

/// What a run did: per playbook, the events it fired on and the tasks it created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub by_playbook: BTreeMap<String, (usize, usize)>,
    pub tasks: usize,
    /// Events a task of the same playbook, made since, already answers (imported or
    /// written by hand): recorded as fired, with no new task.
    pub in_hand: usize,
}

/// An account as the engine sees it.
struct Subject {
    id: i64,
    segment: Segment,
    owner: Option<i64>,
    facts: AccountFacts,
}

impl Book {
    /// Fires every playbook on the events of the last `lookback` days not fired yet,
    /// creating their tasks; one journal entry for the run.
    pub fn run_playbooks(
        &mut self,
        stamp: &Stamp,
        playbooks: &[Playbook],
        rules: &HealthRules,
        today: NaiveDate,
        lookback: u32,
    ) -> Result<RunReport, BookError> {
        let subjects = self.subjects(rules, today, lookback)?;
        let managers = self.managers()?;
        let in_hand = self.latest_playbook_tasks()?;
        let mut report = RunReport::default();
        self.write(stamp, |change| {
            let tx = change.tx();
            let mut fire = tx.prepare(
                "INSERT INTO playbook_runs (playbook_id, account_id, trigger_key, ran_on)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?;
            let mut task = tx.prepare(
                "INSERT INTO tasks (account_id, owner_id, title, description, due_on, priority,
                                    playbook_id, playbook_run_id, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut count =
                tx.prepare("UPDATE playbook_runs SET tasks_created = ?1 WHERE id = ?2")?;
            for s in &subjects {
                for p in playbooks.iter().filter(|p| p.applies_to(s.segment)) {
                    for e in events(&p.trigger, &s.facts, today, lookback) {
                        if fire.execute(params![p.id, s.id, e.key, today.to_string()])? == 0 {
                            continue; // fired before
                        }
                        if in_hand
                            .get(&(s.id, p.id.clone()))
                            .is_some_and(|made| *made >= e.on)
                        {
                            report.in_hand += 1;
                            continue;
                        }
                        let run = tx.last_insert_rowid();
                        for step in &p.steps {
                            let owner = match step.owner {
                                OwnerRole::Csm => s.owner,
                                OwnerRole::Manager => {
                                    s.owner.and_then(|o| managers.get(&o).copied()).or(s.owner)
                                }
                            };
                            let due = (e.on + Duration::days(i64::from(step.due_days))).max(today);
                            task.execute(params![
                                s.id,
                                owner,
                                step.title,
                                step.description,
                                due.to_string(),
                                step.priority.as_str(),
                                p.id,
                                run,
                                today.to_string()
                            ])?;
                        }
                        count.execute(params![p.steps.len() as i64, run])?;
                        let entry = report.by_playbook.entry(p.id.clone()).or_default();
                        entry.0 += 1;
                        entry.1 += p.steps.len();
                        report.tasks += p.steps.len();
                    }
                }
            }
            drop((fire, task, count));
            if report.tasks > 0 {
                let fired: usize = report.by_playbook.values().map(|(n, _)| n).sum();
                change.record_import(
                    "tasks",
                    &format!(
                        "playbooks run on {today}: {} tasks from {fired} events",
                        report.tasks
                    ),
                )?;
            }
            Ok(())
        })?;
        Ok(report)
    }

    /// The day each account's latest task of each playbook was made.
    fn latest_playbook_tasks(&self) -> Result<HashMap<(i64, String), NaiveDate>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT account_id, playbook_id, max(created_on) FROM tasks
             WHERE playbook_id IS NOT NULL AND account_id IS NOT NULL
             GROUP BY account_id, playbook_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            if let Some(on) = opt_date(r, 2)? {
                out.insert((r.get(0)?, r.get(1)?), on);
            }
        }
        Ok(out)
    }

    /// Each team member's manager.
    fn managers(&self) -> Result<HashMap<i64, i64>, BookError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, manager_id FROM team_members WHERE manager_id IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every active account with what its triggers read.
    fn subjects(
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
                    c.id, c.ends_on, h.band, h.computed_on, h.weekly
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
