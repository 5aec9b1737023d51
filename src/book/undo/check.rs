//! Why a change cannot be taken back, asked under the write lock: a later change to one
//! of its rows (by anyone, from any process), a row no longer as the change left it (an
//! import, another program), a row gone or its place taken, rows that hang off a row
//! the undo would remove, or the row a removed row belonged to gone since. Each answer
//! is the end of a sentence a person reads: "#44 by ana changed the same task later".

use std::collections::HashMap;

use rusqlite::Transaction;
use serde_json::{Map, Value};

use super::changes::{self, Recorded};
use super::values::unchanged;
use super::words::{count, named, noun};
use crate::book::BookError;
use crate::book::write::Change;

/// Why `target` cannot be taken back as the book stands, if it cannot.
pub(super) fn refusal(change: &Change<'_>, target: &Recorded) -> Result<Option<String>, BookError> {
    if let Some(why) = later_change(change.tx(), target)? {
        return Ok(Some(why));
    }
    rows_as_left(change, target)
}

/// A later change to one of the target's rows that still stands (a change taken back
/// since, with its undo, counts for nothing).
fn later_change(tx: &Transaction<'_>, target: &Recorded) -> Result<Option<String>, BookError> {
    let mut stmt = tx.prepare_cached(
        "SELECT change_id, actor, action FROM change_journal
         WHERE entity = ?1 AND entity_id = ?2 AND id > ?3 ORDER BY id",
    )?;
    for (table, id, _) in rows_of(target) {
        let later: Vec<(i64, String, String)> = stmt
            .query_map(rusqlite::params![table, id, target.last], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        for (change, actor, action) in later {
            if change == target.id || changes::cancelled_out(tx, change)? {
                continue;
            }
            let (one, _) = noun(table);
            return Ok(Some(match action.as_str() {
                "delete" => format!("#{change} by {actor} removed the same {one} later"),
                "insert" => format!("#{change} by {actor} put a new {one} in its place later"),
                _ => format!("#{change} by {actor} changed the same {one} later"),
            }));
        }
    }
    Ok(None)
}

/// Each row as the target left it: there, with the values it wrote, or gone.
fn rows_as_left(change: &Change<'_>, target: &Recorded) -> Result<Option<String>, BookError> {
    for (table, id, left) in rows_of(target) {
        let now = change.row_json(table, id)?;
        let now = now.as_ref().and_then(Value::as_object);
        let what = named(table, left.or(now));
        match (left, now) {
            (Some(_), None) => return Ok(Some(format!("the {what} is no longer in the book"))),
            (None, Some(_)) => {
                let (one, _) = noun(table);
                return Ok(Some(format!("another {one} has its place in the book now")));
            }
            (Some(left), Some(now)) if !unchanged(left, now) => {
                return Ok(Some(format!(
                    "the {what} has changed since, by an import or another program"
                )));
            }
            _ => {}
        }
    }
    Ok(None)
}

/// A row a change touched: its table, its id, and the row as the change left it (None:
/// removed).
type Touched<'a> = (&'a str, i64, Option<&'a Map<String, Value>>);

/// Each row the target touched, as its last entry on it left it.
fn rows_of(target: &Recorded) -> Vec<Touched<'_>> {
    let mut last: HashMap<(&str, i64), Option<&Map<String, Value>>> = HashMap::new();
    let mut order = Vec::new();
    for e in &target.entries {
        let Some(id) = e.entity_id else { continue };
        let key = (e.entity.as_str(), id);
        if last.insert(key, e.after.as_ref()).is_none() {
            order.push(key);
        }
    }
    order
        .into_iter()
        .map(|key| (key.0, key.1, last[&key]))
        .collect()
}

/// Rows elsewhere that refer to the row an undo would remove (a touch with a contact
/// added, steps of a term opened): removing it would take them or their link along.
pub(super) fn dependents(
    tx: &Transaction<'_>,
    table: &str,
    id: i64,
    row: Option<&Map<String, Value>>,
) -> Result<Option<String>, BookError> {
    let links: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = ?1",
        )?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (child, column) in links {
        let n: i64 = tx.query_row(
            &format!("SELECT count(*) FROM \"{child}\" WHERE \"{column}\" = ?1"),
            [id],
            |r| r.get(0),
        )?;
        if n > 0 {
            let verb = if n == 1 { "refers" } else { "refer" };
            return Ok(Some(format!(
                "{} {verb} to the {} now",
                count(&child, n),
                named(table, row)
            )));
        }
    }
    Ok(None)
}

/// What putting a removed row back needs of the rows it belonged to: the links to
/// clear (a row that would have lost its link anyway, as a touch does when its contact
/// goes), or why it cannot go back (its account, its contract is gone).
pub(super) fn parents(
    tx: &Transaction<'_>,
    table: &str,
    row: &Map<String, Value>,
) -> Result<Result<Vec<String>, String>, BookError> {
    let links: Vec<(String, String, Option<String>, String)> = tx
        .prepare_cached(
            "SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1)",
        )?
        .query_map([table], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut cleared = Vec::new();
    for (parent, column, to, on_delete) in links {
        let Some(value) = row.get(&column).and_then(Value::as_i64) else {
            continue;
        };
        let to = to.unwrap_or_else(|| "rowid".into());
        let there: bool = tx.query_row(
            &format!("SELECT count(*) > 0 FROM \"{parent}\" WHERE \"{to}\" = ?1"),
            [value],
            |r| r.get(0),
        )?;
        if there {
            continue;
        }
        if on_delete.eq_ignore_ascii_case("SET NULL") {
            cleared.push(column);
        } else {
            let (one, _) = noun(&parent);
            return Ok(Err(format!(
                "the {one} the {} belonged to is no longer in the book",
                named(table, Some(row))
            )));
        }
    }
    Ok(Ok(cleared))
}
