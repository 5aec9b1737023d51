//! Reading other systems' exports into the book: bytes to text (`decode`), text to a
//! table (`table`), headers to fields (`fields`, `mapping`), cells to values (`values`)
//! and rows to what the book takes (`rows`). Every row is checked before anything is
//! written; the book writes a good file in one transaction.

pub mod decode;
pub mod events;
pub mod fields;
pub mod file;
pub mod folder;
pub mod mapping;
pub mod record_fields;
pub mod records;
pub mod report;
pub mod rows;
pub mod sniff;
pub mod suggest;
pub mod table;
pub mod values;

pub use crate::book::import::Problem;
pub use fields::Kind;
