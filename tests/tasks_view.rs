//! The Tasks pane as a CSM works it: tasks grouped by when they are due at 120x40 and
//! 80x24; done, snooze, reassign and add from the keyboard, each written to the book
//! before the status bar says so.

mod common;

use chrono::Duration;
use common::{sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::playbook::{BUILT_IN, parse};
use csm_cockpit::tui::app::Mode;
use csm_cockpit::tui::headless::Headless;

/// The sample book after its playbooks ran.
fn book_with_tasks() -> Book {
    let mut book = sample_book();
    let playbooks: Vec<_> = BUILT_IN.iter().map(|(f, t)| parse(t, f).unwrap()).collect();
    book.run_playbooks(&stamp(), &playbooks, &HealthRules::default(), today(), 30)
        .unwrap();
    book
}

fn pane(width: u16, height: u16) -> Headless {
    let mut c = common::cockpit_on(book_with_tasks(), width, height);
    c.press("5");
    c
}

fn selected_title(c: &Headless) -> String {
    c.app
        .panes
        .tasks
        .list
        .as_ref()
        .unwrap()
        .selected()
        .unwrap()
        .title
        .clone()
}

fn open_titles(c: &Headless) -> Vec<String> {
    c.app
        .cx
        .book
        .as_ref()
        .unwrap()
        .open_tasks(today())
        .unwrap()
        .into_iter()
        .map(|t| t.title)
        .collect()
}

#[test]
fn tasks_grouped_by_when_they_are_due_at_120x40_and_80x24() {
    let c = pane(120, 40);
    let screen = c.screen();
    assert!(
        screen.contains("Today") || screen.contains("This week"),
        "{screen}"
    );
    insta::assert_snapshot!("tasks_120x40", screen);
    let c = pane(80, 24);
    insta::assert_snapshot!("tasks_80x24", c.screen());
}

#[test]
fn d_marks_the_selected_task_done() {
    let mut c = pane(120, 40);
    let title = selected_title(&c);
    let before = open_titles(&c).iter().filter(|t| **t == title).count();
    c.press("d");
    assert_eq!(
        c.app.message(),
        Some(format!("Done: {title} (t logs the touch)").as_str())
    );
    assert_eq!(
        open_titles(&c).iter().filter(|t| **t == title).count(),
        before - 1
    );

    // The call the task was about goes on the account's timeline.
    let account = c
        .app
        .panes
        .tasks
        .list
        .as_ref()
        .unwrap()
        .selected()
        .unwrap()
        .account
        .clone()
        .unwrap();
    c.press("t");
    assert_eq!(c.app.mode(), Mode::Prompt);
    c.press("enter"); // a call
    c.press("enter"); // with nobody in particular
    c.type_text("Walked through the renewal");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account, "{:?}", c.app.message());
    assert!(c.screen().contains(&account), "the account is open");
    assert!(
        c.app.message().unwrap_or("").starts_with("Logged: call"),
        "{:?}",
        c.app.message()
    );
    c.press("esc");
    assert_eq!(c.app.mode(), Mode::Browse);
}

#[test]
fn z_snoozes_with_a_day_and_a_reason() {
    let mut c = pane(120, 40);
    let title = selected_title(&c);
    c.press("z");
    assert_eq!(c.app.mode(), Mode::Prompt);
    c.type_text("14");
    c.press("enter");
    c.type_text("waiting for their budget");
    c.press("enter");
    let until = today() + Duration::days(14);
    assert_eq!(
        c.app.message(),
        Some(format!("Snoozed until {until}: {title}").as_str())
    );
    let back = c.app.cx.book.as_ref().unwrap().open_tasks(until).unwrap();
    assert!(back.iter().any(|t| t.title == title), "back on its day");
}

