//! QBR prep in the cockpit: from an account's detail, `Q` shows the prep checklist and
//! the brief; `v` switches between the internal and the customer version; `W` writes the
//! one on screen, noted on the timeline as prepared (no touch); `H` logs the QBR as held
//! today, a QBR touch; each before the status bar says so.

mod common;

use common::{sample_book, today};
use csm_cockpit::domain::vocab::InteractionKind;
use csm_cockpit::report::qbr::Audience;
use csm_cockpit::tui::app::Mode;
use csm_cockpit::tui::headless::Headless;

fn prep(width: u16, height: u16) -> Headless {
    let mut c = common::cockpit_on(sample_book(), width, height);
    c.press("2");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Account);
    c.press("Q");
    assert_eq!(c.app.mode(), Mode::Brief);
    c
}

#[test]
fn qbr_prep_shows_the_checklist_and_the_brief_at_120x40_and_80x24() {
    let c = prep(120, 40);
    let screen = c.screen();
    assert!(screen.contains("QBR prep ·"), "{screen}");
    assert!(screen.contains("Brief not written yet"), "{screen}");
    assert!(screen.contains("# QBR brief:"), "{screen}");
    insta::assert_snapshot!(screen);
    let small = prep(80, 24);
    assert!(small.screen().lines().all(|l| l.chars().count() <= 80));
    insta::assert_snapshot!(small.screen());
}

fn touches(c: &Headless, account: i64) -> Vec<csm_cockpit::book::account::Touch> {
    c.app
        .cx
        .book
        .as_ref()
        .unwrap()
        .account_overview(account, 5)
        .unwrap()
        .touches
}

#[test]
fn w_writes_the_brief_noted_as_prepared_not_as_a_qbr_held() {
    let mut c = prep(120, 40);
    let account = c.app.qbr().unwrap().brief.facts.account.id;
    c.press("W");
    let (audience, path) = c.app.qbr().unwrap().written[0].clone();
    assert_eq!(audience, Audience::Internal);
    let text = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(text.starts_with("# QBR brief:"));
    let screen = c.screen();
    assert!(
        screen.contains("noted on the timeline as prepared"),
        "{screen}"
    );
    assert!(
        screen.contains("✔ Brief written: the internal version to"),
        "{screen}"
    );
    assert!(screen.contains("☐ QBR not held yet"), "{screen}");
    let logged = touches(&c, account);
    assert_eq!(logged[0].kind, InteractionKind::Note, "{logged:?}");
    assert!(
        logged[0]
            .summary
            .starts_with("QBR brief prepared for 2025-Q4 (internal version)")
    );
    assert!(
        logged.iter().all(|t| t.kind != InteractionKind::Qbr),
        "a brief prepared is no QBR: {logged:?}"
    );
    c.press("esc");
    assert_eq!(c.app.mode(), Mode::Account);
}

#[test]
fn h_logs_the_qbr_held_today_with_whom_as_a_touch_and_the_check_follows() {
    let mut c = prep(120, 40);
    let account = c.app.qbr().unwrap().brief.facts.account.id;
    c.press("H");
    assert_eq!(c.app.mode(), Mode::Prompt);
    assert!(
        c.screen().contains("QBR held today: with whom?"),
        "{}",
        c.screen()
    );
    c.type_text("Ravi");
    c.press("enter");
    assert_eq!(c.app.mode(), Mode::Brief, "{}", c.screen());
    let screen = c.screen();
    assert!(
        screen.contains("QBR held today: logged on the timeline"),
        "{screen}"
    );
    assert!(screen.contains("✔ QBR held on 2026-03-01."), "{screen}");
    let held = &touches(&c, account)[0];
    assert_eq!(
        (held.kind, held.on, held.with.as_deref()),
        (InteractionKind::Qbr, today(), Some("Ravi Patel"))
    );
    assert_eq!(held.summary, "QBR held for 2025-Q4");
    // Once is enough for a day.
    c.press("H");
    assert_eq!(c.app.mode(), Mode::Brief);
    assert!(
        c.screen().contains("on the timeline for today already"),
        "{}",
        c.screen()
    );
}

#[test]
fn v_switches_to_the_customer_version_and_w_writes_that_one() {
    let mut c = prep(120, 40);
    assert!(c.screen().contains("· internal version"), "{}", c.screen());
    c.press("v");
    let screen = c.screen();
    assert!(screen.contains("· customer version"), "{screen}");
    assert!(screen.contains("# Quarterly business review:"), "{screen}");
    assert!(screen.contains("W writes the customer version"), "{screen}");
    c.press("W");
    let (audience, path) = c.app.qbr().unwrap().written[0].clone();
    let text = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(audience, Audience::Customer);
    assert!(
        path.to_string_lossy().ends_with("-2025-Q4-customer.md"),
        "{path:?}"
    );
    assert!(
        !text.contains("Before the meeting") && !text.contains("forecast"),
        "{text}"
    );
    c.press("v");
    assert!(c.screen().contains("# QBR brief:"), "{}", c.screen());
}

#[test]
fn the_success_plan_is_edited_from_qbr_prep_and_the_checklist_follows() {
    let mut c = prep(120, 40);
    assert!(
        c.screen().contains("☐ Success-plan goals: none recorded"),
        "{}",
        c.screen()
    );
    c.press("a");
    assert_eq!(c.app.mode(), Mode::Prompt);
    for answer in ["Cut onboarding time", "days to first value", "30 14", "120"] {
        c.type_text(answer);
        c.press("enter");
    }
    assert_eq!(c.app.mode(), Mode::Brief, "{}", c.screen());
    assert!(
        c.screen().contains("Goal added: Cut onboarding time"),
        "{}",
        c.screen()
    );
    assert!(
        c.screen()
            .contains("✔ Success-plan goal updated since 2025-10-01"),
        "{}",
        c.screen()
    );
    c.press("e");
    c.type_text("1");
    c.press("enter");
    c.type_text("soon");
    c.press("enter");
    assert!(
        c.screen().contains("is not a number"),
        "checked as typed:\n{}",
        c.screen()
    );
    c.press("ctrl-u");
    c.type_text("21");
    c.press("enter");
    c.type_text("on track");
    c.press("enter");
    assert!(
        c.screen()
            .contains("Goal updated: Cut onboarding time now 21"),
        "{}",
        c.screen()
    );
    let brief = &c.app.qbr().as_ref().unwrap().brief;
    let goal = &brief.facts.goals[0];
    assert_eq!((goal.current, goal.target), (Some(21.0), Some(14.0)));
    assert_eq!(goal.status, csm_cockpit::domain::vocab::GoalStatus::OnTrack);
    assert!(
        c.screen()
            .contains("| Cut onboarding time | days to first value | 30 | 21 | 14 | 56% |"),
        "{}",
        c.screen()
    );
}
