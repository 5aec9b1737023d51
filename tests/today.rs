//! The morning queue from a hand-made book with `today` pinned: what is in it, in what
//! order, items gone once acted on, and back when something new happens.

mod common;

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use common::{date, sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::account::NewTouch;
use csm_cockpit::book::renewals::Renewal;
use csm_cockpit::book::tasks::NewTask;
use csm_cockpit::book::today::{Scope, Slicing};
use csm_cockpit::domain::health::{HealthRules, SignalKind};
use csm_cockpit::domain::playbook::{BUILT_IN, parse};
use csm_cockpit::domain::today::{Item, ItemKind, Subject, TodayRules};
use csm_cockpit::domain::vocab::{InteractionKind, Priority};

/// The renewal playbooks' stages, as the catalog gives them.
fn catalog() -> csm_cockpit::playbooks::Catalog {
    csm_cockpit::playbooks::Catalog {
        playbooks: BUILT_IN.iter().map(|(f, t)| parse(t, f).unwrap()).collect(),
        ..Default::default()
    }
}

fn scope(last_looked: Option<NaiveDate>) -> Scope {
    catalog().today_scope(None, last_looked)
}

fn queue_on(book: &Book, scope: &Scope, on: NaiveDate) -> Vec<Item> {
    book.today_queue(&HealthRules::default(), &TodayRules::default(), scope, on)
        .unwrap()
        .into_flat()
}

fn queue(book: &Book) -> Vec<Item> {
    queue_on(book, &scope(None), today())
}

/// The id of the account called `name`.
fn account_id(book: &Book, name: &str) -> i64 {
    book.portfolio()
        .unwrap()
        .into_iter()
        .find(|a| a.name == name)
        .unwrap()
        .id
}

fn find<'a>(q: &'a [Item], account: &str, kind: ItemKind) -> Option<&'a Item> {
    q.iter().find(|i| i.account == account && i.kind == kind)
}

#[test]
fn the_queue_holds_renewals_that_need_a_move_and_ranks_the_biggest_most_pressing_first() {
    let book = sample_book();
    let q = queue(&book);
    assert!(
        q.windows(2).all(|w| w[0].class < w[1].class
            || (w[0].class == w[1].class && w[0].priority >= w[1].priority)),
        "saves, then risks, then routine; by priority within each"
    );
    // Umbrella ($1.85M, 6 days overdue, health red, nothing done) is a renewal item.
    let umbrella = find(&q, "Umbrella Pharma", ItemKind::Renewal).expect("Umbrella's renewal");
    assert!(
        umbrella.reason.starts_with("$1.85M renewal 6 days late: "),
        "{}",
        umbrella.reason
    );
    assert!(
        umbrella.reason.contains("no forecast"),
        "{}",
        umbrella.reason
    );
    assert!(!umbrella.todo.is_empty());
    // Wayne renews in 200 days: nothing to do yet.
    assert!(find(&q, "Wayne Foundry", ItemKind::Renewal).is_none());
    // Initrode churned: nothing of it is in the queue.
    assert!(!q.iter().any(|i| i.account == "Initrode Paper"));
}

#[test]
fn a_renewal_item_leaves_the_queue_once_the_motion_and_forecast_are_in_hand() {
    let mut book = sample_book();
    let stark = |book: &Book| -> Renewal {
        book.renewals(&HealthRules::default(), today())
            .unwrap()
            .into_iter()
            .find(|r| r.account == "Stark Outfitters")
            .unwrap()
    };
    assert!(find(&queue(&book), "Stark Outfitters", ItemKind::Renewal).is_some());
    let r = stark(&book);
    let contract = r.contract_id.unwrap();
    while let Some(step) = stark(&book).motion.and_then(|m| m.next_step()) {
        book.mark_step(&stamp(), contract, step, today()).unwrap();
    }
    book.set_forecast(&stamp(), contract, &r.suggestion.forecast())
        .unwrap();
    assert!(
        find(&queue(&book), "Stark Outfitters", ItemKind::Renewal).is_none(),
        "nothing left to do on it today"
    );
}

