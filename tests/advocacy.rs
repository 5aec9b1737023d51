//! Advocacy as a CSM works it: the reference pool is the people who agreed, at live
//! accounts; a request is matched to the best-fitting healthy ones not asked lately; an
//! ask is logged and its answer recorded, a given one moving the person up the ladder,
//! each one journaled and undoable. The pane at 120x40 and 80x24.

mod common;

use common::{cockpit_on, date, sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::advocacy::NewAsk;
use csm_cockpit::book::stakeholders::ContactEdit;
use csm_cockpit::domain::advocacy::{AdvocacyRules, Request, Resting, matches};
use csm_cockpit::domain::vocab::{AdvocacyTier, AskKind, AskOutcome, Segment};
use csm_cockpit::tui::pane::Pane;

/// The sample book with two of its people agreed to be references.
fn with_references() -> Book {
    let mut book = sample_book();
    for account in ["Northwind Traders", "Tyrell Replicants"] {
        let id = book
            .portfolio()
            .unwrap()
            .into_iter()
            .find(|a| a.name == account)
            .unwrap()
            .id;
        let contact = book.stakeholders(id).unwrap()[0].id;
        book.edit_contact(&stamp(), contact, ContactEdit::Referenceable(true), today())
            .unwrap();
    }
    book
}

#[test]
fn a_request_finds_the_healthy_fit_and_an_ask_rests_them() {
    let mut book = with_references();
    let rules = AdvocacyRules::default();
    let pool = book.reference_pool(None, today()).unwrap();
    assert_eq!(pool.len(), 2, "only the people who agreed");
    let request = Request {
        industry: None,
        segment: Some(Segment::Enterprise),
        use_case: None,
        by: Some(date("2026-03-20")),
    };
    let found = matches(&pool, &request, &rules, today());
    let offered: Vec<&str> = found
        .iter()
        .filter(|m| m.resting.is_none())
        .map(|m| pool[m.at].account.as_str())
        .collect();
    let resting: Vec<(&str, &Resting)> = found
        .iter()
        .filter_map(|m| m.resting.as_ref().map(|r| (pool[m.at].account.as_str(), r)))
        .collect();
    // Every sample account's health decides: a healthy one is offered, one below the
    // bar rests with its score.
    for (account, why) in &resting {
        assert!(
            matches!(why, Resting::NotHealthy { .. }),
            "{account}: {why:?}"
        );
    }
    assert_eq!(offered.len() + resting.len(), 2);
    let Some(first) = found.iter().find(|m| m.resting.is_none()) else {
        panic!("one of the two is healthy enough to ask: {resting:?}");
    };
    let who = pool[first.at].clone();

    // Asked: logged, journaled, and resting from now on.
    let ask = book
        .ask_reference(
            &stamp(),
            &NewAsk {
                contact_id: who.contact_id,
                kind: AskKind::CaseStudy,
                request: request.words(),
                due_on: request.by,
            },
            today(),
        )
        .unwrap();
    let pool = book.reference_pool(None, today()).unwrap();
    let them = pool
        .iter()
        .find(|r| r.contact_id == who.contact_id)
        .unwrap();
    assert_eq!(them.awaiting, Some((ask, request.by)));
    let found = matches(&pool, &request, &rules, today());
    let m = found
        .iter()
        .find(|m| pool[m.at].contact_id == who.contact_id)
        .unwrap();
    assert_eq!(m.resting, Some(Resting::Awaiting));

    // Given: two rungs up for a case study, their last reference dated today.
    let before = who.tier;
    let up = book
        .answer_ask(&stamp(), ask, AskOutcome::Given, today())
        .unwrap()
        .expect("a given ask moves them up");
    assert!(Some(up) > before || up == AdvocacyTier::Ambassador);
    let pool = book.reference_pool(None, today()).unwrap();
    let them = pool
        .iter()
        .find(|r| r.contact_id == who.contact_id)
        .unwrap();
    assert_eq!(
        (them.tier, them.last_given, them.given_this_year),
        (Some(up), Some(today()), 1)
    );
    // Resting 90 days from the ask; offered again after.
    let m = matches(&pool, &request, &rules, today());
    let m = m
        .iter()
        .find(|m| pool[m.at].contact_id == who.contact_id)
        .unwrap();
    assert_eq!(
        m.resting,
        Some(Resting::AskedLately {
            on: today(),
            until: date("2026-05-30")
        })
    );
    let later = matches(&pool, &request, &rules, date("2026-05-30"));
    let m = later
        .iter()
        .find(|m| pool[m.at].contact_id == who.contact_id)
        .unwrap();
    assert!(m.resting.is_none());

    // Answered once only; undo takes the answer and the ladder back together.
    assert!(
        book.answer_ask(&stamp(), ask, AskOutcome::Declined, today())
            .is_err()
    );
    book.undo_last(&stamp()).unwrap();
    let pool = book.reference_pool(None, today()).unwrap();
    let them = pool
        .iter()
        .find(|r| r.contact_id == who.contact_id)
        .unwrap();
    assert_eq!(them.tier, before);
    assert!(them.awaiting.is_some(), "the ask awaits its answer again");
}

#[test]
fn nobody_is_asked_without_their_consent() {
    let mut book = sample_book();
    let id = book.portfolio().unwrap()[0].id;
    let someone = book.stakeholders(id).unwrap()[0].id;
    let refused = book.ask_reference(
        &stamp(),
        &NewAsk {
            contact_id: someone,
            kind: AskKind::Call,
            request: String::new(),
            due_on: None,
        },
        today(),
    );
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("has not agreed to be a reference"),
    );
    assert!(book.reference_asks(None, 10).unwrap().is_empty());
}

