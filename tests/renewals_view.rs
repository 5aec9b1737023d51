//! The Renewals pane as a CSM uses it: lanes, the 120-day strip and the list at 120x40
//! and 80x24; ticking a motion step, setting a forecast and recording an outcome from
//! the keyboard, each written to the book before the status bar says so.

mod common;

use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::renewal::{Step, Window};
use csm_cockpit::tui::app::Mode;
use csm_cockpit::tui::headless::Headless;
use csm_cockpit::tui::pane::Pane;

fn renewals_pane(width: u16, height: u16) -> Headless {
    let mut c = common::cockpit_on(common::sample_book(), width, height);
    c.press("3");
    assert_eq!(c.app.pane, Pane::Renewals);
    c
}

fn selected(c: &Headless) -> String {
    c.app
        .panes
        .renewals
        .list
        .as_ref()
        .and_then(|l| l.selected())
        .map(|r| r.account.clone())
        .unwrap_or_default()
}

/// The account's renewal as the book has it now.
fn in_book(c: &Headless, name: &str) -> csm_cockpit::book::renewals::Renewal {
    let book = c.app.cx.book.as_ref().unwrap();
    book.renewals(&HealthRules::default(), common::today())
        .unwrap()
        .into_iter()
        .find(|r| r.account == name)
        .unwrap()
}

#[test]
fn renewals_at_120x40() {
    let c = renewals_pane(120, 40);
    insta::assert_snapshot!(c.screen());
}

#[test]
fn renewals_at_80x24_keep_window_account_forecast_motion_and_days() {
    let c = renewals_pane(80, 24);
    let screen = c.screen();
    insta::assert_snapshot!(screen);
    for must in ["overdue", "Umbrella Pharma", "Forecast", "Motion", "Days"] {
        assert!(screen.contains(must), "`{must}` missing:\n{screen}");
    }
}

#[test]
fn x_ticks_the_next_motion_step_in_the_book() {
    let mut c = renewals_pane(120, 40);
    assert_eq!(selected(&c), "Umbrella Pharma", "overdue first");
    // Past its date, the closing move comes first, however much was left undone.
    c.press("x");
    assert_eq!(c.app.message(), Some("Umbrella Pharma: contract sent done"));
    let motion = in_book(&c, "Umbrella Pharma").motion.unwrap();
    assert_eq!(motion.done, [Step::ContractSent]);
    assert_eq!(motion.next_step(), Some(Step::ContractSigned));

    // A slip of the finger is undone with X, and journaled too.
    c.press("X");
    assert_eq!(
        c.app.message(),
        Some("Umbrella Pharma: contract sent undone")
    );
    assert!(
        in_book(&c, "Umbrella Pharma")
            .motion
            .unwrap()
            .done
            .is_empty()
    );
    let journal = c.app.cx.book.as_ref().unwrap().journal(1).unwrap();
    assert!(journal[0].summary.contains("renewal step undone"));
    c.press("X");
    assert_eq!(c.app.message(), Some("Umbrella Pharma: no step is ticked"));
}

#[test]
fn f_then_enter_takes_the_suggested_forecast() {
    let mut c = renewals_pane(120, 40);
    c.press("j");
    assert_eq!(selected(&c), "Soylent Foods");
    assert!(in_book(&c, "Soylent Foods").forecast.is_none());
    c.press("f");
    assert_eq!(c.app.mode(), Mode::Prompt);
    assert!(
        c.screen()
            .contains("Forecast: category, confidence, ARR [renew")
    );
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Browse);
    let saved = in_book(&c, "Soylent Foods").forecast.expect("saved");
    assert_eq!(
        c.app.message(),
        Some(
            format!(
                "Soylent Foods: forecast {} {} at {}",
                saved.category.label(),
                saved.confidence.label(),
                saved.arr.short()
            )
            .as_str()
        )
    );
}

#[test]
fn a_typed_forecast_is_checked_before_it_is_written() {
    let mut c = renewals_pane(120, 40);
    c.press("f");
    c.type_text("grow likely");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Prompt, "the question stays");
    assert!(c.screen().contains("forecast category"));
    c.press("ctrl-u");
    c.type_text("downsell at risk 300k");
    c.press("enter");
    let f = in_book(&c, "Umbrella Pharma").forecast.unwrap();
    assert_eq!(f.arr.cents, 300_000 * 100);
}

