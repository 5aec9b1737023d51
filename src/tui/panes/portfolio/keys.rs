//! The keys of the Portfolio pane: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::Sort,
            "sort",
            "Sort by the next column",
            Some("sort"),
            &[Key::ch('s')],
        ),
        Binding::new(
            A::NextOwner,
            "owner",
            "Next owner's accounts, all",
            Some("owner"),
            &[Key::ch('o')],
        ),
        Binding::new(
            A::NextBand,
            "band",
            "Red, yellow, green, then all",
            Some("band"),
            &[Key::ch('b')],
        ),
        Binding::new(
            A::NextSegment,
            "segment",
            "One segment, the next, all",
            None,
            &[Key::ch('m')],
        ),
    ]
}
