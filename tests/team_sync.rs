//! Syncing with the team book on a real PostgreSQL server: a team of three (Jordan Lee,
//! the manager; Dana Okafor and Mia Reyes, CSMs), each with a login of their own and a
//! book joined from the team book, working apart and syncing.

mod common;
#[path = "common/team_server.rs"]
mod team_server;

use std::path::{Path, PathBuf};

use common::{csm, stamp};
use csm_cockpit::book::Book;
use csm_cockpit::book::team_sync::conflicts::Keep;
use csm_cockpit::book::team_sync::outbox;
use csm_cockpit::book::write::Entity;
use csm_cockpit::team_book::sync::{Synced, shape, sync};
use csm_cockpit::team_book::{Address, connect, connect_with, init::init, join::join, members};
use rusqlite::types::Value;
use team_server::{Scratch, server};

/// The three people, by login stem and team member name.
const PEOPLE: [(&str, &str, bool); 3] = [
    ("lee", "Jordan Lee", true),
    ("dana", "Dana Okafor", false),
    ("mia", "Mia Reyes", false),
];

/// A team book made from the sample book, with a login for each person.
struct Team {
    scratch: Scratch,
    dir: tempfile::TempDir,
    tag: String,
}

impl Team {
    fn new(server: &Address, name: &str) -> Team {
        let scratch = Scratch::new(server, name);
        let dir = tempfile::tempdir().unwrap();
        let first = common::fill(Book::open(&dir.path().join("first.db")).unwrap());
        let shown = scratch.address.to_string();
        let mut admin = connect(&scratch.address).unwrap();
        init(&mut admin, &first, &shown).unwrap();
        let tag = format!("{name}_{}", std::process::id());
        let team = Team { scratch, dir, tag };
        for (who, member, manager) in PEOPLE {
            let login = team.login(who);
            admin
                .batch_execute(&format!(
                    "DROP ROLE IF EXISTS {login}; CREATE ROLE {login} LOGIN PASSWORD '{}'",
                    team.password(who)
                ))
                .unwrap();
            members::add(&mut admin, &login, member, manager, &shown).unwrap();
        }
        team
    }

    fn login(&self, who: &str) -> String {
        format!("csm_{who}_{}", self.tag)
    }

    fn password(&self, who: &str) -> String {
        format!("pw-{who}-{}", self.tag)
    }

    fn address(&self, who: &str) -> Address {
        Address {
            user: self.login(who),
            ..self.scratch.address.clone()
        }
    }

    fn client(&self, who: &str) -> postgres::Client {
        connect_with(&self.address(who), Some(&self.password(who))).unwrap()
    }

    /// `who`'s own book, joined from the team book as it is now.
    fn join(&self, who: &str) -> (PathBuf, Book) {
        let path = self.dir.path().join(format!("{who}.db"));
        let mut book = Book::open(&path).unwrap();
        let address = self.address(who);
        join(
            &mut self.client(who),
            &mut book,
            &address.to_string(),
            &address.to_string(),
        )
        .unwrap();
        (path, book)
    }

    fn sync(&self, who: &str, book: &mut Book) -> Synced {
        sync(&mut self.client(who), book, &self.address(who).to_string()).unwrap()
    }

    /// Imports the same export (`{northwind}` standing for Northwind's external id) of
    /// `kind` into both books, with the command line, as of `today`.
    fn import_on_both(&self, books: [&PathBuf; 2], kind: &str, today: &str, export: &str) {
        let northwind = text(
            books[0],
            "SELECT external_id FROM accounts WHERE name = 'Northwind Traders'",
        );
        let csv = self.dir.path().join(format!("{kind}.csv"));
        std::fs::write(&csv, export.replace("{northwind}", &northwind)).unwrap();
        for path in books {
            csm(self.dir.path())
                .arg("--db")
                .arg(path)
                .args(["--today", today, "import", kind])
                .arg(&csv)
                .assert()
                .success();
        }
    }

