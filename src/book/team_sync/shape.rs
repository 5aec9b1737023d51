//! The shape of the shared tables as the team book holds them, read from the local
//! book's own schema so the two cannot drift: each shared table's columns, keyed by `uid`
//! instead of the local integer id, each reference to another shared row held as that
//! row's uid (`account_id` becomes `account_uid`), a reference to a row only this book
//! keeps left behind.

use rusqlite::Connection;

use crate::book::identity::{KEYED, SHARED};

/// A shared table as the team book holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<Column>,
    /// Its local columns the team book does not hold: references to rows only this book
    /// keeps.
    pub left_behind: Vec<String>,
    /// For a table found by a natural key, its key's local columns; empty for a table
    /// whose rows carry their uid.
    pub key: Vec<String>,
}

impl Table {
    /// Whether its rows are found by a natural key.
    pub fn keyed(&self) -> bool {
        !self.key.is_empty()
    }

    /// The column of a local name.
    pub fn column(&self, local: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.local == local)
    }
}

/// One of its columns: the local name, the team book's name and type, and the shared
/// table it refers to, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub local: String,
    pub name: String,
    pub pg_type: &'static str,
    pub refers_to: Option<String>,
    /// Whether the local book requires a value.
    pub required: bool,
}

/// The shared tables, read from the local book's schema, parents before children, the
/// keyed ones last.
pub fn tables(conn: &Connection) -> Result<Vec<Table>, rusqlite::Error> {
    let shared = |t: &str| SHARED.iter().any(|(s, _)| *s == t);
    let mut out = Vec::new();
    let all = SHARED
        .iter()
        .map(|(name, _)| (*name, &[][..]))
        .chain(KEYED.iter().copied());
    for (name, key) in all {
        let refs: Vec<(String, String)> = conn
            .prepare(&format!(
                "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{name}')"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let cols: Vec<(String, String, bool)> = conn
            .prepare(&format!(
                "SELECT name, upper(type), \"notnull\" FROM pragma_table_info('{name}')"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let (mut columns, mut left_behind) = (Vec::new(), Vec::new());
        for (col, ty, required) in cols {
            if col == "id" || col == "uid" {
                continue;
            }
            match refs.iter().find(|(from, _)| *from == col) {
                // A reference to a row only this book keeps stays behind.
                Some((_, to)) if !shared(to) => left_behind.push(col),
                Some((_, to)) => columns.push(Column {
                    name: format!("{}_uid", col.strip_suffix("_id").unwrap_or(&col)),
                    local: col,
                    pg_type: "uuid",
                    refers_to: Some(to.clone()),
                    required,
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
                    required,
                }),
            }
        }
        out.push(Table {
            name,
            columns,
            left_behind,
            key: key.iter().map(|k| k.to_string()).collect(),
        });
    }
    Ok(out)
}
