//! Which accounts a text typed to narrow a task list names: those whose name holds it,
//! in any case. Read once per narrowing, so a list keeps account ids, not names.

use crate::book::{Book, BookError};

impl Book {
    /// The ids of accounts whose name, lowercased, contains `lowered` (already lowercase),
    /// in id order.
    pub fn accounts_named(&self, lowered: &str) -> Result<Vec<i64>, BookError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name FROM accounts ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut found = Vec::new();
        while let Some(r) = rows.next()? {
            let name = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            if name.to_lowercase().contains(lowered) {
                found.push(r.get(0)?);
            }
        }
        Ok(found)
    }
}
