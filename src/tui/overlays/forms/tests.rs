//! The forms as a person types them: each answer read once, refused with why.

use chrono::NaiveDate;

use super::*;
use crate::book::account::Person;
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

fn answer(f: &mut Form, text: &str) -> Option<Submission> {
    f.input = text.into();
    f.enter(today())
}

#[test]
fn an_override_takes_a_score_a_reason_and_days_until_it_expires() {
    let mut f = Form::new(OverrideForm::default());
    assert_eq!(answer(&mut f, "55"), None);
    assert_eq!(answer(&mut f, "Exec sponsor confirmed the renewal"), None);
    assert_eq!(
        answer(&mut f, "14"),
        Some(Submission::Override {
            score: Some(55),
            band: None,
            reason: "Exec sponsor confirmed the renewal".into(),
            expires_on: NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
        })
    );
}

#[test]
fn bad_answers_are_refused_with_why_and_the_question_stays() {
    let mut f = Form::new(OverrideForm::default());
    let first = f.question();
    assert_eq!(answer(&mut f, "120"), None);
    assert!(f.error.as_deref().unwrap().contains("0 to 100"));
    assert_eq!(f.question(), first, "the question stays");
    assert_eq!(f.input, "120", "what was typed stays to be mended");
    assert_eq!(answer(&mut f, "yellow"), None);
    assert_eq!(answer(&mut f, "  "), None);
    assert!(f.error.is_some(), "an empty reason is refused");
    assert_eq!(answer(&mut f, "because"), None);
    assert_eq!(answer(&mut f, "2026-02-01"), None);
    assert!(f.error.as_deref().unwrap().contains("after today"));
    let Some(Submission::Override {
        band, expires_on, ..
    }) = answer(&mut f, "")
    else {
        panic!("Enter takes the 30-day default");
    };
    assert_eq!(band, Some(HealthBand::Yellow));
    assert_eq!(expires_on, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
}

#[test]
fn a_touch_finds_its_contact_by_part_of_the_name() {
    let people = vec![
        person(7, "Ravi Patel"),
        person(8, "Maya Chen"),
        person(9, "Ravi Shah"),
    ];
    let mut f = Form::new(TouchForm::new(people));
    assert_eq!(answer(&mut f, "meeting"), None);
    assert_eq!(answer(&mut f, "ravi"), None);
    assert!(
        f.error
            .as_deref()
            .unwrap()
            .contains("Ravi Patel or Ravi Shah")
    );
    assert_eq!(answer(&mut f, "patel"), None);
    assert_eq!(
        answer(&mut f, "Walked through the renewal proposal"),
        Some(Submission::Touch {
            kind: InteractionKind::Meeting,
            contact: Some(7),
            summary: "Walked through the renewal proposal".into(),
        })
    );
}

#[test]
fn a_new_goal_reads_its_range_once_and_defaults_to_ninety_days() {
    let mut f = Form::new(AddGoalForm::new(4));
    assert_eq!(answer(&mut f, "Faster onboarding"), None);
    assert_eq!(answer(&mut f, "days to first value"), None);
    assert_eq!(answer(&mut f, "thirty"), None);
    assert!(f.error.is_some());
    assert_eq!(answer(&mut f, "30 14"), None);
    let Some(Submission::AddGoal(goal)) = answer(&mut f, "") else {
        panic!("the fourth answer completes the goal");
    };
    assert_eq!((goal.account, goal.baseline, goal.target), (4, 30.0, 14.0));
    assert_eq!(goal.due_on, NaiveDate::from_ymd_opt(2026, 5, 30).unwrap());
}

fn renewal() -> RenewalContext {
    RenewalContext {
        contract: 7,
        account: "Globex".into(),
        arr: crate::domain::Money::usd(120_000 * 100),
        renewal_on: NaiveDate::from_ymd_opt(2026, 2, 20).unwrap(),
        forecast: String::new(),
    }
}

fn outcome_form() -> Form {
    Form::new(OutcomeForm::new(
        renewal(),
        crate::domain::churn::ChurnRules::default(),
    ))
}

#[test]
fn a_churn_is_asked_why_from_the_configs_reasons_and_in_the_customers_words() {
    let mut f = outcome_form();
    assert_eq!(answer(&mut f, "churned"), None);
    assert_eq!(answer(&mut f, ""), None);
    assert!(
        f.question()
            .contains("Why did they leave? price, product gap")
    );
    assert_eq!(answer(&mut f, "cheaper"), None);
    assert!(f.error.as_deref().unwrap().contains("not a reason"));
    assert_eq!(answer(&mut f, "comp"), None);
    let Some(Submission::Outcome { outcome, .. }) = answer(&mut f, "Moved to Initech's own tool")
    else {
        panic!("a churn asks no ARR: it is nothing from then on");
    };
    assert_eq!(outcome.reason.as_deref(), Some("competitor"));
    assert_eq!(outcome.note.as_deref(), Some("Moved to Initech's own tool"));
    assert_eq!(outcome.arr.cents, 0);
    assert_eq!(outcome.on, NaiveDate::from_ymd_opt(2026, 2, 20).unwrap());
}

#[test]
fn a_downsell_is_asked_why_then_its_arr_and_a_renewal_is_not_asked_why() {
    let mut f = outcome_form();
    assert_eq!(answer(&mut f, "downsold"), None);
    assert_eq!(answer(&mut f, "2026-02-18"), None);
    assert_eq!(answer(&mut f, ""), None, "blank is other");
    assert_eq!(answer(&mut f, ""), None, "saying nothing is fine");
    assert!(f.question().starts_with("ARR from now on?"));
    let Some(Submission::Outcome { outcome, .. }) = answer(&mut f, "90k") else {
        panic!("the ARR ends the form");
    };
    assert_eq!(
        (outcome.reason.as_deref(), outcome.note, outcome.arr.cents),
        (Some("other"), None, 90_000 * 100)
    );
    let mut f = outcome_form();
    assert_eq!(answer(&mut f, "renewed"), None);
    assert_eq!(answer(&mut f, ""), None);
    assert!(f.question().starts_with("ARR from now on?"));
    let Some(Submission::Outcome { outcome, .. }) = answer(&mut f, "") else {
        panic!("Enter keeps the ARR");
    };
    assert_eq!((outcome.reason, outcome.arr.cents), (None, 120_000 * 100));
}
