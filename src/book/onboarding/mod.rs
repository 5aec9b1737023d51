//! Onboarding in the book: the accounts still onboarding with what their programs
//! measure (start, milestones done, last touch, last active week, the week enough seats
//! were active), and the writes: a milestone ticked (its task done with it) and an
//! account moved on to adoption once its program is complete.

mod read;
mod write;

pub use write::Tick;
pub(crate) use write::adopt_done_milestones;