    /// A query on the team book, as its owner.
    fn team_rows(&self, sql: &str) -> Vec<postgres::Row> {
        connect(&self.scratch.address)
            .unwrap()
            .query(sql, &[])
            .unwrap()
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        if let Ok(mut admin) = connect(&self.scratch.address) {
            for (who, _, _) in PEOPLE {
                let login = self.login(who);
                let _ = admin.batch_execute(&format!("DROP OWNED BY {login}; DROP ROLE {login}"));
            }
        }
    }
}

/// One value of a book's row found by another column.
fn value(path: &Path, sql: &str) -> Value {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn text(path: &Path, sql: &str) -> String {
    match value(path, sql) {
        Value::Text(t) => t,
        other => format!("{other:?}"),
    }
}

/// The local id of the account named `name`.
fn account(path: &Path, name: &str) -> i64 {
    match value(
        path,
        &format!("SELECT id FROM accounts WHERE name = '{name}'"),
    ) {
        Value::Integer(id) => id,
        other => panic!("{name}: {other:?}"),
    }
}

fn industry(path: &Path, name: &str) -> String {
    text(
        path,
        &format!("SELECT industry FROM accounts WHERE name = '{name}'"),
    )
}

fn set_industry(book: &mut Book, path: &Path, name: &str, to: &str) {
    let id = account(path, name);
    book.write(&stamp(), |change| {
        change.set(Entity::Account, id, "industry", &to, "industry")
    })
    .unwrap();
}

#[test]
fn offline_edits_on_both_sides_meet_after_a_sync_and_reach_the_manager() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "offline");
    let (dana_path, mut dana) = team.join("dana");
    let (mia_path, mut mia) = team.join("mia");
    // Both work offline.
    set_industry(&mut dana, &dana_path, "Northwind Traders", "Freight");
    set_industry(&mut mia, &mia_path, "Globex Logistics", "Shipping");
    assert_eq!(outbox::pending(&dana).unwrap(), 1);

    let d = team.sync("dana", &mut dana);
    assert_eq!((d.pushed, d.pulled), (1, 0), "{d:?}");
    let m = team.sync("mia", &mut mia);
    assert_eq!((m.pushed, m.pulled, m.applied.rows), (1, 1, 1), "{m:?}");
    let d = team.sync("dana", &mut dana);
    assert_eq!((d.pushed, d.pulled, d.applied.rows), (0, 1, 1), "{d:?}");
    for path in [&dana_path, &mia_path] {
        assert_eq!(industry(path, "Northwind Traders"), "Freight");
        assert_eq!(industry(path, "Globex Logistics"), "Shipping");
    }
    assert_eq!(outbox::pending(&dana).unwrap(), 0, "nothing left to push");
    // The team's change is journaled here as the one who made it.
    let by = text(
        &mia_path,
        "SELECT actor FROM change_journal WHERE entity = 'accounts' ORDER BY id DESC LIMIT 1",
    );
    assert_eq!(by, "Dana Okafor");
    // And the manager, joining now or syncing later, sees every CSM's edits.
    let (lee_path, _) = team.join("lee");
    assert_eq!(industry(&lee_path, "Northwind Traders"), "Freight");
    assert_eq!(industry(&lee_path, "Globex Logistics"), "Shipping");
}

