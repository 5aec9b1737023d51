//! Undo and redo of a person's changes, from the change journal: each kind of change taken
//! back as the book shows it, refusals in a person's words, redo and what clears it,
//! older books, two processes at once, and `csm undo`.

mod common;

use std::path::{Path, PathBuf};

use common::{csm, date, today};
use csm_cockpit::book::account::NewTouch;
use csm_cockpit::book::goals::NewGoal;
use csm_cockpit::book::health::overrides::OverrideRequest;
use csm_cockpit::book::stakeholders::{ContactEdit, NewContact};
use csm_cockpit::book::tasks::NewTask;
use csm_cockpit::book::today::Scope;
use csm_cockpit::book::{Book, BookError, Stamp, migrations};
use csm_cockpit::domain::Money;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::records::{Forecast, Outcome};
use csm_cockpit::domain::renewal::Step;
use csm_cockpit::domain::today::{ItemKind, TodayRules};
use csm_cockpit::domain::vocab::{
    ContactRole, ForecastCategory, ForecastConfidence, GoalStatus, HealthBand, InteractionKind,
    Priority, RenewalOutcome, Sentiment,
};
use rusqlite::types::FromSql;
use tempfile::TempDir;

fn as_(actor: &str) -> Stamp {
    Stamp {
        actor: actor.into(),
        at: today().and_hms_opt(9, 30, 0).unwrap(),
    }
}

/// The sample book in a file, so the test can read its rows as `sqlite3` would.
fn sample_on_disk() -> (TempDir, PathBuf, Book) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let book = common::fill(Book::open(&path).unwrap());
    (dir, path, book)
}

/// One value, read by SQL of the test's own on a connection of its own.
fn one<T: FromSql>(path: &Path, sql: &str, params: impl rusqlite::Params) -> T {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(sql, params, |r| r.get(0)).unwrap()
}

fn account(book: &Book, name: &str) -> i64 {
    book.find_account(name).unwrap().unwrap().0
}

