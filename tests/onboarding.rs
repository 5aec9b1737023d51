//! Onboarding as a CSM lives it: a new account starts its segment's program, its
//! milestones tick (in the pane, or by doing their tasks), each tick journaled and
//! undoable, first value comes with the seats that went active, and the last milestone
//! moves the account on to adoption. The pane sorts the stuck first, at 120x40 and 80x24.

mod common;

use chrono::{Datelike, Duration};
use common::{cockpit_on, date, fill, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::load::Loader;
use csm_cockpit::book::onboarding::Tick;
use csm_cockpit::domain::Money;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::onboarding::{
    Board, FirstValue, OnboardingRules, Stuck, program_for, progress,
};
use csm_cockpit::domain::playbook::{Playbook, built_ins};
use csm_cockpit::domain::records::*;
use csm_cockpit::domain::vocab::*;
use csm_cockpit::tui::pane::Pane;

/// A new account in onboarding: its segment, its start, its seats' weekly active users
/// (from the start, one a week) and its touches (kind, days after the start).
fn newcomer(
    id: &str,
    name: &str,
    segment: Segment,
    start: &str,
    active: &[i64],
    touches: &[(InteractionKind, i64)],
) -> AccountBundle {
    let start = date(start);
    let mut b = AccountBundle::new(Account {
        external_id: id.into(),
        name: name.into(),
        segment,
        owner: Some("tm-dana".into()),
        industry: Some("Retail".into()),
        region: Some("NA".into()),
        lifecycle_stage: LifecycleStage::Onboarding,
        arr: Money::usd(6_000_000),
        licensed_seats: Some(200),
        started_on: Some(start),
        went_live_on: None,
        churned_on: None,
    });
    // Weeks start on a Monday.
    let monday =
        start + Duration::days((7 - i64::from(start.weekday().num_days_from_monday())) % 7);
    for (n, users) in active.iter().enumerate() {
        b.usage.push(UsageWeek {
            week_start: monday + Duration::weeks(n as i64),
            active_users: *users,
            licensed_seats: 200,
            sessions: users * 3,
            key_features_used: 2,
        });
    }
    for (n, (kind, after)) in touches.iter().enumerate() {
        b.interactions.push(Interaction {
            external_id: format!("{id}-touch-{n}"),
            kind: *kind,
            occurred_on: start + Duration::days(*after),
            contact: None,
            author: Some("tm-dana".into()),
            summary: "onboarding".into(),
        });
    }
    b
}

fn with(bundles: &[AccountBundle]) -> Book {
    let mut book = fill(Book::open_in_memory().unwrap());
    book.write(&stamp(), |change| {
        let mut loader = Loader::new(change);
        for b in bundles {
            loader.bundle(b)?;
        }
        loader.finish("newcomers")
    })
    .unwrap();
    // The programs start as the cockpit would start them: their tasks made.
    book.run_playbooks(&stamp(), &built_ins(), &HealthRules::default(), today(), 90)
        .unwrap();
    book
}

fn enterprise() -> Playbook {
    built_ins()
        .into_iter()
        .find(|p| p.id == "onboarding-enterprise")
        .unwrap()
}

fn board(book: &Book) -> Board {
    let rules = OnboardingRules::default();
    let journeys = book.journeys(None, rules.first_value_active_share).unwrap();
    Board::new(journeys, &built_ins(), &rules, today())
}

#[test]
fn milestones_tick_by_hand_or_by_their_task_and_the_last_moves_the_account_on() {
    // Started 40 days before 2026-03-01: the enterprise program's foundation (by day 21)
    // is late.
    let start = (today() - Duration::days(40)).to_string();
    let mut book = with(&[newcomer(
        "acc-new",
        "Fresh Start Co",
        Segment::Enterprise,
        &start,
        &[20, 30, 40, 50, 60],
        &[(InteractionKind::Call, 3), (InteractionKind::Note, 38)],
    )]);
    let b = board(&book);
    assert_eq!(b.rows.len(), 1, "only the account in onboarding");
    let (j, p) = &b.rows[0];
    assert_eq!(&*j.name, "Fresh Start Co");
    assert_eq!((p.day, p.days, p.done()), (40, 90, 0));
    // The note is not a touch: the call on day 3 is the last, 37 days ago.
    assert!(
        p.stuck.contains(&Stuck::NoTouch { days: Some(37) }),
        "{:?}",
        p.stuck
    );
    assert!(
        matches!(p.stuck[0], Stuck::LatePhase { ref phase, days: 19 } if phase == "foundation")
    );

    // The kickoff's task, done from the task list, ticks the milestone.
    let kickoff = book
        .open_tasks(today())
        .unwrap()
        .into_iter()
        .find(|t| t.title.starts_with("Hold the kickoff"))
        .expect("the program made its kickoff task");
    book.complete_task(&stamp(), kickoff.id, today()).unwrap();
    let p = board(&book).rows.remove(0).1;
    assert_eq!(p.milestones[0].key, "kickoff");
    assert_eq!(p.milestones[0].done_on, Some(today()));

    // Ticked in the pane: the success plan, and its open task done with it.
    let account = j.account_id;
    let tick = |key: &'static str, last: bool| Tick {
        account_id: account,
        playbook_id: "onboarding-enterprise",
        milestone: key,
        title: key,
        completes_program: last,
    };
    assert!(
        book.tick_milestone(&stamp(), &tick("success_plan", false), today())
            .unwrap()
    );
    assert!(
        !book
            .tick_milestone(&stamp(), &tick("success_plan", false), today())
            .unwrap(),
        "a milestone ticks once"
    );
    assert!(
        book.open_tasks(today())
            .unwrap()
            .iter()
            .all(|t| !t.title.starts_with("Write the success plan")),
        "its task is done with it"
    );
    let journal = book.journal(5).unwrap();
    let change = journal[0].change_id;
    let said: Vec<&str> = journal
        .iter()
        .filter(|e| e.change_id == change)
        .map(|e| e.summary.as_str())
        .collect();
    assert!(
        said.contains(&"Fresh Start Co: milestone done: success_plan"),
        "one change, the milestone first: {said:?}"
    );
    // Undo takes the tick and the task back together.
    book.undo_last(&stamp()).unwrap();
    let p = board(&book).rows.remove(0).1;
    assert_eq!(p.done(), 1);
    assert!(
        book.open_tasks(today())
            .unwrap()
            .iter()
            .any(|t| t.title.starts_with("Write the success plan"))
    );

    // Every other milestone, the last one completing the program.
    let keys: Vec<String> = enterprise().milestones().map(|s| s.key.clone()).collect();
    let left: Vec<&String> = keys.iter().filter(|k| *k != "kickoff").collect();
    for (n, key) in left.iter().enumerate() {
        let last = n + 1 == left.len();
        let key: &'static str = Box::leak(key.to_string().into_boxed_str());
        book.tick_milestone(&stamp(), &tick(key, last), today())
            .unwrap();
    }
    assert!(
        board(&book).rows.is_empty(),
        "on to adoption: out of the board"
    );
    let stage = |book: &Book| {
        book.portfolio()
            .unwrap()
            .into_iter()
            .find(|a| a.id == account)
            .unwrap()
            .lifecycle
    };
    assert_eq!(stage(&book), LifecycleStage::Adoption);
    book.undo_last(&stamp()).unwrap();
    assert_eq!(stage(&book), LifecycleStage::Onboarding);
    assert_eq!(
        board(&book).rows.len(),
        1,
        "undo brings it back to onboarding"
    );
}

