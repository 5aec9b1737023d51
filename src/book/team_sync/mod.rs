//! The local half of syncing with the team book: the shape of the shared tables as the
//! team book holds them, the capture of every change to them, the outbox a push reads,
//! applying the team's changes here, and the conflicts kept.

pub mod apply;
pub mod capture;
pub mod conflicts;
pub mod link;
pub mod ops;
pub mod outbox;
pub mod rows;
pub mod shape;
