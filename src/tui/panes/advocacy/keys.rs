//! The keys of the Advocacy pane: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::NewRequest,
            "reference_request",
            "A reference request: industry, segment, use case, by when",
            Some("request"),
            &[Key::ch('r')],
        ),
        Binding::new(
            A::AskReference,
            "ask_reference",
            "Ask the selected person to be a reference",
            Some("ask"),
            &[Key::ch('a')],
        ),
        Binding::new(
            A::AskGiven,
            "ask_given",
            "Their awaited ask: given (up the ladder)",
            Some("given"),
            &[Key::ch('y')],
        ),
        Binding::new(
            A::AskDeclined,
            "ask_declined",
            "Their awaited ask: declined",
            Some("declined"),
            &[Key::ch('n')],
        ),
    ]
}
