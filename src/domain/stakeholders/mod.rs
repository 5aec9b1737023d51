//! Stakeholder maps: who is who at each account, the org chart their reporting lines
//! draw, and the coverage gaps (roles missing, single-threaded, a champion gone or gone
//! quiet, a sponsor not met, a negative buyer).

mod chart;
mod coverage;
mod person;
#[cfg(test)]
mod tests;

pub use chart::{ChartLine, chart};
pub use coverage::{CoverageRules, Gap, GapKind, gap_count, gaps};
pub use person::{Stakeholder, advocacy_ladder};
