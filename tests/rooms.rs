//! The cockpit's shape as a keyboard person meets it: `?` over a room comes back to it,
//! `/` narrows the list of every pane (letters typed are letters), a key a place does
//! not bind says so, the jump palette finds accounts, panes, people and commands by a
//! few letters, and `u` / Ctrl-r undo and redo the person's own change.

mod common;

use common::{sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::playbook::{BUILT_IN, parse};
use csm_cockpit::tui::app::Mode;
use csm_cockpit::tui::headless::Headless;
use csm_cockpit::tui::pane::Pane;

fn book_with_tasks() -> Book {
    let mut book = sample_book();
    let playbooks: Vec<_> = BUILT_IN.iter().map(|(f, t)| parse(t, f).unwrap()).collect();
    book.run_playbooks(&stamp(), &playbooks, &HealthRules::default(), today(), 30)
        .unwrap();
    book
}

fn cockpit() -> Headless {
    common::cockpit_on(book_with_tasks(), 120, 40)
}

fn open_task_ids(c: &Headless) -> Vec<i64> {
    let book = c.app.cx.book.as_ref().unwrap();
    book.open_tasks(today())
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect()
}

#[test]
fn help_over_the_account_detail_comes_back_to_the_detail() {
    let mut c = cockpit();
    c.press("2");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    c.press("?");
    assert_eq!(c.app.mode(), Mode::Help);
    assert!(
        c.screen().contains("Account"),
        "the detail's own keys head the help"
    );
    c.press("x");
    assert_eq!(
        c.app.mode(),
        Mode::Account,
        "back to the detail, not the pane"
    );
    c.press("esc");
    assert_eq!((c.app.mode(), c.app.pane), (Mode::Browse, Pane::Portfolio));
}

#[test]
fn slash_on_today_narrows_the_queue_and_what_is_typed_runs_no_command() {
    let mut c = cockpit();
    let tasks_before = open_task_ids(&c);
    let all = c.app.panes.today.list.as_ref().unwrap().len();
    c.press("/");
    assert_eq!(c.app.mode(), Mode::Filter);
    // `d` marks a task done on Today; while narrowing it is a letter.
    c.type_text("northwind d");
    c.press("backspace");
    c.press("backspace");
    let list = c.app.panes.today.list.as_ref().unwrap();
    assert!(list.len() < all, "{} of {all}", list.len());
    assert!(!list.is_empty());
    assert!(list.items().all(|i| i.account == "Northwind Traders"));
    assert_eq!(open_task_ids(&c), tasks_before, "nothing was marked done");
    assert!(c.screen().contains("Filter: northwind"));
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Browse, "Enter keeps the words");
    assert_eq!(c.app.panes.today.list.as_ref().unwrap().len(), list_len(&c));
    c.press("esc");
    assert_eq!(
        c.app.panes.today.list.as_ref().unwrap().len(),
        all,
        "Esc shows all"
    );
}

fn list_len(c: &Headless) -> usize {
    c.app.panes.today.list.as_ref().unwrap().len()
}

#[test]
fn every_pane_narrows_by_typing() {
    let mut c = cockpit();
    for pane in ["2", "3", "4", "5", "6"] {
        c.press(pane);
        c.press("/");
        assert_eq!(c.app.mode(), Mode::Filter, "pane {pane}");
        let (_, all) = c.app.top_room().narrowed().unwrap();
        c.type_text("zzzz-nobody");
        let (text, shown) = c.app.top_room().narrowed().unwrap();
        assert_eq!(text, "zzzz-nobody");
        // The Team keeps its total row.
        assert!(shown <= 1 && shown < all, "pane {pane}: {shown} of {all}");
        assert!(c.screen().contains(&format!("{shown} shown")));
        c.press("esc");
        assert_eq!(c.app.mode(), Mode::Browse);
    }
}

#[test]
fn a_key_this_place_does_not_bind_does_nothing_but_say_so() {
    let mut c = cockpit();
    c.press("2");
    let shown = c.app.panes.portfolio.list.shown();
    c.press("d");
    assert!(
        c.app
            .message()
            .is_some_and(|m| m.contains("d does nothing here")),
        "{:?}",
        c.app.message()
    );
    assert_eq!(c.app.panes.portfolio.list.shown(), shown);
}

