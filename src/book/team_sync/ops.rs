//! An operation: one row's change as it travels between a book and its team book. It
//! names the row by uid and its fields by the team book's names, each with the value
//! the change found (`before`) and the one it left (`after`), so the team book can tell
//! a change made on values it no longer holds: a conflict.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What an operation does to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Insert,
    Update,
    Delete,
}

/// One row's change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// Made once, when the operation is first pushed; a retry sends the same id, which
    /// the team book knows it applied.
    pub op_id: String,
    pub entity: String,
    pub row_uid: String,
    pub kind: Kind,
    /// How far into the team book's change log this book had read when it changed the
    /// row: what it knew of the row.
    pub base_position: i64,
    /// Field by field, `{"before": .., "after": ..}`; an insert's fields have no before.
    pub fields: Map<String, Value>,
}

impl Op {
    /// A field's value after the operation.
    pub fn after(&self, field: &str) -> Option<&Value> {
        self.fields.get(field).and_then(|f| f.get("after"))
    }
}
