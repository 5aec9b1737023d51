//! One truth for tasks, the renewal checklist and the stakeholder map: a task done
//! ticks the renewal steps it completes, ticking them does the task, and a task whose
//! reason is gone closes itself, saying why, in the journal and on the task. With
//! `today` pinned on the sample book.

mod common;

use chrono::Duration;
use common::{sample_book, stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::stakeholders::{ContactEdit, NewContact};
use csm_cockpit::book::tasks::{NewTask, TaskRow};
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::playbook::built_ins;
use csm_cockpit::domain::renewal::Step;
use csm_cockpit::domain::vocab::{ContactRole, Priority};

fn run(book: &mut Book) {
    book.run_playbooks(&stamp(), &built_ins(), &HealthRules::default(), today(), 30)
        .unwrap();
}

fn open_task(book: &Book, account: &str, title: &str) -> Option<TaskRow> {
    book.open_tasks(today())
        .unwrap()
        .into_iter()
        .find(|t| t.account.as_deref() == Some(account) && t.title.starts_with(title))
}

fn ticked(book: &Book, account: &str) -> Vec<Step> {
    book.renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|r| r.account == account)
        .and_then(|r| r.motion)
        .map(|m| m.done)
        .unwrap_or_default()
}

fn closed_reason(book: &Book, id: i64) -> Option<String> {
    book.closed_tasks(100)
        .unwrap()
        .into_iter()
        .find(|(_, c)| c.id == id)
        .map(|(_, c)| c.reason)
}

#[test]
fn getting_the_order_form_signed_ticks_the_signature_on_the_checklist_in_one_change() {
    let mut book = sample_book();
    run(&mut book);
    let task = open_task(
        &book,
        "Northwind Traders",
        "Get the renewal order form signed",
    )
    .unwrap();
    assert!(ticked(&book, "Northwind Traders").is_empty());
    assert!(book.complete_task(&stamp(), task.id, today()).unwrap());
    let done = ticked(&book, "Northwind Traders");
    assert!(done.contains(&Step::ContractSent) && done.contains(&Step::ContractSigned));
    // Signed: the manager's escalation is moot, and says so.
    assert!(open_task(&book, "Northwind Traders", "Escalate if unsigned").is_none());
    let (_, escalation) = book
        .closed_tasks(10)
        .unwrap()
        .into_iter()
        .find(|(_, c)| {
            c.title.starts_with("Escalate if unsigned") && c.account == "Northwind Traders"
        })
        .unwrap();
    assert_eq!(escalation.reason, "contract signed");
    // One change: undoing it opens the task and unticks the checklist.
    let undone = book.undo_last(&stamp()).unwrap();
    assert_eq!(
        undone.summary,
        "task done: Get the renewal order form signed"
    );
    assert!(ticked(&book, "Northwind Traders").is_empty());
    assert!(open_task(&book, "Northwind Traders", "Escalate if unsigned").is_some());
}

#[test]
fn ticking_the_business_review_on_the_checklist_does_its_task_and_unticking_opens_it() {
    let mut book = sample_book();
    run(&mut book);
    let task = open_task(&book, "Globex Logistics", "Book the business review").unwrap();
    let globex = book
        .renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|r| r.account == "Globex Logistics")
        .unwrap();
    let contract = globex.contract_id.unwrap();
    book.mark_step(&stamp(), contract, Step::BusinessReview, today())
        .unwrap();
    assert!(open_task(&book, "Globex Logistics", "Book the business review").is_none());
    assert_eq!(
        closed_reason(&book, task.id).as_deref(),
        Some("done on the renewal checklist: business review held")
    );
    assert!(
        open_task(&book, "Globex Logistics", "Prepare the value story").is_some(),
        "its own step is not ticked"
    );
    assert_eq!(
        book.untick_last_step(&stamp(), contract).unwrap(),
        Some(Step::BusinessReview)
    );
    assert!(open_task(&book, "Globex Logistics", "Book the business review").is_some());
}

