//! ARR at risk: an account's whole ARR counts as at risk when its health is red, or
//! yellow with the renewal within 90 days (or past due). The Portfolio's summary and the
//! team view both count it this way.

use crate::domain::vocab::HealthBand;

/// Days within which a yellow account's renewal puts its ARR at risk.
pub const AT_RISK_RENEWAL_DAYS: i64 = 90;

/// Whether an account in `band`, renewing in `days_to_renewal` days, has its ARR at risk.
pub fn at_risk(band: Option<HealthBand>, days_to_renewal: Option<i64>) -> bool {
    match band {
        Some(HealthBand::Red) => true,
        Some(HealthBand::Yellow) => days_to_renewal.is_some_and(|d| d <= AT_RISK_RENEWAL_DAYS),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn red_always_yellow_only_near_its_renewal() {
        assert!(at_risk(Some(HealthBand::Red), None));
        assert!(at_risk(Some(HealthBand::Yellow), Some(90)));
        assert!(at_risk(Some(HealthBand::Yellow), Some(-5)), "overdue");
        assert!(!at_risk(Some(HealthBand::Yellow), Some(91)));
        assert!(!at_risk(Some(HealthBand::Yellow), None));
        assert!(!at_risk(Some(HealthBand::Green), Some(3)));
        assert!(!at_risk(None, Some(3)));
    }
}
