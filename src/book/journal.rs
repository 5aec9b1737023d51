//! The change journal: every change, who made it, when, and the row before and after.
//! Rows are only ever appended, inside the transaction that makes the change.

use chrono::NaiveDateTime;
use rusqlite::Transaction;
use serde::Serialize;

use super::{Book, BookError};

/// The format of `at`: UTC, to the second.
const AT_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalAction {
    Insert,
    Update,
    Delete,
    Import,
}

impl JournalAction {
    fn as_str(self) -> &'static str {
        match self {
            JournalAction::Insert => "insert",
            JournalAction::Update => "update",
            JournalAction::Delete => "delete",
            JournalAction::Import => "import",
        }
    }
}

/// One line of the journal as read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// The change the entry is part of: the id of that change's first entry.
    pub change_id: i64,
    /// For an undo (or a redo), the change it takes back.
    pub undoes: Option<i64>,
    /// Whether it is a redo: the undo of an undo.
    pub redo: bool,
}

/// A change about to be appended.
pub(crate) struct NewEntry<'a> {
    pub at: NaiveDateTime,
    pub actor: &'a str,
    pub action: JournalAction,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub summary: &'a str,
    pub before: Option<&'a serde_json::Value>,
    pub after: Option<&'a serde_json::Value>,
    /// The change's first entry; None for the first (it starts the change).
    pub change_id: Option<i64>,
    /// The change this one takes back, and whether that makes it a redo.
    pub undoes: Option<(i64, bool)>,
}

pub(crate) fn append(tx: &Transaction<'_>, e: &NewEntry<'_>) -> Result<i64, BookError> {
    tx.execute(
        "INSERT INTO change_journal
             (at, actor, action, entity, entity_id, summary, before, after, change_id, undoes, redo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            e.at.format(AT_FORMAT).to_string(),
            e.actor,
            e.action.as_str(),
            e.entity,
            e.entity_id,
            e.summary,
            e.before.map(|v| v.to_string()),
            e.after.map(|v| v.to_string()),
            e.change_id,
            e.undoes.map(|(id, _)| id),
            e.undoes.is_some_and(|(_, redo)| redo),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Book {
    /// The latest `limit` journal entries, newest first.
    pub fn journal(&self, limit: usize) -> Result<Vec<JournalEntry>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, at, actor, action, entity, entity_id, summary, before, after,
                    change_id, undoes, redo
             FROM change_journal ORDER BY id DESC LIMIT ?1",
        )?;
        let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(JournalEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                summary: r.get(6)?,
                before: json(r.get(7)?),
                after: json(r.get(8)?),
                change_id: r.get(9)?,
                undoes: r.get(10)?,
                redo: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest journal entry's id (0 for an empty journal).
    pub fn last_journal_id(&self) -> Result<i64, BookError> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(id), 0) FROM change_journal", [], |r| {
                r.get(0)
            })?)
    }

    /// Forgets the entries this connection wrote up to `last`: they are seen.
    pub fn forget_written_up_to(&mut self, last: i64) {
        self.written.retain(|id| *id > last);
    }

    /// What other connections (another csm, a script, this cockpit's own background
    /// work) journaled after entry `after`: grouped by table and action, with the
    /// summary of the first of them.
    pub fn changes_since(&mut self, after: i64) -> Result<ChangesElsewhere, BookError> {
        let mut found = ChangesElsewhere {
            last: after,
            ..ChangesElsewhere::default()
        };
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, action, entity, summary FROM change_journal WHERE id > ?1 ORDER BY id",
            )?;
            let mut rows = stmt.query([after])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                found.last = id;
                if self.written.contains(&id) {
                    continue;
                }
                let (action, entity): (String, String) = (r.get(1)?, r.get(2)?);
                if found.first.is_none() {
                    found.first = Some(r.get(3)?);
                }
                match found
                    .groups
                    .iter_mut()
                    .find(|g| g.action == action && g.entity == entity)
                {
                    Some(g) => g.count += 1,
                    None => found.groups.push(ChangeGroup {
                        entity,
                        action,
                        count: 1,
                    }),
                }
            }
        }
        self.written.retain(|id| *id > found.last);
        Ok(found)
    }
}

/// Changes another connection journaled: see [`Book::changes_since`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangesElsewhere {
    /// The latest entry read: where to look from next time.
    pub last: i64,
    /// By table and action, in the order first seen.
    pub groups: Vec<ChangeGroup>,
    /// The summary of the first change, to show when it is the only one.
    pub first: Option<String>,
}

impl ChangesElsewhere {
    /// How many changes other connections made.
    pub fn count(&self) -> usize {
        self.groups.iter().map(|g| g.count).sum()
    }
}

/// Changes of one kind to one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeGroup {
    /// The table, or for an import the kind imported.
    pub entity: String,
    /// insert, update, delete or import.
    pub action: String,
    pub count: usize,
}
