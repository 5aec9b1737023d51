//! Playbooks: repeatable motions (onboarding, renewal, risk, expansion, advocacy) that
//! turn what happens in the book into dated tasks. Files, not rows: the built-ins ship in
//! `assets/playbooks/`, a CSM's own in the config directory, both read and checked here.

mod builtin;
mod events;
mod model;
mod parse;
#[cfg(test)]
mod tests;

pub use builtin::BUILT_IN;
pub use events::{AccountFacts, Event, events};
pub use model::{Anchor, OwnerRole, Playbook, PlaybookStep, Trigger};
pub use parse::{Problem, parse};
