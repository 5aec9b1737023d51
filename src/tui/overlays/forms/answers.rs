//! Reading what a CSM types into a form: days that have come or are still ahead, a
//! score or a band, an override's expiry, and a contact named by part of their name.

use chrono::{Duration, NaiveDate};

use crate::book::account::Person;
use crate::domain::vocab::HealthBand;

/// A day that has come: blank for `default`, `today`, or a date no later than today.
pub fn past_day(answer: &str, default: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
    let day = match answer.trim() {
        "" => default,
        "today" => today,
        text => text
            .parse()
            .map_err(|_| format!("`{text}` is not a date (YYYY-MM-DD)"))?,
    };
    if day > today {
        return Err(format!("record it once it happened, not for {day}"));
    }
    Ok(day)
}

/// A day after today: a date, or days from today; blank is a week.
pub fn later_day(answer: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let on = if answer.trim().is_empty() {
        today + Duration::days(7)
    } else if let Ok(days) = answer.trim().trim_end_matches('d').parse::<i64>() {
        Duration::try_days(days)
            .and_then(|d| today.checked_add_signed(d))
            .ok_or_else(|| format!("{days} days is further than a calendar goes"))?
    } else {
        answer
            .trim()
            .parse::<NaiveDate>()
            .map_err(|_| format!("`{answer}` is not a date (YYYY-MM-DD) or a number of days"))?
    };
    if on <= today {
        return Err(format!("pick a day after today ({today})"));
    }
    Ok(on)
}

pub fn score_or_band(answer: &str) -> Result<(Option<u8>, Option<HealthBand>), String> {
    if let Ok(n) = answer.parse::<u32>() {
        return match u8::try_from(n) {
            Ok(s) if s <= 100 => Ok((Some(s), None)),
            _ => Err(format!("{n} is not a score: scores run from 0 to 100")),
        };
    }
    answer
        .parse::<HealthBand>()
        .map(|b| (None, Some(b)))
        .map_err(|_| format!("`{answer}` is neither a score (0-100) nor green, yellow or red"))
}

pub fn expiry(answer: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let on = if answer.is_empty() {
        today + Duration::days(30)
    } else if let Ok(days) = answer.trim_end_matches('d').parse::<i64>() {
        today + Duration::days(days)
    } else {
        answer
            .parse::<NaiveDate>()
            .map_err(|_| format!("`{answer}` is not a date (YYYY-MM-DD) or a number of days"))?
    };
    if on <= today {
        return Err(format!("the override must end after today ({today})"));
    }
    Ok(on)
}

/// The one contact whose name contains `answer` (any case); None for a blank answer.
pub fn contact(answer: &str, people: &[Person]) -> Result<Option<i64>, String> {
    if answer.is_empty() {
        return Ok(None);
    }
    let wanted = answer.to_lowercase();
    let found: Vec<&Person> = people
        .iter()
        .filter(|p| p.name.to_lowercase().contains(&wanted))
        .collect();
    match found.as_slice() {
        [one] => Ok(Some(one.id)),
        [] => Err(format!("nobody at this account is called `{answer}`")),
        many => Err(format!(
            "`{answer}` could be {}: type more of the name",
            many.iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}