#[test]
fn a_dismissed_renewal_stays_away_until_it_enters_its_next_window() {
    let mut book = sample_book();
    // Globex renews in 74 days: the 90-day window, health yellow, nothing done.
    let globex = find(&queue(&book), "Globex Logistics", ItemKind::Renewal)
        .expect("Globex's renewal")
        .clone();
    book.put_away(&stamp(), &globex, None, "", today()).unwrap();
    let on = |d: i64| {
        let q = queue_on(&book, &scope(None), today() + Duration::days(d));
        find(&q, "Globex Logistics", ItemKind::Renewal).cloned()
    };
    assert!(on(0).is_none(), "dismissed");
    assert!(
        on(13).is_none(),
        "61 days out: still the 90-day window, nothing new"
    );
    // Fourteen days on it is 60 days out: the 60-day window, and back in the queue.
    let back = on(14).expect("back in its new window");
    assert!(back.reason.contains("in 60 days"), "{}", back.reason);
}

#[test]
fn a_snoozed_signal_comes_back_on_its_day_and_a_touch_answers_it() {
    let mut book = sample_book();
    let looked = Some(today() - Duration::days(60));
    let escalation = |q: &[Item]| {
        q.iter()
            .find(|i| {
                i.account == "Initech Health"
                    && i.subject == Subject::Signal(SignalKind::EscalationOpen)
            })
            .cloned()
    };
    let item = escalation(&queue_on(&book, &scope(looked), today())).expect("the escalation");
    assert!(item.reason.contains("risk"), "{}", item.reason);
    let until = today() + Duration::days(3);
    assert!(
        book.put_away(&stamp(), &item, Some(until), " ", today())
            .is_err(),
        "a snooze needs a reason"
    );
    book.put_away(&stamp(), &item, Some(until), "waiting on the fix", today())
        .unwrap();
    let on = |book: &Book, d: i64| {
        escalation(&queue_on(book, &scope(looked), today() + Duration::days(d)))
    };
    assert!(on(&book, 0).is_none() && on(&book, 2).is_none(), "snoozed");
    assert!(on(&book, 3).is_some(), "back on its day");

    // A call with the account after the escalation opened answers it.
    let initech = item.account_id;
    book.log_touch(
        &stamp(),
        initech,
        &NewTouch {
            contact: None,
            kind: InteractionKind::Call,
            on: today(),
            summary: "walked the sponsor through the fix".into(),
        },
    )
    .unwrap();
    assert!(on(&book, 3).is_none(), "answered by the call");
}

#[test]
fn a_done_task_leaves_and_the_next_of_its_play_leads() {
    let mut book = sample_book();
    let umbrella = account_id(&book, "Umbrella Pharma");
    for title in ["Call the sponsor", "Send the recap"] {
        book.add_task(
            &stamp(),
            &NewTask {
                account: umbrella,
                title: title.into(),
                due_on: today(),
                priority: Priority::High,
                playbook: Some("risk-save".into()),
            },
            today(),
        )
        .unwrap();
    }
    let play = |book: &Book| {
        queue(book)
            .into_iter()
            .filter(|i| i.account == "Umbrella Pharma" && i.kind == ItemKind::Task)
            .collect::<Vec<_>>()
    };
    let before = play(&book);
    assert_eq!(before.len(), 1, "one play, one item");
    assert_eq!(before[0].todo, "Call the sponsor");
    assert!(
        before[0].reason.contains("risk-save play, +1 more due"),
        "{}",
        before[0].reason
    );
    let Subject::Task(id) = before[0].subject else {
        panic!("a task item acts on its task")
    };
    book.complete_task(&stamp(), id, today()).unwrap();
    let after = play(&book);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].todo, "Send the recap");
    assert!(!after[0].reason.contains("more due"), "{}", after[0].reason);
}

#[test]
fn an_earlier_renewal_stages_tasks_lapse_into_the_renewal_item() {
    let mut book = sample_book();
    let northwind = account_id(&book, "Northwind Traders");
    book.add_task(
        &stamp(),
        &NewTask {
            account: northwind,
            title: "Draft the renewal strategy".into(),
            due_on: today(),
            priority: Priority::Medium,
            playbook: Some("renewal-120".into()),
        },
        today(),
    )
    .unwrap();
    // Northwind renews in 28 days: the 120-day stage's task is behind it.
    let q = queue(&book);
    assert!(find(&q, "Northwind Traders", ItemKind::Task).is_none());
    let renewal = find(&q, "Northwind Traders", ItemKind::Renewal).unwrap();
    assert!(
        renewal.reason.contains("1 task of an earlier stage open"),
        "{}",
        renewal.reason
    );
    // Without the playbooks' stages it is an ordinary task.
    let plain = Scope {
        stages: HashMap::new(),
        ..scope(None)
    };
    assert!(
        find(
            &queue_on(&book, &plain, today()),
            "Northwind Traders",
            ItemKind::Task
        )
        .is_some()
    );
}

