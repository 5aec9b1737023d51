//! The config's `[onboarding]`: what counts as first value, and when an account in
//! onboarding is stuck for want of a touch or of usage.

use serde::{Deserialize, Serialize};

/// How first value is told and who is stuck.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OnboardingRules {
    /// First value is the first week this share of the licensed seats is active (0: seats
    /// do not tell it), or the first-value milestone ticked, whichever comes first.
    pub first_value_active_share: f64,
    /// The milestone whose ticking is first value, over each program's own
    /// (`first_value` in its playbook file); empty: the program's.
    pub first_value_milestone: String,
    /// Days without a touch (a call, an email, a meeting) that make an onboarding
    /// account stuck.
    pub quiet_days: u32,
    /// Days without an active user that make an onboarding account stuck.
    pub idle_days: u32,
}

impl Default for OnboardingRules {
    fn default() -> Self {
        OnboardingRules {
            first_value_active_share: 0.5,
            first_value_milestone: String::new(),
            quiet_days: 14,
            idle_days: 14,
        }
    }
}