#[test]
fn r_gives_the_task_to_someone_else_and_a_adds_one_to_the_same_account() {
    let mut c = pane(120, 40);
    let task = c
        .app
        .panes
        .tasks
        .list
        .as_ref()
        .unwrap()
        .selected()
        .unwrap()
        .clone();
    c.press("r");
    c.type_text("jordan");
    c.press("enter");
    assert_eq!(
        c.app.message(),
        Some(format!("Given to Jordan Lee: {}", task.title).as_str())
    );
    c.press("a");
    c.type_text("Send the QBR deck");
    c.press("enter");
    c.press("enter");
    let account = task.account.unwrap();
    assert_eq!(
        c.app.message(),
        Some(format!("Added to {account}, due {}", today() + Duration::days(7)).as_str())
    );
    assert!(open_titles(&c).contains(&"Send the QBR deck".to_string()));
}

#[test]
fn o_and_p_narrow_the_list_and_esc_shows_all() {
    let mut c = pane(120, 40);
    let all = c.app.panes.tasks.list.as_ref().unwrap().shown();
    c.press("p");
    let list = c.app.panes.tasks.list.as_ref().unwrap();
    let playbook = list.playbook().unwrap().to_string();
    assert!(list.listed().all(|t| t.playbook == Some(playbook.as_str())));
    assert!(list.shown() < all);
    c.press("esc");
    assert_eq!(c.app.panes.tasks.list.as_ref().unwrap().shown(), all);
    c.press("o");
    let list = c.app.panes.tasks.list.as_ref().unwrap();
    let owner = list.owner().unwrap().to_string();
    assert!(list.listed().all(|t| t.owner == Some(owner.as_str())));
}

#[test]
fn slash_narrows_to_an_account_while_typing_and_esc_clears() {
    let mut c = pane(120, 40);
    let all = c.app.panes.tasks.list.as_ref().unwrap().shown();
    c.press("/");
    assert_eq!(c.app.mode(), Mode::Filter);
    c.type_text("globex");
    let globex = c
        .app
        .cx
        .book
        .as_ref()
        .unwrap()
        .open_tasks(today())
        .unwrap()
        .into_iter()
        .find(|t| t.account.as_deref() == Some("Globex Logistics"))
        .and_then(|t| t.account_id);
    let list = c.app.panes.tasks.list.as_ref().unwrap();
    assert!(list.shown() > 0 && list.shown() < all);
    assert!(globex.is_some() && list.listed().all(|t| t.account_id == globex));
    assert!(c.screen().contains("Filter: globex"));
    c.press("esc");
    assert_eq!(c.app.mode(), Mode::Browse);
    assert_eq!(c.app.panes.tasks.list.as_ref().unwrap().shown(), all);
}

/// The ids the pane lists, and those the book says are open (for the owner it shows).
fn listed_and_open(c: &Headless) -> (Vec<i64>, Vec<i64>) {
    let list = c.app.panes.tasks.list.as_ref().unwrap();
    let owner = list.owner().map(str::to_string);
    let open = c
        .app
        .cx
        .book
        .as_ref()
        .unwrap()
        .open_tasks(today())
        .unwrap()
        .into_iter()
        .filter(|t| owner.is_none() || t.owner == owner)
        .map(|t| t.id)
        .collect();
    (list.listed().map(|t| t.id).collect(), open)
}

#[test]
fn after_each_write_and_its_undo_the_list_is_what_the_book_holds_open_in_order() {
    let mut c = pane(120, 40);
    let (listed, open) = listed_and_open(&c);
    assert_eq!(listed, open);
    let heading = |c: &Headless| {
        let screen = c.screen();
        let line = screen.lines().find(|l| l.contains(" Tasks · "));
        line.unwrap_or("").to_string()
    };
    let first = heading(&c);
    c.press("j");
    c.press("d");
    let (listed, open) = listed_and_open(&c);
    assert_eq!(listed, open, "done: it left");
    assert_ne!(heading(&c), first, "the count in the heading follows");
    c.press("u");
    assert_eq!(listed_and_open(&c).0, listed_and_open(&c).1, "undone: back");
    assert_eq!(heading(&c), first);
    c.press("z");
    c.type_text("3");
    c.press("enter");
    c.type_text("on holiday");
    c.press("enter");
    let (listed, open) = listed_and_open(&c);
    assert_eq!(listed, open, "snoozed: it left");
    c.press("r");
    c.type_text("jordan");
    c.press("enter");
    let (listed, open) = listed_and_open(&c);
    assert_eq!(listed, open, "reassigned: still listed");
    c.press("a");
    c.type_text("Send the renewal quote");
    c.press("enter");
    c.press("enter");
    let (listed, open) = listed_and_open(&c);
    assert_eq!(listed, open, "added: in its place by due date");
}

