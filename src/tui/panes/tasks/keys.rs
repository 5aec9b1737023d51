//! The keys of the Tasks pane: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::MarkDone,
            "done",
            "The task is done",
            Some("done"),
            &[Key::ch('d')],
        ),
        Binding::new(
            A::LogTouch,
            "log_touch",
            "Log the touch it was about",
            Some("log touch"),
            &[Key::ch('t')],
        ),
        Binding::new(
            A::Snooze,
            "snooze",
            "Snooze to a day, with why",
            Some("snooze"),
            &[Key::ch('z')],
        ),
        Binding::new(
            A::Reassign,
            "reassign",
            "Give it to someone else",
            Some("reassign"),
            &[Key::ch('r')],
        ),
        Binding::new(
            A::AddTask,
            "add_task",
            "Add a task on the account",
            Some("add"),
            &[Key::ch('a')],
        ),
        Binding::new(
            A::NextOwner,
            "owner",
            "Next owner's tasks, all",
            Some("owner"),
            &[Key::ch('o')],
        ),
        Binding::new(
            A::NextPlaybook,
            "playbook",
            "One playbook's, next, all",
            Some("playbook"),
            &[Key::ch('p')],
        ),
    ]
}
