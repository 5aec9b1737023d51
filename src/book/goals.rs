//! Success-plan goals: adding one to an account and updating one's current value and
//! status, each journaled; the day of the update is kept, so the QBR checklist can tell
//! whether the plan was looked at this quarter.

use chrono::NaiveDate;

use super::write::{Entity, Stamp};
use super::{Book, BookError};
use crate::domain::vocab::GoalStatus;

/// A goal a CSM adds.
#[derive(Debug, Clone, PartialEq)]
pub struct NewGoal {
    pub account: i64,
    pub title: String,
    pub metric: String,
    pub baseline: f64,
    pub target: f64,
    pub due_on: NaiveDate,
}

impl Book {
    /// Adds a goal to an account's success plan, owned by the account's CSM.
    pub fn add_goal(
        &mut self,
        stamp: &Stamp,
        goal: &NewGoal,
        today: NaiveDate,
    ) -> Result<i64, BookError> {
        let (title, metric) = (goal.title.trim(), goal.metric.trim());
        if title.is_empty() || metric.is_empty() {
            return Err(BookError::Invalid(
                "a goal needs an outcome and a metric".into(),
            ));
        }
        let owner: Option<i64> = self.conn().query_row(
            "SELECT owner_id FROM accounts WHERE id = ?1",
            [goal.account],
            |r| r.get(0),
        )?;
        self.write(stamp, |change| {
            change.insert(
                Entity::Goal,
                &[
                    ("account_id", &goal.account),
                    ("title", &title),
                    ("metric", &metric),
                    ("baseline", &goal.baseline),
                    ("current", &goal.baseline),
                    ("target", &goal.target),
                    ("due_on", &goal.due_on.to_string()),
                    ("owner_id", &owner),
                    ("status", &GoalStatus::NotStarted.as_str()),
                    ("updated_on", &today.to_string()),
                ],
                &format!(
                    "goal added: {title} ({metric}: {} to {})",
                    goal.baseline, goal.target
                ),
            )
        })
    }

    /// Records where a goal stands now and, if given, its status.
    pub fn update_goal(
        &mut self,
        stamp: &Stamp,
        id: i64,
        current: f64,
        status: Option<GoalStatus>,
        today: NaiveDate,
    ) -> Result<String, BookError> {
        let title: String = self
            .conn()
            .query_row("SELECT title FROM goals WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|_| BookError::Invalid(format!("there is no goal {id}")))?;
        self.write(stamp, |change| {
            let summary = format!("goal updated: {title} now {current}");
            let (status, updated_on) = (status.map(|s| s.as_str()), today.to_string());
            let mut fields: Vec<(&str, &dyn rusqlite::ToSql)> =
                vec![("current", &current), ("updated_on", &updated_on)];
            if let Some(s) = &status {
                fields.push(("status", s));
            }
            change.update(Entity::Goal, id, &fields, &summary)?;
            Ok(title.clone())
        })
    }
}