#[test]
fn the_same_field_changed_on_both_sides_is_a_conflict_kept_and_resolved_either_way() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "conflict");
    let (dana_path, mut dana) = team.join("dana");
    let (lee_path, mut lee) = team.join("lee");
    set_industry(&mut dana, &dana_path, "Northwind Traders", "Freight");
    set_industry(&mut lee, &lee_path, "Northwind Traders", "Rail");
    team.sync("dana", &mut dana);
    let l = team.sync("lee", &mut lee);
    // The later push wins, and the conflict is kept with both values and both people.
    assert_eq!(l.conflicts.len(), 1, "{l:?}");
    let open = lee.open_conflicts().unwrap();
    assert_eq!(open.len(), 1);
    let c = &open[0];
    assert_eq!(
        (c.field.as_str(), c.mine.as_str(), c.theirs.as_str()),
        ("industry", Some("Rail"), Some("Freight"))
    );
    assert_eq!(
        c.their_actor.as_deref(),
        Some("Dana Okafor"),
        "both people, by name"
    );
    let kept = team.team_rows("SELECT industry FROM accounts WHERE name = 'Northwind Traders'");
    assert_eq!(kept[0].get::<_, String>(0), "Rail");
    team.sync("dana", &mut dana);
    assert_eq!(industry(&dana_path, "Northwind Traders"), "Rail");

    // Keep theirs: a new change that puts Dana's value back, everywhere.
    let tables = shape(&lee, "test").unwrap();
    lee.resolve_conflict(c.id, Keep::Theirs, &tables, &stamp())
        .unwrap();
    assert_eq!(industry(&lee_path, "Northwind Traders"), "Freight");
    assert!(lee.open_conflicts().unwrap().is_empty());
    let l = team.sync("lee", &mut lee);
    assert!(
        l.conflicts.is_empty(),
        "putting theirs back is no new conflict: {l:?}"
    );
    team.sync("dana", &mut dana);
    assert_eq!(industry(&dana_path, "Northwind Traders"), "Freight");
    let told = team.team_rows("SELECT resolved FROM conflicts");
    assert_eq!(
        told[0].get::<_, Option<String>>(0).as_deref(),
        Some("theirs")
    );

    // Keep mine: the row stays, the team book is told.
    set_industry(&mut dana, &dana_path, "Northwind Traders", "Air");
    set_industry(&mut lee, &lee_path, "Northwind Traders", "Sea");
    team.sync("dana", &mut dana);
    team.sync("lee", &mut lee);
    let c = lee.open_conflicts().unwrap().remove(0);
    lee.resolve_conflict(c.id, Keep::Mine, &tables, &stamp())
        .unwrap();
    assert_eq!(industry(&lee_path, "Northwind Traders"), "Sea");
    team.sync("lee", &mut lee);
    let told = team.team_rows("SELECT resolved FROM conflicts ORDER BY id");
    assert_eq!(told[1].get::<_, Option<String>>(0).as_deref(), Some("mine"));
}

#[test]
fn a_push_retried_after_its_answer_was_lost_is_applied_once() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "retry");
    let (dana_path, mut dana) = team.join("dana");
    set_industry(&mut dana, &dana_path, "Northwind Traders", "Freight");
    // The push lands, but its answer never comes back: the outbox still holds it.
    let tables = shape(&dana, "test").unwrap();
    let sent = outbox::read(&mut dana, &tables).unwrap();
    let ops: Vec<_> = sent.iter().map(|o| &o.op).collect();
    let ops = serde_json::to_string(&ops).unwrap();
    let version = dana.schema_version().unwrap() as i32;
    team.client("dana")
        .query_one(
            "SELECT csm_push($1::text::jsonb, $2)::text",
            &[&ops, &version],
        )
        .unwrap();
    let again = team.sync("dana", &mut dana);
    assert_eq!((again.pushed, again.already), (0, 1), "{again:?}");
    let logged = team.team_rows("SELECT count(*) FROM change_log");
    assert_eq!(logged[0].get::<_, i64>(0), 1, "applied once");
    assert_eq!(outbox::pending(&dana).unwrap(), 0);
}

#[test]
fn two_pushers_at_once_both_land_in_one_order() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "pushers");
    let (dana_path, mut dana) = team.join("dana");
    let (mia_path, mut mia) = team.join("mia");
    let edits = |book: &mut Book, path: &Path, names: &[&str], who: &str| {
        for round in 0..20 {
            for name in names {
                set_industry(book, path, name, &format!("{who} {round}"));
            }
        }
    };
    edits(
        &mut dana,
        &dana_path,
        &["Northwind Traders", "Initech Health"],
        "dana",
    );
    edits(
        &mut mia,
        &mia_path,
        &["Globex Logistics", "Hooli Analytics"],
        "mia",
    );
    let pusher = |who: &str| {
        let (address, password) = (team.address(who), team.password(who));
        move |book: &mut Book| {
            let mut client = connect_with(&address, Some(&password)).unwrap();
            sync(&mut client, book, &address.to_string()).unwrap()
        }
    };
    let (push_dana, push_mia) = (pusher("dana"), pusher("mia"));
    std::thread::scope(|s| {
        let a = s.spawn(|| push_dana(&mut dana));
        let b = s.spawn(|| push_mia(&mut mia));
        let (a, b) = (a.join().unwrap(), b.join().unwrap());
        assert_eq!(a.pushed + b.pushed, 4, "{a:?} {b:?}");
    });
    team.sync("dana", &mut dana);
    team.sync("mia", &mut mia);
    let positions = team.team_rows("SELECT count(*), max(position) FROM change_log");
    assert_eq!(positions[0].get::<_, i64>(0), 4);
    assert_eq!(positions[0].get::<_, i64>(1), 4, "no position skipped");
    for path in [&dana_path, &mia_path] {
        assert_eq!(industry(path, "Initech Health"), "dana 19");
        assert_eq!(industry(path, "Hooli Analytics"), "mia 19");
    }
}

