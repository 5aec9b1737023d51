//! The expansion pipeline and what signals growth: opportunities with their account and
//! CSM, each account's growth facts (seats, usage, new people, feature requests, goals
//! met, promoters), and the writes: an opportunity opened (from a signal or by hand), a
//! stage moved, and a won one's ARR joined to the account's contract from its day.

mod deals;
mod growth;
mod write;

pub use write::NewOpportunity;
