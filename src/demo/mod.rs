//! The demo book: a deterministic, realistic book of business for trying csm.

use chrono::NaiveDate;

use crate::book::load::LoadCounts;
use crate::book::{Book, BookError};

/// What demo book to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSpec {
    pub accounts: usize,
    pub csms: usize,
    pub seed: u64,
    pub today: NaiveDate,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            accounts: 400,
            csms: 6,
            seed: 42,
            today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        }
    }
}

/// Writes the demo book into `book` in one change.
pub fn write_demo(book: &mut Book, spec: &DemoSpec) -> Result<LoadCounts, BookError> {
    let _ = (book, spec);
    todo!()
}