fn contact(book: &Book, account: i64, name: &str) -> i64 {
    book.stakeholders(account)
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

fn add_task(book: &mut Book, stamp: &Stamp, account: i64, title: &str) -> i64 {
    book.add_task(
        stamp,
        &NewTask {
            account,
            title: title.into(),
            due_on: date("2026-03-05"),
            priority: Priority::High,
            playbook: None,
        },
        today(),
    )
    .unwrap()
}

fn status(path: &Path, task: i64) -> (String, Option<String>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT status, completed_on FROM tasks WHERE id = ?1",
        [task],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn refusal(result: Result<csm_cockpit::book::undo::Undone, BookError>) -> String {
    match result {
        Err(BookError::Refused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn journal_len(book: &Book) -> usize {
    book.journal(10_000).unwrap().len()
}

#[test]
fn undoing_a_task_done_opens_it_again_and_the_undo_is_journaled() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let northwind = account(&book, "Northwind Traders");
    let task = add_task(&mut book, &dana, northwind, "Call Maya");
    assert!(book.complete_task(&dana, task, today()).unwrap());
    let done_id = book.journal(1).unwrap()[0].id;
    assert_eq!(
        status(&path, task),
        ("done".into(), Some("2026-03-01".into()))
    );

    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(undone.summary, "task done: Call Maya");
    assert_eq!(undone.change, done_id);
    assert_eq!(undone.accounts, vec![northwind]);
    assert!(!undone.redo);
    assert_eq!(status(&path, task), ("open".into(), None));
    assert!(
        book.open_tasks(today())
            .unwrap()
            .iter()
            .any(|t| t.id == task)
    );

    let entry = &book.journal(1).unwrap()[0];
    assert_eq!(undone.written, vec![entry.id]);
    assert_eq!(entry.summary, "undone: task done: Call Maya");
    assert_eq!(
        (entry.actor.as_str(), entry.undoes),
        ("dana", Some(done_id))
    );
    assert_eq!(entry.after.as_ref().unwrap()["status"], "open");
}

#[test]
fn undoing_a_logged_touch_removes_it_and_the_accounts_health_comes_back() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let rules = HealthRules::default();
    let northwind = account(&book, "Northwind Traders");
    let ravi = contact(&book, northwind, "Ravi Patel");
    let score = |path: &Path| -> i64 {
        one(
            path,
            "SELECT score FROM account_health WHERE account_id = ?1",
            [northwind],
        )
    };
    let last_touch = |path: &Path| -> String {
        one(
            path,
            "SELECT last_touch_on FROM contacts WHERE id = ?1",
            [ravi],
        )
    };
    let (score_before, touched_before) = (score(&path), last_touch(&path));
    book.log_touch(
        &dana,
        northwind,
        &NewTouch {
            contact: Some(ravi),
            kind: InteractionKind::Call,
            on: today(),
            summary: "Renewal call booked".into(),
        },
    )
    .unwrap();
    book.recompute_account_health(&rules, northwind, today())
        .unwrap();
    let logged = book.journal(2).unwrap();
    assert_eq!(
        (logged[0].change_id, logged[1].change_id),
        (logged[1].id, logged[1].id),
        "the touch and the contact's last touch are one change"
    );
    assert!(
        score(&path) > score_before,
        "a touch with the champion helps"
    );
    assert_eq!(last_touch(&path), "2026-03-01");

    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(
        undone.summary,
        "logged a call with Ravi Patel on Northwind Traders"
    );
    assert_eq!(
        undone.written.len(),
        2,
        "the touch and the contact's last touch"
    );
    let touches: i64 = one(
        &path,
        "SELECT count(*) FROM interactions WHERE summary = 'Renewal call booked'",
        [],
    );
    assert_eq!(touches, 0);
    assert_eq!(last_touch(&path), touched_before);
    for a in &undone.accounts {
        book.recompute_account_health(&rules, *a, today()).unwrap();
    }
    assert_eq!(score(&path), score_before);
    assert!(
        !book
            .account_overview(northwind, 10)
            .unwrap()
            .touches
            .iter()
            .any(|t| t.summary == "Renewal call booked")
    );
}

#[test]
fn undoing_an_override_brings_back_the_one_it_replaced() {
    let mut book = common::sample_book();
    let dana = as_("dana");
    let globex = account(&book, "Globex Logistics");
    let request = |score, band, reason: &str| OverrideRequest {
        score,
        band,
        reason: reason.into(),
        expires_on: date("2026-04-01"),
    };
    book.set_override(
        &dana,
        globex,
        &request(Some(40), None, "exec left"),
        today(),
    )
    .unwrap();
    book.set_override(
        &dana,
        globex,
        &request(None, Some(HealthBand::Green), "new exec signed on"),
        today(),
    )
    .unwrap();
    let standing = |book: &Book| {
        book.active_override(globex, today())
            .unwrap()
            .map(|(_, o)| o)
    };
    assert_eq!(standing(&book).unwrap().band, Some(HealthBand::Green));

    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(
        undone.summary,
        "health overridden to green: new exec signed on"
    );
    assert_eq!(undone.accounts, vec![globex]);
    let back = standing(&book).expect("the replaced override stands again");
    assert_eq!((back.score, back.reason.as_str()), (Some(40), "exec left"));

    book.undo_last(&dana).unwrap();
    assert_eq!(standing(&book), None);
}

#[test]
fn undoing_a_motion_step_unticks_it_and_undoing_an_untick_ticks_it_again() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let umbrella = account(&book, "Umbrella Pharma");
    let contract: i64 = one(
        &path,
        "SELECT id FROM contracts WHERE account_id = ?1",
        [umbrella],
    );
    let steps = |path: &Path| -> Vec<(i64, String, String, String)> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut stmt = conn
            .prepare("SELECT id, step, done_on, done_by FROM renewal_steps WHERE contract_id = ?1")
            .unwrap();
        stmt.query_map([contract], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    assert!(
        book.mark_step(&dana, contract, Step::RiskReview, today())
            .unwrap()
    );
    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(
        undone.summary,
        "Umbrella Pharma: renewal step done: risk review"
    );
    assert_eq!(undone.accounts, vec![umbrella]);
    assert!(steps(&path).is_empty());

    let later = as_("ana");
    assert!(
        book.mark_step(&dana, contract, Step::RiskReview, date("2026-02-20"))
            .unwrap()
    );
    let ticked = steps(&path);
    assert_eq!(
        book.untick_last_step(&later, contract).unwrap(),
        Some(Step::RiskReview)
    );
    assert!(steps(&path).is_empty());
    book.undo_last(&later).unwrap();
    assert_eq!(
        steps(&path),
        ticked,
        "the same row: id, day and who ticked it"
    );
    assert_eq!(ticked[0].3, "dana");
}

#[test]
fn undoing_a_contact_edit_puts_the_field_back() {
    let mut book = common::sample_book();
    let dana = as_("dana");
    let globex = account(&book, "Globex Logistics");
    let maya = contact(&book, globex, "Maya Chen");
    let sentiment = |book: &Book| {
        book.stakeholders(globex)
            .unwrap()
            .into_iter()
            .find(|p| p.id == maya)
            .unwrap()
            .sentiment
    };
    book.edit_contact(
        &dana,
        maya,
        ContactEdit::Sentiment(Sentiment::Negative),
        today(),
    )
    .unwrap();
    assert_eq!(sentiment(&book), Sentiment::Negative);
    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(undone.summary, "Maya Chen: sentiment now negative");
    assert_eq!(sentiment(&book), Sentiment::Neutral);
}

#[test]
fn undoing_a_renewal_outcome_closes_no_term_and_puts_the_arr_back() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let hooli = account(&book, "Hooli Analytics");
    let contract: i64 = one(
        &path,
        "SELECT id FROM contracts WHERE account_id = ?1",
        [hooli],
    );
    let arr = |path: &Path| -> i64 {
        one(
            path,
            "SELECT arr_cents FROM accounts WHERE id = ?1",
            [hooli],
        )
    };
    let terms = |path: &Path| -> i64 {
        one(
            path,
            "SELECT count(*) FROM contracts WHERE account_id = ?1",
            [hooli],
        )
    };
    let arr_before = arr(&path);
    let next = book
        .record_outcome(
            &dana,
            contract,
            &Outcome {
                kind: RenewalOutcome::Upsold,
                on: today(),
                arr: Money::usd(26_500_050),
                reason: None,
                note: None,
            },
            today(),
        )
        .unwrap()
        .unwrap();
    assert_eq!((arr(&path), terms(&path)), (26_500_050, 2));

    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(undone.accounts, vec![hooli]);
    assert_eq!(
        undone.written.len(),
        3,
        "next term, account ARR, this term's outcome"
    );
    assert_eq!((arr(&path), terms(&path)), (arr_before, 1));
    let outcome: Option<String> = one(
        &path,
        "SELECT outcome FROM contracts WHERE id = ?1",
        [contract],
    );
    assert_eq!(outcome, None);
    let gone: i64 = one(
        &path,
        "SELECT count(*) FROM contracts WHERE id = ?1",
        [next],
    );
    assert_eq!(gone, 0);
}

#[test]
fn a_change_someone_changed_again_later_is_refused_saying_who() {
    let (_dir, path, mut book) = sample_on_disk();
    let (dana, ana) = (as_("dana"), as_("ana"));
    let northwind = account(&book, "Northwind Traders");
    let task = add_task(&mut book, &dana, northwind, "Call Maya");
    book.complete_task(&dana, task, today()).unwrap();
    let done = book.journal(1).unwrap()[0].id;
    let mia: i64 = one(
        &path,
        "SELECT id FROM team_members WHERE name = 'Mia Reyes'",
        [],
    );
    book.reassign_task(&ana, task, mia).unwrap();
    let reassigned = book.journal(1).unwrap()[0].id;
    let entries = journal_len(&book);

    let why = refusal(book.undo_last(&dana));
    assert_eq!(
        why,
        format!(
            "Cannot undo #{done} (task done: Call Maya): #{reassigned} by ana changed the same task later"
        )
    );
    assert_eq!(refusal(book.undo(&dana, done)), why);
    assert_eq!(status(&path, task).0, "done", "nothing was changed");
    assert_eq!(journal_len(&book), entries, "nothing was journaled");
}

#[test]
fn a_row_changed_outside_csm_since_is_refused() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let northwind = account(&book, "Northwind Traders");
    let task = add_task(&mut book, &dana, northwind, "Call Maya");
    book.complete_task(&dana, task, today()).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE tasks SET priority = 'low' WHERE id = ?1", [task])
        .unwrap();
    let why = refusal(book.undo_last(&dana));
    assert!(
        why.ends_with("the task \"Call Maya\" has changed since, by an import or another program"),
        "{why}"
    );
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM tasks WHERE id = ?1", [task])
        .unwrap();
    let why = refusal(book.undo_last(&dana));
    assert!(
        why.ends_with("the task \"Call Maya\" is no longer in the book"),
        "{why}"
    );
}

#[test]
fn undo_then_redo_puts_the_change_back_and_it_can_be_undone_again() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let northwind = account(&book, "Northwind Traders");
    let task = add_task(&mut book, &dana, northwind, "Call Maya");
    book.complete_task(&dana, task, today()).unwrap();
    book.undo_last(&dana).unwrap();
    assert_eq!(status(&path, task).0, "open");

    let redone = book.redo_last(&dana).unwrap();
    assert!(redone.redo);
    assert_eq!(redone.summary, "task done: Call Maya");
    assert_eq!(
        status(&path, task),
        ("done".into(), Some("2026-03-01".into()))
    );
    let entry = &book.journal(1).unwrap()[0];
    assert_eq!(entry.summary, "redone: task done: Call Maya");
    assert!(entry.redo);

    let why = refusal(book.redo_last(&dana));
    assert!(why.starts_with("Nothing to redo"), "{why}");
    book.undo_last(&dana).unwrap();
    assert_eq!(status(&path, task).0, "open", "undone again after the redo");
    book.redo_last(&dana).unwrap();
    assert_eq!(status(&path, task).0, "done", "and redone again");
}

