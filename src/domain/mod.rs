//! Pure Rust rules and types of the book of business: the vocabulary a CSM uses, the
//! records the book holds, and money. No IO, no clock: `today` is always passed in.

pub mod advocacy;
pub mod churn;
pub mod due;
pub mod expansion;
pub mod growth;
pub mod health;
pub mod metrics;
pub mod money;
pub mod onboarding;
pub mod playbook;
pub mod records;
pub mod renewal;
pub mod segments;
pub mod stakeholders;
pub mod today;
pub mod trends;
pub mod vocab;

pub use money::Money;
