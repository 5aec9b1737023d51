//! Shared rows looked up across books: a row's uid from its local id, one field of a
//! row found by uid, and the first rows of a table (what the team book benchmark
//! changes and watches for).

use rusqlite::OptionalExtension;

use crate::book::identity::SHARED;
use crate::book::sql::has_column;
use crate::book::{Book, BookError};

/// Refuses a table that is not shared, or a field it does not have (both are spliced
/// into SQL).
fn check(book: &Book, table: &str, field: &str) -> Result<(), BookError> {
    if SHARED.iter().any(|(t, _)| *t == table) && has_column(book.conn(), table, field)? {
        Ok(())
    } else {
        Err(BookError::Invalid(format!(
            "{table}.{field} is not a shared field"
        )))
    }
}

impl Book {
    /// The uid of row `id` of the shared `table`.
    pub fn uid_of(&self, table: &str, id: i64) -> Result<String, BookError> {
        check(self, table, "uid")?;
        self.conn()
            .query_row(
                &format!("SELECT uid FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten()
            .ok_or_else(|| BookError::Invalid(format!("{table} row {id} has no uid")))
    }

    /// One field of the row of `table` with `uid`, as text; None if there is no such row
    /// or the field is empty.
    pub fn field_by_uid(
        &self,
        table: &str,
        uid: &str,
        field: &str,
    ) -> Result<Option<String>, BookError> {
        check(self, table, field)?;
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT CAST(\"{field}\" AS TEXT) FROM {table} WHERE uid = ?1"),
                [uid],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    /// The local ids of the first `n` rows of the shared `table`.
    pub fn first_ids(&self, table: &str, n: usize) -> Result<Vec<i64>, BookError> {
        check(self, table, "id")?;
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT id FROM {table} ORDER BY id LIMIT ?1"))?;
        let rows = stmt.query_map([n as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
