//! The answers of the stakeholder map's forms: a touch's kind (one letter or the word),
//! an edit to a contact (a role, a sentiment or an influence, told apart by the word),
//! a new contact's role, and the day someone left.

use chrono::NaiveDate;

use crate::book::stakeholders::ContactEdit;
use crate::domain::vocab::{ContactRole, Influence, InteractionKind, Sentiment};

/// `c`, `e`, `m`, `q` or `n`, or the word; blank is a call.
pub fn touch_kind(answer: &str) -> Result<InteractionKind, String> {
    match answer.trim() {
        "" | "c" => Ok(InteractionKind::Call),
        "e" => Ok(InteractionKind::Email),
        "m" => Ok(InteractionKind::Meeting),
        "q" => Ok(InteractionKind::Qbr),
        "n" => Ok(InteractionKind::Note),
        word => word
            .parse()
            .map_err(|e: crate::domain::vocab::UnknownTerm| e.to_string()),
    }
}

/// A role, a sentiment or an influence: the word says which.
pub fn edit(answer: &str) -> Result<ContactEdit, String> {
    let word = answer.trim();
    match word.to_lowercase().as_str() {
        "reference" | "referenceable" => return Ok(ContactEdit::Referenceable(true)),
        "no reference" | "not referenceable" | "not a reference" => {
            return Ok(ContactEdit::Referenceable(false));
        }
        _ => {}
    }
    if let Ok(s) = word.parse::<Sentiment>() {
        return Ok(ContactEdit::Sentiment(s));
    }
    if let Ok(i) = word.parse::<Influence>() {
        return Ok(ContactEdit::Influence(i));
    }
    if let Ok(r) = word.parse::<ContactRole>() {
        return Ok(ContactEdit::Role(r));
    }
    Err(format!(
        "`{word}` is not a role (champion, exec sponsor, ...), a sentiment (positive, neutral, negative), an influence (high, medium, low) or reference / no reference"
    ))
}

/// A new contact's role; blank is an end user.
pub fn role(answer: &str) -> Result<ContactRole, String> {
    if answer.trim().is_empty() {
        return Ok(ContactRole::EndUser);
    }
    answer
        .parse()
        .map_err(|e: crate::domain::vocab::UnknownTerm| e.to_string())
}

/// The day someone left: blank for today, never after it.
pub fn left_on(answer: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    super::answers::past_day(answer, today, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touch_kind_is_one_letter_or_the_word() {
        assert_eq!(touch_kind(""), Ok(InteractionKind::Call));
        assert_eq!(touch_kind("m"), Ok(InteractionKind::Meeting));
        assert_eq!(touch_kind("email"), Ok(InteractionKind::Email));
        assert!(touch_kind("x").is_err());
    }

    #[test]
    fn an_edit_is_told_apart_by_its_word() {
        assert_eq!(
            edit("negative"),
            Ok(ContactEdit::Sentiment(Sentiment::Negative))
        );
        assert_eq!(edit("high"), Ok(ContactEdit::Influence(Influence::High)));
        assert_eq!(
            edit("exec sponsor"),
            Ok(ContactEdit::Role(ContactRole::ExecutiveSponsor))
        );
        assert_eq!(
            edit("champion"),
            Ok(ContactEdit::Role(ContactRole::Champion))
        );
        assert!(edit("boss").unwrap_err().contains("not a role"));
    }

    #[test]
    fn a_departure_is_today_or_a_past_day() {
        let today: NaiveDate = "2026-03-01".parse().unwrap();
        assert_eq!(left_on("", today), Ok(today));
        assert!(left_on("2026-04-01", today).is_err());
    }
}
