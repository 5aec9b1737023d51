//! The keys of the Onboarding pane: what each does, its name in the config and its word
//! in the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::TickMilestone,
            "tick_milestone",
            "Tick a milestone of the account's program (Enter: the next)",
            Some("tick"),
            &[Key::ch('x')],
        ),
        Binding::new(
            A::Graduate,
            "graduate",
            "Program complete: move the account on to adoption",
            Some("to adoption"),
            &[Key::ch('a')],
        ),
        Binding::new(
            A::LogTouch,
            "log_touch",
            "Log a touch with the account",
            Some("touch"),
            &[Key::ch('t')],
        ),
        Binding::new(
            A::NextOwner,
            "owner",
            "Next owner's accounts, all",
            Some("owner"),
            &[Key::ch('o')],
        ),
    ]
}
