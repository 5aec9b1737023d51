//! The keys of the Renewals pane: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::TickStep,
            "tick_step",
            "Tick the next motion step",
            Some("step done"),
            &[Key::ch('x')],
        ),
        Binding::new(
            A::UntickStep,
            "untick_step",
            "Untick the last step",
            None,
            &[Key::ch('X')],
        ),
        Binding::new(
            A::SetForecast,
            "forecast",
            "Set the forecast",
            Some("forecast"),
            &[Key::ch('f')],
        ),
        Binding::new(
            A::RecordOutcome,
            "outcome",
            "Record the outcome",
            Some("outcome"),
            &[Key::ch('O')],
        ),
        Binding::new(
            A::NextWindow,
            "window",
            "One window, next, 120 days",
            Some("window"),
            &[Key::ch('w')],
        ),
        Binding::new(
            A::NextOwner,
            "owner",
            "Next owner's renewals, all",
            Some("owner"),
            &[Key::ch('o')],
        ),
    ]
}
