//! Playbooks: repeatable motions (onboarding, renewal, risk, expansion, advocacy) that
//! turn what happens in the book into dated tasks, read the room before they run, and
//! keep the tasks they make in step with the rest of the book (a task done ticks the
//! renewal step it completes; a task whose reason is gone closes itself). Files, not
//! rows: the built-ins ship in `assets/playbooks/`, a CSM's own in the config
//! directory, both read and checked here.

mod adopt;
mod builtin;
mod condition;
mod events;
mod facts;
mod model;
mod parse;
mod plan;
#[cfg(test)]
mod plan_tests;
mod program;
mod settle;
mod steps;
#[cfg(test)]
mod tests;
mod words;

pub use adopt::adopt;
pub use builtin::{BUILT_IN, built_ins};
pub use condition::{Condition, CoverageGap, admits};
pub use events::{Event, events};
pub use facts::{AccountFacts, ENGAGED_DAYS, Present};
pub use model::{
    Anchor, Completes, Moot, OwnerRole, Phase, Playbook, PlaybookStep, Program, StepRef, Trigger,
    stored, unstored,
};
pub use parse::{Problem, parse};
pub use plan::{Desk, Fired, OpenTask, Plan, PlannedTask, plan};
pub use settle::{RenewalStanding, Settled, Standing, settle};
