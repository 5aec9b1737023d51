//! `csm team-book init`: the team book made from a local one, its tables and every shared
//! row copied in one PostgreSQL transaction (all of it, or nothing), each reference
//! carried as the referred row's uid.

use std::io::Write;

use postgres::Client;

use super::TeamBookError;
use super::schema::create_in;
use crate::book::Book;
use crate::book::identity::keyed_uid;
use crate::book::team_sync::shape::{Table, tables};

/// How many rows of each table went into the team book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(&'static str, u64)>,
}

impl Copied {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.1).sum()
    }
}

/// A value as COPY's text format writes it: `\N` for none, with backslash, tab and line
/// breaks escaped.
fn copy_text(value: Option<String>, out: &mut String) {
    match value {
        None => out.push_str("\\N"),
        Some(v) => {
            for c in v.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
}

/// The local rows of `table`, each as one line of COPY text: its uid, then its columns,
/// references as the referred rows' uids.
fn lines(book: &Book, table: &Table) -> Result<(String, u64), rusqlite::Error> {
    let exprs: Vec<String> = table
        .columns
        .iter()
        .map(|c| match &c.refers_to {
            Some(to) => format!("(SELECT uid FROM {to} WHERE id = t.{})", c.local),
            None => format!("CAST(t.{} AS TEXT)", c.local),
        })
        .collect();
    // A keyed row's uid is worked out from its key; the others carry theirs.
    let (uid, order) = if table.keyed() {
        ("NULL", table.key.join(", "))
    } else {
        ("t.uid", "t.id".to_string())
    };
    let sql = format!(
        "SELECT {uid}, {} FROM {} t ORDER BY {order}",
        exprs.join(", "),
        table.name
    );
    let key_at: Vec<usize> = table
        .key
        .iter()
        .filter_map(|k| table.columns.iter().position(|c| &c.local == k))
        .collect();
    let mut stmt = book.conn().prepare(&sql)?;
    let n = table.columns.len() + 1;
    let mut rows = stmt.query([])?;
    let (mut out, mut count) = (String::new(), 0);
    while let Some(r) = rows.next()? {
        let mut uid: Option<String> = r.get(0)?;
        if table.keyed() {
            let key: Vec<String> = key_at
                .iter()
                .map(|i| {
                    r.get::<_, Option<String>>(i + 1)
                        .map(Option::unwrap_or_default)
                })
                .collect::<Result<_, _>>()?;
            uid = Some(keyed_uid(table.name, &key).to_string());
        }
        copy_text(uid, &mut out);
        for i in 1..n {
            out.push('\t');
            copy_text(r.get(i)?, &mut out);
        }
        out.push('\n');
        count += 1;
    }
    Ok((out, count))
}

/// Makes the team book in `client`'s database from `book`: its tables, then every shared
/// row, in one transaction. A database that already holds a team book is refused.
pub fn init(client: &mut Client, book: &Book, shown: &str) -> Result<Copied, TeamBookError> {
    let server = |e: postgres::Error| TeamBookError::Server {
        address: shown.to_string(),
        why: e.to_string(),
    };
    let local = |e: rusqlite::Error| TeamBookError::Server {
        address: shown.to_string(),
        why: format!("reading the local book: {e}"),
    };
    let mut tx = client.transaction().map_err(server)?;
    create_in(&mut tx, book, shown)?;
    let mut copied = Vec::new();
    for table in tables(book.conn()).map_err(local)? {
        let (text, count) = lines(book, &table).map_err(local)?;
        let columns: Vec<&str> = std::iter::once("uid")
            .chain(table.columns.iter().map(|c| c.name.as_str()))
            .collect();
        let mut writer = tx
            .copy_in(&format!(
                "COPY {} ({}) FROM STDIN",
                table.name,
                columns.join(", ")
            ))
            .map_err(server)?;
        writer
            .write_all(text.as_bytes())
            .map_err(|e| TeamBookError::Server {
                address: shown.to_string(),
                why: e.to_string(),
            })?;
        writer.finish().map_err(server)?;
        copied.push((table.name, count));
    }
    tx.commit().map_err(server)?;
    Ok(Copied { tables: copied })
}
