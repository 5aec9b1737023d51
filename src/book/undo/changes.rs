//! The journal read as changes: the entries one write appended, what kind of change they
//! are (a person's own, an undo, a redo), and the chain of undos and redos that took a
//! change back and put it back again.

use rusqlite::{OptionalExtension, Transaction};
use serde_json::{Map, Value};

use crate::book::BookError;

/// One journal entry of a change.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    pub before: Option<Map<String, Value>>,
    pub after: Option<Map<String, Value>>,
}

impl Entry {
    /// The row as the entry left it, else as it was.
    pub fn row(&self) -> Option<&Map<String, Value>> {
        self.after.as_ref().or(self.before.as_ref())
    }
}

/// What a change is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Made by a person (or an import).
    Own,
    /// Takes a change back.
    Undo,
    /// Takes an undo back: puts the change back.
    Redo,
}

/// A change as journaled: every entry one write appended, in order.
#[derive(Debug, Clone)]
pub(super) struct Recorded {
    /// The id of its first entry.
    pub id: i64,
    pub actor: String,
    /// The change it takes back, for an undo or a redo.
    pub undoes: Option<i64>,
    pub redo: bool,
    pub entries: Vec<Entry>,
    /// The id of its last entry.
    pub last: i64,
}

impl Recorded {
    pub fn kind(&self) -> Kind {
        match (self.undoes, self.redo) {
            (None, _) => Kind::Own,
            (Some(_), false) => Kind::Undo,
            (Some(_), true) => Kind::Redo,
        }
    }

    /// What the change did, as its first entry says it.
    pub fn summary(&self) -> &str {
        self.entries.first().map_or("", |e| e.summary.as_str())
    }

    pub fn is_import(&self) -> bool {
        self.entries.iter().any(|e| e.action == "import")
    }
}

/// The change a journal entry belongs to.
pub(super) fn change_of(tx: &Transaction<'_>, entry: i64) -> Result<Option<i64>, BookError> {
    Ok(tx
        .query_row(
            "SELECT change_id FROM change_journal WHERE id = ?1",
            [entry],
            |r| r.get(0),
        )
        .optional()?)
}

/// The change whose first entry is `id`, whole.
pub(super) fn read(tx: &Transaction<'_>, id: i64) -> Result<Recorded, BookError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, actor, action, entity, entity_id, summary, before, after, undoes, redo
         FROM change_journal WHERE change_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([id])?;
    let mut found: Option<Recorded> = None;
    while let Some(r) = rows.next()? {
        let entry = Entry {
            action: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            summary: r.get(5)?,
            before: object(r.get(6)?),
            after: object(r.get(7)?),
        };
        let last: i64 = r.get(0)?;
        let change = found.get_or_insert_with(|| Recorded {
            id,
            actor: String::new(),
            undoes: None,
            redo: false,
            entries: Vec::new(),
            last,
        });
        change.actor = r.get(1)?;
        change.undoes = r.get(8)?;
        change.redo = r.get(9)?;
        change.last = last;
        change.entries.push(entry);
    }
    found.ok_or_else(|| BookError::Invalid(format!("the journal has no change #{id}")))
}

fn object(text: Option<String>) -> Option<Map<String, Value>> {
    match serde_json::from_str(&text?).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// The change that took `id` back, if one did.
pub(super) fn taken_back_by(tx: &Transaction<'_>, id: i64) -> Result<Option<i64>, BookError> {
    Ok(tx
        .query_row(
            "SELECT change_id FROM change_journal WHERE undoes = ?1 ORDER BY id LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// `id`, then the change that took it back, then the one that took that back, and so
/// on: an odd number after `id` means its effect is taken back now.
pub(super) fn chain(tx: &Transaction<'_>, id: i64) -> Result<Vec<i64>, BookError> {
    let mut chain = vec![id];
    while let Some(next) = taken_back_by(tx, *chain.last().unwrap_or(&id))? {
        if chain.contains(&next) {
            break; // a journal edited by hand: never loop
        }
        chain.push(next);
    }
    Ok(chain)
}

/// The person's own change an undo or a redo goes back to.
pub(super) fn root(tx: &Transaction<'_>, change: &Recorded) -> Result<Recorded, BookError> {
    let mut at = change.clone();
    let mut seen = vec![at.id];
    while let Some(earlier) = at.undoes {
        if seen.contains(&earlier) {
            break;
        }
        seen.push(earlier);
        at = read(tx, earlier)?;
    }
    Ok(at)
}

/// Whether `id` belongs to a chain whose effect is nil now: a change taken back (an
/// undo of it, a redo and an undo again...), or one of the undos and redos of such a
/// change.
pub(super) fn cancelled_out(tx: &Transaction<'_>, id: i64) -> Result<bool, BookError> {
    let first = root(tx, &read(tx, id)?)?;
    Ok(chain(tx, first.id)?.len() % 2 == 0)
}

/// The latest change of `actor` that is not an undo and not taken back.
pub(super) fn last_undoable(tx: &Transaction<'_>, actor: &str) -> Result<Option<i64>, BookError> {
    Ok(tx
        .query_row(
            "SELECT j.id FROM change_journal j
             WHERE j.actor = ?1 AND j.id = j.change_id AND (j.undoes IS NULL OR j.redo = 1)
               AND NOT EXISTS (SELECT 1 FROM change_journal u WHERE u.undoes = j.id)
             ORDER BY j.id DESC LIMIT 1",
            [actor],
            |r| r.get(0),
        )
        .optional()?)
}

/// The undo of `actor`'s to put back: walking back from their latest change over redos
/// and undos already put back, the first undo found; none once a change of their own
/// comes first (a new change clears what there was to redo).
pub(super) fn last_redoable(tx: &Transaction<'_>, actor: &str) -> Result<Option<i64>, BookError> {
    let mut stmt = tx.prepare_cached(
        "SELECT j.id, j.undoes, j.redo,
                EXISTS (SELECT 1 FROM change_journal u WHERE u.undoes = j.id)
         FROM change_journal j WHERE j.actor = ?1 AND j.id = j.change_id
         ORDER BY j.id DESC",
    )?;
    let mut rows = stmt.query([actor])?;
    while let Some(r) = rows.next()? {
        let (id, undoes, redo, taken_back): (i64, Option<i64>, bool, bool) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        match (undoes, redo) {
            (None, _) => return Ok(None),
            (Some(_), false) if !taken_back => return Ok(Some(id)),
            _ => continue,
        }
    }
    Ok(None)
}
