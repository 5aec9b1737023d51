//! The renewal checklist and the tasks that complete its steps, kept as one: a task
//! done ticks the steps it completes on its renewal, and a step unticked opens again the
//! task its ticking did. (A step ticked does its task through the account's settling.)

use chrono::NaiveDate;
use rusqlite::params;

use super::TASK_RENEWAL;
use crate::book::BookError;
use crate::book::write::{Change, Entity};
use crate::domain::playbook::{Completes, unstored};
use crate::domain::renewal::Step;

impl Change<'_> {
    /// Ticks, on the task's renewal, the motion steps the task completes and that are
    /// not ticked yet; returns them.
    pub(crate) fn tick_what_it_completes(
        &mut self,
        task: i64,
        today: NaiveDate,
    ) -> Result<Vec<Step>, BookError> {
        use rusqlite::OptionalExtension;
        let found: Option<(Option<String>, i64, String, String)> = self
            .tx()
            .query_row(
                &format!(
                    "SELECT t.completes, c.id, a.name, t.title
                     FROM tasks t JOIN accounts a ON a.id = t.account_id
                     JOIN contracts c ON c.id = {TASK_RENEWAL}
                     WHERE t.id = ?1 AND c.outcome IS NULL"
                ),
                [task],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((completes, contract, account, title)) = found else {
            return Ok(Vec::new());
        };
        let mut ticked = Vec::new();
        let steps = unstored(completes.as_deref(), Completes::parse);
        for step in steps.into_iter().filter_map(Completes::renewal_step) {
            let done: bool = self.tx().query_row(
                "SELECT count(*) > 0 FROM renewal_steps WHERE contract_id = ?1 AND step = ?2",
                params![contract, step.as_str()],
                |r| r.get(0),
            )?;
            if done {
                continue;
            }
            let actor = self.actor().to_string();
            self.insert(
                Entity::RenewalStep,
                &[
                    ("contract_id", &contract),
                    ("step", &step.as_str()),
                    ("done_on", &today.to_string()),
                    ("done_by", &actor),
                ],
                &format!(
                    "{account}: renewal step done: {} (task done: {title})",
                    step.label()
                ),
            )?;
            ticked.push(step);
        }
        Ok(ticked)
    }

    /// Opens again the tasks of `account` that closed themselves as done on the renewal
    /// checklist and complete `step`, now unticked; returns how many.
    pub(crate) fn reopen_for_unticked(
        &mut self,
        account: i64,
        step: Step,
    ) -> Result<usize, BookError> {
        let ids: Vec<(i64, String, Option<String>)> = self
            .tx()
            .prepare(
                "SELECT id, title, completes FROM tasks
                 WHERE account_id = ?1 AND status = 'done' AND closed_reason IS NOT NULL
                   AND completes IS NOT NULL",
            )?
            .query_map([account], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut n = 0;
        for (id, title, completes) in ids {
            if !unstored(completes.as_deref(), Completes::parse).contains(&Completes::Renewal(step))
            {
                continue;
            }
            let none: Option<String> = None;
            self.update(
                Entity::Task,
                id,
                &[
                    ("status", &"open"),
                    ("completed_on", &none),
                    ("closed_reason", &none),
                ],
                &format!("task open again: {title} ({} unticked)", step.label()),
            )?;
            n += 1;
        }
        Ok(n)
    }
}