#[test]
fn the_same_record_imported_on_each_side_is_one_row() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "import");
    let (dana_path, dana) = team.join("dana");
    let (lee_path, lee) = team.join("lee");
    drop((dana, lee));
    team.import_on_both(
        [&dana_path, &lee_path],
        "contacts",
        "2026-03-01",
        "Record ID,First Name,Last Name,Job Title,Associated Company IDs\nc-77,Zephyrine,Quill,Director,{northwind}\n",
    );
    let (mut dana, mut lee) = (
        Book::open(&dana_path).unwrap(),
        Book::open(&lee_path).unwrap(),
    );
    team.sync("dana", &mut dana);
    let l = team.sync("lee", &mut lee);
    assert!(
        l.conflicts.is_empty(),
        "the same record is no conflict: {l:?}"
    );
    team.sync("dana", &mut dana);
    let in_team = team.team_rows("SELECT count(*) FROM contacts WHERE name = 'Zephyrine Quill'");
    assert_eq!(in_team[0].get::<_, i64>(0), 1);
    for path in [&dana_path, &lee_path] {
        let n = value(
            path,
            "SELECT count(*) FROM contacts WHERE name = 'Zephyrine Quill'",
        );
        assert_eq!(n, Value::Integer(1));
    }
    // Each book ran the same playbooks on the same facts as it opened: one task each.
    let twice = team.team_rows(
        "SELECT count(*) FROM (SELECT account_uid, title FROM tasks WHERE status = 'open'
         GROUP BY account_uid, title, due_on HAVING count(*) > 1) t",
    );
    assert_eq!(twice[0].get::<_, i64>(0), 0, "a task made twice");
}

