//! The account detail's forms: overriding the health score or band (score or band, why,
//! until when), and logging a touch (kind, with whom, what happened).

use chrono::NaiveDate;

use super::answers::{contact, expiry, score_or_band};
use super::contact_answers::touch_kind;
use super::{Questions, Submission, words};
use crate::book::account::Person;
use crate::domain::vocab::{HealthBand, InteractionKind};

/// Score or band, then why, then until when.
#[derive(Default)]
pub struct OverrideForm {
    to: Option<(Option<u8>, Option<HealthBand>)>,
    reason: Option<String>,
}

impl Questions for OverrideForm {
    fn question(&self) -> String {
        match (&self.to, &self.reason) {
            (None, _) => "Override to a score (0-100) or a band (green, yellow, red)".into(),
            (Some(_), None) => "Why? (kept with the override)".into(),
            _ => "Until when? a date (YYYY-MM-DD) or days from today [30]".into(),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some((score, band)) = self.to else {
            self.to = Some(score_or_band(text)?);
            return Ok(None);
        };
        let Some(reason) = self.reason.clone() else {
            self.reason = Some(words(
                text,
                "a few words, please: they are what the next person reads",
            )?);
            return Ok(None);
        };
        Ok(Some(Submission::Override {
            score,
            band,
            reason,
            expires_on: expiry(text, today)?,
        }))
    }
}

/// Kind, with whom (part of a name, or nobody), then what happened.
pub struct TouchForm {
    people: Vec<Person>,
    kind: Option<InteractionKind>,
    with: Option<Option<i64>>,
}

impl TouchForm {
    /// A touch with one of `people`, the account's contacts.
    pub fn new(people: Vec<Person>) -> TouchForm {
        TouchForm {
            people,
            kind: None,
            with: None,
        }
    }
}

impl Questions for TouchForm {
    fn question(&self) -> String {
        match (self.kind, self.with) {
            (None, _) => "What kind of touch? call, email, meeting, qbr or note [call]".into(),
            (Some(_), None) => "With whom? part of a contact's name, or Enter for nobody".into(),
            _ => "What happened? (one line)".into(),
        }
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(kind) = self.kind else {
            self.kind = Some(touch_kind(text)?);
            return Ok(None);
        };
        let Some(contact_id) = self.with else {
            self.with = Some(contact(text, &self.people)?);
            return Ok(None);
        };
        Ok(Some(Submission::Touch {
            kind,
            contact: contact_id,
            summary: words(
                text,
                "a few words, please: they are what the next person reads",
            )?,
        }))
    }
}
