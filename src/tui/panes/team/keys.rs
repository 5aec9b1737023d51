//! The keys of the Team pane: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use ratatui::crossterm::event::KeyCode::{Left, Right};

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::Metrics,
            "metrics",
            "The team's pictures over time, or its table",
            Some("metrics"),
            &[Key::ch('m')],
        ),
        Binding::new(
            A::DrillRenewals,
            "drill_renewals",
            "The renewals behind the selected forecast cell",
            Some("renewals"),
            &[Key::ch('r')],
        ),
        Binding::new(
            A::NextChart,
            "next_chart",
            "Metrics: the next picture",
            None,
            &[Key::ch('c')],
        ),
        Binding::new(
            A::EarlierPoint,
            "earlier_point",
            "The forecast cell to the left; Metrics: a period earlier",
            None,
            &[Key::plain(Left), Key::ch('h')],
        ),
        Binding::new(
            A::LaterPoint,
            "later_point",
            "The forecast cell to the right; Metrics: a period later",
            None,
            &[Key::plain(Right), Key::ch('l')],
        ),
    ]
}
