//! The QBR held, from QBR prep: one question, with whom (part of a contact's name, or
//! nobody); the touch is a QBR dated today, its summary naming the quarter reviewed.

use chrono::NaiveDate;

use super::answers::contact;
use super::{Questions, Submission};
use crate::book::account::Person;
use crate::domain::vocab::InteractionKind;

pub struct QbrHeldForm {
    people: Vec<Person>,
    summary: String,
}

impl QbrHeldForm {
    /// A QBR held with one of `people`, the account's contacts, reviewing `period`.
    pub fn new(people: Vec<Person>, period: &str) -> QbrHeldForm {
        QbrHeldForm {
            people,
            summary: format!("QBR held for {period}"),
        }
    }
}

impl Questions for QbrHeldForm {
    fn question(&self) -> String {
        "QBR held today: with whom? part of a contact's name, or Enter for nobody".into()
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        Ok(Some(Submission::Touch {
            kind: InteractionKind::Qbr,
            contact: contact(text, &self.people)?,
            summary: self.summary.clone(),
        }))
    }
}
