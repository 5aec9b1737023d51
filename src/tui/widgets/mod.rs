//! What every room draws with: the one list cursor and the theme.

pub mod list;
pub mod theme;
