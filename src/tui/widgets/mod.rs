//! What every room draws with: the one list cursor, the theme, and the pane still
//! waiting for its rows.

pub mod list;
pub mod theme;
pub mod waiting;
