//! Today: the morning triage queue. Everything that needs a CSM (a task due, a risk
//! signal raised, a renewal in a new window or behind, an account gone quiet, an
//! override about to expire) becomes one item, ranked first by its class (a save, a
//! risk, routine work), then by a transparent priority: ARR at stake times urgency times
//! severity, each part shown in the reason. The queue is read one row per account, led
//! by its most pressing item. Items the CSM puts away stay away until something new
//! happens to them.
//!
//! The rules that decide each item (whether it is listed, its words, what to do, its
//! severity, what counts as news) are here, over plain facts the book reads.

mod account;
mod class;
mod expiring;
mod group;
mod growth;
mod hide;
mod news;
mod plays;
mod quiet;
mod rank;
mod renewal;
mod rules;
mod signal;

pub use account::ItemAccount;
pub use class::Class;
pub use expiring::{OVERRIDE_DAYS, override_item};
pub use group::{
    AccountRow, Answering, ByAccount, Rows, Share, gist, in_backlog, join_answers, minutes,
};
pub use growth::{ask_item, closing_item, month_end, onboarding_item, win_back_item};
pub use hide::{Dismissal, drop_hidden};
pub use news::News;
pub use plays::{DueTask, Play, Plays, task_item, task_severity};
pub use quiet::quiet_item;
pub use rank::{Item, ItemKind, Subject, explain, pressing_first, priority, rank};
pub use renewal::{
    RenewalFacts, lapsed, renewal_advice, renewal_class, renewal_item, renewal_reasons,
    renewal_severity, window_days,
};
pub use rules::TodayRules;
pub use signal::{Answers, raised_on, signal_advice, signal_item, signal_severity};
