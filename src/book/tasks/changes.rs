//! What the journal says changed among the tasks since an entry: the tasks a change
//! touched, the accounts whose tasks it touched, or that the whole list must be read
//! again (a bulk change, a person renamed). A task list kept in memory re-reads only
//! those.

use crate::book::{Book, BookError};

/// More tasks than this changed at once: read the list again rather than row by row.
const MANY: usize = 2_000;

/// Tasks changed since a journal entry: see [`Book::task_changes_since`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskChanges {
    /// The latest journal entry read: where to look from next time.
    pub last: i64,
    /// Tasks written, in the order first seen.
    pub tasks: Vec<i64>,
    /// Accounts written (renamed, removed): their tasks may read differently.
    pub accounts: Vec<i64>,
    /// Something changed many tasks at once, or what every task shows (a person's
    /// name): nothing short of reading them all again will do.
    pub all: bool,
}

impl TaskChanges {
    /// Whether the journal has anything new since the entry asked about.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty() && self.accounts.is_empty() && !self.all
    }
}

impl Book {
    /// What was journaled after entry `after` that a task list must read again. Changes
    /// to other tables are left out: a change of theirs that closes a task (a champion
    /// named, a step ticked) journals that task too.
    pub fn task_changes_since(&self, after: i64) -> Result<TaskChanges, BookError> {
        let mut found = TaskChanges {
            last: after,
            ..TaskChanges::default()
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, entity, entity_id FROM change_journal WHERE id > ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([after])?;
        while let Some(r) = rows.next()? {
            found.last = r.get(0)?;
            let id: Option<i64> = r.get(2)?;
            match (r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?, id) {
                // A bulk change (an import, a sweep, a playbook run) names no row.
                (_, None) | ("team_members", _) => found.all = true,
                ("tasks", Some(id)) if !found.tasks.contains(&id) => found.tasks.push(id),
                ("accounts", Some(id)) if !found.accounts.contains(&id) => found.accounts.push(id),
                _ => {}
            }
            if found.tasks.len() + found.accounts.len() > MANY {
                found.all = true;
            }
            if found.all {
                // What else changed no longer matters: only where the journal ends.
                drop(rows);
                found.last = found.last.max(self.last_journal_id()?);
                found.tasks.clear();
                found.accounts.clear();
                break;
            }
        }
        Ok(found)
    }
}