#[test]
fn a_delete_racing_an_edit_is_kept_as_a_conflict_either_way_round() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "delete");
    let (dana_path, mut dana) = team.join("dana");
    let (lee_path, mut lee) = team.join("lee");
    let contact = |path: &Path, n: i64| -> (i64, String) {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.query_row(
            "SELECT c.id, c.uid FROM contacts c JOIN accounts a ON a.id = c.account_id
             WHERE a.name = 'Northwind Traders' ORDER BY c.uid LIMIT 1 OFFSET ?1",
            [n],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    let id_of = |path: &Path, uid: &str| -> i64 {
        match value(
            path,
            &format!("SELECT id FROM contacts WHERE uid = '{uid}'"),
        ) {
            Value::Integer(id) => id,
            other => panic!("{other:?}"),
        }
    };
    // The edit lands first, then the delete: the delete wins, the edit is the conflict.
    let (dana_id, uid) = contact(&dana_path, 0);
    let lee_id = id_of(&lee_path, &uid);
    lee.write(&stamp(), |c| {
        c.set(Entity::Contact, lee_id, "title", &"COO", "title")
    })
    .unwrap();
    team.sync("lee", &mut lee);
    dana.write(&stamp(), |c| c.delete(Entity::Contact, dana_id, "removed"))
        .unwrap();
    let d = team.sync("dana", &mut dana);
    assert_eq!(d.conflicts.len(), 1, "{d:?}");
    assert_eq!(d.conflicts[0].field, "(row)");
    let gone = team.team_rows(&format!(
        "SELECT deleted_at IS NOT NULL FROM contacts WHERE uid = '{uid}'"
    ));
    assert!(gone[0].get::<_, bool>(0), "soft-deleted in the team book");
    team.sync("lee", &mut lee);
    let left = value(
        &lee_path,
        &format!("SELECT count(*) FROM contacts WHERE uid = '{uid}'"),
    );
    assert_eq!(left, Value::Integer(0));
    // Dana keeps Jordan's edit after all: the row comes back, as he left it, everywhere.
    let tables = shape(&dana, "test").unwrap();
    let c = dana.open_conflicts().unwrap().remove(0);
    dana.resolve_conflict(c.id, Keep::Theirs, &tables, &stamp())
        .unwrap();
    team.sync("dana", &mut dana);
    let title = format!("SELECT title FROM contacts WHERE uid = '{uid}'");
    assert_eq!(
        text(&dana_path, &title),
        "COO",
        "the row is back with his edit"
    );
    team.sync("lee", &mut lee);
    assert_eq!(text(&lee_path, &title), "COO");

    // The delete lands first, then the edit: the edit wins and brings the row back.
    let (dana_id, uid) = contact(&dana_path, 1);
    let lee_id = id_of(&lee_path, &uid);
    dana.write(&stamp(), |c| c.delete(Entity::Contact, dana_id, "removed"))
        .unwrap();
    team.sync("dana", &mut dana);
    lee.write(&stamp(), |c| {
        c.set(Entity::Contact, lee_id, "title", &"CFO", "title")
    })
    .unwrap();
    let l = team.sync("lee", &mut lee);
    assert_eq!(l.conflicts.len(), 1, "{l:?}");
    team.sync("dana", &mut dana);
    let back = text(
        &dana_path,
        &format!("SELECT title FROM contacts WHERE uid = '{uid}'"),
    );
    assert_eq!(back, "CFO");
    // Jordan keeps Dana's removal after all: the row goes, here and in the team book.
    let c = lee.open_conflicts().unwrap().remove(0);
    lee.resolve_conflict(c.id, Keep::Theirs, &tables, &stamp())
        .unwrap();
    let gone = format!("SELECT count(*) FROM contacts WHERE uid = '{uid}'");
    assert_eq!(value(&lee_path, &gone), Value::Integer(0));
    team.sync("lee", &mut lee);
    let deleted = team.team_rows(&format!(
        "SELECT deleted_at IS NOT NULL FROM contacts WHERE uid = '{uid}'"
    ));
    assert!(
        deleted[0].get::<_, bool>(0),
        "removed in the team book again"
    );
}

#[test]
fn a_member_on_an_older_schema_is_refused_and_told_to_upgrade() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "older");
    let (dana_path, mut dana) = team.join("dana");
    // A newer csm has taken the team book one version on.
    team.team_rows(
        "UPDATE csm_meta SET value = (value::int + 1)::text WHERE key = 'schema_version'",
    );
    set_industry(&mut dana, &dana_path, "Northwind Traders", "Freight");
    let address = team.address("dana");
    let err = sync(&mut team.client("dana"), &mut dana, &address.to_string()).unwrap_err();
    assert!(err.to_string().contains("upgrade csm"), "{err}");
    assert_eq!(
        outbox::pending(&dana).unwrap(),
        1,
        "the change waits, not lost"
    );
}