#[test]
fn an_account_past_its_segments_touch_cadence_is_in_the_queue() {
    let book = sample_book();
    let q = queue(&book);
    // Umbrella (enterprise, every 30 days) was last touched 40 days ago; Wonka
    // (mid-market, every 45 days) 40 days ago too.
    let umbrella = find(&q, "Umbrella Pharma", ItemKind::NoTouch).expect("Umbrella gone quiet");
    assert!(
        umbrella
            .reason
            .contains("last touch 40 days ago (enterprise: every 30 days)"),
        "{}",
        umbrella.reason
    );
    assert!(find(&q, "Wonka Confections", ItemKind::NoTouch).is_none());
    // Acme is self-serve: no cadence.
    assert!(find(&q, "Acme Anvils", ItemKind::NoTouch).is_none());
}

#[test]
fn what_happened_since_the_last_look_is_new_and_looks_are_remembered_per_csm() {
    let mut book = sample_book();
    let escalation = |looked: NaiveDate| {
        queue_on(&book, &scope(Some(looked)), today())
            .into_iter()
            .find(|i| i.subject == Subject::Signal(SignalKind::EscalationOpen))
            .map(|i| i.new)
    };
    // Initech's escalation opened 12 days ago.
    assert_eq!(escalation(today() - Duration::days(13)), Some(true));
    assert_eq!(escalation(today() - Duration::days(1)), Some(false));

    assert_eq!(book.last_looked(Some("Mia Reyes"), today()).unwrap(), None);
    book.mark_looked(Some("Mia Reyes"), date("2026-02-27"))
        .unwrap();
    book.mark_looked(Some("Mia Reyes"), today()).unwrap();
    book.mark_looked(Some("Mia Reyes"), today()).unwrap();
    assert_eq!(
        book.last_looked(Some("Mia Reyes"), today()).unwrap(),
        Some(date("2026-02-27")),
        "a second look the same day keeps the one before"
    );
    assert_eq!(
        book.last_looked(Some("Mia Reyes"), today() + Duration::days(1))
            .unwrap(),
        Some(today())
    );
    assert_eq!(
        book.last_looked(Some("Dana Okafor"), today()).unwrap(),
        None
    );
}

#[test]
fn one_csms_queue_holds_only_their_accounts_and_tasks() {
    let book = sample_book();
    let mia = Scope {
        owner: Some(book.team_member_named("mia").unwrap().name),
        ..scope(None)
    };
    let q = queue_on(&book, &mia, today());
    assert!(!q.is_empty());
    let mias: Vec<String> = book
        .portfolio()
        .unwrap()
        .into_iter()
        .filter(|a| a.owner.as_deref() == Some("Mia Reyes"))
        .map(|a| a.name)
        .collect();
    assert!(q.iter().all(|i| mias.contains(&i.account)), "{q:?}");
    assert!(book.team_member_named("nobody").is_err());
    assert!(book.team_member_named("a").is_err(), "ambiguous");
}

#[test]
fn a_signal_with_its_play_under_way_is_left_to_the_plays_tasks() {
    let mut book = sample_book();
    let looked = Some(today() - Duration::days(60));
    let escalation_on = |book: &Book, account: &str| {
        queue_on(book, &scope(looked), today())
            .into_iter()
            .any(|i| i.account == account && i.subject == Subject::Signal(SignalKind::UsageDrop))
    };
    assert!(escalation_on(&book, "Northwind Traders"));
    let northwind = account_id(&book, "Northwind Traders");
    book.add_task(
        &stamp(),
        &NewTask {
            account: northwind,
            title: "Find out who stopped using it".into(),
            due_on: today() + Duration::days(2),
            priority: Priority::High,
            playbook: Some("usage-drop".into()),
        },
        today(),
    )
    .unwrap();
    assert!(
        !escalation_on(&book, "Northwind Traders"),
        "the play's task stands for it"
    );
    assert!(
        escalation_on(&book, "Wonka Confections"),
        "another account's signal stays"
    );
}

