//! What opens over a room: the help, the forms typed at the bottom of the screen, and
//! the jump palette.

pub mod forms;
pub mod help;
pub mod palette;
