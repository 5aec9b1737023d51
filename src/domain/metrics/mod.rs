//! Retention and customer metrics with their workings: gross and net revenue
//! retention, logo churn, expansion and contraction, NPS, average CSAT and time to value
//! by segment, over a month, quarter or year, and when a figure rests on too few data
//! points to read as a finding. Pure: the book hands in the facts.

mod period;
mod report;
mod retention;
pub mod sample;
mod voice;

pub use period::{Grain, Period};
pub use report::{Metric, metrics};
pub use retention::{Customer, Retention, Term};
pub use voice::{Answer, Csat, Launch, Nps, is_promoter, time_to_value};
