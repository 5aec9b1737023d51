//! Advocacy: the reference pool across the book (the people who agreed to be references,
//! with their tier, industry, segment, what their account uses, when they were last
//! asked and how often they gave one this year), a sales request matched to the
//! best-fitting healthy customers not asked lately, and the ladder each given ask moves
//! a person up.

mod ladder;
mod matching;
mod rules;

pub use ladder::after_given;
pub use matching::{Match, Reference, Request, Resting, matches, year_start};
pub use rules::AdvocacyRules;