#[test]
fn a_csms_login_cannot_change_another_csms_rows_even_in_postgres_itself() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "access");
    let mut mia = team.client("mia");
    // Straight to PostgreSQL, as psql would: Dana's account is not Mia's to change.
    let changed = mia
        .execute(
            "UPDATE accounts SET industry = 'Mine now' WHERE name = 'Northwind Traders'",
            &[],
        )
        .unwrap();
    assert_eq!(changed, 0, "the row is not hers to update");
    let added = mia.batch_execute(
        "INSERT INTO contacts (uid, account_uid, name, role)
         SELECT gen_random_uuid(), uid, 'Spy', 'champion' FROM accounts WHERE name = 'Northwind Traders'",
    );
    let err = added.unwrap_err();
    let said = err
        .as_db_error()
        .map(|e| e.message().to_string())
        .unwrap_or_default();
    assert!(said.contains("row-level security"), "{said}");
    assert!(
        mia.batch_execute("DELETE FROM accounts WHERE name = 'Globex Logistics'")
            .is_err(),
        "no one deletes: rows are only marked deleted"
    );
    let given_away = mia.batch_execute(
        "UPDATE accounts SET owner_uid = (SELECT uid FROM team_members WHERE name = 'Dana Okafor')
         WHERE name = 'Globex Logistics'",
    );
    assert!(
        given_away.is_err(),
        "a CSM does not hand an account to someone else"
    );
    // Nor can she log a change to it for everyone's pull to apply...
    let logged = mia.batch_execute(&format!(
        "INSERT INTO change_log (op_id, actor, kind, entity, row_uid, fields, base_position, schema_version)
         SELECT gen_random_uuid(), '{}', 'delete', 'accounts', uid, '{{}}', 0, 99
         FROM accounts WHERE name = 'Northwind Traders'",
        team.login("mia")
    ));
    assert!(logged.is_err(), "a change logged to a row that is not hers");
    // ... nor make herself a manager with a table of her own in the rules' way.
    mia.batch_execute(&format!(
        "CREATE TEMP TABLE csm_logins (login text, member_uid uuid, manager boolean);
         INSERT INTO csm_logins VALUES ('{}', NULL, true)",
        team.login("mia")
    ))
    .unwrap();
    let changed = mia
        .execute(
            "UPDATE accounts SET industry = 'Mine now' WHERE name = 'Northwind Traders'",
            &[],
        )
        .unwrap();
    assert_eq!(changed, 0, "a temporary table does not make a manager");
    // Her own account, and anything for the manager, goes through.
    let own = mia
        .execute(
            "UPDATE accounts SET industry = 'Shipping' WHERE name = 'Globex Logistics'",
            &[],
        )
        .unwrap();
    assert_eq!(own, 1);
    let lee = team
        .client("lee")
        .execute(
            "UPDATE accounts SET industry = 'Freight' WHERE name = 'Northwind Traders'",
            &[],
        )
        .unwrap();
    assert_eq!(lee, 1);

    // Through csm the same: refused, and put back in her book.
    let (mia_path, mut book) = team.join("mia");
    set_industry(&mut book, &mia_path, "Initech Health", "Mine now");
    let synced = team.sync("mia", &mut book);
    assert_eq!(synced.refused.len(), 1, "{synced:?}");
    assert_eq!(
        industry(&mia_path, "Initech Health"),
        industry(&team.dir.path().join("first.db"), "Initech Health")
    );
    assert_eq!(outbox::pending(&book).unwrap(), 0);
}