#[test]
fn first_value_comes_the_week_half_the_seats_are_active() {
    let start = (today() - Duration::days(50)).to_string();
    // 200 seats: 100 active in the fourth week is half, first value.
    let book = with(&[newcomer(
        "acc-new",
        "Fresh Start Co",
        Segment::Enterprise,
        &start,
        &[20, 60, 90, 100, 130, 150, 160],
        &[(InteractionKind::Meeting, 45)],
    )]);
    let rules = OnboardingRules::default();
    let j = book
        .journeys(None, rules.first_value_active_share)
        .unwrap()
        .remove(0);
    let p = progress(
        &j,
        program_for(&built_ins(), j.segment).unwrap(),
        &rules,
        today(),
    )
    .unwrap();
    let week = j.seats_reached_on.expect("a week reached half the seats");
    assert_eq!(
        p.first_value,
        FirstValue::Reached {
            on: week,
            day: (week - date(&start)).num_days()
        }
    );
    assert!(p.stuck.iter().all(|s| !matches!(s, Stuck::NoUsage { .. })));
    // With seats asked at 90%, nobody reached it yet, and the milestone's day 45 passed.
    let strict = OnboardingRules {
        first_value_active_share: 0.9,
        ..rules
    };
    let j = book.journeys(None, 0.9).unwrap().remove(0);
    let p = progress(&j, &enterprise(), &strict, today()).unwrap();
    assert_eq!(
        p.first_value,
        FirstValue::Late {
            by: date(&start) + Duration::days(45),
            days: 5
        }
    );
}

