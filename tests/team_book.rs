//! The team book on a real PostgreSQL server: the one the `PG*` variables name (as
//! `pg_virtualenv` sets them). Without one these tests say so and pass, unless `CI=true`,
//! where they fail: CI always has a server.

mod common;
#[path = "common/team_server.rs"]
mod team_server;

use team_server::{Scratch, server};

use csm_cockpit::team_book::{Address, TeamBookError, connect};

#[test]
fn the_team_book_is_reached_with_the_environments_login() {
    let Some(address) = server() else { return };
    let mut client = connect(&address).unwrap();
    let one: i32 = client.query_one("SELECT 1", &[]).unwrap().get(0);
    assert_eq!(one, 1);
}

#[test]
fn a_wrong_password_is_refused_and_never_said() {
    let Some(address) = server() else { return };
    let wrong = "not-the-password-8c1f";
    let mut client = connect(&address).unwrap();
    client
        .batch_execute("DROP ROLE IF EXISTS csm_wrong_login; CREATE ROLE csm_wrong_login LOGIN PASSWORD 'right-one-77'")
        .unwrap();
    let someone = Address {
        user: "csm_wrong_login".into(),
        ..address.clone()
    };
    let Err(err) = csm_cockpit::team_book::connect_with(&someone, Some(wrong)) else {
        panic!("a wrong password let {someone} in");
    };
    let said = err.to_string();
    assert!(matches!(err, TeamBookError::Unreachable { .. }), "{said}");
    assert!(
        !said.contains(wrong) && !said.contains("right-one-77"),
        "{said}"
    );
    assert!(said.contains("postgres://csm_wrong_login@"), "{said}");
}

#[test]
fn the_team_books_tables_mirror_the_local_books_keyed_by_uid() {
    let Some(server) = server() else { return };
    let scratch = Scratch::new(&server, "schema");
    let book = common::sample_book();
    let mut client = connect(&scratch.address).unwrap();
    csm_cockpit::team_book::schema::create(&mut client, &book, &scratch.address.to_string())
        .unwrap();

    let columns = |client: &mut postgres::Client, table: &str| -> Vec<(String, String)> {
        client
            .query(
                "SELECT column_name::text, data_type::text FROM information_schema.columns
                 WHERE table_name = $1 ORDER BY ordinal_position",
                &[&table],
            )
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect()
    };
    let accounts = columns(&mut client, "accounts");
    let has = |cols: &[(String, String)], name: &str, ty: &str| {
        cols.iter().any(|(n, t)| n == name && t == ty)
    };
    assert!(has(&accounts, "uid", "uuid"), "{accounts:?}");
    assert!(has(&accounts, "row_version", "bigint"));
    assert!(
        has(&accounts, "owner_uid", "uuid"),
        "the owner by their uid"
    );
    assert!(has(&accounts, "arr_cents", "bigint") && has(&accounts, "name", "text"));
    assert!(
        !accounts.iter().any(|(n, _)| n == "id" || n == "owner_id"),
        "{accounts:?}"
    );
    let tasks = columns(&mut client, "tasks");
    assert!(
        !tasks.iter().any(|(n, _)| n.starts_with("playbook_run")),
        "a local run stays local"
    );
    // The owner must be a team member of the team book.
    let refused = client.batch_execute(
        "INSERT INTO accounts (uid, name, owner_uid) VALUES (gen_random_uuid(), 'Northwind', gen_random_uuid())",
    );
    assert!(refused.is_err(), "a reference to no one");
    let version: String = client
        .query_one(
            "SELECT value FROM csm_meta WHERE key = 'schema_version'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(version, book.schema_version().unwrap().to_string());
    // A second time, the database is refused and left as it was.
    let err =
        csm_cockpit::team_book::schema::create(&mut client, &book, &scratch.address.to_string())
            .unwrap_err();
    assert!(
        err.to_string().contains("already holds a team book"),
        "{err}"
    );
}

#[test]
fn init_copies_every_shared_row_with_its_references_as_uids_in_one_go() {
    let Some(server) = server() else { return };
    let scratch = Scratch::new(&server, "init");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut book = common::fill(csm_cockpit::book::Book::open(&path).unwrap());
    // A note with what COPY's text would misread: a tab, a line break, a backslash.
    let summary = "Call:\tagenda sent\nnext steps \\ pricing";
    let hooli = book.find_account("Hooli Analytics").unwrap().unwrap().0;
    let touch = csm_cockpit::book::account::NewTouch {
        contact: None,
        kind: csm_cockpit::domain::vocab::InteractionKind::Note,
        on: common::today(),
        summary: summary.into(),
    };
    book.log_touch(&common::stamp(), hooli, &touch).unwrap();
    let mut client = connect(&scratch.address).unwrap();
    let shown = scratch.address.to_string();
    let copied = csm_cockpit::team_book::init::init(&mut client, &book, &shown).unwrap();

    let local = rusqlite::Connection::open(&path).unwrap();
    for (table, n) in &copied.tables {
        let here: i64 = local
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        let there: i64 = client
            .query_one(&format!("SELECT count(*) FROM {table}"), &[])
            .unwrap()
            .get(0);
        assert_eq!((here, there), (*n as i64, *n as i64), "{table}");
    }
    assert!(copied.rows() > 50, "{}", copied.rows());
    // An account's owner, by uid, is the same person in both books.
    let (uid, owner): (String, String) = local
        .query_row(
            "SELECT a.uid, m.uid FROM accounts a JOIN team_members m ON m.id = a.owner_id
             WHERE a.name = 'Hooli Analytics'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let there: String = client
        .query_one(
            "SELECT owner_uid::text FROM accounts WHERE uid = $1::text::uuid",
            &[&uid],
        )
        .unwrap()
        .get(0);
    assert_eq!(there, owner);
    // Text that COPY would misread arrives as it was.
    let summary: String = local
        .query_row(
            "SELECT summary FROM interactions ORDER BY length(summary) DESC",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let there: i64 = client
        .query_one(
            "SELECT count(*) FROM interactions WHERE summary = $1",
            &[&summary],
        )
        .unwrap()
        .get(0);
    assert_eq!(there, 1, "{summary}");
    // Made once: a second time is refused, and the team book is as it was.
    let err = csm_cockpit::team_book::init::init(&mut client, &book, &shown).unwrap_err();
    assert!(
        err.to_string().contains("already holds a team book"),
        "{err}"
    );
}

#[test]
fn csm_team_book_init_says_what_it_copied_and_never_the_password() {
    let Some(server) = server() else { return };
    let scratch = Scratch::new(&server, "cli");
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_book(dir.path(), 60, 3);
    let url = format!(
        "postgres://{}@{}:{}/{}",
        scratch.address.user, scratch.address.host, scratch.address.port, scratch.address.database
    );
    let out = common::csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["team-book", "init", &url])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.starts_with(&format!("made the team book at {url} from ")),
        "{stdout}"
    );
    assert!(stdout.contains("accounts"), "{stdout}");
    if let Ok(password) = std::env::var("PGPASSWORD") {
        assert!(!stdout.contains(&password) && !stderr.contains(&password));
    }
    let kept: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT value FROM book_meta WHERE key = 'team_book'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, url);
    // An address holding a password is refused before anything is reached.
    let out = common::csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["team-book", "init", "postgres://dana:s3cret@localhost/team"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("holds a password") && !stderr.contains("s3cret"),
        "{stderr}"
    );
}