#[test]
fn an_outcome_closes_the_renewal_and_the_next_term_leaves_the_120_days() {
    let mut c = renewals_pane(120, 40);
    assert_eq!(selected(&c), "Umbrella Pharma");
    c.press("O");
    c.type_text("renewed");
    c.press("enter");
    c.press("enter"); // on its renewal date
    c.press("enter"); // at its ARR
    let message = c.app.message().map(str::to_string).unwrap();
    assert!(message.contains("next term opened"), "{message}");
    let umbrella = in_book(&c, "Umbrella Pharma");
    assert_eq!(umbrella.window, Some(Window::Later));
    assert_ne!(
        selected(&c),
        "Umbrella Pharma",
        "gone from the next 120 days"
    );
}

#[test]
fn w_shows_one_window_at_a_time_and_esc_all_of_them() {
    let mut c = renewals_pane(120, 40);
    let all = c.app.panes.renewals.list.as_ref().unwrap().shown();
    c.press("w");
    let list = c.app.panes.renewals.list.as_ref().unwrap();
    assert!(list.listed().all(|r| r.window == Window::Overdue));
    assert_eq!(list.shown(), 1);
    c.press("w");
    assert!(
        c.app
            .panes
            .renewals
            .list
            .as_ref()
            .unwrap()
            .listed()
            .all(|r| r.window == Window::Days30)
    );
    c.press("esc");
    assert_eq!(c.app.panes.renewals.list.as_ref().unwrap().shown(), all);
}

#[test]
fn enter_opens_the_renewing_account_and_esc_comes_back() {
    let mut c = renewals_pane(120, 40);
    c.press("j");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    assert!(c.screen().contains("Soylent Foods ·"), "{}", c.screen());
    c.press("esc");
    assert_eq!((c.app.mode(), c.app.pane), (Mode::Browse, Pane::Renewals));
}

#[test]
fn a_tick_changes_that_rows_motion_and_the_lanes_still_count_the_book() {
    let mut c = renewals_pane(120, 40);
    let lanes = |c: &Headless| c.app.panes.renewals.list.as_ref().unwrap().lanes().to_vec();
    let before = lanes(&c);
    let shown = c.app.panes.renewals.list.as_ref().unwrap().shown();
    c.press("x");
    let list = c.app.panes.renewals.list.as_ref().unwrap();
    let row = list.selected().unwrap();
    assert_eq!(row.account, "Umbrella Pharma", "the row stays selected");
    assert_eq!(row.motion(), in_book(&c, "Umbrella Pharma").motion.unwrap());
    assert_eq!(row.motion().done, [Step::ContractSent]);
    assert_eq!(list.shown(), shown);
    let book = c.app.cx.book.as_ref().unwrap();
    let all = book
        .renewals(&HealthRules::default(), common::today())
        .unwrap();
    assert_eq!(lanes(&c), csm_cockpit::book::renewals::lanes(all.iter()));
    assert_eq!(lanes(&c), before);
}

#[test]
fn the_window_past_120_days_lists_the_later_renewals_and_lets_them_go_after() {
    let mut c = renewals_pane(120, 40);
    for _ in 0..6 {
        c.press("w");
    }
    let list = c.app.panes.renewals.list.as_ref().unwrap();
    assert_eq!(list.window_filter().label(), "past 120 days");
    assert!(list.shown() > 0);
    assert!(list.listed().all(|r| r.window == Window::Later));
    let book = c.app.cx.book.as_ref().unwrap();
    let later = book
        .renewals(&HealthRules::default(), common::today())
        .unwrap()
        .into_iter()
        .filter(|r| r.window == Some(Window::Later))
        .map(|r| r.account)
        .collect::<Vec<_>>();
    let listed: Vec<String> = list.listed().map(|r| r.account.clone()).collect();
    assert_eq!(listed, later);
    c.press("w");
    let list = c.app.panes.renewals.list.as_ref().unwrap();
    assert!(!list.has_later());
    assert!(list.listed().all(|r| r.window != Window::Later));
}
