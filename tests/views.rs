//! The cockpit as a person sees it: keys go through the keymap and `App::update`, frames
//! are drawn into an in-memory terminal at 120x40 and 80x24 and compared with reviewed
//! snapshots.

mod common;

use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::tui::action::Action;
use csm_cockpit::tui::app::{App, Mode};
use csm_cockpit::tui::headless::Headless;
use csm_cockpit::tui::keys::Context;
use csm_cockpit::tui::keys::Keymap;
use csm_cockpit::tui::pane::Pane;
use csm_cockpit::tui::widgets::theme::Theme;
use ratatui::style::Color;

/// The cockpit on the sample book, on the Portfolio pane.
fn cockpit(width: u16, height: u16) -> Headless {
    let mut c = common::cockpit_on(common::sample_book(), width, height);
    c.press("2");
    c
}

#[test]
fn portfolio_at_120x40() {
    let c = cockpit(120, 40);
    insta::assert_snapshot!(c.screen());
}

#[test]
fn portfolio_at_80x24_drops_columns_without_overlap() {
    let c = cockpit(80, 24);
    insta::assert_snapshot!(c.screen());
}

#[test]
fn overdue_renewals_are_red_and_close_ones_yellow() {
    let c = cockpit(120, 40);
    let screen = c.screen();
    let row = screen
        .lines()
        .position(|l| l.contains("Umbrella Pharma"))
        .unwrap() as u16;
    let line = screen.lines().nth(row as usize).unwrap();
    let col = line.find("6d ago").unwrap();
    let x = line[..col].chars().count() as u16;
    assert_eq!(c.buffer()[(x, row)].fg, Color::Red);
    let row = screen
        .lines()
        .position(|l| l.contains("Hooli Analytics"))
        .unwrap();
    let line = screen.lines().nth(row).unwrap();
    let x = line[..line.find("12d").unwrap()].chars().count() as u16;
    assert_eq!(c.buffer()[(x, row as u16)].fg, Color::Yellow);
}

#[test]
fn no_color_keeps_the_selection_visible_in_reverse_video() {
    let book = common::sample_book();
    let mut app = App::load(
        book,
        common::today(),
        Keymap::defaults(),
        HealthRules::default(),
    )
    .unwrap();
    app.cx.theme = Theme::monochrome();
    app.pane = Pane::Portfolio;
    let mut c = Headless::new(app, 120, 40);
    c.draw();
    let buf = c.buffer();
    let row = 5; // the first account, under the summary and the headings
    assert!(
        buf[(2, row)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    assert!((0..120).all(|x| buf[(x, row)].fg == Color::Reset));
}

#[test]
fn help_lists_every_binding_from_the_keymap() {
    let mut c = cockpit(120, 40);
    c.press("?");
    assert_eq!(c.app.mode(), Mode::Help);
    insta::assert_snapshot!(c.screen());
    c.press("x");
    assert_eq!(c.app.mode(), Mode::Browse, "any key closes help");
}

#[test]
fn slash_then_a_name_narrows_the_list_and_q_is_a_letter_while_typing() {
    let mut c = cockpit(120, 40);
    c.press("/");
    c.type_text("logistics");
    assert!(!c.app.quit);
    let screen = c.screen();
    assert!(screen.contains("Northwind Traders") && screen.contains("Globex Logistics"));
    assert!(!screen.contains("Initech Health"));
    insta::assert_snapshot!(screen);
    c.press("esc");
    assert_eq!(
        c.app.panes.portfolio.list.shown(),
        13,
        "Esc while typing drops the filter"
    );
    c.press("/");
    c.type_text("qqq");
    assert!(!c.app.quit, "q types while filtering");
    assert!(c.screen().contains("No account matches \"qqq\""));
}

#[test]
fn enter_keeps_the_filter_and_esc_then_clears_it() {
    let mut c = cockpit(120, 40);
    c.press("/");
    c.type_text("dana");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Browse);
    assert_eq!(c.app.panes.portfolio.list.shown(), 7);
    c.press("j");
    assert_eq!(
        c.app.panes.portfolio.list.selected_index(),
        1,
        "keys move again once the filter is kept"
    );
    c.press("esc");
    assert_eq!(c.app.panes.portfolio.list.shown(), 13);
}

#[test]
fn enter_opens_the_selected_account_and_esc_goes_back() {
    let mut c = cockpit(120, 40);
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    insta::assert_snapshot!(c.screen());
    c.press("esc");
    assert_eq!(c.app.mode(), Mode::Browse);
}

#[test]
fn the_account_detail_at_80x24_keeps_the_score_its_reasons_and_the_keys() {
    let mut c = cockpit(80, 24);
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    let screen = c.screen();
    insta::assert_snapshot!(screen);
    for must in ["Product usage", "Engagement", "Esc"] {
        assert!(
            screen.contains(must),
            "`{must}` missing at 80x24:\n{screen}"
        );
    }
}

#[test]
fn tabs_digits_and_shift_tab_switch_panes() {
    let mut c = cockpit(120, 40);
    c.press("tab");
    assert_eq!(c.app.pane, Pane::Renewals);
    c.press("backtab");
    c.press("backtab");
    c.press("backtab");
    let last = Pane::ALL.len() - 1;
    assert_eq!(
        c.app.pane,
        Pane::ALL[last],
        "Shift-Tab wraps to the last pane"
    );
    c.press("backtab");
    assert_eq!(c.app.pane, Pane::ALL[last - 1]);
    insta::assert_snapshot!(c.screen());
    c.press("2");
    assert_eq!(c.app.pane, Pane::Portfolio);
    c.press("5");
    assert_eq!(c.app.pane, Pane::Tasks);
    c.press("1");
    assert_eq!(c.app.pane, Pane::Today);
}

#[test]
fn moving_keeps_the_cursor_on_screen_and_g_goes_to_the_ends() {
    let mut c = cockpit(80, 12);
    c.press("G");
    assert_eq!(c.app.panes.portfolio.list.selected_index(), 12);
    assert!(
        c.screen().contains("Initrode Paper"),
        "the last account (churned) is in view"
    );
    c.press("g");
    assert_eq!(c.app.panes.portfolio.list.selected_index(), 0);
    c.press("ctrl-d");
    assert!(c.app.panes.portfolio.list.selected_index() >= 2);
}

#[test]
fn q_quits() {
    let mut c = cockpit(80, 24);
    c.press("q");
    assert!(c.app.quit);
    let mut c = cockpit(80, 24);
    c.press("?");
    c.press("ctrl-c");
    assert!(c.app.quit, "Ctrl-c quits from anywhere");
}

#[test]
fn a_terminal_too_small_says_so_and_no_size_panics() {
    let mut c = cockpit(50, 10);
    assert!(c.screen().contains("csm needs at least 60x12"));
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 5),
        (59, 12),
        (60, 11),
        (60, 12),
        (200, 60),
    ] {
        c.resize(w, h);
        c.press("?");
        c.press("enter");
        c.press("j");
    }
}

