//! What the book holds already of the rows a recompute makes, one fingerprint a row, so
//! that a recompute writes only the rows that moved: on a day already scored, most
//! accounts' scores stand as they were, and writing them again would cost more than
//! scoring them did.

use std::hash::{DefaultHasher, Hash, Hasher};

use rusqlite::types::ValueRef;

/// A row's values as one number: equal rows always give equal numbers, and different
/// rows the same number once in about 2^64, the odds a write of a moved score would be
/// missed by.
pub fn fingerprint<'a>(values: impl IntoIterator<Item = ValueRef<'a>>) -> u64 {
    let mut print = Print::default();
    for value in values {
        print.add(value);
    }
    print.finish()
}

/// A [`fingerprint`] made a value at a time, as a row is read.
#[derive(Default)]
pub struct Print(DefaultHasher);

impl Print {
    pub fn add(&mut self, value: ValueRef<'_>) {
        let hasher = &mut self.0;
        match value {
            ValueRef::Null => 0u8.hash(hasher),
            ValueRef::Integer(n) => (1u8, n).hash(hasher),
            ValueRef::Real(x) => (2u8, x.to_bits()).hash(hasher),
            ValueRef::Text(t) => (3u8, t).hash(hasher),
            ValueRef::Blob(b) => (4u8, b).hash(hasher),
        }
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// Fingerprints by account, in account order.
#[derive(Debug, Default)]
pub struct Fingerprints(Vec<(i64, u64)>);

impl Fingerprints {
    /// From rows already in account order.
    pub fn from_sorted(rows: Vec<(i64, u64)>) -> Fingerprints {
        debug_assert!(rows.windows(2).all(|w| w[0].0 < w[1].0));
        Fingerprints(rows)
    }

    /// Whether the book holds `account`'s row with this fingerprint.
    pub fn holds(&self, account: i64, print: u64) -> bool {
        self.0
            .binary_search_by_key(&account, |(id, _)| *id)
            .is_ok_and(|i| self.0[i].1 == print)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::Value;

    #[test]
    fn equal_rows_match_and_a_moved_value_or_its_type_does_not() {
        let row = |values: &[Value]| fingerprint(values.iter().map(ValueRef::from));
        let kept = row(&[Value::Integer(72), Value::Text("green".into()), Value::Null]);
        assert_eq!(
            kept,
            row(&[Value::Integer(72), Value::Text("green".into()), Value::Null])
        );
        assert_ne!(
            kept,
            row(&[Value::Integer(71), Value::Text("green".into()), Value::Null])
        );
        assert_ne!(
            kept,
            row(&[
                Value::Integer(72),
                Value::Text("green".into()),
                Value::Integer(0)
            ]),
            "a score that appears is a change"
        );
        assert_ne!(
            row(&[Value::Text("ab".into()), Value::Text("c".into())]),
            row(&[Value::Text("a".into()), Value::Text("bc".into())]),
            "values do not run into each other"
        );
        let prints = Fingerprints::from_sorted(vec![(3, kept), (9, 1)]);
        assert!(prints.holds(3, kept));
        assert!(!prints.holds(9, kept) && !prints.holds(4, kept));
    }
}
