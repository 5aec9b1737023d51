//! The keys of the Today pane: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use ratatui::crossterm::event::KeyCode::{Left, Right};

use crate::tui::action::Action as A;
use crate::tui::keys::{Binding, Key};

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    vec![
        Binding::new(
            A::Expand,
            "expand",
            "Show an account's items under it",
            Some("items"),
            &[Key::plain(Right), Key::ch('l')],
        ),
        Binding::new(
            A::Collapse,
            "collapse",
            "Fold an account's items away",
            None,
            &[Key::plain(Left), Key::ch('h')],
        ),
        Binding::new(
            A::FlatList,
            "flat_list",
            "Every item in one list, or by account",
            Some("flat"),
            &[Key::ch('v')],
        ),
        Binding::new(
            A::DoneOrDismiss,
            "done_or_dismiss",
            "Done, or dismiss till news",
            Some("done/dismiss"),
            &[Key::ch('d')],
        ),
        Binding::new(
            A::Snooze,
            "snooze",
            "Snooze to a day, with why",
            Some("snooze"),
            &[Key::ch('z')],
        ),
        Binding::new(
            A::LogTouch,
            "log_touch",
            "Log a touch",
            Some("touch"),
            &[Key::ch('t')],
        ),
        Binding::new(
            A::TickStep,
            "tick_step",
            "Tick the next motion step",
            None,
            &[Key::ch('x')],
        ),
        Binding::new(
            A::SetForecast,
            "forecast",
            "Set the renewal's forecast",
            Some("forecast"),
            &[Key::ch('f')],
        ),
        Binding::new(
            A::NextOwner,
            "owner",
            "Whose queue: next CSM, team",
            Some("whose"),
            &[Key::ch('o')],
        ),
    ]
}
