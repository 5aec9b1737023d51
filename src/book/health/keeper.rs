//! Keeps the rows a recompute's scorers found moved, in temporary tables of the book's
//! own connection as they arrive (memory of its own, no lock on the book);
//! [`Keeper::write`] then copies them into the book in two statements, so the book's
//! write lock is held only while they run.

use rusqlite::Connection;

use super::scorer::Moved;
use crate::book::BookError;
use crate::book::batch::Batch;

/// `account_health`'s columns, in the order its rows are read, kept and written.
macro_rules! health_columns {
    () => {
        "account_id, computed_on, score, band, confidence, top_negative,
         delta_30d, delta_90d, weekly, top_signal, signal_count, signals"
    };
}
pub(super) use health_columns;

/// `health_snapshots`' columns, in the order its rows are read, kept and written.
macro_rules! snapshot_columns {
    () => {
        "taken_on, account_id, score, band, confidence,
         usage_score, adoption_score, support_score, engagement_score"
    };
}
pub(super) use snapshot_columns;

/// Holds the rows that moved until [`Keeper::write`] writes them.
pub struct Keeper {
    snapshots: Batch,
    health: Batch,
}

impl Keeper {
    /// Ready to keep rows, in fresh temporary tables of `conn`.
    pub fn new(conn: &Connection) -> Result<Keeper, BookError> {
        conn.execute_batch(concat!(
            "DROP TABLE IF EXISTS temp.kept_snapshots;
             DROP TABLE IF EXISTS temp.kept_health;
             CREATE TEMP TABLE kept_snapshots (",
            snapshot_columns!(),
            ", PRIMARY KEY (taken_on, account_id));
             CREATE TEMP TABLE kept_health (",
            health_columns!(),
            ", PRIMARY KEY (account_id));"
        ))?;
        Ok(Keeper {
            snapshots: Batch::new(
                concat!(
                    "INSERT OR REPLACE INTO temp.kept_snapshots (",
                    snapshot_columns!(),
                    ")"
                ),
                9,
            ),
            health: Batch::new(
                concat!(
                    "INSERT OR REPLACE INTO temp.kept_health (",
                    health_columns!(),
                    ")"
                ),
                12,
            ),
        })
    }

    /// Keeps these rows, a few hundred to a statement.
    pub fn keep(&mut self, conn: &Connection, moved: Moved) -> Result<(), BookError> {
        for row in moved.snapshots {
            self.snapshots.push(conn, row)?;
        }
        for row in moved.health {
            self.health.push(conn, row)?;
        }
        Ok(())
    }

    /// Writes every row kept into the book: call it inside the write, whose lock is then
    /// held for two set-based copies.
    pub fn write(mut self, conn: &Connection) -> Result<(), BookError> {
        self.snapshots.flush(conn)?;
        self.health.flush(conn)?;
        conn.execute_batch(concat!(
            "INSERT OR REPLACE INTO health_snapshots (",
            snapshot_columns!(),
            ") SELECT ",
            snapshot_columns!(),
            " FROM temp.kept_snapshots ORDER BY taken_on, account_id;
             INSERT OR REPLACE INTO account_health (",
            health_columns!(),
            ") SELECT ",
            health_columns!(),
            " FROM temp.kept_health ORDER BY account_id;
             DROP TABLE temp.kept_snapshots;
             DROP TABLE temp.kept_health;"
        ))?;
        Ok(())
    }
}
