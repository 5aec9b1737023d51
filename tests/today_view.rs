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
use csm_cockpit::tui::panes::today::Entry;

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

/// Moves the selection to the first item of `kind` in the flat list.
fn select_first(c: &mut Headless, kind: ItemKind) {
    if !c.app.panes.today.list.as_ref().unwrap().flat {
        c.press("v");
    }
    c.press("g");
    let list = |c: &Headless| c.app.panes.today.list.as_ref().unwrap().len();
    for _ in 0..list(c) {
        let list = c.app.panes.today.list.as_ref().unwrap();
        if list.selected().is_some_and(|i| i.kind == kind) {
            return;
        }
        c.press("j");
    }
    panic!("no {kind:?} in the queue");
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
        .map(|i| i.key())
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
    let step = match item.due.map(|d| (d - today()).num_days()) {
        Some(..=30) => "contract sent done",
        _ => "risk review done",
    };
    assert!(c.screen().contains(step), "{}", c.screen());
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
    // Enter opens an account of several items in place, and an item opens the account.
    let list = c.app.panes.today.list.as_ref().unwrap();
    let several = list
        .entries()
        .iter()
        .position(|e| matches!(e, Entry::Row(r) if list.queue.rows[*r].items.len() > 1))
        .expect("an account with several items");
    for _ in 0..several {
        c.press("j");
    }
    let lines = listed(&c).len();
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Browse);
    assert!(listed(&c).len() > lines, "its items are shown under it");
    c.press("j");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    c.press("esc");
    assert_eq!(c.app.pane, Pane::Today);
}

#[test]
fn one_row_per_account_opens_in_place_and_the_flat_list_is_one_key_away() {
    let mut c = cockpit(120, 40);
    let list = |c: &Headless| c.app.panes.today.list.as_ref().unwrap().len();
    let q = c.app.panes.today.list.as_ref().unwrap().queue.clone();
    assert_eq!(list(&c), q.rows.len(), "one line per account");
    assert!(q.total > q.rows.len(), "some account has several items");
    let accounts: std::collections::HashSet<i64> = q.rows.iter().map(|r| r.account_id).collect();
    assert_eq!(accounts.len(), q.rows.len());
    // The row names what else there is: "+2: ...".
    let several = q.rows.iter().position(|r| r.items.len() > 1).unwrap();
    assert!(
        c.screen()
            .contains(&format!("+{}:", q.rows[several].items.len() - 1))
    );
    for _ in 0..several {
        c.press("j");
    }
    c.press("right");
    assert_eq!(
        list(&c),
        q.rows.len() + q.rows[several].items.len() - 1,
        "the row is its lead; the rest go under it"
    );
    c.press("left");
    assert_eq!(list(&c), q.rows.len());
    c.press("v");
    assert_eq!(list(&c), q.total, "every item");
    assert!(c.screen().contains("flat"));
    c.press("v");
    assert_eq!(list(&c), q.rows.len());
}

#[test]
fn d_on_an_accounts_row_puts_its_lead_away_and_the_account_stays_with_the_rest() {
    let mut c = cockpit(120, 40);
    let q = c.app.panes.today.list.as_ref().unwrap().queue.clone();
    let at = q
        .rows
        .iter()
        .position(|r| r.items.len() > 1)
        .expect("an account with several items");
    for _ in 0..at {
        c.press("j");
    }
    let row = &q.rows[at];
    c.press("d");
    assert!(
        !listed(&c).contains(&row.head().key()),
        "the lead is done or dismissed"
    );
    let now = selected(&c);
    assert_eq!(
        now.account_id, row.account_id,
        "the cursor stays on the account"
    );
    assert_eq!(now.key(), row.items[1].key(), "led by its next item");
}
