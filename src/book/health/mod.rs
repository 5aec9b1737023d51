//! Health in the book: gathering each account's evidence, recomputing and keeping the
//! scores, reading them back explained, the overrides a CSM sets, and the backtest's
//! cases from the contracts that ended.

pub mod backtest;
pub mod evidence;
mod keeper;
pub mod lab;
pub mod overrides;
pub mod past;
pub mod read;
pub mod recent_usage;
pub mod recompute;
mod scorer;
mod unchanged;

pub use overrides::OverrideRequest;
pub use read::HealthDetail;
pub use recompute::Recomputed;
pub use scorer::{read_signals, stored_signals};
