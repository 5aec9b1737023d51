//! Short forms typed at the bottom of the screen, one question at a time: overriding an
//! account's health (score or band, reason, expiry), logging a touch (kind, with whom,
//! summary), a renewal's forecast and its outcome. Each answer is checked as it is
//! given; nothing is written until the last one is in.

use chrono::{Duration, NaiveDate};

use super::contact_forms;
use super::goal_forms;
use super::renewal_forms as forms;
use crate::book::account::Person;
use crate::domain::Money;
use crate::domain::records::{Forecast, Outcome};
use crate::domain::vocab::{HealthBand, InteractionKind};

/// What the form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Override,
    Touch,
    Forecast,
    Outcome,
    /// A touch with the selected contact: kind, then what happened.
    ContactTouch,
    /// The selected contact's role, sentiment or influence.
    ContactEdit,
    /// A new contact at the account: name, then role.
    AddContact,
    /// The day the selected contact left.
    ContactLeft,
    /// Until when, and why, the selected task waits.
    SnoozeTask,
    /// Until when, and why, a Today item (not a task) stays away.
    SnoozeItem,
    /// Who takes the selected task.
    Reassign,
    /// A new task on the selected task's account: title, then due day.
    AddTask,
    /// Where a success-plan goal stands: which, now, status.
    GoalUpdate,
    /// A new success-plan goal: outcome, metric, baseline and target, due.
    AddGoal,
}

/// The renewal a forecast or outcome form is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalContext {
    pub contract: i64,
    pub account: String,
    pub arr: Money,
    pub renewal_on: NaiveDate,
    /// The forecast Enter takes: the CSM's, else the cockpit's suggestion.
    pub forecast: String,
}

/// A form being filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub answers: Vec<String>,
    pub input: String,
    /// Why the last answer was refused.
    pub error: Option<String>,
    pub renewal: Option<RenewalContext>,
    /// The contact a stakeholder form is about: id and name.
    pub contact: Option<(i64, String)>,
    /// The task a task form is about (or, adding one, its account): id and name.
    pub task: Option<(i64, String)>,
    /// How many goals a goal form chooses among.
    pub choices: usize,
}

/// A filled-in override form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideAnswers {
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    pub reason: String,
    pub expires_on: NaiveDate,
}

