//! `book_meta`: facts about the book itself, such as the seed and date a demo book was
//! made with.

use rusqlite::OptionalExtension;

use super::{Book, BookError};

/// The keys the book knows.
pub const DEMO_SEED: &str = "demo_seed";
pub const DEMO_TODAY: &str = "demo_today";
/// Where the book's team book is: its address, never a password.
pub const TEAM_BOOK: &str = "team_book";
/// What the last opening's settling of tasks and playbook run saw (see
/// [`Book::playbooks_settled`]).
pub const PLAYBOOKS_SETTLED: &str = "playbooks_settled";

impl Book {
    /// A fact about the book, if recorded.
    pub fn meta(&self, key: &str) -> Result<Option<String>, BookError> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM book_meta WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Records a fact about the book under `key`, waiting for the book like any write.
    pub fn remember(&mut self, key: &str, value: &str) -> Result<(), BookError> {
        self.conn.execute(
            "INSERT INTO book_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Writes derived figures under `key`, if no one else is writing the book this
    /// moment: they are not worth a wait, and not kept they are only worked out again.
    /// An unchanged value is not written again.
    pub fn keep_meta_if_free(&mut self, key: &str, value: &str) -> Result<(), BookError> {
        let conn = &mut self.conn;
        conn.busy_handler(None::<fn(i32) -> bool>)?;
        let written = conn.execute(
            "INSERT INTO book_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value
             WHERE value IS NOT excluded.value",
            [key, value],
        );
        conn.busy_handler(Some(super::wait::for_lock))?;
        written?;
        Ok(())
    }

    /// Writes a consistent copy of the book to `to` (a new file), as of one moment, while
    /// others may be reading or writing it: SQLite's `VACUUM INTO`.
    pub fn backup_to(&self, to: &std::path::Path) -> Result<(), BookError> {
        self.conn()
            .execute("VACUUM INTO ?1", [to.to_string_lossy()])?;
        Ok(())
    }

    /// Whether the tasks were settled and the playbooks run on `mark` (the day, the last
    /// journal entry, the playbooks in force): nothing has happened since that could
    /// close a task or fire a play, so an opening can leave them be.
    pub fn playbooks_settled(&self, mark: &str) -> Result<bool, BookError> {
        Ok(self.meta(PLAYBOOKS_SETTLED)?.as_deref() == Some(mark))
    }

    /// Remembers that the tasks were settled and the playbooks run on `mark`: derived
    /// bookkeeping, not a change of anyone's, so it is not journaled.
    pub fn mark_playbooks_settled(&mut self, mark: &str) -> Result<(), BookError> {
        self.conn().execute(
            "INSERT INTO book_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [PLAYBOOKS_SETTLED, mark],
        )?;
        Ok(())
    }

    /// Whether this is a demo book, made by `csm demo`.
    pub fn is_demo(&self) -> Result<bool, BookError> {
        Ok(self.meta(DEMO_SEED)?.is_some())
    }
}

pub(crate) fn set(tx: &rusqlite::Transaction<'_>, key: &str, value: &str) -> Result<(), BookError> {
    tx.execute(
        "INSERT INTO book_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// The tables `row_counts` reports, in the README's order.
const COUNTED: [&str; 16] = [
    "team_members",
    "accounts",
    "contracts",
    "usage_weeks",
    "features",
    "tickets",
    "survey_responses",
    "contacts",
    "interactions",
    "tasks",
    "playbook_runs",
    "health_snapshots",
    "health_overrides",
    "goals",
    "opportunities",
    "arr_changes",
];

impl Book {
    /// How many rows each table of the book holds.
    pub fn row_counts(&self) -> Result<Vec<(&'static str, i64)>, BookError> {
        COUNTED
            .iter()
            .map(|table| {
                let n =
                    self.conn()
                        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
                Ok((*table, n))
            })
            .collect()
    }
}
