//! QBR prep in the cockpit: from an account's detail, `Q` shows the prep checklist and
//! the brief; `W` writes it and logs the QBR on the timeline before the status bar says
//! so.

mod common;

use common::sample_book;
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

#[test]
fn w_writes_the_brief_and_logs_the_qbr_on_the_timeline() {
    let mut c = prep(120, 40);
    let account = c.app.qbr().as_ref().unwrap().brief.facts.account.id;
    c.press("W");
    let path = c
        .app
        .qbr()
        .as_ref()
        .unwrap()
        .written
        .clone()
        .expect("written");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# QBR brief:"));
    assert!(
        c.screen().contains("QBR logged on the timeline"),
        "{}",
        c.screen()
    );
    assert!(c.screen().contains("✔ Brief written"), "{}", c.screen());
    let touches = c
        .app
        .cx
        .book
        .as_ref()
        .unwrap()
        .account_overview(account, 5)
        .unwrap()
        .touches;
    assert!(
        touches
            .iter()
            .any(|t| t.kind == csm_cockpit::domain::vocab::InteractionKind::Qbr),
        "{touches:?}"
    );
    let _ = std::fs::remove_file(path);
    c.press("esc");
    assert_eq!(c.app.mode(), Mode::Account);
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
