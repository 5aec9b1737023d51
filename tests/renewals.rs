//! The renewal timeline kept in the book: windows, the motion a CSM ticks, forecasts,
//! outcomes that open the next term, and forecasts frozen per month.

mod common;

use chrono::Duration;
use common::{date, sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::renewals::Renewal;
use csm_cockpit::domain::Money;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::records::{Forecast, Outcome};
use csm_cockpit::domain::renewal::{Stage, Step, WarningKind, Window};
use csm_cockpit::domain::vocab::*;

fn renewal(book: &Book, name: &str) -> Renewal {
    book.renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|r| r.account == name)
        .unwrap_or_else(|| panic!("no renewal for {name}"))
}

#[test]
fn every_renewal_sits_in_its_window() {
    let book = sample_book();
    let windows: Vec<(String, Option<Window>, Option<i64>)> = book
        .renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .map(|r| (r.account, r.window, r.days_until))
        .collect();
    let find = |name: &str| windows.iter().find(|w| w.0 == name).cloned().unwrap();
    assert_eq!(find("Umbrella Pharma").1, Some(Window::Overdue));
    assert_eq!(find("Soylent Foods").1, Some(Window::Days30), "due today");
    assert_eq!(find("Northwind Traders").1, Some(Window::Days30));
    assert_eq!(find("Wonka Confections").1, Some(Window::Days60), "31 days");
    assert_eq!(find("Globex Logistics").1, Some(Window::Days90));
    assert_eq!(find("Initech Health").1, Some(Window::Days120));
    assert_eq!(find("Wayne Foundry").1, Some(Window::Later));
    assert_eq!(find("Cyberdyne Robotics").1, None);
    assert!(
        !windows.iter().any(|w| w.0 == "Initrode Paper"),
        "a churned account has no renewal"
    );
    // Soonest first; no date last.
    assert_eq!(windows[0].0, "Umbrella Pharma");
    assert_eq!(windows.last().unwrap().0, "Cyberdyne Robotics");
    let none = renewal(&book, "Cyberdyne Robotics");
    assert_eq!(none.warnings[0].kind, WarningKind::NoRenewalDate);
}

#[test]
fn ticking_the_earlier_stage_clears_behind_and_each_tick_is_journaled() {
    let mut book = sample_book();
    let globex = renewal(&book, "Globex Logistics");
    let motion = globex.motion.clone().unwrap();
    assert_eq!(motion.stage, Some(Stage::ValueReview));
    assert_eq!(motion.behind, [Stage::Strategy]);
    let contract = globex.contract_id.unwrap();
    for step in Stage::Strategy.steps() {
        assert!(book.mark_step(&stamp(), contract, *step, today()).unwrap());
    }
    assert!(
        !book
            .mark_step(&stamp(), contract, Step::RiskReview, today())
            .unwrap(),
        "a step done stays done once"
    );
    let motion = renewal(&book, "Globex Logistics").motion.unwrap();
    assert!(motion.behind.is_empty());
    assert_eq!(motion.next_step(), Some(Step::BusinessReview));
    let journal = book.journal(10).unwrap();
    assert!(
        journal[0]
            .summary
            .contains("Globex Logistics: renewal step done: expansion hypothesis"),
        "{:?}",
        journal[0]
    );
}

#[test]
fn a_forecast_set_is_read_back_and_clears_its_warning() {
    let mut book = sample_book();
    let stark = renewal(&book, "Stark Outfitters");
    assert!(
        stark
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::NoForecast)
    );
    let forecast = Forecast {
        category: ForecastCategory::Upsell,
        confidence: ForecastConfidence::Likely,
        arr: Money::usd(90_000 * 100),
    };
    book.set_forecast(&stamp(), stark.contract_id.unwrap(), &forecast)
        .unwrap();
    let stark = renewal(&book, "Stark Outfitters");
    assert_eq!(stark.forecast, Some(forecast));
    assert!(
        !stark
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::NoForecast)
    );
}

#[test]
fn a_renewal_won_opens_the_next_term_and_a_churn_ends_the_account() {
    let mut book = sample_book();
    let northwind = renewal(&book, "Northwind Traders");
    let closed = northwind.contract_id.unwrap();
    let renewed_on = northwind.renewal_on.unwrap();
    let outcome = Outcome {
        kind: RenewalOutcome::Upsold,
        on: renewed_on,
        arr: Money::usd(1_400_000 * 100),
        reason: None,
        note: None,
    };
    let next = book
        .record_outcome(&stamp(), closed, &outcome, today())
        .unwrap();
    assert!(next.is_some());
    let northwind = renewal(&book, "Northwind Traders");
    assert_eq!(northwind.contract_id, next);
    assert_eq!(
        northwind.renewal_on,
        Some(date("2027-03-29")),
        "a year after {renewed_on}"
    );
    assert_eq!(northwind.arr, outcome.arr);
    assert!(
        book.record_outcome(&stamp(), closed, &outcome, today())
            .is_err(),
        "a closed term takes no second outcome"
    );

    let umbrella = renewal(&book, "Umbrella Pharma");
    let churn = Outcome {
        kind: RenewalOutcome::Churned,
        on: today(),
        arr: Money::usd(0),
        reason: None,
        note: None,
    };
    assert_eq!(
        book.record_outcome(&stamp(), umbrella.contract_id.unwrap(), &churn, today())
            .unwrap(),
        None
    );
    assert!(
        !book
            .renewals(&HealthRules::default(), today() + Duration::days(1))
            .unwrap()
            .iter()
            .any(|r| r.account == "Umbrella Pharma")
    );
    let again = book.record_outcome(&stamp(), umbrella.contract_id.unwrap(), &churn, today());
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("already has its outcome")
    );
}

