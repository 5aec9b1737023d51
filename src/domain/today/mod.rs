//! Today: the morning triage queue. Everything that needs a CSM (a task due, a risk
//! signal raised, a renewal in a new window or behind, an account gone quiet, an
//! override about to expire) becomes one item, ranked by a transparent priority: ARR at
//! stake times urgency times severity, each part shown in the reason. Items the CSM puts
//! away stay away until something new happens to them.

mod hide;
mod rank;
mod rules;
mod top;

pub use hide::{Dismissal, drop_hidden};
pub use rank::{Item, ItemKind, Subject, explain, pressing_first, priority, rank};
pub use rules::TodayRules;
pub use top::TopItems;
