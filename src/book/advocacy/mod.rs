//! Advocacy in the book: the reference pool (the contacts who agreed to be references,
//! at live accounts) with what matching weighs, the log of asks, and the writes: an ask
//! logged, and its answer, a given one moving the person up the ladder.

mod asks;
mod pool;

pub use asks::{AskRow, NewAsk};