#[test]
fn a_months_forecasts_freeze_once_and_are_scored_when_outcomes_arrive() {
    let mut book = sample_book();
    // Hooli renews on 2026-03-13, inside today's month.
    let hooli = renewal(&book, "Hooli Analytics");
    let contract = hooli.contract_id.unwrap();
    let forecast = Forecast {
        category: ForecastCategory::Renew,
        confidence: ForecastConfidence::Commit,
        arr: Money::usd(100_000 * 100),
    };
    book.set_forecast(&stamp(), contract, &forecast).unwrap();
    assert_eq!(book.freeze_forecasts(today()).unwrap(), 1);
    assert_eq!(book.freeze_forecasts(today()).unwrap(), 0, "once a month");

    // Changed after the freeze: the frozen forecast is what gets scored.
    let later = Forecast {
        category: ForecastCategory::Churn,
        ..forecast.clone()
    };
    book.set_forecast(&stamp(), contract, &later).unwrap();
    let before = book.forecast_accuracy().unwrap();
    assert_eq!(
        (before[0].period.as_str(), before[0].closed),
        ("2026-03", 0)
    );
    assert_eq!(before[0].arr_accuracy, None);

    let outcome = Outcome {
        kind: RenewalOutcome::Renewed,
        on: date("2026-03-13"),
        arr: Money::usd(80_000 * 100),
        reason: None,
        note: None,
    };
    book.record_outcome(&stamp(), contract, &outcome, today())
        .unwrap();
    let after = book.forecast_accuracy().unwrap();
    assert_eq!((after[0].closed, after[0].category_hits), (1, 1));
    assert_eq!(after[0].arr_accuracy, Some(0.75));
}

#[test]
fn each_csms_calls_are_scored_apart_and_sum_to_the_teams() {
    let mut book = sample_book();
    // Two renewals due this month under two different CSMs.
    let due: Vec<_> = book
        .renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .filter(|r| {
            r.renewal_on
                .is_some_and(|d| d < date("2026-04-01") && d >= today())
        })
        .collect();
    let first = &due[0];
    let second = due
        .iter()
        .find(|r| r.owner.is_some() && r.owner != first.owner)
        .expect("the sample book has renewals this month under two CSMs");
    let call = |category| Forecast {
        category,
        confidence: ForecastConfidence::Likely,
        arr: Money::usd(100_000 * 100),
    };
    book.set_forecast(
        &stamp(),
        first.contract_id.unwrap(),
        &call(ForecastCategory::Renew),
    )
    .unwrap();
    book.set_forecast(
        &stamp(),
        second.contract_id.unwrap(),
        &call(ForecastCategory::Renew),
    )
    .unwrap();
    book.freeze_forecasts(today()).unwrap();
    let came_in = |kind, dollars: i64| Outcome {
        kind,
        on: date("2026-03-20"),
        arr: Money::usd(dollars * 100),
        reason: None,
        note: None,
    };
    book.record_outcome(
        &stamp(),
        first.contract_id.unwrap(),
        &came_in(RenewalOutcome::Renewed, 100_000),
        today(),
    )
    .unwrap();
    book.record_outcome(
        &stamp(),
        second.contract_id.unwrap(),
        &came_in(RenewalOutcome::Churned, 0),
        today(),
    )
    .unwrap();
    let by_owner = book.forecast_accuracy_by_owner().unwrap();
    let of = |owner: &Option<String>| {
        by_owner
            .iter()
            .find(|o| &o.owner == owner)
            .map(|o| o.months[0].clone())
            .unwrap()
    };
    let (a, b) = (of(&first.owner), of(&second.owner));
    assert_eq!(
        (a.closed, a.category_hits, a.arr_accuracy),
        (1, 1, Some(1.0))
    );
    assert_eq!(
        (b.closed, b.category_hits, b.lean()),
        (1, 0, None),
        "nothing came in"
    );
    assert_eq!(b.error_cents, 100_000 * 100);
    // A month later the review sums the month up per CSM and for the team.
    let calls = book.calls_review(date("2026-04-02")).unwrap();
    let team = calls.last().unwrap();
    assert_eq!(team.owner, None);
    assert_eq!((team.recent.closed, team.recent.category_hits), (2, 1));
    assert_eq!(team.recent.lean(), Some(1.0), "$200K called, $100K came in");
    // Before the month is over, it is not yet a past month.
    let now = book.calls_review(today()).unwrap();
    assert_eq!(now.last().unwrap().recent.closed, 0);
}
