//! The outbox: the rows changed here since the last push, read as operations for the
//! team book, and what a push leaves behind once the team book has them. A row changed
//! again while its push was under way stays pending, measured from what was pushed.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::ops::{Kind, Op};
use super::shape::Table;
use crate::book::{Book, BookError};

/// A pending row read for a push.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub op: Op,
    pub(crate) table: &'static str,
    pub(crate) handle: Handle,
    /// The row's count of changes when read.
    pub(crate) seq: i64,
    /// The row as pushed, as the capture triggers write it: the next push's `before`
    /// if the row changes again meanwhile.
    pub(crate) local_after: Option<String>,
}

/// How the outbox names a local row: by its id, or, in a keyed table, by its key's
/// values as the capture triggers write them (a JSON array).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Handle {
    Id(i64),
    Key(String),
    /// A row removed here whose id a new row took before the removal was pushed.
    Gone(String),
}

/// A row of `table` as the capture triggers write it: every column but the local id.
pub(crate) fn local_json(table: &Table, alias: &str) -> String {
    let mut pairs = Vec::new();
    if !table.keyed() {
        pairs.push(format!("'uid', {alias}.uid"));
    }
    pairs.extend(
        table
            .columns
            .iter()
            .map(|c| format!("'{0}', {alias}.\"{0}\"", c.local)),
    );
    pairs.extend(
        table
            .left_behind
            .iter()
            .map(|c| format!("'{c}', {alias}.\"{c}\"")),
    );
    format!("json_object({})", pairs.join(", "))
}

