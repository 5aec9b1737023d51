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
        "Find a new champion: who owns the outcome now?"
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

#[test]
fn no_advocacy_ask_where_the_economic_buyer_is_negative() {
    use csm_cockpit::book::stakeholders::{ContactEdit, NewContact};
    use csm_cockpit::domain::vocab::{ContactRole, Sentiment};
    let mut book = sample_book();
    let tyrell = book.find_account("Tyrell Replicants").unwrap().unwrap().0;
    let buyer = book
        .add_contact(
            &stamp(),
            tyrell,
            &NewContact {
                name: "Omar Haddad".into(),
                title: Some("CFO".into()),
                role: ContactRole::EconomicBuyer,
                reports_to: None,
            },
            today(),
        )
        .unwrap();
    book.edit_contact(
        &stamp(),
        buyer,
        ContactEdit::Sentiment(Sentiment::Negative),
        today(),
    )
    .unwrap();
    // The promoter's answer is 45 days old: a 60-day look-back reaches it.
    let report = book
        .run_playbooks(&stamp(), &built_ins(), &HealthRules::default(), today(), 60)
        .unwrap();
    assert!(tasks_of(&book, "Tyrell Replicants", "advocacy-ask").is_empty());
    assert!(report.held_back >= 1);
    // Won back, the ask goes out on the next run: a held-back event is not spent.
    book.edit_contact(
        &stamp(),
        buyer,
        ContactEdit::Sentiment(Sentiment::Positive),
        today(),
    )
    .unwrap();
    book.run_playbooks(&stamp(), &built_ins(), &HealthRules::default(), today(), 60)
        .unwrap();
    assert_eq!(
        tasks_of(&book, "Tyrell Replicants", "advocacy-ask").len(),
        1
    );
}

#[test]
fn a_usage_drop_does_not_ask_for_a_call_with_a_champion_who_left() {
    let mut book = sample_book();
    let wonka = book.find_account("Wonka Confections").unwrap().unwrap().0;
    let ravi = book
        .stakeholders(wonka)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Ravi Patel")
        .unwrap()
        .id;
    book.mark_left(&stamp(), ravi, today() - Duration::days(40))
        .unwrap();
    run(&mut book);
    let titles: Vec<String> = tasks_of(&book, "Wonka Confections", "usage-drop")
        .into_iter()
        .map(|t| t.title)
        .collect();
    assert_eq!(
        titles,
        ["Risk review: who stopped using it, and why (usage by team, tickets, touches)"]
    );
}

#[test]
fn an_escalation_goes_to_the_managers_own_manager_or_becomes_their_own_review() {
    use csm_cockpit::book::load::Loader;
    use csm_cockpit::domain::records::TeamMember;
    use csm_cockpit::domain::vocab::TeamRole;
    let book_owned_by = |owner: &str, with_vp: bool| {
        let mut team = common::team();
        if with_vp {
            team.insert(
                0,
                TeamMember {
                    external_id: "tm-vp".into(),
                    name: "Avery Stone".into(),
                    email: None,
                    role: TeamRole::Manager,
                    manager: None,
                },
            );
            team[1].manager = Some("tm-vp".into());
        }
        let mut book = Book::open_in_memory().unwrap();
        book.write(&stamp(), |change| {
            let mut loader = Loader::new(change);
            loader.team(&team)?;
            loader.features(&common::features())?;
            for mut b in common::bundles() {
                if b.account.name == "Northwind Traders" {
                    b.account.owner = Some(owner.into());
                }
                loader.bundle(&b)?;
            }
            loader.finish("sample book")
        })
        .unwrap();
        book.recompute_health(&HealthRules::default(), &[today()])
            .unwrap();
        run(&mut book);
        tasks_of(&book, "Northwind Traders", "renewal-30")
            .into_iter()
            .map(|t| (t.title, t.owner.unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    // Jordan Lee, the manager, owns Northwind: the escalation goes to Avery above him.
    let up = book_owned_by("tm-lee", true);
    assert_eq!(
        up[1],
        (
            "Escalate if unsigned two weeks before the date".to_string(),
            "Avery Stone".to_string()
        )
    );
    // With nobody above him, it stays his, in his own words.
    let top = book_owned_by("tm-lee", false);
    assert_eq!(top[1].1, "Jordan Lee");
    assert!(!top[1].0.starts_with("Escalate"), "{top:?}");
}

#[test]
fn a_run_never_makes_a_title_already_open_on_the_account() {
    let mut book = sample_book();
    let umbrella = book.find_account("Umbrella Pharma").unwrap().unwrap().0;
    book.add_task(
        &stamp(),
        &NewTask {
            account: umbrella,
            title: "  call the respondent within two days: listen, thank, promise a follow-up"
                .into(),
            due_on: today(),
            priority: Priority::High,
            playbook: None,
        },
        today(),
    )
    .unwrap();
    book.run_playbooks(&stamp(), &built_ins(), &HealthRules::default(), today(), 60)
        .unwrap();
    let open = book.open_tasks(today()).unwrap();
    let mut seen = std::collections::HashSet::new();
    for t in &open {
        let key = (t.account_id, t.title.trim().to_lowercase());
        assert!(seen.insert(key), "twice on one account: {}", t.title);
    }
    assert!(
        !tasks_of(&book, "Umbrella Pharma", "nps-detractor").is_empty(),
        "the report still comes"
    );
}

/// An opening leaves the playbooks be when nothing happened since the last run that day;
/// a new change, or a new day, runs them again.
#[test]
fn the_playbooks_are_settled_until_something_changes_or_the_day_turns() {
    let mut book = sample_book();
    run(&mut book);
    let mark = |book: &Book, day: chrono::NaiveDate| {
        format!("{day}|{}|built-ins", book.last_journal_id().unwrap())
    };
    assert!(!book.playbooks_settled(&mark(&book, today())).unwrap());
    book.mark_playbooks_settled(&mark(&book, today())).unwrap();
    assert!(book.playbooks_settled(&mark(&book, today())).unwrap());
    assert!(
        !book
            .playbooks_settled(&mark(&book, today() + Duration::days(1)))
            .unwrap(),
        "a new day"
    );
    let account = book.portfolio().unwrap()[0].id;
    book.add_task(
        &stamp(),
        &NewTask {
            account,
            title: "Send the deck".into(),
            due_on: today(),
            priority: Priority::Medium,
            playbook: None,
        },
        today(),
    )
    .unwrap();
    assert!(
        !book.playbooks_settled(&mark(&book, today())).unwrap(),
        "a change since"
    );
}
