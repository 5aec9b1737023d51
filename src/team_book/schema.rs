//! The team book's tables, made from the local book's own so the two cannot drift: each
//! shared table with its columns, keyed by `uid` instead of the local integer id, each
//! reference to another shared row held as that row's uid (`account_id` becomes
//! `account_uid`), a row version and a soft delete; then the change log, ordered by the
//! server, and the schema version the team book is at.

use super::TeamBookError;
use crate::book::Book;
use crate::book::team_sync::shape::{Table, tables};
use postgres::Client;

/// The statements that make the team book at `version`.
pub fn ddl(tables: &[Table], version: u32) -> String {
    let mut sql = format!(
        "CREATE TABLE csm_meta (key text PRIMARY KEY, value text NOT NULL);
         INSERT INTO csm_meta VALUES ('schema_version', '{version}');
         CREATE TABLE change_log (
             position bigserial PRIMARY KEY,
             op_id uuid NOT NULL UNIQUE,
             actor text NOT NULL,
             kind text NOT NULL,
             entity text NOT NULL,
             row_uid uuid NOT NULL,
             fields jsonb NOT NULL,
             base_position bigint NOT NULL,
             schema_version integer NOT NULL,
             pushed_at timestamptz NOT NULL DEFAULT now()
         );
         CREATE INDEX change_log_by_row ON change_log (row_uid, position);
         CREATE TABLE conflicts (
             id bigserial PRIMARY KEY,
             position bigint NOT NULL REFERENCES change_log(position),
             entity text NOT NULL,
             row_uid uuid NOT NULL,
             field text NOT NULL,
             theirs jsonb,
             mine jsonb,
             their_actor text,
             my_actor text NOT NULL,
             at timestamptz NOT NULL DEFAULT now(),
             resolved text,
             resolved_at timestamptz
         );
         CREATE INDEX conflicts_by_change ON conflicts (position);
         CREATE TABLE csm_shared (name text PRIMARY KEY);\n"
    );
    for t in tables {
        sql += &table_ddl(t);
    }
    sql += "CREATE TABLE csm_logins (
                login text PRIMARY KEY,
                member_uid uuid REFERENCES team_members(uid),
                manager boolean NOT NULL DEFAULT false
            );\n";
    sql += include_str!("sql/push.sql");
    sql += &super::access::rules(tables);
    sql
}

/// The column as the team book declares it.
pub fn column_ddl(c: &crate::book::team_sync::shape::Column) -> String {
    match &c.refers_to {
        Some(to) => format!(
            "{} {} REFERENCES {to}(uid) DEFERRABLE INITIALLY DEFERRED",
            c.name, c.pg_type
        ),
        None => format!("{} {}", c.name, c.pg_type),
    }
}

/// The statements that make one shared table and list it as shared.
pub fn table_ddl(t: &Table) -> String {
    let mut sql = format!(
        "CREATE TABLE {} (\n    uid uuid PRIMARY KEY,\n    row_version bigint NOT NULL DEFAULT 1,\n    deleted_at timestamptz",
        t.name
    );
    for c in &t.columns {
        sql += &format!(",\n    {}", column_ddl(c));
    }
    sql += "\n);\n";
    sql += &format!("INSERT INTO csm_shared VALUES ('{}');\n", t.name);
    sql
}

/// Makes the team book's tables from `book`'s schema, at its version, inside the
/// caller's transaction; a database that already holds a team book is refused.
pub fn create_in(
    tx: &mut postgres::Transaction<'_>,
    book: &Book,
    shown: &str,
) -> Result<(), TeamBookError> {
    let server = |e: postgres::Error| TeamBookError::Server {
        address: shown.to_string(),
        why: e.to_string(),
    };
    let version = book.schema_version().map_err(|e| TeamBookError::Server {
        address: shown.to_string(),
        why: format!("the local book: {e}"),
    })?;
    let held: bool = tx
        .query_one("SELECT to_regclass('csm_meta') IS NOT NULL", &[])
        .map_err(server)?
        .get(0);
    if held {
        return Err(TeamBookError::Server {
            address: shown.to_string(),
            why: "it already holds a team book: join it instead".into(),
        });
    }
    let tables = tables(book.conn()).map_err(|e| TeamBookError::Server {
        address: shown.to_string(),
        why: format!("the local book's schema: {e}"),
    })?;
    tx.batch_execute(&ddl(&tables, version)).map_err(server)
}

/// [`create_in`] in a transaction of its own.
pub fn create(client: &mut Client, book: &Book, shown: &str) -> Result<(), TeamBookError> {
    let server = |e: postgres::Error| TeamBookError::Server {
        address: shown.to_string(),
        why: e.to_string(),
    };
    let mut tx = client.transaction().map_err(server)?;
    create_in(&mut tx, book, shown)?;
    tx.commit().map_err(server)
}