/// A row of `table` as the team book names it: references as the referred rows' uids.
fn team_json(table: &Table, alias: &str) -> String {
    let pairs: Vec<String> = table
        .columns
        .iter()
        .map(|c| match &c.refers_to {
            Some(to) => format!(
                "'{}', (SELECT uid FROM {to} WHERE id = {alias}.\"{}\")",
                c.name, c.local
            ),
            None => format!("'{}', {alias}.\"{}\"", c.name, c.local),
        })
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The uid of row `id` of `table`, here or among the rows deleted since the last push.
fn uid_of(conn: &Connection, table: &str, id: i64) -> Result<Option<String>, BookError> {
    let here: Option<Option<String>> = conn
        .prepare_cached(&format!("SELECT uid FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(uid) = here.flatten() {
        return Ok(Some(uid));
    }
    Ok(conn
        .prepare_cached("SELECT uid FROM team_pending WHERE tbl = ?1 AND row_id = ?2")?
        .query_row(params![table, id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// A row as the capture triggers kept it, in the team book's names.
fn before_in_team_names(
    conn: &Connection,
    table: &Table,
    before: &Map<String, Value>,
) -> Result<Map<String, Value>, BookError> {
    let mut out = Map::new();
    for c in &table.columns {
        let Some(value) = before.get(&c.local) else {
            continue;
        };
        let value = match (&c.refers_to, value.as_i64()) {
            (Some(to), Some(id)) => uid_of(conn, to, id)?.map_or(Value::Null, Value::from),
            _ => value.clone(),
        };
        out.insert(c.name.clone(), value);
    }
    Ok(out)
}

/// The operation a pending row makes, if any: a row added and removed since the last
/// push, or changed and changed back, makes none.
fn operation(
    conn: &Connection,
    table: &Table,
    pending: &PendingRow,
    base_position: i64,
) -> Result<Option<Op>, BookError> {
    let op = |kind, row_uid: &str, fields| Op {
        op_id: pending.op_id.clone().unwrap_or_default(),
        entity: table.name.to_string(),
        row_uid: row_uid.to_string(),
        kind,
        base_position,
        fields,
    };
    let now: Option<Map<String, Value>> = pending
        .team_after
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| BookError::Invalid(format!("a pending {} row: {e}", table.name)))?;
    let before: Option<Map<String, Value>> = pending
        .before
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| BookError::Invalid(format!("a pending {} row: {e}", table.name)))?;
    let before = match before {
        Some(b) => Some(before_in_team_names(conn, table, &b)?),
        None => None,
    };
    // A keyed row's uid comes from its key, and every operation on it carries the key.
    let key_of = |row: &Map<String, Value>| -> Map<String, Value> {
        table
            .key
            .iter()
            .filter_map(|k| table.column(k))
            .map(|c| {
                (
                    c.name.clone(),
                    row.get(&c.name).cloned().unwrap_or(Value::Null),
                )
            })
            .collect()
    };
    let row_uid = match (table.keyed(), now.as_ref().or(before.as_ref())) {
        (true, Some(row)) => Some(keyed_uid(table, row)),
        (true, None) => None,
        (false, _) => pending.row_uid.clone(),
    };
    match (pending.deleted, pending.new, now, &row_uid) {
        (true, true, _, _) => Ok(None),
        (true, false, _, Some(uid)) => {
            let key = before.as_ref().map(key_of).unwrap_or_default();
            let fields = key
                .into_iter()
                .map(|(k, v)| (k, json!({ "after": v })))
                .collect();
            Ok(Some(op(Kind::Delete, uid, fields)))
        }
        (false, true, Some(now), Some(uid)) => {
            let fields = now
                .into_iter()
                .map(|(k, v)| (k, json!({ "after": v })))
                .collect();
            Ok(Some(op(Kind::Insert, uid, fields)))
        }
        (false, false, Some(now), Some(uid)) => {
            let before = before.unwrap_or_default();
            let key = key_of(&now);
            let mut fields: Map<String, Value> = now
                .into_iter()
                .filter(|(k, v)| before.get(k).is_none_or(|b| b != v))
                .map(|(k, v)| {
                    let was = before.get(&k).cloned();
                    let field = match was {
                        Some(b) => json!({ "before": b, "after": v }),
                        None => json!({ "after": v }),
                    };
                    (k, field)
                })
                .collect();
            if fields.is_empty() {
                return Ok(None);
            }
            for (k, v) in key {
                fields
                    .entry(k)
                    .or_insert_with(|| json!({ "before": v, "after": v }));
            }
            Ok(Some(op(Kind::Update, uid, fields)))
        }
        _ => Ok(None),
    }
}

/// The uid the team book holds a keyed row under, from its key's values in a row in
/// team names.
fn keyed_uid(table: &Table, row: &Map<String, Value>) -> String {
    // In the key's own order (a map would sort the names), as init works it out.
    let parts: Vec<String> = table
        .key
        .iter()
        .filter_map(|k| table.column(k))
        .map(|c| match row.get(&c.name) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        })
        .collect();
    crate::book::identity::keyed_uid(table.name, &parts).to_string()
}

/// One row of `team_pending` with the row as it is now.
struct PendingRow {
    handle: Handle,
    seq: i64,
    op_id: Option<String>,
    before: Option<String>,
    new: bool,
    deleted: bool,
    row_uid: Option<String>,
    team_after: Option<String>,
    local_after: Option<String>,
}

/// Reads the outbox as operations, each under an id of its own kept with the row (so a
/// push retried after a lost answer sends the same ids), in the order of `tables`
/// (parents before children). Rows that make no operation leave the outbox.
pub fn read(book: &mut Book, tables: &[Table]) -> Result<Vec<Outgoing>, BookError> {
    let tx = book.begin_write()?;
    let base_position: i64 = tx
        .query_row("SELECT position FROM team_link", [], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let mut out = Vec::new();
    for table in tables {
        out.extend(gone(&tx, table, base_position)?);
        let sql = if table.keyed() {
            let on: Vec<String> = table
                .key
                .iter()
                .enumerate()
                .map(|(i, k)| format!("t.\"{k}\" = json_extract(p.key, '$[{i}]')"))
                .collect();
            let first = &table.key[0];
            format!(
                "SELECT p.key, p.seq, p.op_id, p.before, p.new, p.deleted, NULL,
                        CASE WHEN t.\"{first}\" IS NULL THEN NULL ELSE {} END,
                        CASE WHEN t.\"{first}\" IS NULL THEN NULL ELSE {} END
                 FROM team_pending_keyed p LEFT JOIN {} t ON {}
                 WHERE p.tbl = ?1 ORDER BY p.key",
                team_json(table, "t"),
                local_json(table, "t"),
                table.name,
                on.join(" AND ")
            )
        } else {
            format!(
                "SELECT p.row_id, p.seq, p.op_id, p.before, p.new, p.deleted,
                        coalesce(t.uid, p.uid),
                        CASE WHEN t.id IS NULL THEN NULL ELSE {} END,
                        CASE WHEN t.id IS NULL THEN NULL ELSE {} END
                 FROM team_pending p LEFT JOIN {} t ON t.id = p.row_id
                 WHERE p.tbl = ?1 ORDER BY p.row_id",
                team_json(table, "t"),
                local_json(table, "t"),
                table.name
            )
        };
        let keyed = table.keyed();
        let rows: Vec<PendingRow> = tx
            .prepare(&sql)?
            .query_map([table.name], |r| {
                Ok(PendingRow {
                    handle: if keyed {
                        Handle::Key(r.get(0)?)
                    } else {
                        Handle::Id(r.get(0)?)
                    },
                    seq: r.get(1)?,
                    op_id: r.get(2)?,
                    before: r.get(3)?,
                    new: r.get(4)?,
                    deleted: r.get(5)?,
                    row_uid: r.get(6)?,
                    team_after: r.get(7)?,
                    local_after: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        for mut pending in rows {
            let (at, handle) = pending.handle.place();
            if pending.op_id.is_none() {
                let id = Uuid::now_v7().to_string();
                tx.execute(
                    &format!("UPDATE {at} SET op_id = ?1 WHERE tbl = ?2 AND {handle} = ?3"),
                    params![id, table.name, pending.handle.value()],
                )?;
                pending.op_id = Some(id);
            }
            match operation(&tx, table, &pending, base_position)? {
                Some(op) => out.push(Outgoing {
                    op,
                    table: table.name,
                    handle: pending.handle,
                    seq: pending.seq,
                    local_after: pending.local_after,
                }),
                None => {
                    tx.execute(
                        &format!("DELETE FROM {at} WHERE tbl = ?1 AND {handle} = ?2"),
                        params![table.name, pending.handle.value()],
                    )?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(out)
}

/// The removals of `table`'s rows whose ids new rows took before they were pushed, each
/// under an id of its own kept with it.
fn gone(
    tx: &rusqlite::Transaction<'_>,
    table: &Table,
    base_position: i64,
) -> Result<Vec<Outgoing>, BookError> {
    if table.keyed() {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, Option<String>)> = tx
        .prepare_cached("SELECT uid, op_id FROM team_pending_gone WHERE tbl = ?1 ORDER BY uid")?
        .query_map([table.name], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (uid, op_id) in rows {
        let op_id = match op_id {
            Some(id) => id,
            None => {
                let id = Uuid::now_v7().to_string();
                tx.execute(
                    "UPDATE team_pending_gone SET op_id = ?1 WHERE tbl = ?2 AND uid = ?3",
                    params![id, table.name, uid],
                )?;
                id
            }
        };
        out.push(Outgoing {
            op: Op {
                op_id,
                entity: table.name.to_string(),
                row_uid: uid.clone(),
                kind: Kind::Delete,
                base_position,
                fields: Map::new(),
            },
            table: table.name,
            handle: Handle::Gone(uid),
            seq: 0,
            local_after: None,
        });
    }
    Ok(out)
}

impl Handle {
    /// The outbox table that holds such a row, and the column that names it.
    fn place(&self) -> (&'static str, &'static str) {
        match self {
            Handle::Id(_) => ("team_pending", "row_id"),
            Handle::Key(_) => ("team_pending_keyed", "key"),
            Handle::Gone(_) => ("team_pending_gone", "uid"),
        }
    }

    fn value(&self) -> rusqlite::types::Value {
        match self {
            Handle::Id(id) => (*id).into(),
            Handle::Key(key) | Handle::Gone(key) => key.clone().into(),
        }
    }
}

/// Clears what the team book now has from the outbox, in one transaction: a row changed
/// again since it was read stays, measured from what was pushed.
pub fn sent(book: &mut Book, pushed: &[Outgoing]) -> Result<(), BookError> {
    let tx = book.begin_write()?;
    for o in pushed {
        let (at, handle) = o.handle.place();
        if let Handle::Gone(_) = o.handle {
            tx.prepare_cached("DELETE FROM team_pending_gone WHERE tbl = ?1 AND uid = ?2")?
                .execute(params![o.table, o.handle.value()])?;
            continue;
        }
        let cleared = tx
            .prepare_cached(&format!(
                "DELETE FROM {at} WHERE tbl = ?1 AND {handle} = ?2 AND seq = ?3"
            ))?
            .execute(params![o.table, o.handle.value(), o.seq])?;
        // Changed again meanwhile: measured from what was pushed, if it is still the row
        // pushed (its id may have gone to a new row since).
        if cleared == 0 {
            match o.handle {
                Handle::Id(_) => tx
                    .prepare_cached(&format!(
                        "UPDATE team_pending SET before = ?3, new = 0 WHERE tbl = ?1 AND row_id = ?2
                         AND (SELECT uid FROM {} WHERE id = ?2) IS ?4",
                        o.table
                    ))?
                    .execute(params![
                        o.table,
                        o.handle.value(),
                        o.local_after,
                        o.op.row_uid
                    ])?,
                _ => tx
                    .prepare_cached(&format!(
                        "UPDATE {at} SET before = ?3, new = 0 WHERE tbl = ?1 AND {handle} = ?2"
                    ))?
                    .execute(params![o.table, o.handle.value(), o.local_after])?,
            };
        }
    }
    tx.commit()?;
    Ok(())
}

/// How many rows wait to be pushed.
pub fn pending(book: &Book) -> Result<i64, BookError> {
    Ok(book.conn().query_row(
        "SELECT (SELECT count(*) FROM team_pending) + (SELECT count(*) FROM team_pending_keyed)
                + (SELECT count(*) FROM team_pending_gone)",
        [],
        |r| r.get(0),
    )?)
}
