//! Expansion: the pipeline of opportunities to grow accounts, each weighed by its ARR,
//! its chance and how soon it closes, summed per quarter and per CSM; and the signals
//! that an account is ready to grow (seats nearly used up, usage growing, new people
//! met, feature requests, goals met, promoters), each with the opportunity it suggests.
//! Pure: the book hands in the facts; `today` is passed in.

mod pipeline;
mod rules;
mod signals;

pub use pipeline::{Deal, Rollup, by_owner, by_quarter, ranked, ranked_indices};
pub use rules::ExpansionRules;
pub use signals::{Growth, Signal, SignalKind, largest_first, signals};