#[test]
fn a_new_change_after_an_undo_clears_the_redo() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let northwind = account(&book, "Northwind Traders");
    let first = add_task(&mut book, &dana, northwind, "Call Maya");
    let second = add_task(&mut book, &dana, northwind, "Send the proposal");
    book.complete_task(&dana, first, today()).unwrap();
    book.undo_last(&dana).unwrap();
    // Someone else's change leaves dana's redo alone ...
    book.complete_task(&as_("ana"), second, today()).unwrap();
    book.redo_last(&dana).unwrap();
    assert_eq!(status(&path, first).0, "done");
    // ... dana's own new change clears it.
    book.undo_last(&dana).unwrap();
    add_task(&mut book, &dana, northwind, "Book the QBR");
    let why = refusal(book.redo_last(&dana));
    assert_eq!(
        why,
        "Nothing to redo: dana has undone nothing since their last change"
    );
    assert_eq!(status(&path, first).0, "open");
}

#[test]
fn undo_last_walks_back_through_two_changes_to_one_contact() {
    let mut book = common::sample_book();
    let dana = as_("dana");
    let globex = account(&book, "Globex Logistics");
    let maya = contact(&book, globex, "Maya Chen");
    let person = |book: &Book| {
        let p = book
            .stakeholders(globex)
            .unwrap()
            .into_iter()
            .find(|p| p.id == maya)
            .unwrap();
        (p.sentiment, p.role)
    };
    book.edit_contact(
        &dana,
        maya,
        ContactEdit::Sentiment(Sentiment::Positive),
        today(),
    )
    .unwrap();
    book.edit_contact(
        &dana,
        maya,
        ContactEdit::Role(ContactRole::Champion),
        today(),
    )
    .unwrap();
    assert_eq!(person(&book), (Sentiment::Positive, ContactRole::Champion));

    assert_eq!(
        book.undo_last(&dana).unwrap().summary,
        "Maya Chen: role now champion"
    );
    assert_eq!(
        person(&book),
        (Sentiment::Positive, ContactRole::ExecutiveSponsor)
    );
    assert_eq!(
        book.undo_last(&dana).unwrap().summary,
        "Maya Chen: sentiment now positive"
    );
    assert_eq!(
        person(&book),
        (Sentiment::Neutral, ContactRole::ExecutiveSponsor)
    );
    let why = refusal(book.undo_last(&dana));
    assert_eq!(
        why,
        "Nothing to undo: dana has no change in this book that is not undone already"
    );
}

