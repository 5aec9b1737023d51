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
        auc: auc(&scored),
        green_churned,
    }
}

/// Mann-Whitney: rank all scores (ties share their mean rank); the retained cases'
/// rank sum tells how often they outscored the churned ones.
fn auc(cases: &[BacktestCase]) -> Option<f64> {
    let positives = cases.iter().filter(|c| c.churned).count();
    let negatives = cases.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut sorted: Vec<(u8, bool)> = cases
        .iter()
        .filter_map(|c| Some((c.score?, c.churned)))
        .collect();
    sorted.sort_unstable_by_key(|(s, _)| *s);
    let mut retained_rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let mean_rank = (i + 1 + j) as f64 / 2.0;
        retained_rank_sum += mean_rank * sorted[i..j].iter().filter(|(_, c)| !c).count() as f64;
        i = j;
    }
    let n = negatives as f64;
    let u = retained_rank_sum - n * (n + 1.0) / 2.0;
    Some(u / (n * positives as f64))
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
