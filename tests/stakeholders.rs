//! Stakeholder maps kept in the book and worked from the Stakeholders pane: gaps per
//! account, the org chart at 120x40 and 80x24, and touches, edits, departures and new
//! contacts written before the status bar says so.

mod common;

use common::{sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::stakeholders::{ContactEdit, NewContact};
use csm_cockpit::domain::stakeholders::{CoverageRules, GapKind};
use csm_cockpit::domain::vocab::{ContactRole, Sentiment};
use csm_cockpit::tui::app::Mode;
use csm_cockpit::tui::headless::Headless;

fn account_id(book: &Book, name: &str) -> i64 {
    book.find_account(name).unwrap().unwrap().0
}

fn gap_kinds(book: &Book, name: &str) -> Vec<GapKind> {
    book.coverage_gaps(&CoverageRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|a| a.account == name)
        .map(|a| a.gaps.iter().map(|g| g.kind).collect())
        .unwrap_or_default()
}

#[test]
fn gaps_are_listed_largest_arr_first_with_their_reasons() {
    let book = sample_book();
    let all = book
        .coverage_gaps(&CoverageRules::default(), today())
        .unwrap();
    assert!(all.windows(2).all(|w| w[0].arr.cents >= w[1].arr.cents));
    let globex = all
        .iter()
        .find(|a| a.account == "Globex Logistics")
        .unwrap();
    let kinds: Vec<GapKind> = globex.gaps.iter().map(|g| g.kind).collect();
    assert_eq!(kinds[0], GapKind::ChampionLeft, "{:?}", globex.gaps);
    assert!(kinds.contains(&GapKind::MissingRole), "no economic buyer");
    assert!(
        !all.iter().any(|a| a.account == "Initrode Paper"),
        "churned"
    );
}

/// A big book's gaps are read in two halves of its accounts, on two connections: the
/// list is the one `coverage_gaps` gives, in the same order, whichever half an account
/// falls in.
#[test]
fn a_big_books_gaps_read_in_halves_are_every_accounts_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::fill(Book::open(&dir.path().join("b.db")).unwrap());
    drop(book);
    // An account far along the ids puts the book's second half past the sample's.
    let conn = rusqlite::Connection::open(dir.path().join("b.db")).unwrap();
    conn.execute(
        "INSERT INTO accounts (id, name, segment, arr_cents) VALUES (90000, 'Far Out Ltd', 'enterprise', 900000000)",
        [],
    )
    .unwrap();
    drop(conn);
    let book = Book::open(&dir.path().join("b.db")).unwrap();
    let rules = CoverageRules::default();
    let listed: Vec<(String, usize)> = book
        .gap_list(&rules, today())
        .unwrap()
        .into_iter()
        .map(|r| (r.account, r.gaps))
        .collect();
    let all: Vec<(String, usize)> = book
        .coverage_gaps(&rules, today())
        .unwrap()
        .into_iter()
        .map(|a| (a.account, a.gaps.len()))
        .collect();
    assert_eq!(listed, all);
    assert_eq!(listed[0].0, "Far Out Ltd", "the largest ARR first");
    assert!(listed.len() > 3);
}

#[test]
fn a_new_champion_closes_the_gap_and_a_departure_opens_it_again() {
    let mut book = sample_book();
    let globex = account_id(&book, "Globex Logistics");
    let lena = book
        .add_contact(
            &stamp(),
            globex,
            &NewContact {
                name: "Lena Park".into(),
                title: None,
                role: ContactRole::Champion,
                reports_to: None,
            },
            today(),
        )
        .unwrap();
    assert!(!gap_kinds(&book, "Globex Logistics").contains(&GapKind::ChampionLeft));
    book.mark_left(&stamp(), lena, today()).unwrap();
    assert!(gap_kinds(&book, "Globex Logistics").contains(&GapKind::ChampionLeft));
    let journal = book.journal(2).unwrap();
    assert_eq!(journal[0].summary, format!("Lena Park left on {}", today()));
    assert_eq!(journal[1].summary, "added Lena Park, champion");
}

#[test]
fn a_negative_economic_buyer_is_a_gap_until_won_back() {
    let mut book = sample_book();
    let hooli = account_id(&book, "Hooli Analytics");
    let maya = book.stakeholders(hooli).unwrap()[0].id;
    book.edit_contact(
        &stamp(),
        maya,
        ContactEdit::Role(ContactRole::EconomicBuyer),
        today(),
    )
    .unwrap();
    book.edit_contact(
        &stamp(),
        maya,
        ContactEdit::Sentiment(Sentiment::Negative),
        today(),
    )
    .unwrap();
    assert!(gap_kinds(&book, "Hooli Analytics").contains(&GapKind::NegativeBuyer));
    book.edit_contact(
        &stamp(),
        maya,
        ContactEdit::Sentiment(Sentiment::Positive),
        today(),
    )
    .unwrap();
    assert!(!gap_kinds(&book, "Hooli Analytics").contains(&GapKind::NegativeBuyer));
}