#[test]
fn the_pane_takes_a_request_and_asks_the_best_fit() {
    let mut c = cockpit_on(with_references(), 120, 40);
    c.press("9");
    assert_eq!(c.app.pane, Pane::Advocacy);
    insta::assert_snapshot!("advocacy_120x40", c.screen());
    c.press("r");
    for answer in ["", "enterprise", "", ""] {
        c.type_text(answer);
        c.press("enter");
    }
    let screen = c.screen();
    assert!(screen.contains("Request: Enterprise"), "{screen}");
    c.press("a");
    c.press("enter");
    c.press("enter");
    let screen = c.screen();
    assert!(screen.contains("Asked "), "{screen}");
    assert!(screen.contains("awaiting, due"), "{screen}");
    assert_eq!(
        c.app
            .cx
            .book
            .as_ref()
            .unwrap()
            .reference_asks(None, 5)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_pane_at_80x24_keeps_person_account_tier_and_why() {
    let mut c = cockpit_on(with_references(), 80, 24);
    c.press("9");
    insta::assert_snapshot!("advocacy_80x24", c.screen());
}

#[test]
fn the_morning_queue_holds_an_ask_due_and_an_expansion_closing_this_month() {
    use csm_cockpit::book::expansion::NewOpportunity;
    use csm_cockpit::domain::Money;
    use csm_cockpit::domain::health::HealthRules;
    use csm_cockpit::domain::today::{ItemKind, Subject, TodayRules};
    use csm_cockpit::domain::vocab::OpportunityKind;

    let mut book = with_references();
    let pool = book.reference_pool(None, today()).unwrap();
    let who = &pool[0];
    book.ask_reference(
        &stamp(),
        &NewAsk {
            contact_id: who.contact_id,
            kind: AskKind::Call,
            request: "retail prospect".into(),
            due_on: Some(date("2026-03-03")),
        },
        today(),
    )
    .unwrap();
    let deal = book
        .open_opportunity(
            &stamp(),
            &NewOpportunity {
                account_id: who.account_id,
                kind: OpportunityKind::Seats,
                title: "Add 20 seats".into(),
                arr: Money::usd(2_000_000),
                close_on: Some(date("2026-03-25")),
                signal: None,
            },
            today(),
        )
        .unwrap();
    let scope = csm_cockpit::playbooks::Catalog::load(std::path::Path::new("no-such-dir"))
        .today_scope(None, None);
    let items = book
        .today_queue(
            &HealthRules::default(),
            &TodayRules::default(),
            &scope,
            today(),
        )
        .unwrap()
        .into_flat();
    let growth: Vec<_> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Growth)
        .collect();
    let ask = growth
        .iter()
        .find(|i| matches!(i.subject, Subject::ReferenceAsk(_)))
        .expect("the ask due in 2 days is on Today");
    assert!(
        ask.what
            .contains("answer to a reference call ask, due 03-03"),
        "{}",
        ask.what
    );
    let closing = growth
        .iter()
        .find(|i| i.subject == Subject::Opportunity(deal))
        .expect("the opportunity closing this month is on Today");
    assert!(
        closing
            .what
            .contains("Add 20 seats, $20K (identified, 10%), closes 03-25"),
        "{}",
        closing.what
    );
    // Won, it leaves the queue.
    book.move_opportunity(
        &stamp(),
        deal,
        csm_cockpit::domain::vocab::OpportunityStage::Lost,
        today(),
    )
    .unwrap();
    let items = book
        .today_queue(
            &HealthRules::default(),
            &TodayRules::default(),
            &scope,
            today(),
        )
        .unwrap()
        .into_flat();
    assert!(
        items
            .iter()
            .all(|i| i.subject != Subject::Opportunity(deal))
    );
}