#[test]
fn an_import_is_not_undone_this_way() {
    let mut book = common::sample_book();
    let import = book.journal(10).unwrap().pop().unwrap();
    assert_eq!(import.action, "import");
    let entries = journal_len(&book);
    let why = refusal(book.undo(&as_("dana"), import.id));
    assert_eq!(
        why,
        format!(
            "Cannot undo #{} ({}): it is an import, and imports are not undone this way; import a corrected file instead",
            import.id, import.summary
        )
    );
    // The sample book was loaded as "test": their last change is that import.
    assert_eq!(refusal(book.undo_last(&common::stamp())), why);
    assert_eq!(journal_len(&book), entries);
}

#[test]
fn a_change_undone_already_is_refused_the_second_time() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let northwind = account(&book, "Northwind Traders");
    let task = add_task(&mut book, &dana, northwind, "Call Maya");
    book.complete_task(&dana, task, today()).unwrap();
    let done = book.journal(1).unwrap()[0].id;
    let undo = book.undo(&dana, done).unwrap().written[0];
    let why = refusal(book.undo(&as_("ana"), done));
    assert_eq!(
        why,
        format!("Cannot undo #{done} (task done: Call Maya): #{undo} by dana undid it already")
    );
    assert_eq!(status(&path, task).0, "open");
    let why = refusal(book.undo(&dana, 999_999));
    assert!(why.starts_with("There is no change #999999"), "{why}");
}