/// A filled-in touch form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchAnswers {
    pub kind: InteractionKind,
    pub contact: Option<i64>,
    pub summary: String,
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            answers: Vec::new(),
            input: String::new(),
            error: None,
            renewal: None,
            contact: None,
            task: None,
            choices: 0,
        }
    }

    /// A task form about a task, or adding one to an account.
    pub fn for_task(kind: PromptKind, task: (i64, String)) -> Prompt {
        Prompt {
            task: Some(task),
            ..Prompt::new(kind)
        }
    }

    /// A stakeholder form about a contact (none for a new one).
    pub fn for_contact(kind: PromptKind, contact: Option<(i64, String)>) -> Prompt {
        Prompt {
            contact,
            ..Prompt::new(kind)
        }
    }

    /// A forecast or outcome form about `renewal`.
    pub fn for_renewal(kind: PromptKind, renewal: RenewalContext) -> Prompt {
        Prompt {
            renewal: Some(renewal),
            ..Prompt::new(kind)
        }
    }

    /// The question being asked.
    pub fn question(&self) -> String {
        let r = self.renewal.as_ref();
        match (self.kind, self.answers.len()) {
            (PromptKind::Override, 0) => {
                "Override to a score (0-100) or a band (green, yellow, red)".into()
            }
            (PromptKind::Override, 1) => "Why? (kept with the override)".into(),
            (PromptKind::Override, _) => {
                "Until when? a date (YYYY-MM-DD) or days from today [30]".into()
            }
            (PromptKind::Touch, 0) => {
                "What kind of touch? call, email, meeting, qbr or note [call]".into()
            }
            (PromptKind::Touch, 1) => {
                "With whom? part of a contact's name, or Enter for nobody".into()
            }
            (PromptKind::Touch, _) => "What happened? (one line)".into(),
            (PromptKind::Forecast, _) => format!(
                "Forecast: category, confidence, ARR [{}]",
                r.map_or("", |r| r.forecast.as_str())
            ),
            (PromptKind::Outcome, 0) => {
                "What did the renewal do? renewed, upsold, downsold or churned [renewed]".into()
            }
            (PromptKind::Outcome, 1) => format!(
                "On what day? YYYY-MM-DD or today [{}]",
                r.map_or(String::new(), |r| r.renewal_on.to_string())
            ),
            (PromptKind::Outcome, _) => format!(
                "ARR from now on? [{}, none if churned]",
                r.map_or(String::new(), |r| r.arr.short())
            ),
            (PromptKind::ContactTouch, 0) => format!(
                "Touch with {}: c call, e email, m meeting, q qbr, n note [call]",
                self.contact_name()
            ),
            (PromptKind::ContactTouch, _) => "What happened? (one line)".into(),
            (PromptKind::ContactEdit, _) => format!(
                "{}: a role, a sentiment (positive, neutral, negative) or an influence (high, medium, low)",
                self.contact_name()
            ),
            (PromptKind::AddContact, 0) => "New contact's name".into(),
            (PromptKind::AddContact, _) => {
                "Role: exec sponsor, economic buyer, decision maker, champion, influencer, end user [end user]".into()
            }
            (PromptKind::ContactLeft, _) => {
                format!("{} left on? YYYY-MM-DD [today]", self.contact_name())
            }
            (PromptKind::SnoozeTask | PromptKind::SnoozeItem, 0) => {
                "Snooze until? YYYY-MM-DD or days [7]".into()
            }
            (PromptKind::SnoozeTask, _) => "Why wait? (kept with the task)".into(),
            (PromptKind::SnoozeItem, _) => {
                "Why wait? (it comes back sooner if something new happens)".into()
            }
            (PromptKind::Reassign, _) => "Give it to whom? part of a name on the team".into(),
            (PromptKind::AddTask, 0) => format!(
                "New task for {}: what?",
                self.task.as_ref().map_or("the account", |(_, n)| n.as_str())
            ),
            (PromptKind::AddTask, _) => "Due? YYYY-MM-DD or days [7]".into(),
            (PromptKind::GoalUpdate, 0) => format!("Which goal? 1 to {}", self.choices),
            (PromptKind::GoalUpdate, 1) => "Where does it stand now? (a number)".into(),
            (PromptKind::GoalUpdate, _) => {
                "Status? not_started, on_track, at_risk, achieved, missed [keep]".into()
            }
            (PromptKind::AddGoal, 0) => "New goal: what outcome does the customer want?".into(),
            (PromptKind::AddGoal, 1) => "Measured how? (the metric)".into(),
            (PromptKind::AddGoal, 2) => "Baseline and target? e.g. 30 14".into(),
            (PromptKind::AddGoal, _) => "Due? YYYY-MM-DD or days [90]".into(),
        }
    }

    fn steps(&self) -> usize {
        match self.kind {
            PromptKind::Forecast
            | PromptKind::ContactEdit
            | PromptKind::ContactLeft
            | PromptKind::Reassign => 1,
            PromptKind::ContactTouch
            | PromptKind::AddContact
            | PromptKind::SnoozeTask
            | PromptKind::SnoozeItem
            | PromptKind::AddTask => 2,
            PromptKind::AddGoal => 4,
            _ => 3,
        }
    }

    fn contact_name(&self) -> &str {
        self.contact
            .as_ref()
            .map_or("them", |(_, name)| name.as_str())
    }

    /// Takes the typed answer if it is good. Returns true when the form is complete.
    pub fn accept(&mut self, today: NaiveDate, people: &[Person]) -> bool {
        let answer = self.input.trim().to_string();
        let checked = match (self.kind, self.answers.len()) {
            (PromptKind::Override, 0) => score_or_band(&answer).map(|_| ()),
            (PromptKind::Override, 1) | (PromptKind::Touch, 2) => {
                if answer.is_empty() {
                    Err("a few words, please: they are what the next person reads".into())
                } else {
                    Ok(())
                }
            }
            (PromptKind::Override, _) => expiry(&answer, today).map(|_| ()),
            (PromptKind::Touch, 0) => contact_forms::touch_kind(&answer).map(|_| ()),
            (PromptKind::Touch, _) => contact(&answer, people).map(|_| ()),
            (PromptKind::Forecast | PromptKind::Outcome, n) => {
                self.check_renewal(n, &answer, today)
            }
            (PromptKind::ContactTouch, 0) => contact_forms::touch_kind(&answer).map(|_| ()),
            (PromptKind::ContactTouch, _) | (PromptKind::AddContact, 0) => {
                if answer.is_empty() {
                    Err("a few words, please".into())
                } else {
                    Ok(())
                }
            }
            (PromptKind::ContactEdit, _) => contact_forms::edit(&answer).map(|_| ()),
            (PromptKind::AddContact, _) => contact_forms::role(&answer).map(|_| ()),
            (PromptKind::ContactLeft, _) => contact_forms::left_on(&answer, today).map(|_| ()),
            (PromptKind::SnoozeTask | PromptKind::SnoozeItem, 0) | (PromptKind::AddTask, 1..) => {
                later_day(&answer, today).map(|_| ())
            }
            (PromptKind::GoalUpdate, 0) => {
                goal_forms::goal_number(&answer, self.choices).map(|_| ())
            }
            (PromptKind::GoalUpdate, 1) => goal_forms::number(&answer).map(|_| ()),
            (PromptKind::GoalUpdate, _) => goal_forms::status(&answer).map(|_| ()),
            (PromptKind::AddGoal, 2) => goal_forms::baseline_target(&answer).map(|_| ()),
            (PromptKind::AddGoal, 3..) => {
                let days = if answer.is_empty() {
                    "90"
                } else {
                    answer.as_str()
                };
                later_day(days, today).map(|_| ())
            }
            (PromptKind::SnoozeTask | PromptKind::SnoozeItem, _)
            | (PromptKind::AddTask, 0)
            | (PromptKind::AddGoal, _)
            | (PromptKind::Reassign, _) => {
                if answer.is_empty() {
                    Err("a few words, please".into())
                } else {
                    Ok(())
                }
            }
        };
        match checked {
            Ok(()) => {
                self.answers.push(answer);
                self.input.clear();
                self.error = None;
                self.answers.len() == self.steps()
            }
            Err(why) => {
                self.error = Some(why);
                false
            }
        }
    }

    fn check_renewal(&self, question: usize, answer: &str, today: NaiveDate) -> Result<(), String> {
        let Some(r) = &self.renewal else {
            return Err("no renewal is selected".into());
        };
        match (self.kind, question) {
            (PromptKind::Forecast, _) => {
                let text = if answer.is_empty() {
                    &r.forecast
                } else {
                    answer
                };
                forms::forecast(text, r.arr).map(|_| ())
            }
            (_, 0) => forms::outcome_kind(answer).map(|_| ()),
            (_, 1) => forms::outcome_day(answer, r.renewal_on, today).map(|_| ()),
            (_, _) => {
                let kind = forms::outcome_kind(&self.answers[0])?;
                forms::outcome_arr(answer, kind, r.arr).map(|_| ())
            }
        }
    }

    /// The forecast typed, once answered.
    pub fn forecast_answer(&self) -> Option<Forecast> {
        let r = self.renewal.as_ref()?;
        let answer = self.answers.first()?;
        let text = if answer.is_empty() {
            &r.forecast
        } else {
            answer
        };
        forms::forecast(text, r.arr).ok()
    }

    /// The outcome typed, once every answer is in.
    pub fn outcome_answers(&self, today: NaiveDate) -> Option<Outcome> {
        let r = self.renewal.as_ref()?;
        forms::outcome(&self.answers, r.renewal_on, today, r.arr)
    }

    /// The override asked for, once every answer is in.
    pub fn override_answers(&self, today: NaiveDate) -> Option<OverrideAnswers> {
        let [first, reason, until] = self.answers.as_slice() else {
            return None;
        };
        let (score, band) = score_or_band(first).ok()?;
        Some(OverrideAnswers {
            score,
            band,
            reason: reason.clone(),
            expires_on: expiry(until, today).ok()?,
        })
    }

    /// The touch to log, once every answer is in.
    pub fn touch_answers(&self, people: &[Person]) -> Option<TouchAnswers> {
        let [kind, with, summary] = self.answers.as_slice() else {
            return None;
        };
        Some(TouchAnswers {
            kind: contact_forms::touch_kind(kind).ok()?,
            contact: contact(with, people).ok()?,
            summary: summary.clone(),
        })
    }
}

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
        today + Duration::days(days)
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

