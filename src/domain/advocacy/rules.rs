//! The config's `[advocacy]`: how long a reference rests between asks, how often a year
//! they may be used, and how healthy their account must be to be offered.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdvocacyRules {
    /// Days after being asked before a person is offered again.
    pub rest_days: u32,
    /// The most references a person gives in a calendar year.
    pub max_per_year: u32,
    /// The least health score an account's references are offered at.
    pub healthy_at: u8,
    /// Days before an ask's answer is due that it comes up on Today.
    pub due_within_days: u32,
}

impl Default for AdvocacyRules {
    fn default() -> Self {
        AdvocacyRules {
            rest_days: 90,
            max_per_year: 4,
            healthy_at: 70,
            due_within_days: 3,
        }
    }
}
