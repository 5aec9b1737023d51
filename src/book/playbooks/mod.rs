//! Running playbooks against the book: gathering what each trigger and condition reads
//! (`subjects`), then, account by account, firing each new event, planning its tasks
//! with the domain's rules (plays merged, the room read, steps ordered) and making
//! them, in one journaled change. A trigger instance (playbook, account, event) is
//! recorded in `playbook_runs` and never fires again; one a play's `only_if` or
//! `unless` holds back is not recorded, so it can still fire while it is recent.

mod subjects;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::settle::adopt_tasks;
use super::sql::{date, opt_date};
use super::write::Stamp;
use super::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::domain::playbook::{
    Completes, Desk, Fired, Moot, OpenTask, Playbook, admits, events, plan, stored,
};

/// What a run did: per playbook, the events it fired on and the tasks it created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub by_playbook: BTreeMap<String, (usize, usize)>,
    pub tasks: usize,
    /// Events a task of the same need, made since, already answers (imported or
    /// written by hand, or another play's): recorded as fired, with no new task.
    pub in_hand: usize,
    /// Events a play's `only_if` or `unless` held back: not recorded.
    pub held_back: usize,
    /// Steps left out because the room said no: a step's condition, nobody in the role
    /// it is addressed to, moot or done already.
    pub steps_held: usize,
    /// Steps left out because the same work (a step of the same key in the same need,
    /// or the same title) is open or planned on the account already.
    pub steps_merged: usize,
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
        let mut subjects = self.subjects(rules, today, lookback)?;
        // In a team, a CSM's book plays on their own accounts: the rest are theirs.
        if let Some(me) = self.works_only_on()? {
            subjects.retain(|s| s.owner == Some(me));
        }
        let managers = self.managers()?;
        let latest = self.latest_playbook_tasks()?;
        let mut report = RunReport::default();
        self.write(stamp, |change| {
            // Tasks that came without their step get it first: merging and order read it.
            adopt_tasks(change.tx(), playbooks)?;
            let open = open_tasks(change.tx())?;
            let tx = change.tx();
            let mut fire = tx.prepare(
                "INSERT INTO playbook_runs (playbook_id, account_id, trigger_key, ran_on)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?;
            let mut task = tx.prepare(
                "INSERT INTO tasks (account_id, owner_id, title, description, due_on, priority,
                                    playbook_id, playbook_run_id, created_on, step, completes, moot,
                                    uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (uid) DO NOTHING",
            )?;
            let mut account_uid = tx.prepare("SELECT uid FROM accounts WHERE id = ?1")?;
            let mut count =
                tx.prepare("UPDATE playbook_runs SET tasks_created = ?1 WHERE id = ?2")?;
            let none: (Vec<OpenTask>, Vec<(String, NaiveDate)>) = Default::default();
            for s in &subjects {
                let mut fired = Vec::new();
                for p in playbooks.iter().filter(|p| p.applies_to(s.segment)) {
                    let found = events(&p.trigger, &s.facts, today, lookback);
                    if found.is_empty() {
                        continue;
                    }
                    if admits(&p.only_if, &p.unless, &s.facts, today).is_err() {
                        report.held_back += found.len();
                        continue;
                    }
                    for e in found {
                        if fire.execute(params![p.id, s.id, e.key, today.to_string()])? == 0 {
                            continue; // fired before
                        }
                        fired.push(Fired {
                            playbook: p,
                            event: e,
                            run: tx.last_insert_rowid(),
                        });
                    }
                }
                if fired.is_empty() {
                    continue;
                }
                let desk = Desk {
                    facts: &s.facts,
                    owner: s.owner,
                    manager: s.owner.and_then(|o| managers.get(&o).copied()),
                    open: open.get(&s.id).map_or(&none.0[..], Vec::as_slice),
                    latest: latest.get(&s.id).map_or(&none.1[..], Vec::as_slice),
                };
                let planned = plan(&fired, playbooks, desk, today);
                report.in_hand += planned.in_hand.len();
                report.steps_held += planned.held;
                report.steps_merged += planned.merged;
                let mut made: HashMap<i64, usize> = HashMap::new();
                let account: Option<String> = account_uid.query_row([s.id], |r| r.get(0))?;
                for t in &planned.tasks {
                    // The same play on the same event of the same account makes the same
                    // task in every book of a team: one row once they sync.
                    let uid = fired.iter().find(|f| f.run == t.run).and_then(|f| {
                        let account = account.as_deref()?;
                        Some(
                            super::identity::played_task_uid(
                                &f.playbook.id,
                                account,
                                &f.event.key,
                                &t.step,
                            )
                            .to_string(),
                        )
                    });
                    let inserted = task.execute(params![
                        s.id,
                        t.owner,
                        t.title,
                        t.description,
                        t.due_on.to_string(),
                        t.priority.as_str(),
                        t.playbook,
                        t.run,
                        today.to_string(),
                        t.step,
                        stored(&t.completes, Completes::as_str),
                        stored(&t.moot, Moot::as_str),
                        uid
                    ])?;
                    if inserted > 0 {
                        *made.entry(t.run).or_default() += 1;
                    }
                }
                for f in &fired {
                    let n = made.get(&f.run).copied().unwrap_or(0);
                    if n > 0 {
                        count.execute(params![n as i64, f.run])?;
                    }
                    let entry = report.by_playbook.entry(f.playbook.id.clone()).or_default();
                    entry.0 += 1;
                    entry.1 += n;
                    report.tasks += n;
                }
            }
            drop((fire, task, count, account_uid));
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
    fn latest_playbook_tasks(&self) -> Result<HashMap<i64, Vec<(String, NaiveDate)>>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT account_id, playbook_id, max(created_on) FROM tasks
             WHERE playbook_id IS NOT NULL AND account_id IS NOT NULL
             GROUP BY account_id, playbook_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
        while let Some(r) = rows.next()? {
            if let Some(on) = opt_date(r, 2)? {
                out.entry(r.get(0)?).or_default().push((r.get(1)?, on));
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
}

/// Every account's open (and snoozed) tasks.
fn open_tasks(tx: &Transaction<'_>) -> Result<HashMap<i64, Vec<OpenTask>>, BookError> {
    let mut stmt = tx.prepare(
        "SELECT account_id, playbook_id, step, title, due_on FROM tasks
         WHERE status IN ('open', 'snoozed') AND account_id IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<i64, Vec<OpenTask>> = HashMap::new();
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(OpenTask {
            playbook: r.get(1)?,
            step: r.get(2)?,
            title: r.get(3)?,
            due_on: date(r, 4)?,
        });
    }
    Ok(out)
}