fn score_or_band(answer: &str) -> Result<(Option<u8>, Option<HealthBand>), String> {
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

fn expiry(answer: &str, today: NaiveDate) -> Result<NaiveDate, String> {
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
fn contact(answer: &str, people: &[Person]) -> Result<Option<i64>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::{ContactRole, Influence, Sentiment};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn person(id: i64, name: &str) -> Person {
        Person {
            id,
            name: name.into(),
            title: None,
            role: ContactRole::Champion,
            sentiment: Sentiment::Positive,
            influence: Influence::High,
            last_touch_on: None,
            left_on: None,
        }
    }

    fn answer(p: &mut Prompt, text: &str, people: &[Person]) -> bool {
        p.input = text.into();
        p.accept(today(), people)
    }

    #[test]
    fn an_override_takes_a_score_a_reason_and_days_until_it_expires() {
        let mut p = Prompt::new(PromptKind::Override);
        assert!(!answer(&mut p, "55", &[]));
        assert!(!answer(&mut p, "Exec sponsor confirmed the renewal", &[]));
        assert!(answer(&mut p, "14", &[]));
        let o = p.override_answers(today()).unwrap();
        assert_eq!(o.score, Some(55));
        assert_eq!(o.band, None);
        assert_eq!(o.expires_on, NaiveDate::from_ymd_opt(2026, 3, 15).unwrap());
    }

    #[test]
    fn bad_answers_are_refused_with_why_and_the_question_stays() {
        let mut p = Prompt::new(PromptKind::Override);
        assert!(!answer(&mut p, "120", &[]));
        assert!(p.error.as_deref().unwrap().contains("0 to 100"));
        assert!(p.answers.is_empty());
        assert!(!answer(&mut p, "yellow", &[]));
        assert!(!answer(&mut p, "  ", &[]));
        assert_eq!(p.answers.len(), 1, "an empty reason is refused");
        assert!(!answer(&mut p, "because", &[]));
        assert!(!answer(&mut p, "2026-02-01", &[]));
        assert!(p.error.as_deref().unwrap().contains("after today"));
        assert!(answer(&mut p, "", &[]), "Enter takes the 30-day default");
        let o = p.override_answers(today()).unwrap();
        assert_eq!(o.band, Some(HealthBand::Yellow));
        assert_eq!(o.expires_on, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    }

    #[test]
    fn a_touch_finds_its_contact_by_part_of_the_name() {
        let people = [
            person(7, "Ravi Patel"),
            person(8, "Maya Chen"),
            person(9, "Ravi Shah"),
        ];
        let mut p = Prompt::new(PromptKind::Touch);
        assert!(!answer(&mut p, "meeting", &people));
        assert!(!answer(&mut p, "ravi", &people));
        assert!(
            p.error
                .as_deref()
                .unwrap()
                .contains("Ravi Patel or Ravi Shah")
        );
        assert!(!answer(&mut p, "patel", &people));
        assert!(answer(
            &mut p,
            "Walked through the renewal proposal",
            &people
        ));
        let t = p.touch_answers(&people).unwrap();
        assert_eq!((t.kind, t.contact), (InteractionKind::Meeting, Some(7)));
    }
}
