//! The team book: the team's canonical book of business in PostgreSQL, which each CSM's
//! local book syncs with. This module owns reaching it: where it is, who logs in, and
//! the credentials, which are read from the environment or a private password file and
//! never kept in the book or the config, nor printed.

pub mod access;
mod address;
mod credentials;
pub mod init;
pub mod join;
pub mod members;
pub mod schema;
pub mod sync;
pub mod upgrade;

pub use address::{Address, TeamBookError, connect, connect_with};
pub use credentials::password_for;

/// The oldest PostgreSQL the team book runs on.
pub const OLDEST_SERVER: (u32, &str) = (150_000, "15");
