//! A journaled row's values back into SQL, and whether a row is still as a change left
//! it. The journal keeps rows as JSON: integers (ids, cents, flags) stay integers, REAL
//! columns stay numbers with a fraction, dates and terms are text.

use rusqlite::Transaction;
use rusqlite::types::Value as Sql;
use serde_json::{Map, Value};

use crate::book::BookError;

/// The value to write back for a journaled one.
pub(super) fn sql(value: &Value) -> Sql {
    match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => Sql::Text(value.to_string()),
    }
}

/// Whether two journaled values are the same: numbers by value (a REAL read back from
/// its JSON text may differ in its last bit), everything else exactly.
pub(super) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
        }
        _ => a == b,
    }
}

/// Whether `now` holds every value `then` recorded (columns added since are not asked).
pub(super) fn unchanged(then: &Map<String, Value>, now: &Map<String, Value>) -> bool {
    then.iter()
        .all(|(k, v)| now.get(k).is_none_or(|n| same(v, n)))
}

/// The table's columns as they are now.
pub(super) fn columns(tx: &Transaction<'_>, table: &str) -> Result<Vec<String>, BookError> {
    let mut stmt = tx.prepare_cached("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}
