//! The keys of the Stakeholders pane and an account's map: what each does, its name in
//! the config and its word in the status bar. The help, the hints and every key named
//! on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// The list of accounts with gaps.
pub fn keys() -> Vec<Binding> {
    vec![Binding::new(
        A::NextOwner,
        "owner",
        "Next owner's accounts, all",
        Some("owner"),
        &[Key::ch('o')],
    )]
}

/// An account's map of people.
pub fn map_keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::LogTouch,
            "log_touch",
            "Log a touch with them",
            Some("log touch"),
            &[Key::ch('t')],
        ),
        Binding::new(
            A::EditContact,
            "edit_contact",
            "Role, sentiment, influence",
            Some("edit"),
            &[Key::ch('e')],
        ),
        Binding::new(
            A::AddContact,
            "add_contact",
            "Add a contact",
            Some("add"),
            &[Key::ch('a')],
        ),
        Binding::new(
            A::ContactLeft,
            "left_company",
            "They left the customer",
            Some("left company"),
            &[Key::ch('L')],
        ),
    ]
}
