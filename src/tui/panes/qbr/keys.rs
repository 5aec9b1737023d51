//! The keys of the QBR prep: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
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
        Binding::new(
            A::WriteBrief,
            "write_brief",
            "Write the brief, log the QBR",
            Some("write the brief, log the QBR"),
            &[Key::ch('W')],
        ),
    ]
}