#[test]
fn a_weeks_usage_found_by_its_key_travels_and_lands_once() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "usage");
    let (dana_path, dana) = team.join("dana");
    let (lee_path, lee) = team.join("lee");
    let (mia_path, mut mia) = team.join("mia");
    drop((dana, lee));
    let weeks = |path: &Path| value(path, "SELECT count(*) FROM usage_weeks");
    assert_eq!(
        weeks(&dana_path),
        weeks(&team.dir.path().join("first.db")),
        "joined with every week"
    );
    // The product export is imported on both sides, then changed on one.
    team.import_on_both(
        [&dana_path, &lee_path],
        "usage",
        "2026-03-03",
        "account,week_start,active_users,licensed_seats,sessions,key_features_used\n{northwind},2026-03-02,321,400,999,7\n",
    );
    let (mut dana, mut lee) = (
        Book::open(&dana_path).unwrap(),
        Book::open(&lee_path).unwrap(),
    );
    team.sync("dana", &mut dana);
    team.sync("lee", &mut lee);
    let in_team = team.team_rows(
        "SELECT count(*), max(active_users) FROM usage_weeks WHERE week_start = '2026-03-02'",
    );
    assert_eq!(in_team[0].get::<_, i64>(0), 1, "one row for one week");
    assert_eq!(in_team[0].get::<_, Option<i64>>(1), Some(321));
    let m = team.sync("mia", &mut mia);
    assert!(m.applied.rows >= 1, "{m:?}");
    let week = "SELECT active_users FROM usage_weeks WHERE week_start = '2026-03-02'";
    assert_eq!(value(&mia_path, week), Value::Integer(321));

    // A month's frozen forecast, copied by init, found again by its key when changed.
    rusqlite::Connection::open(&dana_path)
        .unwrap()
        .execute_batch(
            "INSERT INTO forecast_freezes (period, contract_id, category, confidence, arr_cents, currency, frozen_on)
             SELECT '2026-02', id, 'renew', 'likely', 1000, 'USD', '2026-02-01' FROM contracts LIMIT 1",
        )
        .unwrap();
    team.sync("dana", &mut dana);
    rusqlite::Connection::open(&dana_path)
        .unwrap()
        .execute_batch("UPDATE forecast_freezes SET arr_cents = 4242 WHERE period = '2026-02'")
        .unwrap();
    let d = team.sync("dana", &mut dana);
    assert!(d.refused.is_empty() && d.pushed == 1, "{d:?}");
    let moved = team.team_rows("SELECT count(*) FROM forecast_freezes WHERE period = '2026-02'");
    assert_eq!(
        moved[0].get::<_, i64>(0),
        1,
        "the same row, found by its key"
    );
    let kept = team.team_rows(
        "SELECT arr_cents, uid::text, contract_uid::text FROM forecast_freezes WHERE period = '2026-02'",
    );
    assert_eq!(kept[0].get::<_, i64>(0), 4242);
    // Under the uid init gives a row already there: its key's values in the key's order.
    let by_key = csm_cockpit::book::identity::keyed_uid(
        "forecast_freezes",
        &["2026-02".to_string(), kept[0].get::<_, String>(2)],
    );
    assert_eq!(kept[0].get::<_, String>(1), by_key.to_string());
}

#[test]
fn a_team_book_behind_a_newer_csm_is_brought_up_by_its_owner_and_members_wait() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "newer");
    let (dana_path, mut dana) = team.join("dana");
    // The team book as an older csm made it: a column this one shares is not there.
    team.team_rows("ALTER TABLE accounts DROP COLUMN products");
    team.team_rows(
        "UPDATE csm_meta SET value = (value::int - 1)::text WHERE key = 'schema_version'",
    );
    set_industry(&mut dana, &dana_path, "Northwind Traders", "Freight");
    let address = team.address("dana");
    let err = sync(&mut team.client("dana"), &mut dana, &address.to_string()).unwrap_err();
    assert!(err.to_string().contains("csm team-book upgrade"), "{err}");
    assert_eq!(outbox::pending(&dana).unwrap(), 1, "the change waits");
    // The owner brings it up; then Dana's change goes through.
    let first = Book::open(&team.dir.path().join("first.db")).unwrap();
    let tables = shape(&first, "test").unwrap();
    let mut admin = connect(&team.scratch.address).unwrap();
    let mut tx = admin.transaction().unwrap();
    let done = csm_cockpit::team_book::upgrade::upgrade(
        &mut tx,
        &tables,
        first.schema_version().unwrap(),
        "test",
    )
    .unwrap()
    .expect("an upgrade");
    tx.commit().unwrap();
    assert_eq!(done.columns, vec!["accounts.products".to_string()]);
    let d = team.sync("dana", &mut dana);
    assert_eq!(d.pushed, 1, "{d:?}");
}