#[test]
fn a_contact_added_is_not_undone_from_under_a_later_touch_or_a_contact_under_her() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let globex = account(&book, "Globex Logistics");
    let lena = book
        .add_contact(
            &dana,
            globex,
            &NewContact {
                name: "Lena Park".into(),
                title: None,
                role: ContactRole::Champion,
                reports_to: None,
            },
            today(),
        )
        .unwrap();
    let added = book.journal(1).unwrap()[0].id;
    book.log_touch(
        &dana,
        globex,
        &NewTouch {
            contact: Some(lena),
            kind: InteractionKind::Meeting,
            on: today(),
            summary: "Met the new champion".into(),
        },
    )
    .unwrap();
    let touched = book.journal(1).unwrap()[0].id;
    let why = refusal(book.undo(&dana, added));
    assert_eq!(
        why,
        format!(
            "Cannot undo #{added} (added Lena Park, champion): #{} by dana changed the same contact later",
            touched - 1
        ),
        "the touch moved her last touch"
    );
    // A contact who reports to her holds on to her too.
    book.add_contact(
        &dana,
        globex,
        &NewContact {
            name: "Sam Ortiz".into(),
            title: None,
            role: ContactRole::EndUser,
            reports_to: Some(lena),
        },
        today(),
    )
    .unwrap();
    let touch = touched - 1;
    book.undo(&dana, touch).unwrap();
    let why = refusal(book.undo(&dana, added));
    assert!(
        why.ends_with("1 contact refers to the contact \"Lena Park\" now"),
        "{why}"
    );
    let there: i64 = one(&path, "SELECT count(*) FROM contacts WHERE id = ?1", [lena]);
    assert_eq!(there, 1);
    // Once the contact under her is undone too, so can she be.
    book.undo_last(&dana).unwrap();
    book.undo_last(&dana).unwrap();
    let there: i64 = one(&path, "SELECT count(*) FROM contacts WHERE id = ?1", [lena]);
    assert_eq!(there, 0);
}

#[test]
fn an_older_books_journal_migrates_with_each_entry_a_change_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    drop(Book::open_at(&path, migrations::LATEST - 1).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (id, name, segment) VALUES (1, 'Northwind Traders', 'enterprise');
             INSERT INTO tasks (id, account_id, title, due_on, status, created_on, completed_on)
                 VALUES (7, 1, 'Call Maya', '2026-03-05', 'done', '2026-02-20', '2026-02-27');
             INSERT INTO change_journal (at, actor, action, entity, entity_id, summary, before, after)
             VALUES ('2026-02-20T09:00:00Z', 'dana', 'insert', 'tasks', 7, 'task added: Call Maya',
                     NULL, '{\"id\":7,\"account_id\":1,\"title\":\"Call Maya\",\"status\":\"open\",\"completed_on\":null}'),
                    ('2026-02-27T09:00:00Z', 'dana', 'update', 'tasks', 7, 'task done: Call Maya',
                     '{\"id\":7,\"account_id\":1,\"title\":\"Call Maya\",\"status\":\"open\",\"completed_on\":null}',
                     '{\"id\":7,\"account_id\":1,\"title\":\"Call Maya\",\"status\":\"done\",\"completed_on\":\"2026-02-27\"}');",
        )
        .unwrap();
    }
    let mut book = Book::open(&path).unwrap();
    let journal = book.journal(10).unwrap();
    assert!(
        journal
            .iter()
            .all(|e| e.change_id == e.id && e.undoes.is_none())
    );
    let undone = book.undo_last(&as_("dana")).unwrap();
    assert_eq!(undone.summary, "task done: Call Maya");
    assert_eq!(undone.accounts, vec![1]);
    assert_eq!(status(&path, 7), ("open".into(), None));
}

