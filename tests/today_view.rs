//! The Today pane as a CSM works it every morning: the queue at 120x40 and 80x24, and
//! each key acting on the selected item, written to the book before the status bar
//! says so, the item leaving the list.

mod common;

use common::{sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::playbook::{BUILT_IN, parse};
use csm_cockpit::domain::today::{ItemKind, Subject};
use csm_cockpit::tui::app::Mode;
use csm_cockpit::tui::headless::Headless;
use csm_cockpit::tui::pane::Pane;

/// The sample book after its playbooks ran.
fn book_with_tasks() -> Book {
    let mut book = sample_book();
    let playbooks: Vec<_> = BUILT_IN.iter().map(|(f, t)| parse(t, f).unwrap()).collect();
    book.run_playbooks(&stamp(), &playbooks, &HealthRules::default(), today(), 30)
        .unwrap();
    book
}

fn cockpit(width: u16, height: u16) -> Headless {
    common::cockpit_on(book_with_tasks(), width, height)
}

/// Moves the selection to the first item of `kind`.
fn select_first(c: &mut Headless, kind: ItemKind) {
    c.press("g");
    while c
        .app
        .panes
        .today
        .list
        .as_ref()
        .unwrap()
        .selected()
        .unwrap()
        .kind
        != kind
    {
        c.press("j");
    }
}

fn selected(c: &Headless) -> csm_cockpit::domain::today::Item {
    c.app
        .panes
        .today
        .list
        .as_ref()
        .unwrap()
        .selected()
        .unwrap()
        .clone()
}

fn listed(c: &Headless) -> Vec<String> {
    c.app
        .panes
        .today
        .list
        .as_ref()
        .unwrap()
        .items()
        .map(|(_, i)| i.key())
        .collect()
}

#[test]
fn the_cockpit_opens_on_todays_queue_at_120x40() {
    let c = cockpit(120, 40);
    assert_eq!(c.app.pane, Pane::Today);
    let screen = c.screen();
    assert!(screen.contains("Today · whole team ·"), "{screen}");
    assert!(screen.contains("at stake"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_queue_at_80x24_keeps_account_and_why() {
    let c = cockpit(80, 24);
    let screen = c.screen();
    assert!(screen.lines().all(|l| l.chars().count() <= 80));
    insta::assert_snapshot!(screen);
}

#[test]
fn d_marks_a_task_done_in_the_book_and_it_leaves_the_queue() {
    let mut c = cockpit(120, 40);
    select_first(&mut c, ItemKind::Task);
    let item = selected(&c);
    let Subject::Task(id) = item.subject else {
        panic!("a task item")
    };
    c.press("d");
    let book = c.app.cx.book.as_ref().unwrap();
    assert!(
        !book.open_tasks(today()).unwrap().iter().any(|t| t.id == id),
        "the task is done in the book"
    );
    assert!(c.screen().contains("Done: "), "{}", c.screen());
    assert!(!listed(&c).contains(&item.key()));
}

#[test]
fn d_dismisses_a_renewal_until_something_new_and_z_snoozes_with_a_reason() {
    let mut c = cockpit(120, 40);
    select_first(&mut c, ItemKind::Renewal);
    let first = selected(&c);
    c.press("d");
    assert!(!listed(&c).contains(&first.key()));
    assert!(
        c.app
            .cx
            .book
            .as_ref()
            .unwrap()
            .dismissals()
            .unwrap()
            .contains_key(&first.key()),
        "written to the book"
    );
    assert!(c.screen().contains("Dismissed until something new happens"));

    select_first(&mut c, ItemKind::Renewal);
    let second = selected(&c);
    c.press("z");
    assert_eq!(c.app.mode(), Mode::Prompt);
    c.type_text("7");
    c.press("enter");
    c.press("enter");
    assert!(
        c.screen().contains("a few words"),
        "a snooze needs a reason"
    );
    c.type_text("waiting for the new budget");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Browse);
    let d = c.app.cx.book.as_ref().unwrap().dismissals().unwrap();
    let snooze = d.get(&second.key()).expect("snoozed in the book");
    assert_eq!(snooze.until, Some(today() + chrono::Duration::days(7)));
    assert_eq!(snooze.reason, "waiting for the new budget");
    assert!(!listed(&c).contains(&second.key()));
}

#[test]
fn x_ticks_the_renewals_next_step_from_the_queue() {
    let mut c = cockpit(120, 40);
    select_first(&mut c, ItemKind::Renewal);
    let item = selected(&c);
    let Subject::Renewal(contract) = item.subject else {
        panic!("a renewal item")
    };
    c.press("x");
    assert!(c.screen().contains("risk review done"), "{}", c.screen());
    let book = c.app.cx.book.as_ref().unwrap();
    let r = book
        .renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|r| r.contract_id == Some(contract))
        .unwrap();
    assert!(r.motion.unwrap().done.len() == 1);
}

#[test]
fn o_shows_one_csms_queue_and_enter_opens_the_account() {
    let mut c = cockpit(120, 40);
    let everyone = listed(&c).len();
    c.press("o");
    c.press("o");
    let screen = c.screen();
    assert!(screen.contains("Today · Dana Okafor ·"), "{screen}");
    assert!(listed(&c).len() < everyone);
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    c.press("esc");
    assert_eq!(c.app.pane, Pane::Today);
}
