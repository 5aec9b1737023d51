//! Undo and redo of a person's changes, written from the change journal. A change is
//! every entry one write appended; undoing it writes its inverse through the same write
//! path, journaled and signed by whoever undoes it, and marked as taking that change
//! back. A redo takes an undo back. Everything is decided under the write lock, so two
//! processes never both undo one change, and a change someone changed again since
//! (anyone, from anywhere) is refused in a sentence that says who did what.

mod changes;
mod check;
mod inverse;
mod values;
mod words;

use changes::{Kind, Recorded};
use inverse::Stop;

use super::write::{Change, Stamp};
use super::{Book, BookError};

/// What an undo (or a redo) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The change taken back: the id of its first journal entry.
    pub change: i64,
    /// The journal entries the undo wrote.
    pub written: Vec<i64>,
    /// What the person's own change did, as they read it: "task done: Call Maya".
    pub summary: String,
    /// The accounts whose rows it touched, in id order: their health may have moved.
    pub accounts: Vec<i64>,
    /// Whether this put a change back (a redo) rather than took one back.
    pub redo: bool,
}

impl Book {
    /// Undoes the change journal entry `journal_id` belongs to (the entry of an undo: puts
    /// that change back). Refused, with why, when the change is an import, is undone
    /// already, or one of its rows was changed again since or is gone.
    pub fn undo(&mut self, stamp: &Stamp, journal_id: i64) -> Result<Undone, BookError> {
        self.write(stamp, |change| {
            let Some(id) = changes::change_of(change.tx(), journal_id)? else {
                return Err(BookError::Refused(format!(
                    "There is no change #{journal_id} in the journal, so nothing was undone"
                )));
            };
            let asked = changes::read(change.tx(), id)?;
            take_back(change, &asked)
        })
    }

    /// Undoes the latest change `stamp.actor` made that is not an undo and not undone
    /// already: asked again and again, it walks back through their changes.
    pub fn undo_last(&mut self, stamp: &Stamp) -> Result<Undone, BookError> {
        self.write(stamp, |change| {
            let Some(id) = changes::last_undoable(change.tx(), &stamp.actor)? else {
                return Err(BookError::Refused(format!(
                    "Nothing to undo: {} has no change in this book that is not undone already",
                    stamp.actor
                )));
            };
            let asked = changes::read(change.tx(), id)?;
            take_back(change, &asked)
        })
    }

    /// Puts back the change `stamp.actor` undid most recently, as long as they made no
    /// change of their own since (a new change clears what there was to redo).
    pub fn redo_last(&mut self, stamp: &Stamp) -> Result<Undone, BookError> {
        self.write(stamp, |change| {
            let Some(id) = changes::last_redoable(change.tx(), &stamp.actor)? else {
                return Err(BookError::Refused(format!(
                    "Nothing to redo: {} has undone nothing since their last change",
                    stamp.actor
                )));
            };
            let asked = changes::read(change.tx(), id)?;
            take_back(change, &asked)
        })
    }
}

/// Takes back `asked`, or the latest redo of it when it was undone and redone since.
fn take_back(change: &mut Change<'_>, asked: &Recorded) -> Result<Undone, BookError> {
    let tx = change.tx();
    let own = changes::root(tx, asked)?;
    let redo = asked.kind() == Kind::Undo;
    let cannot = |why: String| {
        BookError::Refused(if redo {
            format!("Cannot redo #{} ({}): {why}", own.id, own.summary())
        } else {
            format!("Cannot undo #{} ({}): {why}", asked.id, asked.summary())
        })
    };
    if asked.is_import() {
        return Err(cannot(
            "it is an import, and imports are not undone this way; import a corrected file instead"
                .into(),
        ));
    }
    let chain = changes::chain(tx, asked.id)?;
    let head = changes::read(tx, *chain.last().unwrap_or(&asked.id))?;
    if chain.len() % 2 == 0 {
        let verb = if head.redo { "redid" } else { "undid" };
        return Err(cannot(format!(
            "#{} by {} {verb} it already",
            head.id, head.actor
        )));
    }
    if let Some(why) = check::refusal(change, &head)? {
        return Err(cannot(why));
    }
    let accounts = inverse::accounts(change.tx(), &head)?;
    change.mark_undoing(head.id, redo);
    let verb = if redo { "redone" } else { "undone" };
    match inverse::write(change, &head, &format!("{verb}: {}", own.summary())) {
        Ok(()) => {}
        Err(Stop::Refused(why)) => return Err(cannot(why)),
        Err(Stop::Book(e)) => return Err(e),
    }
    Ok(Undone {
        change: head.id,
        written: change.written().to_vec(),
        summary: own.summary().to_string(),
        accounts,
        redo,
    })
}
