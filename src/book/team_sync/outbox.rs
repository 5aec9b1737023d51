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
    pub(crate) row_id: i64,
    /// The row's count of changes when read.
    pub(crate) seq: i64,
    /// The row as pushed, as the capture triggers write it: the next push's `before`
    /// if the row changes again meanwhile.
    pub(crate) local_after: Option<String>,
}

/// A row of `table` as the capture triggers write it: every column but the local id.
pub(crate) fn local_json(table: &Table, alias: &str) -> String {
    let mut pairs = vec![format!("'uid', {alias}.uid")];
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
    match (pending.deleted, pending.new, now, &pending.row_uid) {
        (true, true, _, _) => Ok(None),
        (true, false, _, Some(uid)) => Ok(Some(op(Kind::Delete, uid, Map::new()))),
        (false, true, Some(now), Some(uid)) => {
            let fields = now
                .into_iter()
                .map(|(k, v)| (k, json!({ "after": v })))
                .collect();
            Ok(Some(op(Kind::Insert, uid, fields)))
        }
        (false, false, Some(now), Some(uid)) => {
            let before = before_in_team_names(conn, table, &before.unwrap_or_default())?;
            let fields: Map<String, Value> = now
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
            Ok((!fields.is_empty()).then(|| op(Kind::Update, uid, fields)))
        }
        _ => Ok(None),
    }
}

/// One row of `team_pending` with the row as it is now.
struct PendingRow {
    row_id: i64,
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
        let sql = format!(
            "SELECT p.row_id, p.seq, p.op_id, p.before, p.new, p.deleted,
                    coalesce(t.uid, p.uid),
                    CASE WHEN t.id IS NULL THEN NULL ELSE {} END,
                    CASE WHEN t.id IS NULL THEN NULL ELSE {} END
             FROM team_pending p LEFT JOIN {} t ON t.id = p.row_id
             WHERE p.tbl = ?1 ORDER BY p.row_id",
            team_json(table, "t"),
            local_json(table, "t"),
            table.name
        );
        let rows: Vec<PendingRow> = tx
            .prepare(&sql)?
            .query_map([table.name], |r| {
                Ok(PendingRow {
                    row_id: r.get(0)?,
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
            if pending.op_id.is_none() {
                let id = Uuid::now_v7().to_string();
                tx.execute(
                    "UPDATE team_pending SET op_id = ?1 WHERE tbl = ?2 AND row_id = ?3",
                    params![id, table.name, pending.row_id],
                )?;
                pending.op_id = Some(id);
            }
            match operation(&tx, table, &pending, base_position)? {
                Some(op) => out.push(Outgoing {
                    op,
                    table: table.name,
                    row_id: pending.row_id,
                    seq: pending.seq,
                    local_after: pending.local_after,
                }),
                None => {
                    tx.execute(
                        "DELETE FROM team_pending WHERE tbl = ?1 AND row_id = ?2",
                        params![table.name, pending.row_id],
                    )?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(out)
}

/// Clears what the team book now has from the outbox, in one transaction: a row changed
/// again since it was read stays, measured from what was pushed.
pub fn sent(book: &mut Book, pushed: &[Outgoing]) -> Result<(), BookError> {
    let tx = book.begin_write()?;
    {
        let mut clear =
            tx.prepare("DELETE FROM team_pending WHERE tbl = ?1 AND row_id = ?2 AND seq = ?3")?;
        let mut rebase = tx.prepare(
            "UPDATE team_pending SET before = ?3, new = 0 WHERE tbl = ?1 AND row_id = ?2",
        )?;
        for o in pushed {
            if clear.execute(params![o.table, o.row_id, o.seq])? == 0 {
                rebase.execute(params![o.table, o.row_id, o.local_after])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// How many rows wait to be pushed.
pub fn pending(book: &Book) -> Result<i64, BookError> {
    Ok(book
        .conn()
        .query_row("SELECT count(*) FROM team_pending", [], |r| r.get(0))?)
}
