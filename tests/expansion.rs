//! The expansion pipeline through the book: an opportunity opened, moved stage by stage
//! (each move journaled), and a won one joining the account's contract from its day, so
//! NRR and expansion ARR see it then and not before; an undo takes the win back whole.

mod common;

use chrono::Duration;
use common::{stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::expansion::NewOpportunity;
use csm_cockpit::domain::Money;
use csm_cockpit::domain::expansion::{ExpansionRules, ranked};
use csm_cockpit::domain::metrics::{Grain, Period, Retention};
use csm_cockpit::domain::vocab::{OpportunityKind, OpportunityStage};

fn account(book: &Book, name: &str) -> (i64, i64) {
    let g = book.growth(None, today(), 90).unwrap();
    let g = g.iter().find(|g| &*g.account == name).unwrap();
    (g.account_id, g.arr.cents)
}

fn open_contract_arr(book: &Book, account_id: i64) -> i64 {
    let facts = book.metric_facts(None).unwrap();
    let c = facts
        .customers
        .iter()
        .find(|c| c.account_id == account_id)
        .unwrap();
    c.terms
        .iter()
        .find(|t| t.outcome.is_none())
        .unwrap()
        .arr_cents
}

#[test]
fn a_won_opportunity_grows_the_contract_from_its_day_and_undo_takes_it_back() {
    let mut book = common::sample_book();
    let (id, arr_before) = account(&book, "Globex Logistics");
    let contract_before = open_contract_arr(&book, id);
    let new = NewOpportunity {
        account_id: id,
        kind: OpportunityKind::Seats,
        title: "Add 20 seats".into(),
        arr: Money::usd(2_000_000),
        close_on: Some(today() + Duration::days(20)),
        signal: Some("seats_nearly_used".into()),
    };
    let opp = book.open_opportunity(&stamp(), &new, today()).unwrap();
    let deals = book.deals(None).unwrap();
    let rules = ExpansionRules::default();
    let mine = deals.iter().find(|d| d.id == opp).unwrap();
    assert_eq!(mine.stage, OpportunityStage::Identified);
    assert!(ranked(&deals, &rules, today()).iter().any(|d| d.id == opp));

    book.move_opportunity(&stamp(), opp, OpportunityStage::Proposed, today())
        .unwrap();
    let won_on = today() + Duration::days(10);
    book.move_opportunity(&stamp(), opp, OpportunityStage::Won, won_on)
        .unwrap();
    assert_eq!(account(&book, "Globex Logistics").1, arr_before + 2_000_000);
    assert_eq!(open_contract_arr(&book, id), contract_before + 2_000_000);

    // The customer pays the $20K from the day it was won, not before.
    let facts = book.metric_facts(None).unwrap();
    let c = facts.customers.iter().find(|c| c.account_id == id).unwrap();
    assert_eq!(c.arr_on(won_on - Duration::days(1)), contract_before);
    assert_eq!(c.arr_on(won_on), contract_before + 2_000_000);
    let quarter = Period::holding(Grain::Quarter, won_on);
    let r = Retention::over([c], quarter, won_on + Duration::days(1));
    assert_eq!(r.expansion_arr, 2_000_000, "NRR sees the expansion");

    // Won stays won: a mistaken close is taken back by an undo, whole.
    let err = book
        .move_opportunity(&stamp(), opp, OpportunityStage::Lost, won_on)
        .unwrap_err();
    assert!(err.to_string().contains("already won"), "{err}");
    book.undo_last(&stamp()).unwrap();
    assert_eq!(account(&book, "Globex Logistics").1, arr_before);
    assert_eq!(open_contract_arr(&book, id), contract_before);
    let deal = book.deal(opp).unwrap().unwrap();
    assert_eq!(deal.stage, OpportunityStage::Proposed);
}

#[test]
fn an_account_without_an_open_contract_cannot_win_an_expansion() {
    let mut book = common::sample_book();
    let (id, _) = account(&book, "Globex Logistics");
    let opp = book
        .open_opportunity(
            &stamp(),
            &NewOpportunity {
                account_id: id,
                kind: OpportunityKind::Upsell,
                title: "Premium support".into(),
                arr: Money::usd(500_000),
                close_on: None,
                signal: None,
            },
            today(),
        )
        .unwrap();
    // Past every term's end, there is no contract in force to join.
    let err = book
        .move_opportunity(
            &stamp(),
            opp,
            OpportunityStage::Won,
            today() + Duration::days(5 * 365),
        )
        .unwrap_err();
    assert!(err.to_string().contains("no open contract"), "{err}");
    assert_eq!(
        book.deal(opp).unwrap().unwrap().stage,
        OpportunityStage::Identified,
        "nothing changed"
    );
}