#[test]
fn naming_a_new_champion_closes_find_a_new_champion_with_why_and_undo_opens_it() {
    let mut book = sample_book();
    run(&mut book);
    let find = open_task(&book, "Globex Logistics", "Find a new champion").unwrap();
    let globex = book.find_account("Globex Logistics").unwrap().unwrap().0;
    book.add_contact(
        &stamp(),
        globex,
        &NewContact {
            name: "Lena Ortiz".into(),
            title: None,
            role: ContactRole::Champion,
            reports_to: None,
        },
        today(),
    )
    .unwrap();
    assert!(open_task(&book, "Globex Logistics", "Find a new champion").is_none());
    assert_eq!(
        closed_reason(&book, find.id).as_deref(),
        Some("Lena Ortiz named champion")
    );
    let journal = book.journal(5).unwrap();
    assert!(
        journal.iter().any(|e| e.summary
            == "task closed itself: Find a new champion: who owns the outcome now? (Lena Ortiz named champion)"),
        "{:?}",
        journal.iter().map(|e| &e.summary).collect::<Vec<_>>()
    );
    // The rest of the recovery stands: the new champion still needs onboarding.
    assert!(open_task(&book, "Globex Logistics", "Re-onboard the new champion").is_some());
    book.undo_last(&stamp()).unwrap();
    assert!(open_task(&book, "Globex Logistics", "Find a new champion").is_some());
}

#[test]
fn a_sweep_closes_imported_tasks_whose_reason_is_gone_in_one_journal_entry() {
    let mut book = sample_book();
    let hooli = book.find_account("Hooli Analytics").unwrap().unwrap().0;
    // From a CRM: a champion search on an account whose champion is on the map, and a
    // renewal-strategy task in the playbook's short words.
    for (title, playbook) in [
        ("Find a new champion", "champion-left"),
        ("Draft the renewal strategy", "renewal-120"),
        ("Chase the invoice", "finance"),
    ] {
        book.add_task(
            &stamp(),
            &NewTask {
                account: hooli,
                title: title.into(),
                due_on: today() - Duration::days(5),
                priority: Priority::High,
                playbook: Some(playbook.into()),
            },
            today(),
        )
        .unwrap();
    }
    let renewal = book
        .renewals(&HealthRules::default(), today())
        .unwrap()
        .into_iter()
        .find(|r| r.account == "Hooli Analytics")
        .unwrap();
    // Hooli renews in 12 days and its proposal went out: past the strategy stage.
    book.mark_step(
        &stamp(),
        renewal.contract_id.unwrap(),
        Step::ProposalSent,
        today(),
    )
    .unwrap();
    let sweep = book.settle_tasks(&stamp(), &built_ins(), today()).unwrap();
    let mut reasons: Vec<(String, String)> = sweep
        .closed
        .iter()
        .filter(|c| c.account == "Hooli Analytics")
        .map(|c| (c.title.clone(), c.reason.clone()))
        .collect();
    reasons.sort();
    assert_eq!(
        reasons,
        [
            (
                "Draft the renewal strategy".to_string(),
                "renewal past its strategy stage (proposal sent ticked)".to_string()
            ),
            (
                "Find a new champion".to_string(),
                "Ravi Patel named champion".to_string()
            ),
        ]
    );
    assert!(open_task(&book, "Hooli Analytics", "Chase the invoice").is_some());
    let journal = book.journal(1).unwrap();
    assert!(
        journal[0].summary.starts_with(&format!(
            "{} tasks closed themselves on {}: ",
            sweep.closed.len(),
            today()
        )),
        "{}",
        journal[0].summary
    );
    assert!(journal[0].summary.contains("Ravi Patel named champion") || sweep.closed.len() > 5);
    // Nothing left to close: a second sweep writes nothing.
    let again = book.settle_tasks(&stamp(), &built_ins(), today()).unwrap();
    assert!(again.closed.is_empty());
    assert_eq!(book.journal(1).unwrap()[0].id, journal[0].id);
}

#[test]
fn renaming_a_contact_champion_settles_too() {
    let mut book = sample_book();
    run(&mut book);
    let globex = book.find_account("Globex Logistics").unwrap().unwrap().0;
    let maya = book
        .stakeholders(globex)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Maya Chen")
        .unwrap()
        .id;
    book.edit_contact(
        &stamp(),
        maya,
        ContactEdit::Role(ContactRole::Champion),
        today(),
    )
    .unwrap();
    assert!(open_task(&book, "Globex Logistics", "Find a new champion").is_none());
}

#[test]
fn marking_the_signature_done_says_what_else_it_settled() {
    let mut book = sample_book();
    run(&mut book);
    let task = open_task(
        &book,
        "Northwind Traders",
        "Get the renewal order form signed",
    )
    .unwrap();
    let ripple = book
        .finish_task(&stamp(), task.id, today())
        .unwrap()
        .unwrap();
    assert_eq!(
        ripple.words().as_deref(),
        Some(
            "ticked contract sent, contract signed on the renewal; closed itself: \
             Escalate if unsigned two weeks before the date (contract signed)"
        )
    );
    assert_eq!(book.finish_task(&stamp(), task.id, today()).unwrap(), None);
}
