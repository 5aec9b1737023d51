//! Ids that are the same in every book of a team: an imported row's is worked out from
//! its table and external id, so two people importing the same record apart hold the
//! same row; a row written in the cockpit gets a time-ordered one as it is written.

mod common;

use std::path::{Path, PathBuf};

use common::{stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::identity::{SHARED, imported_uid};
use uuid::Uuid;

/// The sample book, in a file of its own.
fn sample(dir: &Path, name: &str) -> (PathBuf, Book) {
    let path = dir.join(name);
    let book = common::fill(Book::open(&path).unwrap());
    (path, book)
}

/// Every shared row's (external id, uid) in `table`.
fn ids(path: &Path, table: &str, external: bool) -> Vec<(Option<String>, Option<String>)> {
    let ext = if external { "external_id" } else { "NULL" };
    rusqlite::Connection::open(path)
        .unwrap()
        .prepare(&format!("SELECT {ext}, uid FROM {table} ORDER BY id"))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn two_books_importing_the_same_records_apart_hold_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (sample(dir.path(), "a.db").0, sample(dir.path(), "b.db").0);
    let mut imported = 0;
    for (table, external) in SHARED.iter().filter(|(_, e)| *e) {
        let (in_a, in_b) = (ids(&a, table, true), ids(&b, table, true));
        for (ext, uid) in &in_a {
            let uid = uid
                .as_deref()
                .unwrap_or_else(|| panic!("{table} {ext:?} has no uid"));
            if let Some(ext) = ext {
                assert_eq!(uid, imported_uid(table, ext).to_string(), "{table} {ext}");
                assert!(
                    in_b.iter()
                        .any(|(e, u)| e.as_deref() == Some(ext) && u.as_deref() == Some(uid)),
                    "{table} {ext}: the same in both books"
                );
                imported += 1;
            }
        }
        assert!(*external);
    }
    assert!(imported > 50, "{imported}");
}

#[test]
fn a_row_written_in_the_cockpit_gets_a_time_ordered_id_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut book) = sample(dir.path(), "a.db");
    let hooli = book.find_account("Hooli Analytics").unwrap().unwrap().0;
    let touch = |summary: &str| csm_cockpit::book::account::NewTouch {
        contact: None,
        kind: csm_cockpit::domain::vocab::InteractionKind::Note,
        on: today(),
        summary: summary.into(),
    };
    let first = book
        .log_touch(&stamp(), hooli, &touch("Renewal call booked"))
        .unwrap();
    let second = book
        .log_touch(&stamp(), hooli, &touch("Agenda sent"))
        .unwrap();
    let uid = |id: i64| -> Uuid {
        let text: String = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("SELECT uid FROM interactions WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        Uuid::parse_str(&text).unwrap()
    };
    let (a, b) = (uid(first), uid(second));
    assert_ne!(a, b);
    for u in [a, b] {
        assert_eq!(u.get_version_num(), 7, "{u}");
        assert_eq!(u.get_variant(), uuid::Variant::RFC4122, "{u}");
        // Its first 48 bits are the time it was written, in milliseconds.
        let ms = (u.as_u128() >> 80) as i64;
        let now = chrono::Utc::now().timestamp_millis();
        assert!((now - ms).abs() < 60_000, "{u}: {ms} against {now}");
    }
}

#[test]
fn an_older_book_gets_its_ids_when_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    drop(Book::open_at(&path, 21).unwrap());
    {
        // Rows as an older csm wrote them: imported ones, and one made by hand.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO team_members (external_id, name, role) VALUES ('tm-1', 'Dana Okafor', 'csm');
             INSERT INTO accounts (external_id, name, segment, arr_cents) VALUES ('0015g00000ABC', 'Northwind', 'enterprise', 100);
             INSERT INTO accounts (external_id, name, segment, arr_cents) VALUES (NULL, 'Globex', 'smb', 100);
             INSERT INTO contacts (external_id, account_id, name, role) VALUES ('c-1', 1, 'Ana Ruiz', 'champion');",
        )
        .unwrap();
    }
    drop(Book::open(&path).unwrap());
    let mut seen = 0;
    for (table, external) in SHARED {
        for (ext, uid) in ids(&path, table, *external) {
            let uid = uid.unwrap_or_else(|| panic!("{table} {ext:?} has no uid"));
            match ext {
                Some(ext) => assert_eq!(uid, imported_uid(table, &ext).to_string()),
                None => assert_eq!(Uuid::parse_str(&uid).unwrap().get_version_num(), 7),
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 4);
}