#[test]
fn a_removal_whose_id_a_new_row_takes_before_the_push_still_travels() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "reuse");
    let (dana_path, mut dana) = team.join("dana");
    let newest = |path: &Path| -> (i64, String) {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT id, uid FROM tasks ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    // A task on one of Dana's accounts: hers to add.
    let northwind = account(&dana_path, "Northwind Traders");
    let task = |book: &mut Book, title: &str| -> i64 {
        book.write(&stamp(), |c| {
            c.insert(
                Entity::Task,
                &[
                    ("account_id", &northwind),
                    ("title", &title),
                    ("due_on", &"2026-03-05"),
                    ("created_on", &"2026-03-01"),
                ],
                "added",
            )
        })
        .unwrap()
    };
    task(&mut dana, "Send the recap");
    team.sync("dana", &mut dana);
    let (id, gone_uid) = newest(&dana_path);
    dana.write(&stamp(), |c| c.delete(Entity::Task, id, "removed"))
        .unwrap();
    // SQLite gives the next row the same id.
    let added = task(&mut dana, "Call the new sponsor");
    assert_eq!(added, id, "the id is taken again");
    let (_, new_uid) = newest(&dana_path);
    let d = team.sync("dana", &mut dana);
    assert_eq!(d.pushed, 2, "the removal and the addition: {d:?}");
    let gone = team.team_rows(&format!(
        "SELECT deleted_at IS NOT NULL FROM tasks WHERE uid = '{gone_uid}'"
    ));
    assert!(
        gone[0].get::<_, bool>(0),
        "the removed task is removed in the team book"
    );
    let there = team.team_rows(&format!("SELECT title FROM tasks WHERE uid = '{new_uid}'"));
    assert_eq!(there[0].get::<_, String>(0), "Call the new sponsor");
}

#[test]
fn a_reference_to_a_row_later_in_the_same_pull_is_filled_in() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "forward");
    let (dana_path, mut dana) = team.join("dana");
    let (mia_path, mut mia) = team.join("mia");
    let northwind = account(&dana_path, "Northwind Traders");
    // The report is added before the one she reports to, so travels first.
    dana.write(&stamp(), |c| {
        let report = c.insert(
            Entity::Contact,
            &[
                ("account_id", &northwind),
                ("name", &"Rhea Quinlan"),
                ("role", &"champion"),
            ],
            "added",
        )?;
        let boss = c.insert(
            Entity::Contact,
            &[
                ("account_id", &northwind),
                ("name", &"Bastian Morrow"),
                ("role", &"economic_buyer"),
            ],
            "added",
        )?;
        c.set(
            Entity::Contact,
            report,
            "reports_to_id",
            &boss,
            "reports to",
        )
    })
    .unwrap();
    team.sync("dana", &mut dana);
    let m = team.sync("mia", &mut mia);
    assert!(m.applied.skipped.is_empty(), "{m:?}");
    let manager = text(
        &mia_path,
        "SELECT m.name FROM contacts c JOIN contacts m ON m.id = c.reports_to_id
         WHERE c.name = 'Rhea Quinlan'",
    );
    assert_eq!(manager, "Bastian Morrow");
}

#[test]
fn a_csms_book_plays_its_playbooks_on_their_own_accounts_and_the_managers_on_all() {
    let Some(server) = server() else { return };
    let team = Team::new(&server, "plays");
    let built_ins: Vec<csm_cockpit::domain::playbook::Playbook> =
        csm_cockpit::domain::playbook::BUILT_IN
            .iter()
            .map(|(file, text)| csm_cockpit::domain::playbook::parse(text, file).unwrap())
            .collect();
    let rules = csm_cockpit::domain::health::HealthRules::default();
    let owners = |path: &Path| -> Vec<String> {
        rusqlite::Connection::open(path)
            .unwrap()
            .prepare(
                "SELECT DISTINCT m.name FROM tasks t JOIN accounts a ON a.id = t.account_id
                 JOIN team_members m ON m.id = a.owner_id WHERE t.playbook_id IS NOT NULL ORDER BY 1",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut made = Vec::new();
    for who in ["dana", "lee"] {
        let (path, mut book) = team.join(who);
        book.recompute_health(&rules, &[common::today()]).unwrap();
        book.run_playbooks(&stamp(), &built_ins, &rules, common::today(), 90)
            .unwrap();
        made.push(owners(&path));
        let synced = team.sync(who, &mut book);
        assert!(synced.refused.is_empty(), "{who}: {synced:?}");
    }
    assert_eq!(
        made[0],
        vec!["Dana Okafor".to_string()],
        "Dana's book: her accounts"
    );
    assert!(
        made[1].len() > 1,
        "the manager's book: everyone's: {:?}",
        made[1]
    );
}
