//! The stakeholder map's forms: a touch with the selected person (kind by one letter or
//! the word, then what happened), an edit of their role, sentiment or influence, a new
//! contact (name, then role), and the day someone left.

use chrono::NaiveDate;

use super::contact_answers::{edit, left_on, role, touch_kind};
use super::{Questions, Submission, words};
use crate::domain::vocab::InteractionKind;

pub struct ContactTouchForm {
    contact: (i64, String),
    kind: Option<InteractionKind>,
}

impl ContactTouchForm {
    pub fn new(contact: (i64, String)) -> ContactTouchForm {
        ContactTouchForm {
            contact,
            kind: None,
        }
    }
}

impl Questions for ContactTouchForm {
    fn question(&self) -> String {
        match self.kind {
            None => format!(
                "Touch with {}: c call, e email, m meeting, q qbr, n note [call]",
                self.contact.1
            ),
            Some(_) => "What happened? (one line)".into(),
        }
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(kind) = self.kind else {
            self.kind = Some(touch_kind(text)?);
            return Ok(None);
        };
        Ok(Some(Submission::ContactTouch {
            contact: self.contact.clone(),
            kind,
            summary: words(text, "a few words, please")?,
        }))
    }
}

pub struct ContactEditForm(pub (i64, String));

impl Questions for ContactEditForm {
    fn question(&self) -> String {
        format!(
            "{}: a role, a sentiment (positive, neutral, negative), an influence (high, medium, low), or reference (they agreed to be one)",
            self.0.1
        )
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        Ok(Some(Submission::ContactEdit {
            contact: self.0.clone(),
            edit: edit(text)?,
            said: text.to_string(),
        }))
    }
}

#[derive(Default)]
pub struct AddContactForm {
    name: Option<String>,
}

impl Questions for AddContactForm {
    fn question(&self) -> String {
        match self.name {
            None => "New contact's name".into(),
            Some(_) => "Role: exec sponsor, economic buyer, decision maker, champion, influencer, end user [end user]".into(),
        }
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(name) = self.name.clone() else {
            self.name = Some(words(text, "a few words, please")?);
            return Ok(None);
        };
        Ok(Some(Submission::AddContact {
            name,
            role: role(text)?,
        }))
    }
}

pub struct ContactLeftForm(pub (i64, String));

impl Questions for ContactLeftForm {
    fn question(&self) -> String {
        format!("{} left on? YYYY-MM-DD [today]", self.0.1)
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        Ok(Some(Submission::ContactLeft {
            contact: self.0.clone(),
            on: left_on(text, today)?,
        }))
    }
}
