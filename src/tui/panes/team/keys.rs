//! The keys of the Team pane: what each does, its name in the config and its word in
//! the status bar. The help, the hints and every key named on screen read them.

use crate::tui::keys::Binding;

/// Its own keys, over the global ones.
pub fn keys() -> Vec<Binding> {
    Vec::new()
}
