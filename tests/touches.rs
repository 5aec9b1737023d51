//! A note is no touch: logged on the timeline, it leaves an account gone quiet quiet and
//! a champion's last touch where it was; a QBR held is a touch and counts for both. On
//! the sample book, `today` pinned to 2026-03-01.

mod common;

use common::{sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::account::NewTouch;
use csm_cockpit::book::today::Scope;
use csm_cockpit::domain::health::{HealthRules, SignalKind};
use csm_cockpit::domain::today::{ItemKind, TodayRules};
use csm_cockpit::domain::vocab::InteractionKind;

fn id(book: &Book, name: &str) -> i64 {
    book.find_account(name).unwrap().unwrap().0
}

fn quiet(book: &Book, name: &str) -> bool {
    book.today_queue(
        &HealthRules::default(),
        &TodayRules::default(),
        &Scope::default(),
        today(),
    )
    .unwrap()
    .into_flat()
    .iter()
    .any(|i| i.kind == ItemKind::NoTouch && i.account == name)
}

fn log(book: &mut Book, account: i64, kind: InteractionKind, contact: Option<i64>, what: &str) {
    let touch = NewTouch {
        contact,
        kind,
        on: today(),
        summary: what.into(),
    };
    book.log_touch(&stamp(), account, &touch).unwrap();
    book.recompute_account_health(&HealthRules::default(), account, today())
        .unwrap();
}

#[test]
fn a_note_leaves_an_account_quiet_and_a_qbr_held_ends_the_quiet() {
    let mut book = sample_book();
    let umbrella = id(&book, "Umbrella Pharma");
    assert!(quiet(&book, "Umbrella Pharma"), "40 days without a touch");
    log(
        &mut book,
        umbrella,
        InteractionKind::Note,
        None,
        "QBR brief prepared for 2026-Q1",
    );
    assert!(
        quiet(&book, "Umbrella Pharma"),
        "a brief prepared is no touch"
    );
    log(
        &mut book,
        umbrella,
        InteractionKind::Qbr,
        None,
        "QBR held for 2026-Q1",
    );
    assert!(!quiet(&book, "Umbrella Pharma"), "the QBR is a touch");
}

#[test]
fn a_note_about_the_champion_is_no_touch_with_them_and_a_qbr_with_them_is() {
    let mut book = sample_book();
    let wonka = id(&book, "Wonka Confections");
    let champion = book
        .stakeholders(wonka)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Ravi Patel")
        .unwrap();
    let champion_quiet = |book: &Book| {
        book.health_detail(&HealthRules::default(), wonka, today())
            .unwrap()
            .unwrap()
            .signals
            .iter()
            .any(|s| s.kind == SignalKind::ChampionQuiet)
    };
    let last_touch = |book: &Book| {
        book.stakeholders(wonka)
            .unwrap()
            .into_iter()
            .find(|p| p.id == champion.id)
            .unwrap()
            .last_touch
            .map(|(on, _)| on)
    };
    let before = last_touch(&book);
    assert!(champion_quiet(&book), "Ravi was last touched 60 days ago");
    log(
        &mut book,
        wonka,
        InteractionKind::Note,
        Some(champion.id),
        "Ravi is moving teams in April, per the sponsor",
    );
    assert_eq!(last_touch(&book), before, "a note is no touch with Ravi");
    assert!(champion_quiet(&book));
    log(
        &mut book,
        wonka,
        InteractionKind::Qbr,
        Some(champion.id),
        "QBR held for 2026-Q1",
    );
    assert_eq!(last_touch(&book), Some(today()));
    assert!(!champion_quiet(&book), "the QBR with Ravi is a touch");
}
