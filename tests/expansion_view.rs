//! The Expansion pane as a CSM uses it: the pipeline most worth working first with its
//! weighted ARR by quarter, the signals to grow beneath, a signal turned into an
//! opportunity, moved a stage and won, each one journaled and on screen once written.

mod common;

use common::{cockpit_on, sample_book, today};
use csm_cockpit::domain::vocab::OpportunityStage;
use csm_cockpit::tui::pane::Pane;

fn tyrell_arr(c: &csm_cockpit::tui::headless::Headless) -> i64 {
    let book = c.app.cx.book.as_ref().unwrap();
    let g = book.growth(None, today(), 90).unwrap();
    g.iter()
        .find(|g| &*g.account == "Tyrell Replicants")
        .unwrap()
        .arr
        .cents
}

#[test]
fn a_signal_becomes_an_opportunity_moves_a_stage_and_is_won() {
    let mut c = cockpit_on(sample_book(), 120, 40);
    c.press("7");
    assert_eq!(c.app.pane, Pane::Expansion);
    let screen = c.screen();
    insta::assert_snapshot!("signals_before_any_opportunity_120x40", screen);
    assert!(screen.contains("92 of 100 seats in use"), "{screen}");
    let before = tyrell_arr(&c);

    // The top signal, Tyrell's seats: Enter takes each suggestion.
    c.press("n");
    assert!(
        c.screen().contains("What is it? [Add 25 seats]"),
        "{}",
        c.screen()
    );
    c.press("enter");
    c.press("enter");
    c.press("enter");
    let screen = c.screen();
    assert!(
        screen.contains("Opened at Tyrell Replicants: Add 25 seats"),
        "{screen}"
    );
    let deals = c.app.cx.book.as_ref().unwrap().deals(None).unwrap();
    assert_eq!(deals.len(), 1);
    assert_eq!(deals[0].stage, OpportunityStage::Identified);
    assert!(
        !screen.contains("92 of 100 seats in use"),
        "the open seats opportunity quiets its signal:\n{screen}"
    );

    c.press("a");
    c.press("a");
    assert!(c.screen().contains("proposed"), "{}", c.screen());
    c.press("a");
    assert!(c.screen().contains("is proposed: w when it is won"));
    c.press("w");
    let screen = c.screen();
    insta::assert_snapshot!("after_a_win_120x40", screen);
    assert!(screen.contains("Won: Add 25 seats"), "{screen}");
    let won = &c.app.cx.book.as_ref().unwrap().deals(None).unwrap()[0];
    assert_eq!(won.stage, OpportunityStage::Won);
    assert_eq!(
        tyrell_arr(&c),
        before + won.arr.cents,
        "the ARR joins the account"
    );

    c.press("u");
    assert_eq!(tyrell_arr(&c), before, "undo takes the win back");
}

#[test]
fn the_pane_at_80x24_keeps_account_stage_weighted_and_close() {
    let mut c = cockpit_on(sample_book(), 80, 24);
    c.press("7");
    c.press("n");
    for _ in 0..3 {
        c.press("enter");
    }
    let screen = c.screen();
    insta::assert_snapshot!("pipeline_80x24", screen);
    for must in ["Tyrell Replicants", "identified", "10%", "Close"] {
        assert!(
            screen.contains(must),
            "`{must}` missing at 80x24:\n{screen}"
        );
    }
}