#[test]
fn the_palette_finds_an_account_by_a_few_letters_and_enter_opens_it() {
    let mut c = cockpit();
    c.press("ctrl-k");
    assert_eq!(c.app.mode(), Mode::Palette);
    c.type_text("nrthwnd");
    assert!(c.screen().contains("Northwind Traders"), "{}", c.screen());
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    let opened = c.app.account().unwrap();
    assert_eq!(opened.account.name, "Northwind Traders");
}

#[test]
fn the_palette_goes_to_panes_people_and_commands() {
    let mut c = cockpit();
    c.press("ctrl-k");
    c.type_text("renewals");
    c.press("enter");
    assert_eq!((c.app.mode(), c.app.pane), (Mode::Browse, Pane::Renewals));

    c.press("ctrl-k");
    c.type_text("mia reyes");
    c.press("enter");
    assert_eq!(c.app.pane, Pane::Today);
    assert_eq!(c.app.panes.today.scope.owner.as_deref(), Some("Mia Reyes"));

    // A command of the place the palette was opened from: snooze the selected item.
    c.press("ctrl-k");
    c.type_text("snooze");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Prompt, "{:?}", c.app.message());
    c.press("esc");

    // Esc closes the palette where it was opened.
    c.press("ctrl-k");
    c.type_text("glob");
    c.press("esc");
    assert_eq!((c.app.mode(), c.app.pane), (Mode::Browse, Pane::Today));
}

#[test]
fn u_undoes_the_last_change_and_ctrl_r_redoes_it() {
    let mut c = cockpit();
    c.press("5");
    let before = open_task_ids(&c);
    let task = c
        .app
        .panes
        .tasks
        .list
        .as_ref()
        .unwrap()
        .selected()
        .unwrap()
        .id;
    c.press("d");
    assert!(!open_task_ids(&c).contains(&task), "marked done");
    c.press("u");
    assert!(
        c.app.message().is_some_and(|m| m.starts_with("Undone: ")),
        "{:?}",
        c.app.message()
    );
    assert_eq!(open_task_ids(&c), before, "open again");
    assert!(
        c.app
            .panes
            .tasks
            .list
            .as_ref()
            .unwrap()
            .listed()
            .any(|t| t.id == task)
    );
    c.press("ctrl-r");
    assert!(
        c.app.message().is_some_and(|m| m.starts_with("Redone: ")),
        "{:?}",
        c.app.message()
    );
    assert!(!open_task_ids(&c).contains(&task), "done again");
}

#[test]
fn undo_refuses_saying_why_when_someone_changed_the_same_row_later() {
    let mut c = cockpit();
    c.press("5");
    let task = c
        .app
        .panes
        .tasks
        .list
        .as_ref()
        .unwrap()
        .selected()
        .unwrap()
        .id;
    c.press("d");
    // Someone else opens it again and reassigns it (a change to the same row).
    let other = csm_cockpit::book::Stamp {
        actor: "ana".into(),
        at: stamp().at,
    };
    let book = c.app.cx.book.as_mut().unwrap();
    let member = book.team_member_named("Mia").unwrap();
    book.reassign_task(&other, task, member.id).unwrap();
    c.press("u");
    let said = c.app.message().unwrap_or_default().to_string();
    assert!(said.contains("ana") && said.contains("later"), "{said}");
    assert!(!open_task_ids(&c).contains(&task), "still done");
}

