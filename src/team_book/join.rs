//! `csm team-book join`: a new member's local book made from the team book, as of one
//! moment (one repeatable-read transaction): every shared row not deleted, each
//! reference turned back into the local id of the row it names, and the position in
//! the change log that moment stands at, from which the book's first sync reads on.

use postgres::{Client, IsolationLevel};
use rusqlite::params_from_iter;
use rusqlite::types::Value as Sql;
use serde_json::{Map, Value};

use super::TeamBookError;
use crate::book::team_sync::apply::sql_value;
use crate::book::team_sync::shape::tables;
use crate::book::{Book, BookError};

/// How many rows of each table the new book took, and the ones left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Joined {
    pub tables: Vec<(&'static str, u64)>,
    /// Rows that name a row the team book holds as deleted where a row is required.
    pub left_out: u64,
    pub position: i64,
}

/// A reference to fill in once every row is in: (table, local id, column, uid).
type Later = (&'static str, i64, String, String);

/// Fills the empty `book` from the team book in `client`'s database.
pub fn join(
    client: &mut Client,
    book: &mut Book,
    address: &str,
    shown: &str,
) -> Result<Joined, TeamBookError> {
    let server = |e: postgres::Error| TeamBookError::Server {
        address: shown.to_string(),
        why: e.to_string(),
    };
    let local = |e: BookError| TeamBookError::Server {
        address: shown.to_string(),
        why: format!("the new book: {e}"),
    };
    let shape = tables(book.conn()).map_err(|e| local(e.into()))?;
    let mut team = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(server)?;
    let held: bool = team
        .query_one("SELECT to_regclass('csm_meta') IS NOT NULL", &[])
        .map_err(server)?
        .get(0);
    if !held {
        return Err(TeamBookError::Server {
            address: shown.to_string(),
            why: "it holds no team book: make one with csm team-book init".into(),
        });
    }
    // Whose book this is, as the team book ties this login.
    let member: Option<(String, bool)> = team
        .query_opt(
            "SELECT member_uid::text, manager FROM csm_logins WHERE login = current_user",
            &[],
        )
        .map_err(server)?
        .and_then(|r| r.get::<_, Option<String>>(0).map(|uid| (uid, r.get(1))));
    let mut joined = Joined {
        position: team
            .query_one("SELECT coalesce(max(position), 0) FROM change_log", &[])
            .map_err(server)?
            .get(0),
        ..Joined::default()
    };
    let tx = book.begin_write().map_err(local)?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")
        .map_err(|e| local(e.into()))?;
    let mut later: Vec<Later> = Vec::new();
    for table in &shape {
        let rows = team
            .query(
                &format!(
                    "SELECT to_jsonb(t)::text FROM {} t WHERE deleted_at IS NULL ORDER BY uid",
                    table.name
                ),
                &[],
            )
            .map_err(server)?;
        let mut names = Vec::new();
        if !table.keyed() {
            names.push("uid".to_string());
        }
        names.extend(table.columns.iter().map(|c| format!("\"{}\"", c.local)));
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let insert = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            names.join(", "),
            marks.join(", ")
        );
        let mut count = 0;
        'rows: for row in rows {
            let text: String = row.get(0);
            let row: Map<String, Value> = serde_json::from_str(&text).unwrap_or_default();
            let mut values = Vec::new();
            if !table.keyed() {
                values.push(sql_value(&row["uid"]));
            }
            let mut refs = Vec::new();
            for c in &table.columns {
                let v = row.get(&c.name).unwrap_or(&Value::Null);
                match (&c.refers_to, v.as_str()) {
                    (Some(to), Some(uid)) => {
                        let id: Option<i64> = tx
                            .prepare_cached(&format!("SELECT id FROM {to} WHERE uid = ?1"))
                            .and_then(|mut s| {
                                s.query_row([uid], |r| r.get(0))
                                    .map(Some)
                                    .or_else(|e| match e {
                                        rusqlite::Error::QueryReturnedNoRows => Ok(None),
                                        e => Err(e),
                                    })
                            })
                            .map_err(|e| local(e.into()))?;
                        match id {
                            Some(id) => values.push(Sql::Integer(id)),
                            None if c.required => {
                                joined.left_out += 1;
                                continue 'rows;
                            }
                            None => {
                                values.push(Sql::Null);
                                refs.push((c.local.clone(), uid.to_string()));
                            }
                        }
                    }
                    _ => values.push(sql_value(v)),
                }
            }
            tx.prepare_cached(&insert)
                .and_then(|mut s| s.execute(params_from_iter(values)))
                .map_err(|e| local(e.into()))?;
            let id = tx.last_insert_rowid();
            // A keyed row's references are its key: made whole or not at all.
            if table.keyed() {
                count += 1;
                continue;
            }
            later.extend(
                refs.into_iter()
                    .map(|(col, uid)| (table.name, id, col, uid)),
            );
            count += 1;
        }
        joined.tables.push((table.name, count));
    }
    // References to rows that came later (a manager listed after their CSM).
    for (table, id, col, uid) in &later {
        let to = shape
            .iter()
            .find(|t| t.name == *table)
            .and_then(|t| t.columns.iter().find(|c| &c.local == col))
            .and_then(|c| c.refers_to.clone())
            .unwrap_or_default();
        tx.execute(
            &format!(
                "UPDATE {table} SET \"{col}\" = (SELECT id FROM {to} WHERE uid = ?1) WHERE id = ?2"
            ),
            rusqlite::params![uid, id],
        )
        .map_err(|e| local(e.into()))?;
    }
    tx.commit().map_err(|e| local(e.into()))?;
    team.commit().map_err(server)?;
    book.link_team_book(
        address,
        joined.position,
        member
            .as_ref()
            .map(|(uid, manager)| (uid.as_str(), *manager)),
    )
    .map_err(local)?;
    Ok(joined)
}
