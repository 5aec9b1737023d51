//! When a figure is thin evidence rather than a finding. A score from fewer than
//! [`FEW`] data points (survey answers, ticket ratings, weeks of usage) is said as thin:
//! with four answers one person is a quarter of the sample, and changing one NPS answer
//! from detractor to promoter moves the score by 50 points; at five a single answer is a
//! fifth, the least a reader should lean a trend on in a quarter's worth of answers.

/// The fewest data points a figure needs before it reads as a finding.
pub const FEW: usize = 5;

/// Whether `n` data points are too few to read as a trend.
pub fn thin(n: usize) -> bool {
    n < FEW
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_than_five_is_thin() {
        assert!(thin(0) && thin(1) && thin(4));
        assert!(!thin(5) && !thin(40));
    }
}