fn three_newcomers() -> Book {
    let ago = |d: i64| (today() - Duration::days(d)).to_string();
    with(&[
        // On track: touched lately, used, a week in.
        newcomer(
            "acc-n1",
            "Bright Start Labs",
            Segment::Smb,
            &ago(8),
            &[30],
            &[(InteractionKind::Call, 2), (InteractionKind::Email, 7)],
        ),
        // Stuck: a month into a 60-day program, nobody active, no touch since the start.
        newcomer(
            "acc-n2",
            "Quiet Harbor Foods",
            Segment::MidMarket,
            &ago(33),
            &[0, 0, 0, 0],
            &[(InteractionKind::Call, 1)],
        ),
        // Enterprise, three weeks in, touched, a few active.
        newcomer(
            "acc-n3",
            "Summit Ridge Bank",
            Segment::Enterprise,
            &ago(20),
            &[10, 25],
            &[(InteractionKind::Meeting, 15)],
        ),
    ])
}

#[test]
fn the_pane_sorts_the_stuck_first_and_ticks_the_next_milestone() {
    let mut c = cockpit_on(three_newcomers(), 120, 40);
    c.press("8");
    assert_eq!(c.app.pane, Pane::Onboarding);
    let screen = c.screen();
    insta::assert_snapshot!("onboarding_120x40", screen);
    let first = screen
        .lines()
        .position(|l| l.contains("Quiet Harbor Foods"))
        .unwrap();
    let others = screen
        .lines()
        .position(|l| l.contains("Bright Start Labs"))
        .unwrap();
    assert!(first < others, "the stuck sort first:\n{screen}");
    assert!(screen.contains("no usage"), "{screen}");

    // Tick the next milestone of the stuck account: Enter takes it.
    c.press("x");
    assert!(
        c.screen().contains("tick which milestone? 1-6 [Enter: 1]"),
        "{}",
        c.screen()
    );
    c.press("enter");
    let screen = c.screen();
    assert!(
        screen.contains("milestone done: Hold the kickoff"),
        "{screen}"
    );
    assert!(screen.contains("✓ Hold the kickoff"), "{screen}");
    // The account's detail says where its onboarding stands.
    c.press("enter");
    let detail = c.screen();
    assert!(
        detail.contains("Onboarding day 33 of 60, 1 of 6 milestones"),
        "{detail}"
    );
    c.press("esc");
    // A number past the program's end is refused, saying what is expected.
    c.press("x");
    c.type_text("9");
    c.press("enter");
    assert!(
        c.screen().contains("expected a milestone's number, 1 to 6"),
        "{}",
        c.screen()
    );
}

#[test]
fn the_pane_at_80x24_keeps_day_phase_first_value_and_why() {
    let mut c = cockpit_on(three_newcomers(), 80, 24);
    c.press("8");
    let screen = c.screen();
    insta::assert_snapshot!("onboarding_80x24", screen);
    assert!(screen.contains("Quiet Harbor Foo"), "{screen}");
}

#[test]
fn an_onboarding_behind_its_program_is_on_the_morning_queue() {
    use csm_cockpit::domain::today::{ItemKind, Subject, TodayRules};
    let book = three_newcomers();
    let scope = csm_cockpit::playbooks::Catalog::load(std::path::Path::new("no-such-dir"))
        .today_scope(None, None);
    let items = book
        .today_queue(
            &HealthRules::default(),
            &TodayRules::default(),
            &scope,
            today(),
        )
        .unwrap()
        .into_flat();
    let behind: Vec<_> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Growth && i.subject == Subject::Onboarding)
        .collect();
    let quiet = behind
        .iter()
        .find(|i| i.account == "Quiet Harbor Foods")
        .expect("the stuck account is on Today");
    assert!(
        quiet
            .what
            .starts_with("Hold the kickoff with the champion (day 33 of 60)"),
        "{}",
        quiet.what
    );
    assert!(quiet.what.contains("no usage yet"), "{}", quiet.what);
    assert_eq!(quiet.due, Some(date("2026-01-30")));
}
