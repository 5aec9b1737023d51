//! The team's changes applied here: everything a pull brings, in one transaction,
//! journaled as from the team member who made it and not taken for this book's own (the
//! capture triggers stand aside). A field changed here and not yet pushed keeps this
//! book's value, and the row keeps what it was before this book changed it, so the push
//! that follows meets the team's value and the team book keeps the conflict.

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};
use serde_json::{Map, Value};

use super::ops::{Kind, Op};
use super::outbox::local_json;
use super::shape::Table;
use crate::book::journal::{self, JournalAction, NewEntry};
use crate::book::{Book, BookError};

/// A change the team book holds, as pulled: the operation, who made it and where it
/// stands in the change log.
#[derive(Debug, Clone)]
pub struct Pulled {
    pub op: Op,
    /// The team member's name (or the login, for one not tied to a member).
    pub actor: String,
    pub position: i64,
}

/// What a pull did here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Rows changed here by the team's changes.
    pub rows: usize,
    /// Fields left as this book has them, changed here and waiting to be pushed.
    pub kept_mine: usize,
    /// The accounts (local ids) whose rows changed: their health is scored again.
    pub accounts: Vec<i64>,
    /// Changes this book could not take (a row it requires missing, a value it refuses),
    /// each with why: passed over so that one cannot hold up every pull.
    pub skipped: Vec<String>,
    /// References to rows that came later in the same pull (a contact's manager added
    /// after them): (table, local id, column, referred table, uid), filled in at the end.
    later: Vec<(&'static str, i64, String, String, String)>,
}

impl Applied {
    /// Keeps the references of row `id` whose rows were not here yet, to fill in once
    /// the pull is in.
    fn refer_later(
        &mut self,
        table: &Table,
        id: i64,
        unresolved: &mut Vec<(String, String, String)>,
    ) {
        self.later.extend(
            unresolved
                .drain(..)
                .map(|(column, to, uid)| (table.name, id, column, to, uid)),
        );
    }

    /// Notes the account a changed row belongs to.
    fn touched(&mut self, table: &Table, loc: &Locator, row: Option<&Map<String, Value>>) {
        let account = match (table.name, loc) {
            ("accounts", Locator::Id(id)) => Some(*id),
            _ => row
                .and_then(|r| r.get("account_id"))
                .and_then(Value::as_i64),
        };
        if let Some(account) = account {
            self.accounts.push(account);
        }
    }
}

/// Scores again, as of `today`, the accounts the team's changes touched: one by one for
/// a few, the whole book for many. Derived data is worked out here from the facts that
/// came, never synced.
pub fn rescore(
    book: &mut Book,
    rules: &crate::domain::health::HealthRules,
    today: chrono::NaiveDate,
    accounts: &[i64],
) -> Result<(), BookError> {
    if accounts.is_empty() {
        return Ok(());
    }
    book.refresh_recent_usage()?;
    if accounts.len() > 200 {
        book.recompute_health(rules, &[today])?;
        return Ok(());
    }
    for account in accounts {
        book.recompute_account_health(rules, *account, today)?;
    }
    Ok(())
}

/// A JSON value as SQLite holds it.
pub(crate) fn sql_value(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or_default())),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

