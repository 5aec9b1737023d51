//! Account health: a 0-100 score from four weighted components, every point explained
//! by the facts behind it, the risk signals a CSM acts on, manual overrides that
//! survive recompute, trends from the score's history, and a backtest of how well the
//! score foretold the book's own renewals and churns.
//!
//! Everything here is pure: the book gathers an account's [`Evidence`], the rules come
//! from the config, and `as_of` is always passed in. Nothing dated after `as_of` counts,
//! so the same code scores today and any day in the past.

mod assess;
mod backtest;
mod caps;
mod engagement;
mod evidence;
pub mod lab;
mod overrides;
mod risk;
mod rules;
mod signals;
mod support;
mod trend;
mod usage;
mod weekly;

#[cfg(test)]
mod fixtures;

pub use assess::{
    Assessment, Component, ComponentKind, Confidence, Explain, MIN_WEIGHT_SCORED, assess,
    assess_as, combine,
};
pub use backtest::{Backtest, BacktestCase, auc, backtest};
pub use caps::{CapHit, CapRule, Triggers};
pub use evidence::{Evidence, PersonFact, SurveyFact, TicketFact};
pub use overrides::{Effective, HealthOverride, effective};
pub use risk::{AT_RISK_RENEWAL_DAYS, at_risk};
pub use rules::{
    Bands, Caps, HealthRules, RulesError, SegmentRules, SignalRules, Weights, Windows,
};
pub use signals::{Signal, SignalKind, signals};
pub use trend::{TREND_DAYS, TREND_SLACK_DAYS, Trend, trend};
pub use weekly::{NO_SCORE, WEEKS, Weekly};