/// Random keys through every pane and every room and overlay over them (the detail,
/// QBR prep, forms, the help, the palette, narrowing), on a book in a file so forms
/// write, briefs and exports land beside it: nothing panics, and every place is reached.
#[test]
fn random_keys_reach_every_room_and_overlay_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::fill(Book::open(&dir.path().join("book.db")).unwrap());
    let keys = [
        "j",
        "k",
        "g",
        "G",
        "ctrl-d",
        "ctrl-u",
        "pgdn",
        "pgup",
        "enter",
        "enter",
        "esc",
        "/",
        "tab",
        "backtab",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "?",
        "ctrl-k",
        "u",
        "ctrl-r",
        "s",
        "o",
        "b",
        "m",
        "d",
        "z",
        "t",
        "x",
        "X",
        "f",
        "O",
        "w",
        "e",
        "a",
        "L",
        "r",
        "p",
        "c",
        "Q",
        "W",
        "backspace",
        "down",
        "up",
        "ctrl-u",
        "7",
        "n",
    ];
    let mut seen = std::collections::HashSet::new();
    let mut rng = fastrand::Rng::with_seed(11);
    let mut c = common::cockpit_on(book, 100, 30);
    for i in 0..6_000 {
        if i % 1_500 == 0 {
            let (w, h) = [(120, 40), (80, 24), (60, 12), (100, 30)][i / 1_500];
            c.resize(w, h);
        }
        c.press(keys[rng.usize(..keys.len())]);
        seen.insert(c.app.mode());
        if c.app.quit {
            c.app.quit = false;
        }
    }
    for mode in [
        Mode::Browse,
        Mode::Filter,
        Mode::Help,
        Mode::Account,
        Mode::Prompt,
        Mode::Brief,
        Mode::Palette,
    ] {
        assert!(seen.contains(&mode), "{mode:?} was never reached");
    }
}

/// A key rebound for one pane is the key that pane names on screen, in its hints, its
/// help and its sentences, and only there.
#[test]
fn a_key_rebound_for_one_pane_is_named_everywhere_on_that_pane() {
    let config = csm_cockpit::config::Config::parse(
        "[keys.today]\nlog_touch = \"T\"\n",
        std::path::Path::new("cfg.toml"),
    )
    .unwrap();
    let keys = csm_cockpit::tui::keys::Keymap::from_config(&config).unwrap();
    let app =
        csm_cockpit::tui::app::App::load(book_with_tasks(), today(), keys, HealthRules::default())
            .unwrap();
    let mut c = Headless::new(app, 120, 40);
    c.app.start_today(None);
    c.draw();
    let screen = c.screen();
    assert!(screen.contains("T touch"), "the status bar:\n{screen}");
    assert!(
        screen.contains("T log touch"),
        "the keys under the list:\n{screen}"
    );
    c.press("t");
    assert!(
        c.app
            .message()
            .is_some_and(|m| m.contains("t does nothing here"))
    );
    c.press("?");
    assert!(c.screen().contains("T "), "{}", c.screen());
    c.press("esc");
    // The Tasks pane keeps its own `t`.
    c.press("5");
    assert!(c.screen().contains("t log touch"), "{}", c.screen());
}

/// A write made in an account opened over a pane shows on that pane once the account
/// closes: the pane under a room reads the book again.
#[test]
fn an_override_made_over_renewals_shows_on_renewals_after_esc() {
    let mut c = cockpit();
    c.press("3");
    let selected = |c: &Headless| {
        let r = c
            .app
            .panes
            .renewals
            .list
            .as_ref()
            .unwrap()
            .selected()
            .unwrap();
        (r.account_id, r.overridden)
    };
    let (account, overridden) = selected(&c);
    assert!(!overridden);
    c.press("enter");
    c.press("e");
    for answer in ["15", "Exec sponsor left last week", "14"] {
        c.type_text(answer);
        c.press("enter");
    }
    assert!(
        c.app
            .message()
            .is_some_and(|m| m.starts_with("Override saved"))
    );
    c.press("esc");
    assert_eq!(c.app.pane, Pane::Renewals);
    assert_eq!(selected(&c), (account, true), "the list was read again");
}

/// Narrowed, the flat queue keeps its place when an item is done and the queue is read
/// again.
#[test]
fn a_narrowed_queue_keeps_its_place_after_a_write() {
    let mut c = cockpit();
    c.press("v");
    c.press("/");
    c.type_text("play");
    c.press("enter");
    let len = c.app.panes.today.list.as_ref().unwrap().len();
    assert!(len > 3, "{len}");
    c.press("j");
    c.press("j");
    let listed = |c: &Headless| -> Vec<String> {
        let list = c.app.panes.today.list.as_ref().unwrap();
        list.items().map(|i| i.key()).collect()
    };
    let before = listed(&c);
    c.press("d");
    let list = c.app.panes.today.list.as_ref().unwrap();
    assert_eq!(list.text(), "play", "still narrowed");
    assert!(!listed(&c).contains(&before[2]), "the item done left");
    assert_eq!(
        list.selected().map(|i| i.key()),
        Some(before[3].clone()),
        "the cursor is on the item that came after it, not back at the top"
    );
}

