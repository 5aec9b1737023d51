//! The compact timeline the Renewals pane reads lists exactly the renewals the book has,
//! in the same order and with the same motion, health, forecast and warnings, whoever
//! changed the book: a CSM's writes, an undo, a recompute, or another program's SQL.

mod common;

use chrono::{Duration, NaiveDate};
use common::{date, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::health::OverrideRequest;
use csm_cockpit::book::renewals::{Span, TimelineRow};
use csm_cockpit::domain::Money;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::records::{Forecast, Outcome};
use csm_cockpit::domain::renewal::Step;
use csm_cockpit::domain::vocab::*;

/// What a person sees of a renewal, from the timeline or from `Book::renewals`.
type Seen = (i64, i64, String, Option<String>, NaiveDate, String);

fn seen_in_timeline(book: &Book, on: NaiveDate) -> Vec<Seen> {
    let rules = HealthRules::default();
    let mut rows = book.timeline(&rules, on, Span::Near).unwrap();
    rows.extend(book.timeline(&rules, on, Span::Later).unwrap());
    rows.iter().map(seen).collect()
}

fn seen(r: &TimelineRow) -> Seen {
    let facts = format!(
        "{} {:?} {:?} {} {:?} {:?} {:?} {:?}",
        r.days_until,
        r.window,
        r.arr,
        r.overridden,
        r.health,
        r.forecast,
        r.motion(),
        (r.warnings(&r.motion()), r.suggestion()),
    );
    (
        r.account_id,
        r.contract_id,
        r.account.clone(),
        r.owner.as_deref().map(str::to_string),
        r.renewal_on,
        facts,
    )
}

fn seen_in_renewals(book: &Book, on: NaiveDate) -> Vec<Seen> {
    book.renewals(&HealthRules::default(), on)
        .unwrap()
        .into_iter()
        .filter(|r| r.renewal_on.is_some())
        .map(|r| {
            let facts = format!(
                "{} {:?} {:?} {} {:?} {:?} {:?} {:?}",
                r.days_until.unwrap(),
                r.window.unwrap(),
                r.arr,
                r.overridden,
                r.health,
                r.forecast,
                r.motion.unwrap(),
                (r.warnings, r.suggestion),
            );
            (
                r.account_id,
                r.contract_id.unwrap(),
                r.account,
                r.owner,
                r.renewal_on.unwrap(),
                facts,
            )
        })
        .collect()
}

fn agrees(book: &Book, why: &str) {
    for on in [today(), today() + Duration::days(40)] {
        let timeline = seen_in_timeline(book, on);
        assert!(!timeline.is_empty());
        assert_eq!(timeline, seen_in_renewals(book, on), "{why}, on {on}");
    }
}

fn renewal_of(book: &Book, name: &str) -> TimelineRow {
    book.timeline(&HealthRules::default(), today(), Span::Near)
        .unwrap()
        .into_iter()
        .chain(
            book.timeline(&HealthRules::default(), today(), Span::Later)
                .unwrap(),
        )
        .find(|r| r.account == name)
        .unwrap_or_else(|| panic!("no renewal for {name}"))
}

fn book_file(dir: &tempfile::TempDir) -> (std::path::PathBuf, Book) {
    let path = dir.path().join("book.db");
    let book = common::fill(Book::open(&path).unwrap());
    (path, book)
}

#[test]
fn a_csms_writes_and_their_undo_keep_the_timeline_as_the_book_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut book) = book_file(&dir);
    agrees(&book, "as loaded");

    let umbrella = renewal_of(&book, "Umbrella Pharma");
    book.mark_step(&stamp(), umbrella.contract_id, Step::ContractSent, today())
        .unwrap();
    book.mark_step(&stamp(), umbrella.contract_id, Step::RiskReview, today())
        .unwrap();
    assert_eq!(
        renewal_of(&book, "Umbrella Pharma").motion().done,
        [Step::RiskReview, Step::ContractSent]
    );
    agrees(&book, "after two ticks");
    book.untick_last_step(&stamp(), umbrella.contract_id)
        .unwrap();
    agrees(&book, "after an untick");

    let soylent = renewal_of(&book, "Soylent Foods");
    let forecast = Forecast {
        category: ForecastCategory::Upsell,
        confidence: ForecastConfidence::Commit,
        arr: Money::usd(1_000_000),
    };
    book.set_forecast(&stamp(), soylent.contract_id, &forecast)
        .unwrap();
    assert_eq!(renewal_of(&book, "Soylent Foods").forecast, Some(forecast));
    agrees(&book, "after a forecast");

    let renewed = Outcome {
        kind: RenewalOutcome::Renewed,
        on: today(),
        arr: Money::usd(5_000_000),
        reason: None,
        note: None,
    };
    book.record_outcome(&stamp(), umbrella.contract_id, &renewed, today())
        .unwrap();
    let next = renewal_of(&book, "Umbrella Pharma");
    assert_ne!(
        next.contract_id, umbrella.contract_id,
        "the next term renews"
    );
    assert!(next.motion().done.is_empty());
    agrees(&book, "after a renewal");

    let northwind = renewal_of(&book, "Northwind Traders");
    let churned = Outcome {
        kind: RenewalOutcome::Churned,
        on: today() - Duration::days(1),
        arr: Money::usd(0),
        reason: Some("competitor".into()),
        note: Some("moved to a cheaper tool".into()),
    };
    book.record_outcome(&stamp(), northwind.contract_id, &churned, today())
        .unwrap();
    agrees(&book, "after a churn");
    let gone = book.churned_customers(None).unwrap();
    let gone = gone.iter().find(|c| c.name == "Northwind Traders").unwrap();
    assert_eq!(
        (gone.said.as_deref(), gone.note.as_deref()),
        (Some("competitor"), Some("moved to a cheaper tool")),
        "the churn keeps why and what the customer said"
    );

    let request = OverrideRequest {
        score: Some(12),
        band: None,
        reason: "the champion left last week".into(),
        expires_on: today() + Duration::days(30),
    };
    book.set_override(&stamp(), soylent.account_id, &request, today())
        .unwrap();
    assert!(renewal_of(&book, "Soylent Foods").overridden);
    agrees(&book, "after an override");

    book.recompute_health(&HealthRules::default(), &[today() + Duration::days(7)])
        .unwrap();
    agrees(&book, "after a recompute");

    for _ in 0..4 {
        book.undo_last(&stamp()).unwrap();
        agrees(&book, "after an undo");
    }
}

