//! What opens over a room: the help, the forms typed at the bottom of the screen, the
//! jump palette and the team book's conflicts.

pub mod conflicts;
pub mod forms;
pub mod help;
pub mod palette;
