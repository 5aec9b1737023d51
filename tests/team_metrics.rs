//! The Team pane's Metrics view as a manager reads it in a weekly review or a 1:1: every
//! picture at once at 120x40, one at a time at 80x24, the arrows moving the selected
//! point (its workings written out), and Up/Down picking whose book is drawn.

mod common;

use csm_cockpit::book::Book;
use csm_cockpit::demo::{DemoSpec, write_demo};
use csm_cockpit::tui::headless::Headless;

/// The cockpit on a small demo book (a year of history) with the Metrics view up.
fn metrics(width: u16, height: u16) -> Headless {
    let mut book = Book::open_in_memory().unwrap();
    let spec = DemoSpec {
        accounts: 60,
        csms: 3,
        seed: 7,
        today: common::today(),
    };
    write_demo(&mut book, &spec).unwrap();
    let mut c = common::cockpit_on(book, width, height);
    c.press("6");
    c.press("m");
    c
}

/// The workings of the focused picture's selected point, as the view holds them.
fn workings(c: &Headless) -> String {
    c.app
        .panes
        .team
        .metrics
        .workings()
        .expect("a selected point")
}

#[test]
fn at_120x40_every_picture_shows_with_the_selected_points_workings() {
    let c = metrics(120, 40);
    let screen = c.screen();
    for title in [
        "Retention",
        "Forecast vs actual",
        "ARR by band",
        "ARR at risk",
        "Workload",
    ] {
        assert!(
            screen.contains(&format!("┌ {title} · ")),
            "{title}\n{screen}"
        );
    }
    let trends = c.app.panes.team.metrics.trends.as_ref().unwrap();
    let latest = trends.retention.last().unwrap();
    assert_eq!(latest.quarter, "2026-Q1");
    assert!(workings(&c).starts_with("2026-Q1 so far: GRR"));
    // Its first words, before the box wraps them.
    let opening: String = workings(&c).chars().take(40).collect();
    assert!(screen.contains(&opening), "{opening}\n{screen}");
    assert!(screen.contains("GRR target 90%"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_arrows_move_the_focused_pictures_point_a_period_at_a_time() {
    let mut c = metrics(120, 40);
    c.press("left");
    c.press("left");
    let trends = c.app.panes.team.metrics.trends.clone().unwrap();
    let two_back = &trends.retention[trends.retention.len() - 3];
    assert_eq!(workings(&c), two_back.workings());
    assert!(
        c.screen()
            .contains(&format!("Retention · {}: GRR", two_back.quarter))
    );
    c.press("l");
    let one_back = &trends.retention[trends.retention.len() - 2];
    assert_eq!(workings(&c), one_back.workings());
    // Past the oldest, the oldest it stays.
    for _ in 0..20 {
        c.press("h");
    }
    assert_eq!(workings(&c), trends.retention[0].workings());

    // The next picture has its own point: the latest month with outcomes in.
    c.press("c");
    let months = &trends.forecast;
    let expected = if months.last().unwrap().closed == 0 {
        &months[months.len() - 2]
    } else {
        months.last().unwrap()
    };
    assert!(workings(&c).starts_with(&format!("{}: forecast", expected.period)));
    c.press("right");
    assert!(workings(&c).starts_with(&months.last().unwrap().period));
}

#[test]
fn up_and_down_draw_another_csms_book() {
    let mut c = metrics(120, 40);
    let rows = c.app.panes.team.list.as_ref().unwrap().rows.clone();
    let team_line = rows.len() - 1;
    // To the team's line: the team's book.
    for _ in 0..rows.len() {
        c.press("j");
    }
    let trends = c.app.panes.team.metrics.trends.as_ref().unwrap();
    assert_eq!(trends.owner, None);
    assert!(c.screen().contains("Metrics · the team's book"));
    // One up: that CSM's book, the workload theirs.
    c.press("k");
    let csm = &rows[team_line - 1].name;
    let trends = c.app.panes.team.metrics.trends.as_ref().unwrap();
    assert_eq!(trends.owner.as_deref(), Some(csm.as_str()));
    let screen = c.screen();
    assert!(
        screen.contains(&format!("Metrics · {csm}'s book")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Workload · {csm} · week of")),
        "{screen}"
    );
    // m gives the table back, on the same CSM.
    c.press("m");
    let screen = c.screen();
    assert!(screen.contains("this quarter's forecast"), "{screen}");
    let list = c.app.panes.team.list.as_ref().unwrap();
    assert_eq!(&list.selected().unwrap().name, csm);
}

#[test]
fn at_80x24_one_picture_at_a_time_and_c_goes_through_them() {
    let mut c = metrics(80, 24);
    let mut seen = Vec::new();
    for _ in 0..5 {
        let screen = c.screen();
        assert!(screen.lines().all(|l| l.chars().count() <= 80));
        let titles = [
            "Retention ·",
            "Forecast vs actual ·",
            "ARR by band ·",
            "ARR at risk ·",
            "Workload ·",
        ];
        let shown: Vec<&str> = titles.into_iter().filter(|t| screen.contains(t)).collect();
        assert_eq!(shown.len(), 1, "one picture at a time:\n{screen}");
        seen.push(shown[0]);
        if seen.len() == 1 {
            insta::assert_snapshot!(screen);
        }
        c.press("c");
    }
    seen.dedup();
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert!(c.screen().contains("Retention ·"), "round to the first");
}
