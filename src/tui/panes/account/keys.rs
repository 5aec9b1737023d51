//! The keys of the account detail: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::OverrideHealth,
            "override",
            "Override score or band",
            Some("override"),
            &[Key::ch('e')],
        ),
        Binding::new(
            A::ClearOverride,
            "clear_override",
            "Clear the override",
            Some("clear override"),
            &[Key::ch('c')],
        ),
        Binding::new(
            A::LogTouch,
            "log_touch",
            "Log a call, email, QBR...",
            Some("log touch"),
            &[Key::ch('t')],
        ),
        Binding::new(
            A::QbrPrep,
            "qbr_prep",
            "Prepare the QBR",
            Some("QBR prep"),
            &[Key::ch('Q')],
        ),
    ]
}
