//! Short forms typed at the bottom of the screen, one question at a time. Each form
//! reads every answer once, as it is given (refusing it with why, the question kept),
//! keeps what it read, and hands back a typed `Submission` when the last answer is in;
//! the room that opened the form writes it. Nothing is written before that.

mod account;
mod answers;
mod contact;
pub mod contact_answers;
mod goal;
pub mod goal_answers;
mod milestone;
mod opportunity;
mod qbr;
mod reference;
mod renewal;
pub mod renewal_answers;
mod task;

pub use account::{OverrideForm, TouchForm};
pub use answers::{later_day, past_day};
pub use contact::{AddContactForm, ContactEditForm, ContactLeftForm, ContactTouchForm};
pub use goal::{AddGoalForm, GoalUpdateForm};
pub use milestone::MilestoneForm;
pub use opportunity::{OpportunityForm, OpportunityStart};
pub use qbr::QbrHeldForm;
pub use reference::{AskForm, RequestForm};
pub use renewal::{ForecastForm, OutcomeForm, RenewalContext};
pub use task::{AddTaskForm, ReassignForm, SnoozeForm};

use chrono::NaiveDate;

use crate::book::goals::NewGoal;
use crate::book::stakeholders::ContactEdit;
use crate::domain::Money;
use crate::domain::records::{Forecast, Outcome};
use crate::domain::vocab::{ContactRole, GoalStatus, HealthBand, InteractionKind, OpportunityKind};

/// The questions of one form.
pub trait Questions {
    /// The question being asked now.
    fn question(&self) -> String;
    /// Reads the answer to the question asked now: `Ok(None)` asks the next question,
    /// `Ok(Some(..))` is the whole form, read.
    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String>;
}

/// A filled-in form, every answer read into what the book takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Override {
        score: Option<u8>,
        band: Option<HealthBand>,
        reason: String,
        expires_on: NaiveDate,
    },
    Touch {
        kind: InteractionKind,
        contact: Option<i64>,
        summary: String,
    },
    Forecast {
        renewal: RenewalContext,
        forecast: Forecast,
    },
    Outcome {
        renewal: RenewalContext,
        outcome: Outcome,
    },
    ContactTouch {
        contact: (i64, String),
        kind: InteractionKind,
        summary: String,
    },
    ContactEdit {
        contact: (i64, String),
        edit: ContactEdit,
        /// What was typed, for the status bar.
        said: String,
    },
    AddContact {
        name: String,
        role: ContactRole,
    },
    ContactLeft {
        contact: (i64, String),
        on: NaiveDate,
    },
    /// A task (with its id and title) or, without one, the item in hand waits.
    Snooze {
        task: Option<(i64, String)>,
        until: NaiveDate,
        why: String,
    },
    Reassign {
        task: (i64, String),
        to: String,
    },
    AddTask {
        account: (i64, String),
        title: String,
        due_on: NaiveDate,
    },
    GoalUpdate {
        /// The goal's place in the brief, from 0.
        goal: usize,
        now: f64,
        status: Option<GoalStatus>,
    },
    AddGoal(NewGoal),
    Opportunity {
        account: (i64, String),
        kind: OpportunityKind,
        title: String,
        arr: Money,
        close_on: NaiveDate,
        signal: Option<String>,
    },
    Milestone {
        account: (i64, String),
        playbook: String,
        milestone: String,
        title: String,
        /// The last one left: the program is complete with it.
        completes_program: bool,
    },
    ReferenceRequest(crate::domain::advocacy::Request),
    Ask {
        contact: (i64, String),
        kind: crate::domain::vocab::AskKind,
        /// What it is for, in words.
        request: String,
        due_on: NaiveDate,
    },
}

/// A form being typed: its questions, the answer in progress and why the last one was
/// refused.
pub struct Form {
    questions: Box<dyn Questions>,
    pub input: String,
    pub error: Option<String>,
}

impl Form {
    pub fn new(questions: impl Questions + 'static) -> Form {
        Form {
            questions: Box::new(questions),
            input: String::new(),
            error: None,
        }
    }

    pub fn question(&self) -> String {
        self.questions.question()
    }

    /// Enter: reads the typed answer. Returns the submission once the form is complete.
    pub fn enter(&mut self, today: NaiveDate) -> Option<Submission> {
        let text = self.input.trim().to_string();
        match self.questions.answer(&text, today) {
            Ok(done) => {
                self.input.clear();
                self.error = None;
                done
            }
            Err(why) => {
                self.error = Some(why);
                None
            }
        }
    }
}

/// A few words, refused when blank.
fn words(answer: &str, why: &str) -> Result<String, String> {
    if answer.trim().is_empty() {
        Err(why.to_string())
    } else {
        Ok(answer.trim().to_string())
    }
}

#[cfg(test)]
mod tests;