#[test]
fn slash_narrows_to_words_of_a_title_too() {
    let mut c = pane(120, 40);
    let title = selected_title(&c);
    let word = title.split_whitespace().last().unwrap().to_uppercase();
    c.press("/");
    c.type_text(&word);
    let list = c.app.panes.tasks.list.as_ref().unwrap();
    assert!(list.shown() > 0);
    let lowered = word.to_lowercase();
    let book = c.app.cx.book.as_ref().unwrap();
    let open = book.open_tasks(today()).unwrap();
    let expected: Vec<i64> = open
        .iter()
        .filter(|t| {
            t.title.to_lowercase().contains(&lowered)
                || t.account
                    .as_deref()
                    .is_some_and(|a| a.to_lowercase().contains(&lowered))
        })
        .map(|t| t.id)
        .collect();
    assert_eq!(list.listed().map(|t| t.id).collect::<Vec<_>>(), expected);
    let shown: String = title.chars().take(12).collect();
    assert!(c.screen().contains(&shown), "{}", c.screen());
}

#[test]
fn at_the_bottom_the_last_task_is_on_the_last_line_under_its_heading() {
    let mut c = pane(120, 24);
    c.press("G");
    let title = selected_title(&c);
    let screen = c.screen();
    let lines: Vec<&str> = screen.lines().collect();
    // The list's last line is above its bottom border.
    let bottom = lines.iter().rposition(|l| l.contains('└')).unwrap();
    let shown: String = title.chars().take(12).collect();
    assert!(lines[bottom - 1].contains(&shown), "{screen}");
    assert!(
        screen.contains("Later") || screen.contains("This week"),
        "{screen}"
    );
    c.press("g");
    assert!(c.screen().contains("Overdue") || c.screen().contains("Today"));
}

#[test]
fn the_soonest_due_show_first_and_counts_come_once_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = common::fill(Book::open(&dir.path().join("b.db")).unwrap());
    let playbooks: Vec<_> = BUILT_IN.iter().map(|(f, t)| parse(t, f).unwrap()).collect();
    book.run_playbooks(&stamp(), &playbooks, &HealthRules::default(), today(), 30)
        .unwrap();
    let mut c = common::cockpit_on(book, 120, 40);
    let (tx, events) = std::sync::mpsc::channel();
    c.app.cx.events = Some(tx);
    c.press("5");
    let list = c.app.panes.tasks.list.as_ref().expect("the first tasks");
    assert!(list.is_partial() && list.shown() > 0);
    let soonest = list.selected().unwrap().id;
    let screen = c.screen();
    assert!(screen.contains("reading the rest…"), "{screen}");
    assert!(
        !screen.contains(" open · "),
        "no counts from part of the list"
    );
    // A task done while the rest is read stays done when it lands.
    c.press("d");
    while c.app.panes.tasks.reading {
        let event = events
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("every open task lands");
        c.app.take_background(event);
    }
    c.draw();
    let list = c.app.panes.tasks.list.as_ref().unwrap();
    assert!(!list.is_partial());
    assert!(
        (0..list.shown()).all(|i| list.key(i).is_some_and(|k| k.id != soonest)),
        "the task done is not listed again"
    );
    let open = c.app.cx.book.as_ref().unwrap().open_tasks(today()).unwrap();
    assert_eq!(
        list.shown(),
        open.len(),
        "every open task, once the rest is in"
    );
    let screen = c.screen();
    assert!(screen.contains(" open · "), "{screen}");
    assert!(!screen.contains("reading the rest"), "{screen}");
}
