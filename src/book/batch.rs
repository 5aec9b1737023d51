//! Many rows to one INSERT: for rows this small, SQLite's work per statement (binding,
//! stepping, resetting) costs more than the row's own, so a recompute and an import queue
//! their rows and write them a few hundred to a statement.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use crate::book::BookError;

/// Rows per statement.
const ROWS: usize = 256;

/// Queued rows for one `INSERT ... VALUES`, written when enough have gathered and on
/// [`Batch::flush`].
pub struct Batch {
    /// `INSERT OR REPLACE INTO t (a, b)`: everything before `VALUES`.
    head: &'static str,
    columns: usize,
    values: Vec<Value>,
}

impl Batch {
    pub fn new(head: &'static str, columns: usize) -> Batch {
        Batch {
            head,
            columns,
            values: Vec::with_capacity(ROWS * columns),
        }
    }

    /// Queues a row of exactly `columns` values; writes the batch once it is full.
    pub fn push(
        &mut self,
        conn: &Connection,
        row: impl IntoIterator<Item = Value>,
    ) -> Result<(), BookError> {
        let before = self.values.len();
        self.values.extend(row);
        debug_assert_eq!(self.values.len() - before, self.columns, "{}", self.head);
        if self.values.len() >= ROWS * self.columns {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes whatever is queued.
    pub fn flush(&mut self, conn: &Connection) -> Result<(), BookError> {
        let rows = self.values.len() / self.columns;
        if rows == 0 {
            return Ok(());
        }
        let one = format!("({})", vec!["?"; self.columns].join(","));
        let sql = format!("{} VALUES {}", self.head, vec![one; rows].join(","));
        conn.prepare_cached(&sql)?
            .execute(params_from_iter(self.values.drain(..)))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_queued_row_is_written_across_full_and_partial_batches() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
            .unwrap();
        let mut batch = Batch::new("INSERT INTO t (a, b)", 2);
        for i in 0..(ROWS as i64 * 2 + 7) {
            batch
                .push(&conn, [Value::Integer(i), Value::Text(format!("row {i}"))])
                .unwrap();
        }
        batch.flush(&conn).unwrap();
        let n = ROWS as i64 * 2 + 7;
        let (count, sum, named): (i64, i64, i64) = conn
            .query_row(
                "SELECT count(*), sum(a), sum(b = 'row ' || a) FROM t",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((count, sum, named), (n, n * (n - 1) / 2, n));
    }
}
