//! Working tasks: done leaves the list, a snooze hides a task until its day and then it
//! is back, and a snooze without a reason or into the past is refused.

mod common;

use chrono::Duration;
use common::{sample_book, stamp, today};
use csm_cockpit::book::tasks::NewTask;
use csm_cockpit::domain::vocab::Priority;

#[test]
fn done_leaves_the_list_and_a_snooze_hides_a_task_until_its_day() {
    let mut book = sample_book();
    let account = book.find_account("Hooli Analytics").unwrap().unwrap().0;
    let add = |book: &mut csm_cockpit::book::Book, title: &str| {
        book.add_task(
            &stamp(),
            &NewTask {
                account,
                title: title.into(),
                due_on: today() + Duration::days(2),
                priority: Priority::High,
                playbook: None,
            },
            today(),
        )
        .unwrap()
    };
    let call = add(&mut book, "Call the champion");
    let deck = add(&mut book, "Send the QBR deck");
    let open = |book: &csm_cockpit::book::Book, day| -> Vec<String> {
        book.open_tasks(day)
            .unwrap()
            .into_iter()
            .filter(|t| t.account_id == Some(account))
            .map(|t| t.title)
            .collect()
    };
    let before = open(&book, today()).len();
    assert!(book.complete_task(&stamp(), call, today()).unwrap());
    assert!(
        !book.complete_task(&stamp(), call, today()).unwrap(),
        "once"
    );
    let until = today() + Duration::days(7);
    assert!(
        book.snooze_task(&stamp(), deck, until, " ", today())
            .unwrap_err()
            .to_string()
            .contains("needs a reason")
    );
    assert!(
        book.snooze_task(&stamp(), deck, today(), "later", today())
            .is_err()
    );
    book.snooze_task(&stamp(), deck, until, "waiting for their numbers", today())
        .unwrap();
    assert_eq!(open(&book, today()).len(), before - 2);
    assert!(
        open(&book, until).contains(&"Send the QBR deck".to_string()),
        "back on its day"
    );
    let journal = book.journal(1).unwrap();
    assert!(journal[0].summary.contains("waiting for their numbers"));
}
