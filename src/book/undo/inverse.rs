//! A change's inverse, written through the journaled write path, last entry first: an
//! update puts the fields it changed back, an insert is removed, a removal is put back
//! under its own id from the row as it was. Also which accounts a change touched, so the
//! caller can recompute their health.

use rusqlite::ToSql;
use rusqlite::Transaction;
use rusqlite::types::Value as Sql;
use serde_json::{Map, Value};

use super::changes::{Entry, Recorded};
use super::check;
use super::values::{columns, same, sql};
use crate::book::BookError;
use crate::book::write::{Change, Entity};

/// Why an inverse stopped half-way (nothing of it is kept), or a failure of the book.
pub(super) enum Stop {
    Refused(String),
    Book(BookError),
}

impl From<BookError> for Stop {
    fn from(e: BookError) -> Self {
        Stop::Book(e)
    }
}

/// Writes the inverse of every entry of `target`, each journaled with `summary`.
pub(super) fn write(change: &mut Change<'_>, target: &Recorded, summary: &str) -> Result<(), Stop> {
    for entry in target.entries.iter().rev() {
        let (Some(entity), Some(id)) = (Entity::from_table(&entry.entity), entry.entity_id) else {
            return Err(Stop::Refused(format!(
                "csm does not undo changes to {} this way",
                entry.entity
            )));
        };
        match entry.action.as_str() {
            "update" => put_fields_back(change, entity, id, entry, summary)?,
            "insert" => {
                if let Some(why) = check::dependents(change.tx(), &entry.entity, id, entry.row())? {
                    return Err(Stop::Refused(why));
                }
                change.delete(entity, id, summary).map_err(in_words)?;
            }
            "delete" => put_row_back(change, entity, id, entry, summary)?,
            other => {
                return Err(Stop::Refused(format!(
                    "a change of the kind `{other}` is not undone this way"
                )));
            }
        }
    }
    Ok(())
}

/// The fields an update changed, set back to what they were.
fn put_fields_back(
    change: &mut Change<'_>,
    entity: Entity,
    id: i64,
    entry: &Entry,
    summary: &str,
) -> Result<(), Stop> {
    let (Some(before), Some(after)) = (&entry.before, &entry.after) else {
        return Err(Stop::Refused("its journal entry lacks the row".into()));
    };
    let known = columns(change.tx(), entity.table())?;
    let fields = |only_changed: bool| -> Vec<(String, Sql)> {
        before
            .iter()
            .filter(|(k, _)| *k != "id" && known.contains(k))
            .filter(|(k, v)| !only_changed || after.get(*k).is_none_or(|a| !same(v, a)))
            .map(|(k, v)| (k.clone(), sql(v)))
            .collect()
    };
    // An update that changed nothing is put back whole, so the undo is journaled too.
    let mut back = fields(true);
    if back.is_empty() {
        back = fields(false);
    }
    let pairs: Vec<(&str, &dyn ToSql)> = back
        .iter()
        .map(|(k, v)| (k.as_str(), v as &dyn ToSql))
        .collect();
    change.update(entity, id, &pairs, summary).map_err(in_words)
}

/// A removed row put back as it was, under its own id.
fn put_row_back(
    change: &mut Change<'_>,
    entity: Entity,
    id: i64,
    entry: &Entry,
    summary: &str,
) -> Result<(), Stop> {
    let Some(before) = &entry.before else {
        return Err(Stop::Refused("its journal entry lacks the row".into()));
    };
    let cleared = check::parents(change.tx(), entity.table(), before)?.map_err(Stop::Refused)?;
    let known = columns(change.tx(), entity.table())?;
    let back: Vec<(String, Sql)> = before
        .iter()
        .filter(|(k, _)| *k != "id" && known.contains(k))
        .map(|(k, v)| {
            let value = if cleared.contains(k) {
                Sql::Null
            } else {
                sql(v)
            };
            (k.clone(), value)
        })
        .collect();
    let pairs: Vec<(&str, &dyn ToSql)> = back
        .iter()
        .map(|(k, v)| (k.as_str(), v as &dyn ToSql))
        .collect();
    change
        .restore(entity, id, &pairs, summary)
        .map_err(in_words)
}

/// A rule of the book the inverse would break (another row holds a unique value now)
/// told as a refusal; any other failure as it is.
fn in_words(e: BookError) -> Stop {
    match &e {
        BookError::Query(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Stop::Refused("the book as it stands now does not allow it back".into())
        }
        _ => Stop::Book(e),
    }
}

/// The accounts whose rows the change touched, in id order.
pub(super) fn accounts(tx: &Transaction<'_>, target: &Recorded) -> Result<Vec<i64>, BookError> {
    let mut out = Vec::new();
    for e in &target.entries {
        let row = e.row();
        let field = |name: &str| row.and_then(|r: &Map<String, Value>| r.get(name)?.as_i64());
        let account = match e.entity.as_str() {
            "accounts" => e.entity_id,
            "renewal_steps" => match field("contract_id") {
                Some(contract) => {
                    use rusqlite::OptionalExtension;
                    tx.query_row(
                        "SELECT account_id FROM contracts WHERE id = ?1",
                        [contract],
                        |r| r.get(0),
                    )
                    .optional()?
                }
                None => None,
            },
            _ => field("account_id"),
        };
        out.extend(account);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}
