//! The conflicts a push met: a field this book changed that someone on the team had
//! changed too. The push won (the team book holds this book's value); each conflict is
//! kept with both values and both people until its CSM keeps theirs (a new change that
//! puts their value back) or keeps their own. Either choice is told to the team book at
//! the next sync.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::shape::Table;
use crate::book::write::Stamp;
use crate::book::{Book, BookError};

/// A conflict as this book keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: i64,
    pub entity: String,
    pub row_uid: String,
    /// The team book's name of the field, or `(row)` for a removal against an edit.
    pub field: String,
    pub mine: Value,
    pub theirs: Value,
    pub their_actor: Option<String>,
    pub at: String,
}

/// Which value a CSM keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
}

impl Keep {
    fn as_str(self) -> &'static str {
        match self {
            Keep::Mine => "mine",
            Keep::Theirs => "theirs",
        }
    }
}

/// A conflict as the team book answered a push with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Met {
    pub team_id: i64,
    pub entity: String,
    pub row_uid: String,
    pub field: String,
    pub mine: Value,
    pub theirs: Value,
    pub their_actor: Option<String>,
}

impl Book {
    /// Keeps the conflicts a push met, met by `me` at `at`.
    pub fn keep_conflicts(&mut self, met: &[Met], me: &str, at: &str) -> Result<(), BookError> {
        if met.is_empty() {
            return Ok(());
        }
        let tx = self.begin_write()?;
        for m in met {
            tx.execute(
                "INSERT INTO team_conflicts
                     (team_id, entity, row_uid, field, mine, theirs, my_actor, their_actor, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (team_id) DO NOTHING",
                params![
                    m.team_id,
                    m.entity,
                    m.row_uid,
                    m.field,
                    m.mine.to_string(),
                    m.theirs.to_string(),
                    me,
                    m.their_actor,
                    at
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The conflicts not yet resolved, oldest first.
    pub fn open_conflicts(&self) -> Result<Vec<Conflict>, BookError> {
        let json = |s: Option<String>| {
            s.and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or(Value::Null)
        };
        let mut stmt = self.conn().prepare(
            "SELECT id, entity, row_uid, field, mine, theirs, their_actor, at
             FROM team_conflicts WHERE resolved IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Conflict {
                id: r.get(0)?,
                entity: r.get(1)?,
                row_uid: r.get(2)?,
                field: r.get(3)?,
                mine: json(r.get(4)?),
                theirs: json(r.get(5)?),
                their_actor: r.get(6)?,
                at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Resolves conflict `id`: keeping theirs puts their value back as a change of
    /// `stamp`'s (journaled, and pushed at the next sync); keeping mine leaves the row.
    pub fn resolve_conflict(
        &mut self,
        id: i64,
        keep: Keep,
        tables: &[Table],
        stamp: &Stamp,
    ) -> Result<(), BookError> {
        let conflict = self
            .open_conflicts()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| BookError::Invalid(format!("there is no open conflict {id}")))?;
        let column = tables
            .iter()
            .find(|t| t.name == conflict.entity)
            .and_then(|t| t.columns.iter().find(|c| c.name == conflict.field))
            .cloned();
        self.write(stamp, |change| {
            // Their removal, kept: the row goes here too (and, pushed, stays gone there).
            // Their edit against your removal, kept: the team book brings the row back
            // at the next sync (see team_book/sync.rs).
            let their_removal =
                conflict.field == "(row)" && conflict.theirs.as_str() == Some("deleted");
            if keep == Keep::Theirs && their_removal {
                let row: Option<i64> = change
                    .tx()
                    .query_row(
                        &format!("SELECT id FROM {} WHERE uid = ?1", conflict.entity),
                        [&conflict.row_uid],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(row) = row {
                    let who = conflict.their_actor.as_deref().unwrap_or("the team");
                    change.delete_in(&conflict.entity, row, &format!("kept {who}'s removal"))?;
                }
            }
            if let (Keep::Theirs, Some(column)) = (keep, &column) {
                let tx = change.tx();
                let row: Option<i64> = tx
                    .query_row(
                        &format!("SELECT id FROM {} WHERE uid = ?1", conflict.entity),
                        [&conflict.row_uid],
                        |r| r.get(0),
                    )
                    .optional()?;
                let value = match (&column.refers_to, conflict.theirs.as_str()) {
                    (Some(to), Some(uid)) => tx
                        .query_row(&format!("SELECT id FROM {to} WHERE uid = ?1"), [uid], |r| {
                            r.get::<_, i64>(0)
                        })
                        .optional()?
                        .map_or(rusqlite::types::Value::Null, Into::into),
                    _ => super::apply::sql_value(&conflict.theirs),
                };
                if let Some(row) = row {
                    change.set_any(
                        &conflict.entity,
                        row,
                        &column.local,
                        &value,
                        &format!(
                            "kept {}'s {}",
                            conflict.their_actor.as_deref().unwrap_or("the team's"),
                            column.local
                        ),
                    )?;
                }
            }
            change.tx().execute(
                "UPDATE team_conflicts SET resolved = ?2, told_team = 0 WHERE id = ?1",
                params![id, keep.as_str()],
            )?;
            Ok(())
        })
    }

    /// The row a conflict is about, in words: its name and its account's ("Dana's
    /// champion, contact at Northwind Traders"), or the table's name alone.
    pub fn row_label(&self, table: &str, uid: &str) -> Result<String, BookError> {
        if !crate::book::identity::SHARED
            .iter()
            .any(|(t, _)| *t == table)
        {
            return Ok(table.replace('_', " "));
        }
        let has = |column: &str| crate::book::sql::has_column(self.conn(), table, column);
        let thing = table.trim_end_matches('s').replace('_', " ");
        let name = if has("name")? {
            "t.name".to_string()
        } else if has("title")? {
            "t.title".to_string()
        } else {
            "NULL".to_string()
        };
        let account = if table == "accounts" {
            "NULL".to_string()
        } else if has("account_id")? {
            "(SELECT a.name FROM accounts a WHERE a.id = t.account_id)".to_string()
        } else {
            "NULL".to_string()
        };
        let found: Option<(Option<String>, Option<String>)> = self
            .conn()
            .query_row(
                &format!("SELECT {name}, {account} FROM {table} t WHERE t.uid = ?1"),
                [uid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match found {
            Some((Some(n), Some(a))) => format!("{n}, {thing} at {a}"),
            Some((Some(n), None)) => format!("{n} ({thing})"),
            Some((None, Some(a))) => format!("a {thing} at {a}"),
            _ => format!("a {thing} no longer here"),
        })
    }

    /// Their edits kept against this book's removal, not yet told: (table, row uid) of
    /// each row the team book is to bring back.
    pub fn rows_to_bring_back(&self) -> Result<Vec<(String, String)>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT entity, row_uid FROM team_conflicts
             WHERE resolved = 'theirs' AND NOT told_team AND field = '(row)' AND theirs = '\"changed\"'",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The resolutions not yet told to the team book: (team id, kept).
    pub fn untold_resolutions(&self) -> Result<Vec<(i64, String)>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT team_id, resolved FROM team_conflicts WHERE resolved IS NOT NULL AND NOT told_team",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that the team book was told these resolutions.
    pub fn told_resolutions(&mut self, team_ids: &[i64]) -> Result<(), BookError> {
        let tx = self.begin_write()?;
        for id in team_ids {
            tx.execute(
                "UPDATE team_conflicts SET told_team = 1 WHERE team_id = ?1",
                [id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
