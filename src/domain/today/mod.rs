//! Today: the morning triage queue. Everything that needs a CSM (a task due, a risk
//! signal raised, a renewal in a new window or behind, an account gone quiet, an
//! override about to expire) becomes one item, ranked by a transparent priority: ARR at
//! stake times urgency times severity, each part shown in the reason. Items the CSM puts
//! away stay away until something new happens to them.
//!
//! The rules that decide each item (whether it is listed, its words, what to do, its
//! severity, what counts as news) are here, over plain facts the book reads.

mod account;
mod expiring;
mod hide;
mod news;
mod plays;
mod quiet;
mod rank;
mod renewal;
mod rules;
mod signal;
mod top;

pub use account::ItemAccount;
pub use expiring::{OVERRIDE_DAYS, override_item};
pub use hide::{Dismissal, drop_hidden};
pub use news::News;
pub use plays::{DueTask, Play, Plays, task_item, task_severity};
pub use quiet::quiet_item;
pub use rank::{Item, ItemKind, Subject, explain, pressing_first, priority, rank};
pub use renewal::{
    RenewalFacts, lapsed, renewal_advice, renewal_item, renewal_reasons, renewal_severity,
    window_days,
};
pub use rules::TodayRules;
pub use signal::{Answers, raised_on, signal_advice, signal_item, signal_severity};
pub use top::TopItems;