/// With the person known to be on the team, Portfolio, Renewals, Tasks and Stakeholders
/// open on their accounts, and the Team on their line; `o` steps to others and Esc shows
/// everyone's.
fn portfolio_owner(c: &Headless, name: &str) -> Option<i64> {
    c.app.panes.portfolio.list.owner_id(name)
}

#[test]
fn the_lists_open_on_my_accounts_when_i_am_on_the_team() {
    let book = book_with_tasks();
    let me = book
        .team_members()
        .unwrap()
        .into_iter()
        .find(|m| m.name == "Mia Reyes")
        .unwrap()
        .name;
    let mut c = common::cockpit_on(book, 120, 40);
    c.app.cx.me = Some(me.clone());
    c.press("2");
    let portfolio = &c.app.panes.portfolio.list;
    assert_eq!(
        portfolio
            .facets()
            .owner
            .and_then(|id| portfolio.owner_name(id)),
        Some(me.as_str()),
        "the Portfolio opens on my accounts"
    );
    c.press("o");
    assert_ne!(
        c.app.panes.portfolio.list.facets().owner,
        portfolio_owner(&c, &me)
    );
    c.press("6");
    let team = c.app.panes.team.list.as_ref().unwrap();
    assert_eq!(team.selected().map(|r| r.name.as_str()), Some(me.as_str()));
    c.press("3");
    let renewals = c.app.panes.renewals.list.as_ref().unwrap();
    assert_eq!(renewals.owner(), Some(me.as_str()));
    assert!(
        renewals
            .listed()
            .all(|r| r.owner.as_deref() == Some(me.as_str()))
    );
    c.press("5");
    let tasks = c.app.panes.tasks.list.as_ref().unwrap();
    assert_eq!(tasks.owner(), Some(me.as_str()));
    c.press("esc");
    assert_eq!(
        c.app.panes.tasks.list.as_ref().unwrap().owner(),
        None,
        "Esc: everyone's"
    );
    c.press("4");
    let pane = c.app.panes.stakeholders.pane.as_ref().unwrap();
    assert_eq!(pane.owner(), Some(me.as_str()));
    assert!(
        pane.shown()
            .all(|a| a.owner.as_deref() == Some(me.as_str()))
    );
    assert!(
        c.screen().contains(&format!("owner {me}")),
        "{}",
        c.screen()
    );
    c.press("o");
    assert_ne!(
        c.app.panes.stakeholders.pane.as_ref().unwrap().owner(),
        Some(me.as_str()),
        "o steps to the next owner"
    );
}

/// A write made in an account over the Portfolio shows on its row when the account
/// closes, and leaves every other account and the totals as they were.
#[test]
fn an_override_made_from_the_portfolio_shows_on_its_row_and_nothing_else_moves() {
    let mut c = cockpit();
    c.press("2");
    let list = |c: &Headless| {
        let l = &c.app.panes.portfolio.list;
        let rows: Vec<(i64, bool)> = l
            .accounts()
            .map(|a| {
                (
                    a.id,
                    a.health.as_ref().is_some_and(|h| h.overridden.is_some()),
                )
            })
            .collect();
        (rows, l.total_arr_cents, l.active_count)
    };
    let (before, arr, count) = list(&c);
    let account = c.app.panes.portfolio.list.selected().unwrap().account.id;
    c.press("enter");
    c.press("e");
    for answer in ["15", "Exec sponsor left last week", "14"] {
        c.type_text(answer);
        c.press("enter");
    }
    c.press("esc");
    let (after, arr_after, count_after) = list(&c);
    assert_eq!((arr_after, count_after), (arr, count));
    for (was, now) in before.iter().zip(&after) {
        assert_eq!(was.0, now.0);
        assert_eq!(now.1, was.1 || now.0 == account, "account {}", now.0);
    }
    let shown = c.app.panes.portfolio.list.account(account).unwrap();
    assert_eq!(shown.health.as_ref().map(|h| h.score), Some(Some(15)));
}
