//! Ticking an onboarding milestone, and moving an account on to adoption, each one
//! journaled change. A milestone ticked does its open task in the same change; ticking
//! the last one of the program moves the account on (the caller, who knows the program,
//! says so); a milestone's task done ticks the milestone (see `tick_milestone_of_task`).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::super::write::{Change, Entity, Stamp};
use super::super::{Book, BookError};
use crate::domain::playbook::{Completes, Playbook, adopt, stored};

/// A milestone to tick: of which account's program, and whether it completes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick<'a> {
    pub account_id: i64,
    pub playbook_id: &'a str,
    pub milestone: &'a str,
    /// The milestone's title, for the journal.
    pub title: &'a str,
    /// The last milestone of the program: the account moves on to adoption.
    pub completes_program: bool,
}

impl Book {
    /// Ticks a milestone on `today`, doing its open task; false if it was ticked already.
    pub fn tick_milestone(
        &mut self,
        stamp: &Stamp,
        tick: &Tick<'_>,
        today: NaiveDate,
    ) -> Result<bool, BookError> {
        let account = self.account_name(tick.account_id)?;
        self.write(stamp, |change| {
            if !change.record_milestone(
                tick.account_id,
                tick.playbook_id,
                tick.milestone,
                today,
                &format!("{account}: milestone done: {}", tick.title),
            )? {
                return Ok(false);
            }
            let tasks: Vec<(i64, String)> = change
                .tx()
                .prepare(
                    "SELECT id, title FROM tasks
                     WHERE account_id = ?1 AND playbook_id = ?2 AND step = ?3
                       AND status IN ('open', 'snoozed')",
                )?
                .query_map(
                    params![tick.account_id, tick.playbook_id, tick.milestone],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?
                .collect::<Result<_, _>>()?;
            for (id, title) in tasks {
                change.update(
                    Entity::Task,
                    id,
                    &[
                        ("status", &"done"),
                        ("completed_on", &today.to_string()),
                        ("closed_reason", &"milestone ticked"),
                    ],
                    &format!("task done: {title} (milestone ticked)"),
                )?;
            }
            if tick.completes_program {
                change.move_on_to_adoption(tick.account_id, &account)?;
            }
            Ok(true)
        })
    }

    /// Moves an account whose program is complete on to adoption.
    pub fn graduate(&mut self, stamp: &Stamp, account_id: i64) -> Result<(), BookError> {
        let account = self.account_name(account_id)?;
        self.write(stamp, |change| {
            change.move_on_to_adoption(account_id, &account)
        })
    }

    fn account_name(&self, id: i64) -> Result<String, BookError> {
        self.conn()
            .query_row("SELECT name FROM accounts WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| BookError::Invalid(format!("there is no account {id}")))
    }
}

impl Change<'_> {
    /// Adds the milestone's row unless it is there; returns whether it was added.
    fn record_milestone(
        &mut self,
        account: i64,
        playbook: &str,
        milestone: &str,
        today: NaiveDate,
        summary: &str,
    ) -> Result<bool, BookError> {
        let there: bool = self.tx().query_row(
            "SELECT count(*) > 0 FROM onboarding_milestones
             WHERE account_id = ?1 AND playbook_id = ?2 AND milestone = ?3",
            params![account, playbook, milestone],
            |r| r.get(0),
        )?;
        if there {
            return Ok(false);
        }
        let actor = self.actor().to_string();
        self.insert(
            Entity::Milestone,
            &[
                ("account_id", &account),
                ("playbook_id", &playbook),
                ("milestone", &milestone),
                ("done_on", &today.to_string()),
                ("done_by", &actor),
            ],
            summary,
        )?;
        Ok(true)
    }

    /// The milestone a task is, ticked now that the task is done; returns whether it was.
    pub(crate) fn tick_milestone_of_task(
        &mut self,
        task: i64,
        today: NaiveDate,
    ) -> Result<bool, BookError> {
        let found: Option<(i64, String, String, String, String)> = self
            .tx()
            .query_row(
                "SELECT t.account_id, t.playbook_id, t.step, t.title, a.name
                 FROM tasks t JOIN accounts a ON a.id = t.account_id
                 WHERE t.id = ?1 AND t.step IS NOT NULL AND t.playbook_id IS NOT NULL
                   AND (',' || t.completes || ',') LIKE '%,milestone,%'",
                [task],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((account, playbook, step, title, name)) = found else {
            return Ok(false);
        };
        self.record_milestone(
            account,
            &playbook,
            &step,
            today,
            &format!("{name}: milestone done: {title} (task done)"),
        )
    }

    fn move_on_to_adoption(&mut self, account: i64, name: &str) -> Result<(), BookError> {
        self.set(
            Entity::Account,
            account,
            "lifecycle_stage",
            &"adoption",
            &format!("{name}: onboarding complete, on to adoption"),
        )
    }
}

/// Done tasks that came without their step (a book written elsewhere, the demo) and are a
/// milestone by their playbook and title: given the step, and the milestone recorded as
/// done on the day the task was, by `by`. Returns how many.
pub(crate) fn adopt_done_milestones(
    tx: &Transaction<'_>,
    catalog: &[Playbook],
    by: &str,
) -> Result<usize, BookError> {
    let found: Vec<(i64, i64, String, String, String)> = tx
        .prepare(
            "SELECT id, account_id, playbook_id, title, completed_on FROM tasks
             WHERE step IS NULL AND playbook_id IS NOT NULL AND account_id IS NOT NULL
               AND status = 'done' AND completed_on IS NOT NULL",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut set = tx.prepare("UPDATE tasks SET step = ?2, completes = ?3 WHERE id = ?1")?;
    let mut add = tx.prepare(
        "INSERT OR IGNORE INTO onboarding_milestones
             (account_id, playbook_id, milestone, done_on, done_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut n = 0;
    for (id, account, playbook, title, on) in found {
        let Some((_, Some(step))) = adopt(catalog, &playbook, &title) else {
            continue;
        };
        if step.phase.is_none() {
            continue;
        }
        set.execute(params![
            id,
            step.key,
            stored(&step.completes, Completes::as_str)
        ])?;
        n += add.execute(params![account, playbook, step.key, on, by])?;
    }
    Ok(n)
}
