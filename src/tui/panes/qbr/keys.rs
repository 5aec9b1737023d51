//! The keys of the QBR prep: what each does, its name in the config and its word in
//! the status bar, the ones a QBR turns on first (write the brief, the QBR held, which
//! version). The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::WriteBrief,
            "write_brief",
            "Write the brief (noted as prepared)",
            Some("write the brief"),
            &[Key::ch('W')],
        ),
        Binding::new(
            A::QbrHeld,
            "qbr_held",
            "Log the QBR as held today",
            Some("QBR held"),
            &[Key::ch('H')],
        ),
        Binding::new(
            A::SwitchAudience,
            "switch_audience",
            "Internal or customer version",
            Some("internal/customer"),
            &[Key::ch('v')],
        ),
        Binding::new(
            A::UpdateGoal,
            "update_goal",
            "Update a goal",
            Some("update a goal"),
            &[Key::ch('e')],
        ),
        Binding::new(
            A::AddGoal,
            "add_goal",
            "Add a goal",
            Some("add a goal"),
            &[Key::ch('a')],
        ),
    ]
}
