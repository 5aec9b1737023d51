//! Today: the morning triage queue. Everything that needs a CSM (a task due, a risk
//! signal raised, a renewal in a new window or behind, an account gone quiet, an
//! override about to expire) becomes one item, ranked by a transparent priority: ARR at
//! stake times urgency times severity, each part shown in the reason.

mod rank;

pub use rank::{Item, ItemKind, TodayWeights, rank};