#[test]
fn random_key_sequences_never_panic() {
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
        "esc",
        "/",
        "s",
        "tab",
        "backtab",
        "1",
        "2",
        "3",
        "4",
        "5",
        "7",
        "n",
        "w",
        "?",
        "x",
        "backspace",
        "down",
        "up",
        "a",
        "z",
    ];
    let mut rng = fastrand::Rng::with_seed(7);
    for size in [(120, 40), (80, 24), (60, 12)] {
        let mut c = cockpit(size.0, size.1);
        for _ in 0..2_000 {
            c.press(keys[rng.usize(..keys.len())]);
        }
    }
}

#[test]
fn help_at_80x24_fits_every_binding_in_two_columns() {
    let mut c = cockpit(80, 24);
    c.press("?");
    let screen = c.screen();
    assert!(
        screen.contains(&format!("1-{}", Pane::ALL.len())),
        "the pane keys, on one row:\n{screen}"
    );
    let keys = &c.app.cx.keys;
    let here = keys.bindings(c.app.top_room().context()).iter();
    for b in here.chain(keys.bindings(Context::Global)) {
        if matches!(b.action, Action::GoTo(_)) {
            continue;
        }
        assert!(
            screen.contains(b.description),
            "{} is missing:\n{screen}",
            b.description
        );
    }
    insta::assert_snapshot!(screen);
}

/// The cockpit draws its first frame before it has read the accounts (a big book's take
/// a while): the header says they are being read, the Portfolio says so too, an account
/// opens all the same, and the counts come once the read lands.
#[test]
fn the_first_frame_does_not_wait_for_the_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::fill(csm_cockpit::book::Book::open(&dir.path().join("b.db")).unwrap());
    let first = book.portfolio().unwrap()[0].clone();
    let app = App::open(
        book,
        common::today(),
        Keymap::defaults(),
        HealthRules::default(),
    )
    .unwrap();
    let mut c = Headless::new(app, 120, 40);
    let (tx, events) = std::sync::mpsc::channel();
    c.app.cx.events = Some(tx);
    c.app.begin();
    c.press("2");
    let screen = c.screen();
    assert!(screen.contains("reading the accounts…"), "{screen}");
    assert!(
        screen.contains("reading the rest…"),
        "the first accounts meanwhile: {screen}"
    );
    c.app.open_account(first.id);
    c.draw();
    assert!(
        c.screen().contains(&first.name),
        "the account opens while the rest is read"
    );
    c.press("esc");
    // Whatever else lands first, the accounts' read comes.
    while !c.app.panes.portfolio.loaded {
        let event = events
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the accounts' read lands");
        c.app.take_background(event);
    }
    c.draw();
    let screen = c.screen();
    let active = c.app.panes.portfolio.list.active_count;
    assert!(active > 0);
    assert!(screen.contains(&format!("{active} accounts")), "{screen}");
    assert!(!screen.contains("eading the accounts"), "{screen}");
}

