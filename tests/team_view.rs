//! The Team pane as a manager reviews it: a row per CSM and the team total at 120x40 and
//! 80x24, and Enter drilling into one CSM's portfolio, Esc coming back.

mod common;

use common::sample_book;
use csm_cockpit::tui::headless::Headless;
use csm_cockpit::tui::pane::Pane;

fn team(width: u16, height: u16) -> Headless {
    let mut c = common::cockpit_on(sample_book(), width, height);
    c.press("6");
    c
}

/// Moves the cursor down to `name`'s line of the team's table.
fn select_csm(c: &mut Headless, name: &str) {
    let rows = &c.app.panes.team.list.as_ref().unwrap().rows;
    let at = rows.iter().position(|r| r.name == name).unwrap();
    for _ in 0..at {
        c.press("j");
    }
}

#[test]
fn a_row_per_csm_and_the_team_total_at_120x40() {
    let c = team(120, 40);
    let screen = c.screen();
    let rows = &c.app.panes.team.list.as_ref().unwrap().rows;
    let total = rows.last().unwrap();
    assert_eq!(total.name, "Team");
    assert_eq!(
        total.accounts,
        rows[..rows.len() - 1]
            .iter()
            .map(|r| r.accounts)
            .sum::<usize>(),
        "the total adds up the CSMs"
    );
    assert_eq!(
        total.accounts, 12,
        "every active account of the sample book"
    );
    assert!(
        screen.contains("Dana Okafor") && screen.contains("Mia Reyes"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn the_team_at_80x24_keeps_arr_health_risk_and_the_forecast() {
    let c = team(80, 24);
    let screen = c.screen();
    assert!(screen.lines().all(|l| l.chars().count() <= 80));
    insta::assert_snapshot!(screen);
}

#[test]
fn enter_shows_one_csms_portfolio_and_esc_comes_back() {
    let mut c = team(120, 40);
    select_csm(&mut c, "Dana Okafor");
    c.press("enter");
    assert_eq!(c.app.pane, Pane::Portfolio);
    let owners: Vec<String> = c
        .app
        .panes
        .portfolio
        .list
        .window(0, usize::MAX)
        .map(|r| r.account.owner.as_deref().unwrap_or("").to_string())
        .collect();
    assert!(!owners.is_empty());
    assert!(owners.iter().all(|o| o == "Dana Okafor"), "{owners:?}");
    insta::assert_snapshot!(c.screen());
    c.press("esc");
    assert_eq!(c.app.pane, Pane::Team);
    assert!(
        c.app.panes.portfolio.list.facets().owner.is_none(),
        "everyone again"
    );
}

#[test]
fn the_figures_kept_from_the_last_look_show_at_once_marked_until_fresh_ones_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.db");
    let book = common::fill(csm_cockpit::book::Book::open(&path).unwrap());
    // The first look works the figures out, and keeps them.
    let mut first = common::cockpit_on(book, 120, 40);
    first.press("6");
    let worked_out = first.app.panes.team.list.as_ref().unwrap().rows.clone();
    drop(first);
    let mut book = csm_cockpit::book::Book::open(&path).unwrap();
    let kept = book.kept_team().unwrap().expect("kept");
    assert_eq!((kept.as_of, &kept.rows), (common::today(), &worked_out));
    // Kept for an earlier day, they say so.
    let yesterday = common::today() - chrono::Duration::days(1);
    book.keep_team(yesterday, &worked_out).unwrap();

    let mut c = common::cockpit_on(book, 120, 40);
    let (tx, events) = std::sync::mpsc::channel();
    c.app.cx.events = Some(tx);
    c.press("6");
    assert_eq!(c.app.panes.team.list.as_ref().unwrap().rows, worked_out);
    let screen = c.screen();
    assert!(
        screen.contains(&format!("as of {yesterday}, updating…")),
        "{screen}"
    );
    while c.app.panes.team.reading {
        let event = events
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the fresh figures land");
        c.app.take_background(event);
    }
    c.draw();
    let screen = c.screen();
    assert!(!screen.contains("updating…"), "{screen}");
    let book = c.app.cx.book.as_ref().unwrap();
    assert_eq!(book.kept_team().unwrap().unwrap().as_of, common::today());
}

#[test]
fn the_forecast_review_rolls_this_quarter_and_next_up_per_csm() {
    let c = team(120, 40);
    let screen = c.screen();
    assert!(screen.contains("Forecast review · 2026-Q1"), "{screen}");
    assert!(screen.contains("Forecast review · 2026-Q2"), "{screen}");
    let review = c
        .app
        .panes
        .team
        .review
        .as_ref()
        .expect("read with the team");
    for q in review.iter() {
        let (team, csms) = q.rows.split_last().unwrap();
        assert_eq!(team.owner, None);
        assert_eq!(
            team.due.arr_cents,
            csms.iter().map(|r| r.due.arr_cents).sum::<i64>(),
            "the team adds up its CSMs"
        );
        let lanes = team.commit.count
            + team.likely.count
            + team.at_risk.count
            + team.churn.count
            + team.no_forecast.count;
        assert_eq!(lanes, team.due.count, "each renewal in one lane");
    }
    // This quarter: the sample book's renewals within 30 days of 2026-03-01.
    assert_eq!(review[0].rows.last().unwrap().due.count, 4);
}

#[test]
fn a_forecast_called_during_the_week_shows_as_moved_at_the_next_weeks_review() {
    use csm_cockpit::book::forecast_kept::KeptReview;
    use csm_cockpit::domain::Money;
    use csm_cockpit::domain::health::HealthRules;
    use csm_cockpit::domain::records::Forecast;
    use csm_cockpit::domain::vocab::{ForecastCategory, ForecastConfidence};

    let mut book = sample_book();
    let rules = HealthRules::default();
    let monday = common::date("2026-02-23");
    let review = book.forecast_review(&rules, monday).unwrap();
    assert!(review[0].since.is_none(), "nothing kept before");
    assert!(review[0].since_words().contains("no review kept"));
    book.keep_review(KeptReview::of(monday, &review)).unwrap();

    // During the week a CSM commits a renewal of this quarter that had no forecast.
    let open = book.renewals(&rules, monday).unwrap();
    let uncalled = open
        .iter()
        .find(|r| {
            r.forecast.is_none()
                && r.renewal_on.is_some_and(|on| {
                    review[0].quarter.contains(on) && on > monday + chrono::Duration::days(7)
                })
        })
        .expect("a renewal of the quarter with no forecast");
    let owner = uncalled.owner.clone();
    let arr = uncalled.arr.cents;
    let commit = Forecast {
        category: ForecastCategory::Renew,
        confidence: ForecastConfidence::Commit,
        arr: Money::usd(arr),
    };
    book.set_forecast(&common::stamp(), uncalled.contract_id.unwrap(), &commit)
        .unwrap();

    // A week on, the review says what moved, for that CSM and for the team.
    let next_monday = monday + chrono::Duration::days(7);
    let review = book.forecast_review(&rules, next_monday).unwrap();
    assert_eq!(review[0].since, Some(monday));
    for who in [owner.as_deref(), None] {
        let m = review[0].moved_of(who).expect("a move per row");
        assert_eq!(m.commit_cents, arr, "{who:?}");
        assert_eq!((m.no_forecast, m.no_forecast_cents), (-1, -arr), "{who:?}");
    }
    assert!(
        review[0].since_words().starts_with(&format!(
            "Since the review of {monday}: commit +{}",
            Money::usd(arr).short()
        )),
        "{}",
        review[0].since_words()
    );
    // Six days on, that review is not yet a week old: nothing to set against.
    let review = book
        .forecast_review(&rules, monday + chrono::Duration::days(6))
        .unwrap();
    assert!(review[0].since.is_none());
}

#[test]
fn r_lists_the_renewals_behind_a_forecast_cell_and_esc_comes_back() {
    use csm_cockpit::domain::Money;
    use csm_cockpit::domain::records::Forecast;
    use csm_cockpit::domain::vocab::{ForecastCategory, ForecastConfidence};

    // One of Dana's renewals this quarter committed, before the cockpit opens.
    let mut book = sample_book();
    let rules = csm_cockpit::domain::health::HealthRules::default();
    let q1_end = common::date("2026-04-01");
    let dana: Vec<_> = book
        .renewals(&rules, common::today())
        .unwrap()
        .into_iter()
        .filter(|r| {
            r.owner.as_deref() == Some("Dana Okafor")
                && r.renewal_on
                    .is_some_and(|on| on >= common::date("2026-01-01") && on < q1_end)
        })
        .collect();
    assert!(dana.len() >= 2, "{}", dana.len());
    let committed = &dana[0];
    let forecast = Forecast {
        category: ForecastCategory::Renew,
        confidence: ForecastConfidence::Commit,
        arr: Money::usd(committed.arr.cents),
    };
    book.set_forecast(&common::stamp(), committed.contract_id.unwrap(), &forecast)
        .unwrap();

    let mut c = common::cockpit_on(book, 120, 40);
    c.press("6");
    select_csm(&mut c, "Dana Okafor");
    // The first cell is this quarter's ARR due: every one of Dana's renewals in it.
    c.press("r");
    assert_eq!(c.app.pane, Pane::Renewals);
    let listed = |c: &Headless| -> Vec<String> {
        c.app
            .panes
            .renewals
            .list
            .as_ref()
            .unwrap()
            .listed()
            .map(|r| format!("{} {}", r.account, r.renewal_on))
            .collect()
    };
    assert_eq!(listed(&c).len(), dana.len(), "{:?}", listed(&c));
    assert!(
        c.screen()
            .contains("Renewals · 2026-Q1 · all due · owner Dana Okafor"),
        "{}",
        c.screen()
    );

    // Back on the team, one cell right is the commit lane: the one committed renewal.
    c.press("esc");
    assert_eq!(c.app.pane, Pane::Team);
    assert!(
        !c.app.panes.renewals.list.as_ref().unwrap().is_narrowed(),
        "every renewal again"
    );
    c.press("l");
    let screen = c.screen();
    assert!(screen.contains("Dana Okafor"), "{screen}");
    c.press("r");
    assert_eq!(
        listed(&c),
        [format!(
            "{} {}",
            committed.account,
            committed.renewal_on.unwrap()
        )]
    );
    assert!(c.screen().contains("2026-Q1 · commit"));
    // Past the last cell, the arrows stop at next quarter's no-forecast lane.
    c.press("esc");
    for _ in 0..20 {
        c.press("l");
    }
    assert_eq!(c.app.panes.team.cell, 11);
}
