//! Tasks as a CSM works them: the open ones (snoozed ones once their snooze ends), with
//! their account, owner, playbook, due date and priority; done, snoozed, reassigned.

use chrono::NaiveDate;

mod changes;
mod index;
mod narrow;

pub use changes::TaskChanges;
pub use index::{Names, TaskIndex, TaskKey};

use index::{OPEN, ROW};

use super::settle::Ripple;
use super::write::{Entity, Stamp};
use super::{Book, BookError};
use crate::domain::vocab::{Priority, TaskStatus};

/// One task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    pub id: i64,
    pub account_id: Option<i64>,
    pub account: Option<String>,
    pub owner: Option<String>,
    pub title: String,
    pub due_on: NaiveDate,
    pub status: TaskStatus,
    pub priority: Priority,
    pub playbook: Option<String>,
    pub created_on: NaiveDate,
}

/// A task a CSM adds by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    pub account: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub priority: Priority,
    /// The playbook it belongs to, if it answers one.
    pub playbook: Option<String>,
}

impl Book {
    /// Adds a task owned by the account's CSM; journaled. Returns its id.
    pub fn add_task(
        &mut self,
        stamp: &Stamp,
        task: &NewTask,
        today: NaiveDate,
    ) -> Result<i64, BookError> {
        let title = task.title.trim();
        if title.is_empty() {
            return Err(BookError::Invalid("a task needs a title".into()));
        }
        let owner: Option<i64> = self.conn().query_row(
            "SELECT owner_id FROM accounts WHERE id = ?1",
            [task.account],
            |r| r.get(0),
        )?;
        self.write(stamp, |change| {
            change.insert(
                Entity::Task,
                &[
                    ("account_id", &task.account),
                    ("owner_id", &owner),
                    ("title", &title),
                    ("due_on", &task.due_on.to_string()),
                    ("priority", &task.priority.as_str()),
                    ("playbook_id", &task.playbook),
                    ("created_on", &today.to_string()),
                ],
                &format!("task added: {title}, due {}", task.due_on),
            )
        })
    }

    /// Open tasks, and snoozed ones whose snooze has ended by `today`, soonest due first.
    pub fn open_tasks(&self, today: NaiveDate) -> Result<Vec<TaskRow>, BookError> {
        let mut stmt = self
            .conn()
            .prepare(&format!("{ROW} WHERE {OPEN} ORDER BY t.due_on, t.id"))?;
        let rows = stmt.query_map([today.to_string()], index::row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Marks a task done on `today`, ticking the renewal steps it completes and closing
    /// the account's tasks that settles (all in one change); false if it was already.
    pub fn complete_task(
        &mut self,
        stamp: &Stamp,
        id: i64,
        today: NaiveDate,
    ) -> Result<bool, BookError> {
        Ok(self.finish_task(stamp, id, today)?.is_some())
    }

    /// Marks a task done as `complete_task` does, and says what else that settled; None
    /// if it was done already.
    pub fn finish_task(
        &mut self,
        stamp: &Stamp,
        id: i64,
        today: NaiveDate,
    ) -> Result<Option<Ripple>, BookError> {
        let (title, _) = self.task_title(id)?;
        self.write(stamp, |change| {
            // Asked again under the lock: another csm may have just marked it done.
            let (status, account): (String, Option<i64>) = change.tx().query_row(
                "SELECT status, account_id FROM tasks WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if status == "done" {
                return Ok(None);
            }
            let summary = format!("task done: {title}");
            change.update(
                Entity::Task,
                id,
                &[("status", &"done"), ("completed_on", &today.to_string())],
                &summary,
            )?;
            // What it completes is ticked on the renewal, and what that settles closes.
            let ticked = change.tick_what_it_completes(id, today)?;
            change.tick_milestone_of_task(id, today)?;
            let closed = match account {
                Some(account) => change.settle_account(account, today)?,
                None => Vec::new(),
            };
            Ok(Some(Ripple { ticked, closed }))
        })
    }

    /// Snoozes a task until a later day, with the reason.
    pub fn snooze_task(
        &mut self,
        stamp: &Stamp,
        id: i64,
        until: NaiveDate,
        reason: &str,
        today: NaiveDate,
    ) -> Result<(), BookError> {
        let (title, _) = self.task_title(id)?;
        if until <= today {
            return Err(BookError::Invalid(format!(
                "a snooze ends after today ({today}), not on {until}"
            )));
        }
        if reason.trim().is_empty() {
            return Err(BookError::Invalid(
                "a snooze needs a reason: why wait?".into(),
            ));
        }
        self.write(stamp, |change| {
            let summary = format!("task snoozed until {until}: {title} ({})", reason.trim());
            change.update(
                Entity::Task,
                id,
                &[
                    ("snoozed_until", &until.to_string()),
                    ("snooze_reason", &reason.trim()),
                    ("status", &"snoozed"),
                ],
                &summary,
            )
        })
    }

    /// Gives a task to another person on the team.
    pub fn reassign_task(
        &mut self,
        stamp: &Stamp,
        id: i64,
        owner: i64,
    ) -> Result<String, BookError> {
        let (title, _) = self.task_title(id)?;
        let name: String = self.conn().query_row(
            "SELECT name FROM team_members WHERE id = ?1",
            [owner],
            |r| r.get(0),
        )?;
        self.write(stamp, |change| {
            change.set(
                Entity::Task,
                id,
                "owner_id",
                &owner,
                &format!("task reassigned to {name}: {title}"),
            )
        })?;
        Ok(name)
    }

    fn task_title(&self, id: i64) -> Result<(String, String), BookError> {
        use rusqlite::OptionalExtension;
        self.conn()
            .query_row("SELECT title, status FROM tasks WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| BookError::Invalid(format!("there is no task #{id}")))
    }
}
