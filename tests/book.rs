//! The book on disk: creating, refusing, migrating, and the one write path with its journal.

use std::path::Path;

use chrono::NaiveDate;
use csm_cockpit::book::write::Entity;
use csm_cockpit::book::{Book, BookError, Stamp, migrations};

fn stamp() -> Stamp {
    Stamp {
        actor: "dana".into(),
        at: NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
    }
}

fn add_account(book: &mut Book, name: &str) -> i64 {
    book.write(&stamp(), |c| {
        c.insert(
            Entity::Account,
            &[
                ("name", &name),
                ("segment", &"enterprise"),
                ("arr_cents", &12_000_000_i64),
            ],
            &format!("added {name}"),
        )
    })
    .unwrap()
}

#[test]
fn a_new_book_is_private_at_the_latest_version_and_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/book.db");
    let book = Book::open(&path).unwrap();
    assert_eq!(book.schema_version().unwrap(), migrations::LATEST);
    assert_eq!(book.integrity_check().unwrap(), ["ok"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a book holds customer data");
    }
    let tables: Vec<&str> = book.row_counts().unwrap().iter().map(|(t, _)| *t).collect();
    for t in [
        "accounts",
        "contracts",
        "usage_weeks",
        "contacts",
        "tasks",
        "health_overrides",
        "goals",
    ] {
        assert!(tables.contains(&t), "{t}");
    }
}

#[test]
fn a_file_that_is_not_a_book_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Northwind renewal notes: call Maya on Tuesday\n").unwrap();
    let err = Book::open(&path).err().expect("refused");
    assert!(matches!(err, BookError::NotABook { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("is not a csm book: it is not an SQLite database"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Northwind renewal notes: call Maya on Tuesday\n"
    );
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Book::open(&path).err().expect("refused");
    assert!(err.to_string().contains("another program wrote"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_book_from_a_newer_csm_is_refused_in_one_line_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    drop(Book::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrations::LATEST + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Book::open(&path).err().expect("refused");
    let message = err.to_string();
    assert!(message.contains("written by a newer csm"), "{message}");
    assert!(!message.contains('\n'));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_older_book_is_backed_up_then_migrated_keeping_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    {
        let book = Book::open_at(&path, 1).unwrap();
        assert_eq!(book.schema_version().unwrap(), 1);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO accounts (name, segment, arr_cents) VALUES ('Northwind Traders', 'enterprise', 124000000)",
            [],
        )
        .unwrap();
        drop(book);
    }
    let mut book = Book::open(&path).unwrap();
    assert_eq!(book.schema_version().unwrap(), migrations::LATEST);
    assert_eq!(book.portfolio().unwrap()[0].name, "Northwind Traders");
    // The journal arrived with the migration and works.
    add_account(&mut book, "Globex Logistics");
    assert_eq!(book.journal(10).unwrap().len(), 1);

    let backup = dir.path().join("book.db.v1.bak");
    assert!(backup.exists(), "a copy is taken before migrating");
    let old = Book::open_at(&backup, 1).unwrap();
    assert_eq!(old.schema_version().unwrap(), 1);
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let accounts: i64 = conn
        .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(accounts, 1, "the copy holds the book as it was");
}

#[test]
fn every_write_lands_with_its_journal_entry_before_and_after() {
    let mut book = Book::open_in_memory().unwrap();
    let id = add_account(&mut book, "Northwind Traders");
    book.write(&stamp(), |c| {
        c.set(Entity::Account, id, "licensed_seats", &60i64, "seats to 60")
    })
    .unwrap();
    let journal = book.journal(10).unwrap();
    assert_eq!(journal.len(), 2);
    let update = &journal[0];
    assert_eq!(
        (update.actor.as_str(), update.action.as_str()),
        ("dana", "update")
    );
    assert_eq!(update.at, "2026-03-01T09:30:00Z");
    assert_eq!(
        (update.entity.as_str(), update.entity_id),
        ("accounts", Some(id))
    );
    assert_eq!(
        update.before.as_ref().unwrap()["licensed_seats"],
        serde_json::Value::Null
    );
    assert_eq!(update.after.as_ref().unwrap()["licensed_seats"], 60);
    assert_eq!(journal[1].action, "insert");
    assert_eq!(
        journal[1].after.as_ref().unwrap()["name"],
        "Northwind Traders"
    );
}

#[test]
fn a_failed_write_keeps_neither_the_change_nor_its_journal_entry() {
    let mut book = Book::open_in_memory().unwrap();
    let id = add_account(&mut book, "Northwind Traders");
    let result = book.write(&stamp(), |c| {
        c.set(Entity::Account, id, "licensed_seats", &60i64, "seats to 60")?;
        c.set(Entity::Account, id, "segment", &"platinum", "not a segment")
    });
    assert!(result.is_err(), "the schema refuses an unknown segment");
    assert_eq!(book.journal(10).unwrap().len(), 1, "only the insert");
    assert_eq!(book.portfolio().unwrap()[0].licensed_seats, None);
}

#[test]
fn a_field_the_table_does_not_have_is_refused() {
    let mut book = Book::open_in_memory().unwrap();
    let id = add_account(&mut book, "Northwind Traders");
    let err = book
        .write(&stamp(), |c| {
            c.set(Entity::Account, id, "name; DROP TABLE accounts", &"x", "x")
        })
        .unwrap_err();
    assert!(err.to_string().contains("has no field"), "{err}");
    assert_eq!(book.portfolio().unwrap().len(), 1);
}

#[test]
fn an_empty_file_becomes_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, "").unwrap();
    let book = Book::open(Path::new(&path)).unwrap();
    assert_eq!(book.schema_version().unwrap(), migrations::LATEST);
}