/// The local id of the row of `table` with `uid`.
fn local_id(tx: &Transaction<'_>, table: &str, uid: &str) -> Result<Option<i64>, BookError> {
    Ok(tx
        .prepare_cached(&format!("SELECT id FROM {table} WHERE uid = ?1"))?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// Where a local row is: by its id, or in a keyed table by its key's local values.
enum Locator {
    Id(i64),
    Key(Vec<Sql>),
}

impl Locator {
    /// The condition that picks the row (its values start at `?{from}`), and the values.
    fn picks(&self, table: &Table, from: usize) -> (String, Vec<Sql>) {
        match self {
            Locator::Id(id) => (format!("id = ?{from}"), vec![Sql::Integer(*id)]),
            Locator::Key(values) => {
                let parts: Vec<String> = table
                    .key
                    .iter()
                    .enumerate()
                    .map(|(i, k)| format!("\"{k}\" = ?{}", from + i))
                    .collect();
                (parts.join(" AND "), values.clone())
            }
        }
    }
}

/// A team value as this book holds it: a reference's uid as the local id it names.
fn local_value(
    tx: &Transaction<'_>,
    column: &super::shape::Column,
    after: &Value,
) -> Result<Sql, BookError> {
    Ok(match (&column.refers_to, after.as_str()) {
        (Some(to), Some(uid)) => local_id(tx, to, uid)?.map_or(Sql::Null, Sql::Integer),
        _ => sql_value(after),
    })
}

/// Where the row an operation names is here, if this book holds it, and where it would
/// be (a keyed row's key, to add it under).
fn locate(
    tx: &Transaction<'_>,
    table: &Table,
    op: &Op,
) -> Result<(Option<Locator>, Vec<Sql>), BookError> {
    if !table.keyed() {
        return Ok((
            local_id(tx, table.name, &op.row_uid)?.map(Locator::Id),
            Vec::new(),
        ));
    }
    let mut key = Vec::new();
    for k in &table.key {
        let column = table
            .column(k)
            .ok_or_else(|| BookError::Invalid(format!("{} has no key column {k}", table.name)))?;
        let after = op.after(&column.name).cloned().unwrap_or(Value::Null);
        key.push(local_value(tx, column, &after)?);
    }
    let (cond, values) = Locator::Key(key.clone()).picks(table, 1);
    let held: bool = tx
        .prepare_cached(&format!(
            "SELECT count(*) > 0 FROM {} WHERE {cond}",
            table.name
        ))?
        .query_row(params_from_iter(values), |r| r.get(0))?;
    Ok((held.then(|| Locator::Key(key.clone())), key))
}

/// The outbox row of a local row: its table, the column that names it and the value.
fn outbox_place(
    tx: &Transaction<'_>,
    table: &Table,
    loc: &Locator,
) -> Result<(&'static str, &'static str, Sql), BookError> {
    Ok(match loc {
        Locator::Id(id) => ("team_pending", "row_id", Sql::Integer(*id)),
        Locator::Key(values) => {
            let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            let key: String = tx
                .prepare_cached(&format!("SELECT json_array({})", marks.join(", ")))?
                .query_row(params_from_iter(values.clone()), |r| r.get(0))?;
            let _ = table;
            ("team_pending_keyed", "key", Sql::Text(key))
        }
    })
}

/// The row as the capture triggers write it, for the journal and the pending check.
fn row_now(
    tx: &Transaction<'_>,
    table: &Table,
    loc: &Locator,
) -> Result<Option<Map<String, Value>>, BookError> {
    let (cond, values) = loc.picks(table, 1);
    let text: Option<String> = tx
        .prepare_cached(&format!(
            "SELECT {} FROM {} t WHERE {cond}",
            local_json(table, "t"),
            table.name
        ))?
        .query_row(params_from_iter(values), |r| r.get(0))
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Whether the book holds the row of `table` with `uid`.
pub fn holds(book: &Book, table: &str, uid: &str) -> Result<bool, BookError> {
    if !crate::book::identity::SHARED
        .iter()
        .any(|(t, _)| *t == table)
    {
        return Ok(false);
    }
    Ok(book.conn().query_row(
        &format!("SELECT count(*) > 0 FROM {table} WHERE uid = ?1"),
        [uid],
        |r| r.get(0),
    )?)
}

/// Applies `pulled` in one transaction and records that the book has read the change log
/// up to `position`.
pub fn apply(
    book: &mut Book,
    tables: &[Table],
    pulled: &[Pulled],
    position: i64,
    at: &str,
) -> Result<Applied, BookError> {
    let tx = book.begin_write()?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON; UPDATE team_link SET applying = 1;")?;
    let mut applied = Applied::default();
    for p in pulled {
        // A table a newer csm shares is not one this book has.
        let Some(table) = tables.iter().find(|t| t.name == p.op.entity) else {
            continue;
        };
        // Each change on its own savepoint: one this book cannot take is passed over,
        // said, and the rest still come.
        tx.execute_batch("SAVEPOINT team_change")?;
        match apply_one(&tx, table, p, at, &mut applied) {
            Ok(()) => tx.execute_batch("RELEASE team_change")?,
            Err(e) => {
                tx.execute_batch("ROLLBACK TO team_change; RELEASE team_change")?;
                applied
                    .skipped
                    .push(format!("change {} to {}: {e}", p.position, table.name));
            }
        }
    }
    for (table, id, column, to, uid) in std::mem::take(&mut applied.later) {
        tx.execute(
            &format!(
                "UPDATE {table} SET \"{column}\" = (SELECT id FROM {to} WHERE uid = ?1)
                 WHERE id = ?2 AND \"{column}\" IS NULL"
            ),
            params![uid, id],
        )?;
    }
    tx.execute(
        "UPDATE team_link SET applying = 0, position = max(position, ?1), synced_at = ?2",
        params![position, at],
    )?;
    tx.commit()?;
    applied.accounts.sort_unstable();
    applied.accounts.dedup();
    Ok(applied)
}

fn apply_one(
    tx: &Transaction<'_>,
    table: &Table,
    p: &Pulled,
    at: &str,
    applied: &mut Applied,
) -> Result<(), BookError> {
    let (found, key) = locate(tx, table, &p.op)?;
    let place = match &found {
        Some(loc) => Some(outbox_place(tx, table, loc)?),
        None => None,
    };
    let pending: Option<(Option<String>, bool)> = match &place {
        Some((at, by, value)) => tx
            .prepare_cached(&format!(
                "SELECT before, new FROM {at} WHERE tbl = ?1 AND {by} = ?2"
            ))?
            .query_row(params![table.name, value], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        None => None,
    };
    let before_row = match &found {
        Some(loc) => row_now(tx, table, loc)?,
        None => None,
    };
    let journal = |action, loc: &Locator, before: Option<&Map<String, Value>>, after| {
        let before = before.map(|b| Value::Object(b.clone()));
        let after: Option<Value> = after;
        journal::append(
            tx,
            &NewEntry {
                at: chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%SZ")
                    .unwrap_or_default(),
                actor: &p.actor,
                action,
                entity: table.name,
                entity_id: match loc {
                    Locator::Id(id) => Some(*id),
                    Locator::Key(_) => None,
                },
                summary: &format!("{} changed {} (from the team book)", p.actor, table.name),
                before: before.as_ref(),
                after: after.as_ref(),
                change_id: None,
                undoes: None,
            },
        )
    };
    if p.op.kind == Kind::Delete {
        let Some(loc) = found else { return Ok(()) };
        if pending.is_some() {
            // Changed here since: the push that follows brings the row back.
            applied.kept_mine += 1;
            return Ok(());
        }
        let (cond, values) = loc.picks(table, 1);
        tx.execute(
            &format!("DELETE FROM {} WHERE {cond}", table.name),
            params_from_iter(values),
        )?;
        journal(JournalAction::Delete, &loc, before_row.as_ref(), None)?;
        applied.touched(table, &loc, before_row.as_ref());
        applied.rows += 1;
        return Ok(());
    }
    let mine: Option<Map<String, Value>> = pending
        .as_ref()
        .and_then(|(before, _)| before.as_deref())
        .and_then(|b| serde_json::from_str(b).ok());
    let all_mine = pending.as_ref().is_some_and(|(_, new)| *new);
    let mut sets: Vec<(String, Sql)> = Vec::new();
    let mut unresolved = Vec::new();
    for (name, change) in &p.op.fields {
        let Some(column) = table.columns.iter().find(|c| &c.name == name) else {
            continue;
        };
        let Some(after) = change.get("after") else {
            continue;
        };
        let value = local_value(tx, column, after)?;
        if let (Some(to), Some(uid), Sql::Null) = (&column.refers_to, after.as_str(), &value) {
            unresolved.push((column.local.clone(), to.clone(), uid.to_string()));
        }
        let changed_here = all_mine
            || match (&mine, &before_row) {
                (Some(was), Some(now)) => was.get(&column.local) != now.get(&column.local),
                _ => false,
            };
        if changed_here {
            applied.kept_mine += 1;
            continue;
        }
        sets.push((column.local.clone(), value));
    }
    match found {
        Some(loc) => {
            if sets.is_empty() {
                return Ok(());
            }
            let assignments: Vec<String> = sets
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 1))
                .collect();
            let (cond, keys) = loc.picks(table, sets.len() + 1);
            let mut values: Vec<Sql> = sets.iter().map(|(_, v)| v.clone()).collect();
            values.extend(keys);
            tx.execute(
                &format!(
                    "UPDATE {} SET {} WHERE {cond}",
                    table.name,
                    assignments.join(", ")
                ),
                params_from_iter(values),
            )?;
            // A keyed row may have moved to a new key.
            let loc = match &loc {
                Locator::Key(_) => locate(tx, table, &p.op)?.0.unwrap_or(loc),
                Locator::Id(_) => loc,
            };
            if let (Some(_), Some((at, by, value))) = (&pending, &place) {
                // What the team now holds is what this book's change is measured from.
                for (c, v) in &sets {
                    tx.execute(
                        &format!(
                            "UPDATE {at} SET before = json_set(before, ?3, ?4)
                             WHERE tbl = ?1 AND {by} = ?2 AND before IS NOT NULL"
                        ),
                        params![table.name, value, format!("$.{c}"), v],
                    )?;
                }
            }
            if let Locator::Id(id) = loc {
                applied.refer_later(table, id, &mut unresolved);
            }
            let after = row_now(tx, table, &loc)?;
            if after.as_ref() != before_row.as_ref() {
                applied.touched(table, &loc, after.as_ref());
                journal(
                    JournalAction::Update,
                    &loc,
                    before_row.as_ref(),
                    after.map(Value::Object),
                )?;
                applied.rows += 1;
            }
        }
        None => {
            // An edit of a row this book does not hold brings too little to make it, and
            // a row removed here and not yet pushed stays removed.
            let removed_here: bool = if table.keyed() {
                let (at, by, value) = outbox_place(tx, table, &Locator::Key(key.clone()))?;
                tx.prepare_cached(&format!(
                    "SELECT count(*) > 0 FROM {at} WHERE tbl = ?1 AND {by} = ?2 AND deleted"
                ))?
                .query_row(params![table.name, value], |r| r.get(0))?
            } else {
                tx.prepare_cached(
                    "SELECT count(*) > 0 FROM team_pending WHERE tbl = ?1 AND uid = ?2 AND deleted",
                )?
                .query_row(params![table.name, p.op.row_uid], |r| r.get(0))?
            };
            if p.op.kind != Kind::Insert || removed_here {
                return Ok(());
            }
            let mut names = Vec::new();
            let mut values = Vec::new();
            if !table.keyed() {
                names.push("uid".to_string());
                values.push(Sql::Text(p.op.row_uid.clone()));
            }
            names.extend(sets.iter().map(|(c, _)| format!("\"{c}\"")));
            values.extend(sets.iter().map(|(_, v)| v.clone()));
            let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    table.name,
                    names.join(", "),
                    marks.join(", ")
                ),
                params_from_iter(values),
            )?;
            let loc = if table.keyed() {
                Locator::Key(key)
            } else {
                Locator::Id(tx.last_insert_rowid())
            };
            if let Locator::Id(id) = loc {
                applied.refer_later(table, id, &mut unresolved);
            }
            let after = row_now(tx, table, &loc)?;
            applied.touched(table, &loc, after.as_ref());
            journal(JournalAction::Insert, &loc, None, after.map(Value::Object))?;
            applied.rows += 1;
        }
    }
    Ok(())
}
