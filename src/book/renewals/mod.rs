//! Renewals in the book: the timeline's read model, what a CSM records about a renewal
//! (motion steps, forecast, outcome), and the monthly forecast freezes.

mod freeze;
mod read;
mod write;

pub use freeze::period_of;
pub use read::{Lane, Renewal, lanes};
