//! How well the score foretold the book's own outcomes: for each contract that ended,
//! the score some days before its end against whether the customer churned, as a ROC
//! AUC, and the churns the score called green.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::vocab::HealthBand;

/// One ended contract and the score before its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BacktestCase {
    pub account: String,
    pub ended_on: NaiveDate,
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    pub churned: bool,
}

/// The backtest's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    pub horizon_days: u32,
    /// Contracts with a score.
    pub contracts: usize,
    /// Contracts without a score (no data at all then).
    pub unscored: usize,
    /// Scored contracts that churned.
    pub churned: usize,
    /// The chance a churned contract scored below a renewed one (ties half); None
    /// without both outcomes.
    pub auc: Option<f64>,
    pub green_churned: Vec<BacktestCase>,
}

/// Sums up the ended contracts: how many were scored and churned, the AUC, and the
/// churns the score called green.
pub fn backtest(cases: Vec<BacktestCase>, horizon_days: u32) -> Backtest {
    let (scored, unscored): (Vec<_>, Vec<_>) = cases.into_iter().partition(|c| c.score.is_some());
    let churned = scored.iter().filter(|c| c.churned).count();
    let green_churned = scored
        .iter()
        .filter(|c| c.churned && c.band == Some(HealthBand::Green))
        .cloned()
        .collect();
    Backtest {
        horizon_days,
        contracts: scored.len(),
        unscored: unscored.len(),
        churned,
        auc: auc(scored.iter().filter_map(|c| Some((c.score?, c.churned)))),
        green_churned,
    }
}

/// The chance a churned case scored below a retained one, ties counting half (the ROC
/// AUC, Mann-Whitney's U over the pairs); None without both outcomes. Scores are 0-100,
/// so a count per score stands in for a sort: the lab calls this for every weighting
/// it tries.
pub fn auc(scored: impl IntoIterator<Item = (u8, bool)>) -> Option<f64> {
    let (mut churned, mut retained) = ([0u64; 101], [0u64; 101]);
    for (score, did_churn) in scored {
        let at = usize::from(score.min(100));
        if did_churn {
            churned[at] += 1;
        } else {
            retained[at] += 1;
        }
    }
    let (positives, negatives): (u64, u64) = (churned.iter().sum(), retained.iter().sum());
    if positives == 0 || negatives == 0 {
        return None;
    }
    let (mut churned_below, mut pairs) = (0u64, 0.0);
    for (c, r) in churned.iter().zip(&retained) {
        pairs += *r as f64 * (churned_below as f64 + *c as f64 / 2.0);
        churned_below += c;
    }
    Some(pairs / (positives as f64 * negatives as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(score: u8, churned: bool) -> BacktestCase {
        BacktestCase {
            account: format!("a{score}"),
            ended_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            score: Some(score),
            band: Some(crate::domain::health::Bands::default().band(score)),
            churned,
        }
    }

    #[test]
    fn a_score_that_ranks_every_churn_lowest_has_an_auc_of_one() {
        let b = backtest(
            vec![
                case(20, true),
                case(35, true),
                case(60, false),
                case(90, false),
            ],
            90,
        );
        assert_eq!(b.auc, Some(1.0));
        assert_eq!((b.contracts, b.churned), (4, 2));
        assert!(b.green_churned.is_empty());
    }

    #[test]
    fn identical_scores_are_a_coin_toss_and_a_mixed_case_counts_pairs() {
        let b = backtest(vec![case(50, true), case(50, false)], 90);
        assert_eq!(b.auc, Some(0.5));
        // Churned 30 and 80; retained 50 and 90. Pairs (churned below retained):
        // 30<50 yes, 30<90 yes, 80<50 no, 80<90 yes: 3 of 4.
        let b = backtest(
            vec![
                case(30, true),
                case(80, true),
                case(50, false),
                case(90, false),
            ],
            90,
        );
        assert_eq!(b.auc, Some(0.75));
        assert_eq!(b.green_churned.len(), 1, "80 is green and churned");
    }

    #[test]
    fn ties_across_outcomes_count_half() {
        // Churned 40 and 60; retained 40 and 80. Pairs: 40=40 half, 40<80 yes,
        // 60>40 no, 60<80 yes: 2.5 of 4.
        let b = backtest(
            vec![
                case(40, true),
                case(60, true),
                case(40, false),
                case(80, false),
            ],
            90,
        );
        assert_eq!(b.auc, Some(0.625));
        // A score that ranks every churn highest is exactly wrong.
        let b = backtest(vec![case(90, true), case(10, false), case(20, false)], 90);
        assert_eq!(b.auc, Some(0.0));
    }

    #[test]
    fn without_both_outcomes_there_is_no_auc() {
        let b = backtest(vec![case(30, false), case(80, false)], 90);
        assert_eq!(b.auc, None);
        let mut unscored = case(10, true);
        unscored.score = None;
        let b = backtest(vec![unscored, case(80, false)], 90);
        assert_eq!((b.contracts, b.unscored, b.auc), (1, 1, None));
    }
}