#[test]
fn another_programs_sql_keeps_the_timeline_as_the_book_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, book) = book_file(&dir);
    let globex = renewal_of(&book, "Globex Logistics");
    let initech = renewal_of(&book, "Initech Health");
    let wayne = renewal_of(&book, "Wayne Foundry");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let run = |sql: &str| conn.execute_batch(sql).unwrap();

    run(&format!(
        "UPDATE accounts SET name = 'Globex Freight', owner_id = (SELECT max(id) FROM team_members)
         WHERE id = {}",
        globex.account_id
    ));
    assert_eq!(
        renewal_of(&book, "Globex Freight").contract_id,
        globex.contract_id
    );
    agrees(&book, "after a rename and a new owner");

    run(&format!(
        "INSERT INTO contracts (account_id, starts_on, ends_on, arr_cents, currency)
         VALUES ({}, '2025-04-01', '2026-03-20', 123400, 'USD')",
        wayne.account_id
    ));
    let earlier = renewal_of(&book, "Wayne Foundry");
    assert_eq!(
        earlier.renewal_on,
        date("2026-03-20"),
        "the earlier term renews first"
    );
    agrees(&book, "after an earlier contract");

    run(&format!(
        "INSERT INTO renewal_steps (contract_id, step, done_on, done_by)
         VALUES ({0}, 'risk_review', '2026-02-01', 'sql'), ({0}, 'value_shown', '2026-02-01', 'sql');
         UPDATE renewal_steps SET step = 'business_review' WHERE step = 'value_shown';",
        initech.contract_id
    ));
    assert_eq!(
        renewal_of(&book, "Initech Health").motion().done,
        [Step::RiskReview, Step::BusinessReview]
    );
    agrees(&book, "after steps ticked elsewhere");

    run(&format!(
        "DELETE FROM renewal_steps WHERE step = 'risk_review';
         DELETE FROM contracts WHERE id = {};
         UPDATE contracts SET forecast_category = 'churn', forecast_confidence = 'likely'
         WHERE account_id = {} AND outcome IS NULL;
         UPDATE account_health SET score = 20, band = 'red' WHERE account_id = {};
         UPDATE accounts SET churned_on = '2026-05-01' WHERE id = {};",
        earlier.contract_id, initech.account_id, initech.account_id, globex.account_id
    ));
    assert_eq!(
        renewal_of(&book, "Wayne Foundry").contract_id,
        wayne.contract_id
    );
    agrees(
        &book,
        "after deletes, a forecast, health and a churn to come",
    );
    for on in [date("2026-05-01"), date("2026-05-02")] {
        assert_eq!(seen_in_timeline(&book, on), seen_in_renewals(&book, on));
    }

    run(&format!(
        "DELETE FROM account_health WHERE account_id = {0}; DELETE FROM accounts WHERE id = {0};",
        initech.account_id
    ));
    assert!(
        !seen_in_timeline(&book, today())
            .iter()
            .any(|s| s.0 == initech.account_id)
    );
    agrees(&book, "after an account is removed");
}

#[test]
fn the_first_renewals_are_the_head_of_the_whole_list_with_their_last_day_whole() {
    let book = common::sample_book();
    let rules = HealthRules::default();
    let whole = book.timeline(&rules, today(), Span::Near).unwrap();
    assert!(whole.len() > 6, "{}", whole.len());
    let owners = book.renewal_owners(today()).unwrap();
    for owner in std::iter::once(None).chain(owners.iter().map(|o| Some(o.as_str()))) {
        let theirs: Vec<Seen> = whole
            .iter()
            .filter(|r| owner.is_none_or(|o| r.owner.as_deref() == Some(o)))
            .map(seen)
            .collect();
        for at_least in [1, 2, 3, 5, theirs.len(), theirs.len() + 10] {
            let first: Vec<Seen> = book
                .timeline_first(&rules, today(), owner, at_least)
                .unwrap()
                .iter()
                .map(seen)
                .collect();
            assert!(first.len() >= at_least.min(theirs.len()), "{owner:?}");
            assert_eq!(first, theirs[..first.len()], "{owner:?} {at_least}");
            // Whoever else renews on the last day shown is shown too.
            if let (Some(last), Some(next)) = (first.last(), theirs.get(first.len())) {
                assert!(next.4 > last.4, "{owner:?} {at_least}: {next:?} left out");
            }
        }
    }
}
