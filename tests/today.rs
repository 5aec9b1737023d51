//! The morning queue from a hand-made book with `today` pinned: what is in it, in what
//! order, and an item gone once it is acted on.

mod common;

use common::{sample_book, stamp, today};
use csm_cockpit::book::renewals::Renewal;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::stakeholders::CoverageRules;
use csm_cockpit::domain::today::{ItemKind, TodayWeights, rank};

fn queue(book: &csm_cockpit::book::Book) -> Vec<csm_cockpit::domain::today::Item> {
    let items = book
        .triage(&HealthRules::default(), &CoverageRules::default(), today())
        .unwrap()
        .into_iter()
        .map(|o| o.item)
        .collect();
    rank(items, &TodayWeights::default(), today())
}

#[test]
fn the_queue_holds_renewals_that_need_a_move_and_ranks_the_biggest_most_pressing_first() {
    let book = sample_book();
    let q = queue(&book);
    assert!(!q.is_empty());
    assert!(q.windows(2).all(|w| w[0].priority >= w[1].priority));
    // Umbrella ($1.85M, 6 days overdue, health red, nothing done) is a renewal item.
    let umbrella = q
        .iter()
        .find(|i| i.account == "Umbrella Pharma" && i.kind == ItemKind::Renewal)
        .expect("Umbrella's renewal");
    assert!(
        umbrella.reason.starts_with("$1.85M renewal 6 days late: "),
        "{}",
        umbrella.reason
    );
    assert!(
        umbrella.reason.contains("no forecast"),
        "{}",
        umbrella.reason
    );
    // Wayne renews in 200 days: nothing to do yet.
    assert!(
        !q.iter()
            .any(|i| i.account == "Wayne Foundry" && i.kind == ItemKind::Renewal)
    );
}

#[test]
fn a_renewal_item_leaves_the_queue_once_the_motion_and_forecast_are_in_hand() {
    let mut book = sample_book();
    let r: Renewal = book
        .renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|r| r.account == "Stark Outfitters")
        .unwrap();
    let has = |book: &csm_cockpit::book::Book| {
        queue(book)
            .iter()
            .any(|i| i.account == "Stark Outfitters" && i.kind == ItemKind::Renewal)
    };
    assert!(has(&book), "behind and no forecast");
    let contract = r.contract_id.unwrap();
    while let Some(step) = book
        .renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|r| r.account == "Stark Outfitters")
        .and_then(|r| r.motion.and_then(|m| m.next_step()))
    {
        book.mark_step(&stamp(), contract, step, today()).unwrap();
    }
    book.set_forecast(&stamp(), contract, &r.suggestion.forecast())
        .unwrap();
    assert!(!has(&book), "nothing left to do on it today");
}