/// The queue reads the signals kept with today's health; read from each account's
/// evidence instead (an old book, health kept before signals were), it is the same.
#[test]
fn the_signals_kept_with_health_give_the_same_queue_as_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let book = common::fill(Book::open(&path).unwrap());
    let keys = |q: Vec<Item>| -> Vec<(String, String, String)> {
        q.into_iter().map(|i| (i.key(), i.reason, i.todo)).collect()
    };
    let kept = keys(queue(&book));
    assert!(
        kept.iter().any(|(k, _, _)| k.starts_with("signal:")),
        "the sample book has signals in its queue"
    );
    drop(book);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE account_health SET signals = NULL", [])
        .unwrap();
    let book = Book::open(&path).unwrap();
    assert_eq!(keys(queue(&book)), kept);
}

/// After a write, the accounts it touched are read alone and put in place: the queue
/// says what a queue read whole says, row for row and count for count.
#[test]
fn a_queue_patched_after_writes_on_some_accounts_is_the_queue_read_whole() {
    use csm_cockpit::book::today::Queue;
    use csm_cockpit::demo::{DemoSpec, write_demo};
    use csm_cockpit::domain::today::AccountRow;
    let on = date("2026-03-01");
    let mut book = Book::open_in_memory().unwrap();
    let spec = DemoSpec {
        accounts: 150,
        csms: 3,
        seed: 11,
        today: on,
    };
    write_demo(&mut book, &spec).unwrap();
    let scope = catalog().today_scope(None, Some(date("2026-02-20")));
    let read = |book: &Book, scope: &Scope| {
        book.today_queue(&HealthRules::default(), &TodayRules::default(), scope, on)
            .unwrap()
    };
    let mut queue = read(&book, &scope);
    let before = book.last_journal_id().unwrap();
    // Act on the lead item of three rows: a task done, anything else put away.
    let leads: Vec<Item> = queue
        .rows
        .iter()
        .step_by(5)
        .take(3)
        .map(|r| r.head().clone())
        .collect();
    for item in &leads {
        match item.subject {
            Subject::Task(id) => {
                book.complete_task(&stamp(), id, on).unwrap();
            }
            _ => {
                book.put_away(&stamp(), item, None, "", on).unwrap();
            }
        }
    }
    let touched = book.accounts_touched_since(before).unwrap().unwrap();
    assert_eq!(touched.len(), 3, "each write named its account");
    for account in touched {
        let one = read(
            &book,
            &Scope {
                account: Some(account),
                ..scope.clone()
            },
        );
        queue.patch(account, one);
    }
    let whole = read(&book, &scope);
    let rows = |q: &Queue| -> std::collections::BTreeMap<i64, Vec<String>> {
        q.rows
            .iter()
            .map(|r| (r.account_id, r.items.iter().map(|i| i.key()).collect()))
            .collect()
    };
    assert_eq!(rows(&queue), rows(&whole));
    assert!(
        queue
            .rows
            .is_sorted_by(|a, b| AccountRow::first(a, b).is_le())
    );
    assert_eq!(
        (
            queue.total,
            queue.accounts,
            queue.arr_cents,
            queue.backlog,
            queue.minutes,
            queue.put_away
        ),
        (
            whole.total,
            whole.accounts,
            whole.arr_cents,
            whole.backlog,
            whole.minutes,
            whole.put_away
        )
    );
    assert_eq!(queue.by_kind, whole.by_kind);
    for item in &leads {
        assert!(
            queue
                .rows
                .iter()
                .flat_map(|r| &r.items)
                .all(|i| i.key() != item.key()),
            "{} is gone from the queue",
            item.key()
        );
    }
}

