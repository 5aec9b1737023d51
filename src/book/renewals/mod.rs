//! Renewals in the book: the timeline's read model, what a CSM records about a renewal
//! (motion steps, forecast, outcome), the monthly forecast freezes, and the compact
//! timeline the Renewals pane reads.

pub mod freeze;
mod read;
mod timeline;
mod write;

pub use freeze::period_of;
pub use read::{Lane, Renewal, lanes};
pub use timeline::{NEAR_DAYS, Span, Ticked, TimelineRow};
