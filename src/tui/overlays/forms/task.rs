//! The task forms: snoozing a task or a Today item (until when, then why), giving a task
//! to someone on the team, and adding a task to an account (what, then due when).

use chrono::NaiveDate;

use super::answers::later_day;
use super::{Questions, Submission, words};

/// Until when and why; about a task, or (without one) the Today item in hand.
pub struct SnoozeForm {
    task: Option<(i64, String)>,
    until: Option<NaiveDate>,
}

impl SnoozeForm {
    pub fn task(task: (i64, String)) -> SnoozeForm {
        SnoozeForm {
            task: Some(task),
            until: None,
        }
    }

    /// A Today item that is not a task: it comes back sooner if something new happens.
    pub fn item() -> SnoozeForm {
        SnoozeForm {
            task: None,
            until: None,
        }
    }
}

impl Questions for SnoozeForm {
    fn question(&self) -> String {
        match (self.until, &self.task) {
            (None, _) => "Snooze until? YYYY-MM-DD or days [7]".into(),
            (Some(_), Some(_)) => "Why wait? (kept with the task)".into(),
            (Some(_), None) => "Why wait? (it comes back sooner if something new happens)".into(),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(until) = self.until else {
            self.until = Some(later_day(text, today)?);
            return Ok(None);
        };
        Ok(Some(Submission::Snooze {
            task: self.task.clone(),
            until,
            why: words(text, "a few words, please")?,
        }))
    }
}

pub struct ReassignForm(pub (i64, String));

impl Questions for ReassignForm {
    fn question(&self) -> String {
        "Give it to whom? part of a name on the team".into()
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        Ok(Some(Submission::Reassign {
            task: self.0.clone(),
            to: words(text, "a few words, please")?,
        }))
    }
}

pub struct AddTaskForm {
    account: (i64, String),
    title: Option<String>,
}

impl AddTaskForm {
    pub fn new(account: (i64, String)) -> AddTaskForm {
        AddTaskForm {
            account,
            title: None,
        }
    }
}

impl Questions for AddTaskForm {
    fn question(&self) -> String {
        match self.title {
            None => format!("New task for {}: what?", self.account.1),
            Some(_) => "Due? YYYY-MM-DD or days [7]".into(),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(title) = self.title.clone() else {
            self.title = Some(words(text, "a few words, please")?);
            return Ok(None);
        };
        Ok(Some(Submission::AddTask {
            account: self.account.clone(),
            title,
            due_on: later_day(text, today)?,
        }))
    }
}