fn pane(width: u16, height: u16) -> Headless {
    let mut c = common::cockpit_on(sample_book(), width, height);
    c.press("4");
    c
}

/// Opens the map of the account named, from the gap list.
fn open_map(c: &mut Headless, name: &str) {
    let at = c
        .app
        .panes
        .stakeholders
        .pane
        .as_ref()
        .unwrap()
        .shown()
        .position(|a| a.account == name)
        .unwrap();
    for _ in 0..at {
        c.press("j");
    }
    c.press("enter");
}

#[test]
fn the_gap_list_and_a_map_at_120x40() {
    let mut c = pane(120, 40);
    insta::assert_snapshot!("gap_list_120x40", c.screen());
    open_map(&mut c, "Globex Logistics");
    let screen = c.screen();
    assert!(
        screen.contains("Globex Logistics · Enterprise · people"),
        "{screen}"
    );
    insta::assert_snapshot!("globex_map_120x40", screen);
}

#[test]
fn a_map_at_80x24_keeps_names_roles_touches_and_gaps() {
    let mut c = pane(80, 24);
    open_map(&mut c, "Globex Logistics");
    let screen = c.screen();
    for must in ["Maya Chen", "EXEC SPONSOR", "Ravi Patel", "left", "Gaps"] {
        assert!(screen.contains(must), "`{must}` missing:\n{screen}");
    }
    insta::assert_snapshot!("globex_map_80x24", screen);
}

#[test]
fn a_touch_in_two_keystrokes_and_a_line_moves_the_last_touch() {
    let mut c = pane(120, 40);
    open_map(&mut c, "Northwind Traders");
    c.press("t");
    assert_eq!(c.app.mode(), Mode::Prompt);
    c.type_text("m");
    c.press("enter");
    c.type_text("Walked through the renewal proposal");
    c.press("enter");
    assert_eq!(
        c.app.message(),
        Some(format!("Logged: meeting with Maya Chen on {}", today()).as_str())
    );
    let book = c.app.cx.book.as_ref().unwrap();
    let maya = book
        .stakeholders(account_id(book, "Northwind Traders"))
        .unwrap()[0]
        .clone();
    assert_eq!(maya.last_touch.map(|t| t.0), Some(today()));
}

#[test]
fn edit_left_and_add_from_the_map() {
    let mut c = pane(120, 40);
    open_map(&mut c, "Northwind Traders");
    c.press("e");
    c.type_text("negative");
    c.press("enter");
    assert_eq!(c.app.message(), Some("Maya Chen: negative saved"));
    c.press("j");
    c.press("L");
    c.press("enter");
    assert_eq!(
        c.app.message(),
        Some(format!("Ravi Patel left on {}", today()).as_str())
    );
    c.press("a");
    c.type_text("Lena Park");
    c.press("enter");
    c.type_text("champion");
    c.press("enter");
    assert_eq!(c.app.message(), Some("Added Lena Park, champion"));
    let map = c
        .app
        .panes
        .stakeholders
        .pane
        .as_ref()
        .unwrap()
        .map
        .as_ref()
        .unwrap();
    assert_eq!(
        map.person().unwrap().name,
        "Lena Park",
        "the new contact is selected"
    );
    let book = c.app.cx.book.as_ref().unwrap();
    let people = book
        .stakeholders(account_id(book, "Northwind Traders"))
        .unwrap();
    assert_eq!(people[0].sentiment, Sentiment::Negative);
    assert_eq!(people[1].left_on, Some(today()));
    c.press("esc");
    assert!(
        c.app
            .panes
            .stakeholders
            .pane
            .as_ref()
            .unwrap()
            .map
            .is_none(),
        "back to the list"
    );
}

/// The sample book with people reporting to Northwind's executive sponsor.
fn northwind_tree() -> Book {
    let mut book = sample_book();
    let northwind = account_id(&book, "Northwind Traders");
    let maya = book.stakeholders(northwind).unwrap()[0].id;
    let mut add = |name: &str, role, boss| {
        book.add_contact(
            &stamp(),
            northwind,
            &NewContact {
                name: name.into(),
                title: None,
                role,
                reports_to: Some(boss),
            },
            today(),
        )
        .unwrap()
    };
    let tom = add("Tom Ruiz", ContactRole::EconomicBuyer, maya);
    add("Ann Lee", ContactRole::EndUser, tom);
    add("Zoe Wu", ContactRole::Influencer, maya);
    book
}

