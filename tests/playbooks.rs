//! Playbooks run against a hand-made book with `today` pinned: each event fires once,
//! its tasks are dated from the event and owned by the CSM or their manager, and running
//! again creates nothing.

mod common;

use chrono::Duration;
use common::{sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::tasks::{NewTask, TaskRow};
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::playbook::{BUILT_IN, Playbook, parse};
use csm_cockpit::domain::vocab::Priority;

fn built_ins() -> Vec<Playbook> {
    BUILT_IN.iter().map(|(f, t)| parse(t, f).unwrap()).collect()
}

fn run(book: &mut Book) -> csm_cockpit::book::playbooks::RunReport {
    book.run_playbooks(&stamp(), &built_ins(), &HealthRules::default(), today(), 30)
        .unwrap()
}

fn tasks_of(book: &Book, account: &str, playbook: &str) -> Vec<TaskRow> {
    book.open_tasks(today())
        .unwrap()
        .into_iter()
        .filter(|t| {
            t.account.as_deref() == Some(account) && t.playbook.as_deref() == Some(playbook)
        })
        .collect()
}

#[test]
fn renewal_windows_opened_in_the_look_back_fire_with_tasks_dated_from_the_opening() {
    let mut book = sample_book();
    let report = run(&mut book);
    assert!(report.tasks > 0);
    // Northwind renews in 28 days: its 30-day window opened 2 days ago.
    let northwind = tasks_of(&book, "Northwind Traders", "renewal-30");
    assert_eq!(northwind.len(), 2);
    assert_eq!(northwind[0].title, "Get the renewal order form signed");
    assert_eq!(
        northwind[0].due_on,
        today() - Duration::days(2) + Duration::days(14)
    );
    assert_eq!(northwind[0].owner.as_deref(), Some("Dana Okafor"));
    assert_eq!(
        northwind[1].owner.as_deref(),
        Some("Jordan Lee"),
        "the escalation goes to Dana's manager"
    );
    // Globex renews in 74 days: the 90-day window opened 16 days ago; 60 not yet.
    assert_eq!(tasks_of(&book, "Globex Logistics", "renewal-90").len(), 2);
    assert!(tasks_of(&book, "Globex Logistics", "renewal-60").is_empty());
    // Wayne renews in 200 days: nothing yet.
    assert!(
        book.open_tasks(today())
            .unwrap()
            .iter()
            .all(|t| t.account.as_deref() != Some("Wayne Foundry")
                || !t.playbook.as_deref().unwrap_or("").starts_with("renewal"))
    );
}

#[test]
fn a_champion_who_left_in_the_look_back_starts_the_recovery_playbook() {
    let mut book = sample_book();
    run(&mut book);
    let globex = tasks_of(&book, "Globex Logistics", "champion-left");
    assert_eq!(globex.len(), 4);
    assert_eq!(
        globex[0].title,
        "Find the new champion: who owns the outcome now?"
    );
}

#[test]
fn running_again_creates_nothing_and_the_run_is_journaled_once() {
    let mut book = sample_book();
    let first = run(&mut book);
    let before = book.open_tasks(today()).unwrap().len();
    let second = run(&mut book);
    assert_eq!(second.tasks, 0);
    assert_eq!(book.open_tasks(today()).unwrap().len(), before);
    let journal = book.journal(5).unwrap();
    let runs: Vec<_> = journal
        .iter()
        .filter(|e| e.summary.starts_with("playbooks run"))
        .collect();
    assert_eq!(runs.len(), 1);
    assert!(runs[0].summary.contains(&format!("{} tasks", first.tasks)));
}

#[test]
fn an_event_already_answered_by_a_task_of_its_playbook_adds_none() {
    let mut book = sample_book();
    let northwind = book.find_account("Northwind Traders").unwrap().unwrap().0;
    // The CSM already put the signature step on their list by hand.
    book.add_task(
        &stamp(),
        &NewTask {
            account: northwind,
            title: "Chase the signature".into(),
            due_on: today() + Duration::days(10),
            priority: Priority::High,
            playbook: Some("renewal-30".into()),
        },
        today(),
    )
    .unwrap();
    let report = run(&mut book);
    assert!(report.in_hand >= 1);
    let titles: Vec<String> = tasks_of(&book, "Northwind Traders", "renewal-30")
        .into_iter()
        .map(|t| t.title)
        .collect();
    assert_eq!(titles, ["Chase the signature"]);
}

#[test]
fn nps_answers_seats_and_signals_fire_their_playbooks() {
    let mut book = sample_book();
    // The sample's NPS answers are 45 days old: a 60-day look-back reaches them.
    let report = book
        .run_playbooks(&stamp(), &built_ins(), &HealthRules::default(), today(), 60)
        .unwrap();
    let fired = |id: &str| report.by_playbook.get(id).map_or(0, |(n, _)| *n);
    // Detractors: Umbrella (3), Wonka (5), Northwind (6).
    assert_eq!(fired("nps-detractor"), 3);
    assert_eq!(tasks_of(&book, "Umbrella Pharma", "nps-detractor").len(), 2);
    // Tyrell uses 92 of 100 seats, Hooli 88: room to expand.
    assert!(!tasks_of(&book, "Tyrell Replicants", "expansion-seats").is_empty());
    assert!(!tasks_of(&book, "Hooli Analytics", "expansion-seats").is_empty());
    assert!(
        tasks_of(&book, "Acme Anvils", "expansion-seats").is_empty(),
        "45 of 100"
    );
    // Usage fell by half at Wonka: the usage-drop playbook.
    assert!(!tasks_of(&book, "Wonka Confections", "usage-drop").is_empty());
    // Promoters (NPS 9-10) with green health are asked for advocacy.
    assert!(!tasks_of(&book, "Tyrell Replicants", "advocacy-ask").is_empty());
}

#[test]
fn tasks_from_a_run_leave_health_current_so_the_next_open_does_not_recompute() {
    let mut book = sample_book();
    let rules = HealthRules::default();
    assert!(book.health_is_current(&rules, today()).unwrap());
    assert!(run(&mut book).tasks > 0);
    assert!(book.health_is_current(&rules, today()).unwrap());
    // A touch logged does move health.
    let hooli = book.find_account("Hooli Analytics").unwrap().unwrap().0;
    book.log_touch(
        &stamp(),
        hooli,
        &csm_cockpit::book::account::NewTouch {
            contact: None,
            kind: csm_cockpit::domain::vocab::InteractionKind::Note,
            on: today(),
            summary: "Renewal call booked".into(),
        },
    )
    .unwrap();
    assert!(!book.health_is_current(&rules, today()).unwrap());
}