#[test]
fn renewals_show_the_soonest_first_and_count_once_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::fill(csm_cockpit::book::Book::open(&dir.path().join("b.db")).unwrap());
    let app = App::load(
        book,
        common::today(),
        Keymap::defaults(),
        HealthRules::default(),
    )
    .unwrap();
    let mut c = Headless::new(app, 120, 40);
    let (tx, events) = std::sync::mpsc::channel();
    c.app.cx.events = Some(tx);
    c.press("3");
    let list = c
        .app
        .panes
        .renewals
        .list
        .as_ref()
        .expect("the first renewals");
    assert!(list.is_partial() && list.shown() > 0);
    let soonest = list.selected().unwrap().account.clone();
    let screen = c.screen();
    assert!(screen.contains("reading the rest…"), "{screen}");
    assert!(screen.contains(&soonest), "{screen}");
    assert!(
        !screen.contains(" renewals · $"),
        "no counts from part of the list"
    );
    while c.app.panes.renewals.reading {
        let event = events
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the whole next 120 days lands");
        c.app.take_background(event);
    }
    c.draw();
    let list = c.app.panes.renewals.list.as_ref().unwrap();
    assert!(!list.is_partial());
    assert_eq!(
        list.selected().unwrap().account,
        soonest,
        "the cursor stays"
    );
    let screen = c.screen();
    assert!(screen.contains(" renewals · $"), "{screen}");
    assert!(!screen.contains("reading the rest"), "{screen}");
}

#[test]
fn the_most_urgent_accounts_are_the_head_of_the_portfolio_in_its_first_order() {
    let book = common::sample_book();
    let rank = |a: &csm_cockpit::book::portfolio::PortfolioAccount| {
        use csm_cockpit::domain::vocab::HealthBand::*;
        let band = match a.health.as_ref().and_then(|h| h.band) {
            Some(Red) => 0,
            Some(Yellow) => 1,
            Some(Green) => 2,
            None => 3,
        };
        (band, -a.arr.cents, a.id)
    };
    let mut whole: Vec<_> = book
        .portfolio()
        .unwrap()
        .into_iter()
        .filter(|a| a.churned_on.is_none())
        .collect();
    whole.sort_by_key(rank);
    let mut owners: Vec<String> = whole
        .iter()
        .filter_map(|a| a.owner.as_deref().map(str::to_string))
        .collect();
    owners.sort();
    owners.dedup();
    for owner in std::iter::once(None).chain(owners.iter().map(|o| Some(o.as_str()))) {
        let theirs: Vec<i64> = whole
            .iter()
            .filter(|a| owner.is_none_or(|o| a.owner.as_deref() == Some(o)))
            .map(|a| a.id)
            .collect();
        for n in [1, 3, 7, theirs.len(), theirs.len() + 3] {
            let mut first = book.portfolio_first(owner, n).unwrap();
            first.sort_by_key(rank);
            let first: Vec<i64> = first.iter().map(|a| a.id).collect();
            assert_eq!(first, theirs[..n.min(theirs.len())], "{owner:?} {n}");
        }
    }
}

#[test]
fn the_portfolio_shown_before_the_accounts_are_read_shows_the_most_urgent_first() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::fill(csm_cockpit::book::Book::open(&dir.path().join("b.db")).unwrap());
    let app = App::open(
        book,
        common::today(),
        Keymap::defaults(),
        HealthRules::default(),
    )
    .unwrap();
    let mut c = Headless::new(app, 120, 40);
    let (tx, events) = std::sync::mpsc::channel();
    c.app.cx.events = Some(tx);
    c.app.begin();
    c.press("2");
    let p = &c.app.panes.portfolio;
    assert!(p.first && !p.loaded, "the first accounts, before the rest");
    assert!(p.list.shown() > 0);
    let screen = c.screen();
    assert!(screen.contains("reading the rest…"), "{screen}");
    assert!(
        !screen.contains("● red"),
        "no counts from part of the book: {screen}"
    );
    while !c.app.panes.portfolio.loaded {
        let event = events
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the accounts land");
        c.app.take_background(event);
    }
    c.draw();
    assert!(!c.app.panes.portfolio.first);
    let screen = c.screen();
    assert!(screen.contains("● red"), "{screen}");
    assert!(!screen.contains("reading the rest"), "{screen}");
}