#[test]
fn a_reporting_tree_is_drawn_at_120x40_and_80x24() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut c = common::cockpit_on(northwind_tree(), width, height);
        c.press("4");
        open_map(&mut c, "Northwind Traders");
        let screen = c.screen();
        for line in ["Maya Chen", "├─ Tom Ruiz", "│  └─ Ann Lee", "└─ Zoe Wu"] {
            assert!(
                screen.contains(line),
                "`{line}` missing at {width}x{height}:\n{screen}"
            );
        }
        insta::assert_snapshot!(format!("northwind_tree_{width}x{height}"), screen);
    }
}

/// The pane's rows as a person reads them: account, owner, gap count and reasons.
fn listed(c: &Headless) -> Vec<(String, Option<String>, usize, Vec<String>)> {
    let pane = c.app.panes.stakeholders.pane.as_ref().unwrap();
    pane.shown()
        .map(|a| {
            let reasons = pane.reasons(a.account_id).iter().map(|g| g.reason.clone());
            (
                a.account.clone(),
                a.owner.as_deref().map(str::to_string),
                a.gaps,
                reasons.collect(),
            )
        })
        .collect()
}

fn in_book(c: &Headless) -> Vec<(String, Option<String>, usize, Vec<String>)> {
    let book = c.app.cx.book.as_ref().unwrap();
    book.coverage_gaps(&CoverageRules::default(), today())
        .unwrap()
        .into_iter()
        .map(|a| {
            let reasons = a.gaps.iter().map(|g| g.reason.clone()).collect();
            (a.account, a.owner, a.gaps.len(), reasons)
        })
        .collect()
}

#[test]
fn a_departure_and_its_undo_change_that_accounts_row_as_the_book_has_it() {
    let mut c = pane(120, 40);
    assert_eq!(listed(&c), in_book(&c), "as read");
    open_map(&mut c, "Globex Logistics");
    c.press("L");
    c.press("enter");
    let message = c.app.message().unwrap_or_default().to_string();
    assert!(message.contains(" left on "), "{message}");
    c.press("esc");
    assert_eq!(listed(&c), in_book(&c), "after the departure");
    c.press("u");
    assert!(c.app.message().unwrap_or_default().starts_with("Undone"));
    assert_eq!(listed(&c), in_book(&c), "after its undo");
}

#[test]
fn the_first_accounts_with_gaps_are_the_head_of_the_whole_list() {
    let book = sample_book();
    let rules = CoverageRules::default();
    let whole = book.gap_list(&rules, today()).unwrap();
    assert!(whole.len() > 4, "{}", whole.len());
    let mut owners: Vec<Option<String>> = whole
        .iter()
        .map(|g| g.owner.as_deref().map(str::to_string))
        .collect();
    owners.sort();
    owners.dedup();
    for owner in std::iter::once(None).chain(owners.into_iter().flatten().map(Some)) {
        let theirs: Vec<_> = whole
            .iter()
            .filter(|g| {
                owner
                    .as_deref()
                    .is_none_or(|o| g.owner.as_deref() == Some(o))
            })
            .map(|g| (g.account_id, g.gaps, g.arr))
            .collect();
        for n in [1, 2, 3, theirs.len(), theirs.len() + 5] {
            let first: Vec<_> = book
                .gap_list_first(&rules, today(), owner.as_deref(), n)
                .unwrap()
                .iter()
                .map(|g| (g.account_id, g.gaps, g.arr))
                .collect();
            assert_eq!(first, theirs[..n.min(theirs.len())], "{owner:?} {n}");
        }
    }
}

#[test]
fn the_pane_shows_the_largest_first_and_counts_once_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let book = common::fill(Book::open(&dir.path().join("b.db")).unwrap());
    let mut c = common::cockpit_on(book, 120, 40);
    let (tx, events) = std::sync::mpsc::channel();
    c.app.cx.events = Some(tx);
    c.press("4");
    let pane = c
        .app
        .panes
        .stakeholders
        .pane
        .as_ref()
        .expect("the first accounts");
    assert!(pane.is_partial() && !pane.is_empty());
    let largest = pane.selected().unwrap().account.clone();
    let screen = c.screen();
    assert!(screen.contains("reading the rest…"), "{screen}");
    assert!(screen.contains(&largest), "{screen}");
    while c.app.panes.stakeholders.reading {
        let event = events
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("every account's gaps land");
        c.app.take_background(event);
    }
    c.draw();
    let pane = c.app.panes.stakeholders.pane.as_ref().unwrap();
    assert!(!pane.is_partial());
    assert_eq!(pane.selected().unwrap().account, largest);
    let whole = c
        .app
        .cx
        .book
        .as_ref()
        .unwrap()
        .gap_list(&CoverageRules::default(), today())
        .unwrap();
    assert_eq!(pane.len(), whole.len());
    let screen = c.screen();
    assert!(
        screen.contains(&format!("{} accounts with a coverage gap", whole.len())),
        "{screen}"
    );
}