/// A write on an account the queue counts but does not list (a whole team's queue on a
/// big book lists the first thousand rows) is followed without reading the queue whole:
/// the counts are those of a queue read whole, and the account's row, if it now ranks
/// among those listed, says what a whole read says.
#[test]
fn a_write_on_an_account_off_the_list_keeps_the_counts_true() {
    use csm_cockpit::book::today::Queue;
    use csm_cockpit::demo::{DemoSpec, write_demo};
    let on = date("2026-03-01");
    let mut book = Book::open_in_memory().unwrap();
    let spec = DemoSpec {
        accounts: 120,
        csms: 3,
        seed: 23,
        today: on,
    };
    write_demo(&mut book, &spec).unwrap();
    let scope = catalog().today_scope(None, Some(date("2026-02-20")));
    let read = |book: &Book, scope: &Scope, listed: usize| {
        let slicing = Slicing {
            accounts: i64::MAX,
            listed,
        };
        book.today_queue_in_slices(
            &HealthRules::default(),
            &TodayRules::default(),
            scope,
            on,
            &slicing,
            &|_| {},
        )
        .unwrap()
    };
    let listed = 6;
    let everything = read(&book, &scope, usize::MAX);
    let mut queue = read(&book, &scope, listed);
    assert_eq!(queue.rows.len(), listed);
    assert!(everything.rows.len() > 3 * listed, "accounts off the list");
    let before = book.last_journal_id().unwrap();
    // The lead items of three accounts the list leaves off.
    let off: Vec<Item> = everything.rows[listed..]
        .iter()
        .step_by(7)
        .take(3)
        .map(|r| r.head().clone())
        .collect();
    for item in &off {
        match item.subject {
            Subject::Task(id) => {
                book.complete_task(&stamp(), id, on).unwrap();
            }
            _ => {
                book.put_away(&stamp(), item, None, "", on).unwrap();
            }
        }
    }
    for account in book.accounts_touched_since(before).unwrap().unwrap() {
        let one = Scope {
            account: Some(account),
            ..scope.clone()
        };
        queue.patch(account, read(&book, &one, listed));
    }
    let whole = read(&book, &scope, listed);
    let counts = |q: &Queue| {
        (
            q.total,
            q.accounts,
            q.arr_cents,
            q.backlog,
            q.minutes,
            q.put_away,
            q.by_kind.clone(),
        )
    };
    assert_eq!(counts(&queue), counts(&whole));
    let now = read(&book, &scope, usize::MAX);
    for row in &queue.rows {
        let read_whole = now.rows.iter().find(|r| r.account_id == row.account_id);
        let keys = |r: &csm_cockpit::domain::today::AccountRow| {
            r.items.iter().map(|i| i.key()).collect::<Vec<_>>()
        };
        assert_eq!(Some(keys(row)), read_whole.map(keys), "{}", row.account);
    }
}

/// A whole team's queue read a slice of the book at a time, on two connections, is the
/// queue read in one pass: the same rows listed and the same counts.
#[test]
fn a_queue_read_in_slices_is_the_queue_read_in_one_pass() {
    use csm_cockpit::book::today::Queue;
    use csm_cockpit::demo::{DemoSpec, write_demo};
    let on = date("2026-03-01");
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("book.db")).unwrap();
    let spec = DemoSpec {
        accounts: 160,
        csms: 3,
        seed: 5,
        today: on,
    };
    write_demo(&mut book, &spec).unwrap();
    let scope = catalog().today_scope(None, Some(date("2026-02-15")));
    let read = |accounts| {
        let slicing = Slicing {
            accounts,
            ..Slicing::default()
        };
        book.today_queue_in_slices(
            &HealthRules::default(),
            &TodayRules::default(),
            &scope,
            on,
            &slicing,
            &|_| {},
        )
        .unwrap()
    };
    let whole = read(i64::MAX);
    let sliced = read(7);
    let rows = |q: &Queue| -> std::collections::BTreeMap<i64, Vec<String>> {
        q.rows
            .iter()
            .map(|r| (r.account_id, r.items.iter().map(|i| i.key()).collect()))
            .collect()
    };
    assert!(
        whole.rows.len() > 20,
        "a queue worth slicing: {}",
        whole.rows.len()
    );
    assert_eq!(rows(&sliced), rows(&whole));
    assert_eq!(
        (
            sliced.total,
            sliced.accounts,
            sliced.arr_cents,
            sliced.backlog,
            sliced.minutes
        ),
        (
            whole.total,
            whole.accounts,
            whole.arr_cents,
            whole.backlog,
            whole.minutes
        )
    );
    assert_eq!(sliced.by_kind, whole.by_kind);
    let leads = |q: &Queue| q.rows.iter().map(|r| r.head().priority).collect::<Vec<_>>();
    assert_eq!(leads(&sliced), leads(&whole), "ranked the same");
}
