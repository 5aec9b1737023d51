//! The team book's tables, made from the local book's own so the two cannot drift: each
//! shared table with its columns, keyed by `uid` instead of the local integer id, each
//! reference to another shared row held as that row's uid (`account_id` becomes
//! `account_uid`), a row version and a soft delete; then the change log, ordered by the
//! server, and the schema version the team book is at.

use postgres::Client;
use rusqlite::Connection;

use super::TeamBookError;
use crate::book::Book;
use crate::book::identity::SHARED;

/// A shared table as the team book holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<Column>,
}

/// One of its columns: the local name, the team book's name and type, and the shared
/// table it refers to, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub local: String,
    pub name: String,
    pub pg_type: &'static str,
    pub refers_to: Option<String>,
}

/// The shared tables, read from the local book's schema, parents before children.
pub fn tables(conn: &Connection) -> Result<Vec<Table>, rusqlite::Error> {
    let shared = |t: &str| SHARED.iter().any(|(s, _)| *s == t);
    let mut out = Vec::new();
    for (name, _) in SHARED {
        let refs: Vec<(String, String)> = conn
            .prepare(&format!(
                "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{name}')"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let cols: Vec<(String, String)> = conn
            .prepare(&format!(
                "SELECT name, upper(type) FROM pragma_table_info('{name}')"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut columns = Vec::new();
        for (col, ty) in cols {
            if col == "id" || col == "uid" {
                continue;
            }
            match refs.iter().find(|(from, _)| *from == col) {
                // A reference to a row only this book keeps stays behind.
                Some((_, to)) if !shared(to) => {}
                Some((_, to)) => columns.push(Column {
                    name: format!("{}_uid", col.strip_suffix("_id").unwrap_or(&col)),
                    local: col,
                    pg_type: "uuid",
                    refers_to: Some(to.clone()),
                }),
                None => columns.push(Column {
                    name: col.clone(),
                    local: col,
                    pg_type: match ty.as_str() {
                        "INTEGER" => "bigint",
                        "REAL" => "double precision",
                        "BLOB" => "bytea",
                        _ => "text",
                    },
                    refers_to: None,
                }),
            }
        }
        out.push(Table { name, columns });
    }
    Ok(out)
}

/// The statements that make the team book at `version`.
pub fn ddl(tables: &[Table], version: u32) -> String {
    let mut sql = format!(
        "CREATE TABLE csm_meta (key text PRIMARY KEY, value text NOT NULL);
         INSERT INTO csm_meta VALUES ('schema_version', '{version}');
         CREATE TABLE change_log (
             position bigserial PRIMARY KEY,
             op_id uuid NOT NULL UNIQUE,
             actor text NOT NULL,
             entity text NOT NULL,
             row_uid uuid NOT NULL,
             fields jsonb NOT NULL,
             base_version bigint,
             schema_version integer NOT NULL,
             pushed_at timestamptz NOT NULL DEFAULT now()
         );\n"
    );
    for t in tables {
        sql += &format!(
            "CREATE TABLE {} (\n    uid uuid PRIMARY KEY,\n    row_version bigint NOT NULL DEFAULT 1,\n    deleted_at timestamptz",
            t.name
        );
        for c in &t.columns {
            sql += &format!(",\n    {} {}", c.name, c.pg_type);
            if let Some(to) = &c.refers_to {
                sql += &format!(" REFERENCES {to}(uid) DEFERRABLE INITIALLY DEFERRED");
            }
        }
        sql += "\n);\n";
    }
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