#[test]
fn two_processes_undoing_one_change_at_once_undo_it_once() {
    let (dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let northwind = account(&book, "Northwind Traders");
    let task = add_task(&mut book, &dana, northwind, "Call Maya");
    book.complete_task(&dana, task, today()).unwrap();
    let done = book.journal(1).unwrap()[0].id.to_string();
    drop(book);
    let children: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("csm"))
                .env_remove("CSM_DB")
                .env_remove("CSM_TODAY")
                .env_remove("CSM_CONFIG")
                .env("XDG_DATA_HOME", dir.path().join("data"))
                .env("XDG_CONFIG_HOME", dir.path().join("config"))
                .env("HOME", dir.path())
                .env("USER", "dana")
                .args([
                    "--db",
                    path.to_str().unwrap(),
                    "--today",
                    "2026-03-01",
                    "undo",
                    &done,
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let succeeded: Vec<_> = outputs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(
        succeeded.len(),
        1,
        "one undoes, the other is told it was undone"
    );
    let refused = outputs.iter().find(|o| !o.status.success()).unwrap();
    assert!(
        text(&refused.stderr).contains("undid it already"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(status(&path, task).0, "open");
    let undos: i64 = one(
        &path,
        "SELECT count(*) FROM change_journal WHERE undoes = ?1",
        [done.parse::<i64>().unwrap()],
    );
    assert_eq!(undos, 1);
}

/// `csm --db BOOK --today 2026-03-01 ARGS...` run as dana.
fn run_as_dana(dir: &Path, path: &Path, args: &[&str]) -> std::process::Output {
    csm(dir)
        .env("USER", "dana")
        .args(["--db", path.to_str().unwrap(), "--today", "2026-03-01"])
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn csm_undo_takes_back_your_last_change_or_the_one_named_and_says_why_not() {
    let (dir, path, book) = sample_on_disk();
    let northwind = account(&book, "Northwind Traders");
    drop(book);
    let dir = dir.path();
    let out = run_as_dana(
        dir,
        &path,
        &[
            "tasks",
            "add",
            "Northwind Traders",
            "Call Maya",
            "--due",
            "2026-03-05",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let task: i64 = one(&path, "SELECT id FROM tasks WHERE title = 'Call Maya'", []);
    assert!(
        run_as_dana(dir, &path, &["tasks", "done", &task.to_string()])
            .status
            .success()
    );

    // Without an id: dana's last change.
    let out = run_as_dana(dir, &path, &["undo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("undone: task done: Call Maya (change #"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(status(&path, task), ("open".into(), None));

    // With an id: a touch, whose account's health is recomputed.
    let score = || -> i64 {
        one(
            &path,
            "SELECT score FROM account_health WHERE account_id = ?1",
            [northwind],
        )
    };
    let before = score();
    let out = run_as_dana(
        dir,
        &path,
        &[
            "touch",
            "Northwind Traders",
            "Renewal call booked",
            "--with",
            "Ravi",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(score() > before);
    let logged: i64 = one(
        &path,
        "SELECT id FROM change_journal WHERE entity = 'interactions' ORDER BY id DESC LIMIT 1",
        [],
    );
    let journal = text(&run_as_dana(dir, &path, &["journal", "--limit", "3"]).stdout);
    assert!(journal.contains(&format!("#{logged} ")), "{journal}");
    let out = run_as_dana(dir, &path, &["undo", &logged.to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).lines().next().unwrap(),
        format!(
            "undone: logged a call with Ravi Patel on Northwind Traders (change #{logged}; journaled as #{}-#{})",
            logged + 2,
            logged + 3
        )
    );
    let touches: i64 = one(
        &path,
        "SELECT count(*) FROM interactions WHERE summary = 'Renewal call booked'",
        [],
    );
    assert_eq!(touches, 0);
    assert_eq!(score(), before, "health recomputed without the touch");

    // Again: refused in a sentence, with a failing exit.
    let out = run_as_dana(dir, &path, &["undo", &logged.to_string()]);
    assert!(!out.status.success());
    let why = text(&out.stderr);
    assert!(
        why.contains(&format!(
            "csm: Cannot undo #{logged} (logged a call with Ravi Patel on Northwind Traders): #"
        )),
        "{why}"
    );
    assert!(
        why.trim_end().ends_with("by dana undid it already"),
        "{why}"
    );
    assert_eq!(why.trim_end().lines().count(), 1);

    // And the redo puts it back.
    let out = run_as_dana(dir, &path, &["undo", "--redo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("redone: logged a call"));
    assert!(score() > before);
}

#[test]
fn undoing_a_forecast_and_a_goal_puts_their_numbers_back() {
    let (_dir, path, mut book) = sample_on_disk();
    let dana = as_("dana");
    let wonka = account(&book, "Wonka Confections");
    let contract: i64 = one(
        &path,
        "SELECT id FROM contracts WHERE account_id = ?1",
        [wonka],
    );
    book.set_forecast(
        &dana,
        contract,
        &Forecast {
            category: ForecastCategory::Downsell,
            confidence: ForecastConfidence::Likely,
            arr: Money::usd(5_000_050),
        },
    )
    .unwrap();
    let goal = book
        .add_goal(
            &dana,
            &NewGoal {
                account: wonka,
                title: "Fewer tickets".into(),
                metric: "tickets a week".into(),
                baseline: 12.3,
                target: 4.1,
                due_on: date("2026-06-30"),
            },
            today(),
        )
        .unwrap();
    book.update_goal(
        &dana,
        goal,
        7.7,
        Some(GoalStatus::OnTrack),
        date("2026-03-02"),
    )
    .unwrap();
    let goal_row = |path: &Path| -> (f64, String, String) {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.query_row(
            "SELECT current, status, updated_on FROM goals WHERE id = ?1",
            [goal],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    assert_eq!(
        goal_row(&path),
        (7.7, "on_track".into(), "2026-03-02".into())
    );

    assert_eq!(
        book.undo_last(&dana).unwrap().summary,
        "goal updated: Fewer tickets now 7.7"
    );
    assert_eq!(
        goal_row(&path),
        (12.3, "not_started".into(), "2026-03-01".into())
    );
    book.undo_last(&dana).unwrap();
    let goals: i64 = one(&path, "SELECT count(*) FROM goals WHERE id = ?1", [goal]);
    assert_eq!(goals, 0);

    let forecast = |path: &Path| -> (Option<String>, Option<String>, Option<i64>) {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.query_row(
            "SELECT forecast_category, forecast_confidence, forecast_arr_cents
             FROM contracts WHERE id = ?1",
            [contract],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    assert_eq!(
        forecast(&path),
        (
            Some("downsell".into()),
            Some("likely".into()),
            Some(5_000_050)
        )
    );
    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(undone.accounts, vec![wonka]);
    assert_eq!(forecast(&path), (None, None, None));
}

#[test]
fn undoing_a_snooze_of_a_today_item_brings_back_its_dismissal_then_the_item() {
    let mut book = common::sample_book();
    let dana = as_("dana");
    let scope = Scope::default();
    let globex = |book: &Book| {
        book.today_queue(
            &HealthRules::default(),
            &TodayRules::default(),
            &scope,
            today(),
        )
        .unwrap()
        .into_flat()
        .into_iter()
        .find(|i| i.account == "Globex Logistics" && i.kind == ItemKind::Renewal)
    };
    let item = globex(&book).expect("Globex's renewal is in the queue");
    book.put_away(&dana, &item, None, "", today()).unwrap();
    book.put_away(
        &dana,
        &item,
        Some(date("2026-03-10")),
        "waiting on legal",
        today(),
    )
    .unwrap();
    let until = |book: &Book| book.dismissals().unwrap().get(&item.key()).map(|d| d.until);
    assert_eq!(until(&book), Some(Some(date("2026-03-10"))));

    let undone = book.undo_last(&dana).unwrap();
    assert_eq!(
        undone.written.len(),
        2,
        "the snooze removed, the dismissal back"
    );
    assert_eq!(until(&book), Some(None), "dismissed again, without a day");
    assert!(globex(&book).is_none());
    book.undo_last(&dana).unwrap();
    assert_eq!(until(&book), None);
    assert!(globex(&book).is_some(), "back in the queue");
}
