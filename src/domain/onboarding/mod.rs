//! Onboarding: each account's program (from the onboarding playbook of its segment: its
//! length, phases and milestones), how far along it is against the program's days, when
//! it reached first value (or how late that is), and whether it is stuck: a late phase,
//! no touch, no usage. The stuck sort first.

mod board;
mod progress;
mod rules;

pub use board::{Board, Counts, counts};
pub use progress::{
    FirstValue, Journey, MilestoneState, PhaseState, Progress, Stuck, median_days_to_value,
    most_stuck_first, program_for, progress, stuck_words,
};
pub use rules::OnboardingRules;
