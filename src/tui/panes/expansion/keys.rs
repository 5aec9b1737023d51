//! The keys of the Expansion pane: what each does, its name in the config and its word
//! in the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::OpenOpportunity,
            "open_opportunity",
            "Open an opportunity: from the signal, or on the deal's account",
            Some("opportunity"),
            &[Key::ch('n')],
        ),
        Binding::new(
            A::AdvanceDeal,
            "advance",
            "Move the opportunity to its next stage",
            Some("next stage"),
            &[Key::ch('a')],
        ),
        Binding::new(
            A::WinDeal,
            "won",
            "Won: its ARR joins the contract from today",
            Some("won"),
            &[Key::ch('w')],
        ),
        Binding::new(A::LoseDeal, "lost", "Lost", Some("lost"), &[Key::ch('x')]),
        Binding::new(
            A::NextOwner,
            "owner",
            "Next owner's pipeline, all",
            Some("owner"),
            &[Key::ch('o')],
        ),
    ]
}
