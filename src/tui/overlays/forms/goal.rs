//! The success-plan forms in QBR prep: where a goal stands (which, now, status), and a
//! new goal (the outcome, its metric, baseline and target, due when).

use chrono::NaiveDate;

use super::answers::later_day;
use super::goal_answers::{baseline_target, goal_number, number, status};
use super::{Questions, Submission, words};
use crate::book::goals::NewGoal;

pub struct GoalUpdateForm {
    goals: usize,
    goal: Option<usize>,
    now: Option<f64>,
}

impl GoalUpdateForm {
    /// An update of one of the brief's `goals`.
    pub fn new(goals: usize) -> GoalUpdateForm {
        GoalUpdateForm {
            goals,
            goal: None,
            now: None,
        }
    }
}

impl Questions for GoalUpdateForm {
    fn question(&self) -> String {
        match (self.goal, self.now) {
            (None, _) => format!("Which goal? 1 to {}", self.goals),
            (Some(_), None) => "Where does it stand now? (a number)".into(),
            _ => "Status? not_started, on_track, at_risk, achieved, missed [keep]".into(),
        }
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(goal) = self.goal else {
            self.goal = Some(goal_number(text, self.goals)? - 1);
            return Ok(None);
        };
        let Some(now) = self.now else {
            self.now = Some(number(text)?);
            return Ok(None);
        };
        Ok(Some(Submission::GoalUpdate {
            goal,
            now,
            status: status(text)?,
        }))
    }
}

pub struct AddGoalForm {
    account: i64,
    title: Option<String>,
    metric: Option<String>,
    range: Option<(f64, f64)>,
}

impl AddGoalForm {
    pub fn new(account: i64) -> AddGoalForm {
        AddGoalForm {
            account,
            title: None,
            metric: None,
            range: None,
        }
    }
}

impl Questions for AddGoalForm {
    fn question(&self) -> String {
        match (&self.title, &self.metric, self.range) {
            (None, _, _) => "New goal: what outcome does the customer want?".into(),
            (Some(_), None, _) => "Measured how? (the metric)".into(),
            (Some(_), Some(_), None) => "Baseline and target? e.g. 30 14".into(),
            _ => "Due? YYYY-MM-DD or days [90]".into(),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(title) = self.title.clone() else {
            self.title = Some(words(text, "a few words, please")?);
            return Ok(None);
        };
        let Some(metric) = self.metric.clone() else {
            self.metric = Some(words(text, "a few words, please")?);
            return Ok(None);
        };
        let Some((baseline, target)) = self.range else {
            self.range = Some(baseline_target(text)?);
            return Ok(None);
        };
        let due = if text.is_empty() { "90" } else { text };
        Ok(Some(Submission::AddGoal(NewGoal {
            account: self.account,
            title,
            metric,
            baseline,
            target,
            due_on: later_day(due, today)?,
        })))
    }
}
