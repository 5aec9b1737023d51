//! The capture triggers: every insert, update and delete of a shared row, however it is
//! made (an edit, an import, an undo, a playbook), marks the row pending for the next
//! push in `team_pending`, with the row as it was before the first change since the
//! last push, and a count of its changes (`seq`), by which a push that read it knows
//! whether it changed again while the push was under way; a change drops the operation
//! id it was to travel under, as it is a new operation. They are written when a book is
//! tied to a team book and again from the schema after every migration, so they always
//! hold every column; a book without a team book has none, and while csm applies the
//! team's own changes they stand aside (`team_link.applying`).

use rusqlite::Connection;

use super::super::BookError;
use crate::book::identity::{KEYED, SHARED};

/// When a capture trigger fires: in a book with a team book, unless csm is applying the
/// team's own changes.
const WHEN: &str = "WHEN (SELECT applying FROM team_link) = 0";

/// The row as it was, as a JSON object of every column.
fn old_row(columns: &[String]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{c}', old.\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The triggers of one table.
fn triggers(table: &str, columns: &[String]) -> String {
    let old_row = old_row(columns);
    format!(
        "DROP TRIGGER IF EXISTS {table}_team_insert;
         CREATE TRIGGER {table}_team_insert AFTER INSERT ON {table} {WHEN}
         BEGIN
             INSERT OR IGNORE INTO team_pending_gone (tbl, uid)
             SELECT tbl, uid FROM team_pending
             WHERE tbl = '{table}' AND row_id = new.id AND deleted AND NOT new AND uid IS NOT NULL;
             INSERT INTO team_pending (tbl, row_id, new) VALUES ('{table}', new.id, 1)
             ON CONFLICT (tbl, row_id)
             DO UPDATE SET new = 1, before = NULL, deleted = 0, seq = seq + 1, op_id = NULL;
         END;
         DROP TRIGGER IF EXISTS {table}_team_update;
         CREATE TRIGGER {table}_team_update AFTER UPDATE ON {table} {WHEN}
         BEGIN
             INSERT INTO team_pending (tbl, row_id, before) VALUES ('{table}', old.id, {old_row})
             ON CONFLICT (tbl, row_id) DO UPDATE SET seq = seq + 1, op_id = NULL;
         END;
         DROP TRIGGER IF EXISTS {table}_team_delete;
         CREATE TRIGGER {table}_team_delete AFTER DELETE ON {table} {WHEN}
         BEGIN
             INSERT INTO team_pending (tbl, row_id, uid, before, deleted)
             VALUES ('{table}', old.id, old.uid, {old_row}, 1)
             ON CONFLICT (tbl, row_id) DO UPDATE SET deleted = 1, uid = old.uid, seq = seq + 1, op_id = NULL;
         END;\n"
    )
}

/// The triggers of a table found by a natural key: the same, with the row named by
/// its key's values (`json_array`) in `team_pending_keyed`. A key changed by an update
/// marks the row under its old key (gone) and its new one (new).
fn keyed_triggers(table: &str, columns: &[String], key: &[&str]) -> String {
    let old_row = old_row(columns);
    let key_of = |row: &str| {
        let parts: Vec<String> = key.iter().map(|k| format!("{row}.\"{k}\"")).collect();
        format!("json_array({})", parts.join(", "))
    };
    let (old_key, new_key) = (key_of("old"), key_of("new"));
    format!(
        "DROP TRIGGER IF EXISTS {table}_team_insert;
         CREATE TRIGGER {table}_team_insert AFTER INSERT ON {table} {WHEN}
         BEGIN
             INSERT INTO team_pending_keyed (tbl, key, new) VALUES ('{table}', {new_key}, 1)
             ON CONFLICT (tbl, key)
             DO UPDATE SET new = 1, before = NULL, deleted = 0, seq = seq + 1, op_id = NULL;
         END;
         DROP TRIGGER IF EXISTS {table}_team_update;
         CREATE TRIGGER {table}_team_update AFTER UPDATE ON {table} {WHEN}
         BEGIN
             INSERT INTO team_pending_keyed (tbl, key, before) VALUES ('{table}', {old_key}, {old_row})
             ON CONFLICT (tbl, key) DO UPDATE SET seq = seq + 1, op_id = NULL;
             UPDATE team_pending_keyed SET deleted = 1
             WHERE tbl = '{table}' AND key = {old_key} AND {old_key} <> {new_key};
             INSERT INTO team_pending_keyed (tbl, key, new)
             SELECT '{table}', {new_key}, 1 WHERE {old_key} <> {new_key}
             ON CONFLICT (tbl, key) DO UPDATE SET new = 1, before = NULL, deleted = 0,
                                                 seq = seq + 1, op_id = NULL;
         END;
         DROP TRIGGER IF EXISTS {table}_team_delete;
         CREATE TRIGGER {table}_team_delete AFTER DELETE ON {table} {WHEN}
         BEGIN
             INSERT INTO team_pending_keyed (tbl, key, before, deleted)
             VALUES ('{table}', {old_key}, {old_row}, 1)
             ON CONFLICT (tbl, key) DO UPDATE SET deleted = 1, seq = seq + 1, op_id = NULL;
         END;\n"
    )
}

/// Writes the capture triggers again after a migration, for a book that has a team book:
/// a book without one carries none, so its imports and demo books pay nothing for them.
pub(crate) fn install_if_linked(conn: &Connection) -> Result<(), BookError> {
    let linked: bool = conn.query_row("SELECT count(*) > 0 FROM team_link", [], |r| r.get(0))?;
    if linked { install(conn) } else { Ok(()) }
}

/// Writes the capture triggers of every shared table from its columns as they are now,
/// inside the caller's transaction (a link's, or a migration's).
pub(crate) fn install(conn: &Connection) -> Result<(), BookError> {
    let columns = |table: &str| -> Result<Vec<String>, BookError> {
        Ok(conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{table}') WHERE name <> 'id'"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    };
    let mut sql = String::new();
    for (table, _) in SHARED {
        sql += &triggers(table, &columns(table)?);
    }
    for (table, key) in KEYED {
        sql += &keyed_triggers(table, &columns(table)?, key);
    }
    conn.execute_batch(&sql)?;
    Ok(())
}
