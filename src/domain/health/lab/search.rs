//! A search for better rules, honest about the past: the ended contracts are split by
//! when they ended, every weighting (in steps of ten) and each set of hard rules is
//! tried on the earlier part, and the best of them is judged on the later part it
//! never saw, beside the rules in force. A proposal that only fits the past shows it
//! there.

use chrono::NaiveDate;
use serde::Serialize;

use super::trial::backtest_of;
use super::{Ended, Lab};
use crate::domain::health::{Backtest, Caps, HealthRules, Weights, auc};
use crate::domain::vocab::{HealthBand, TicketPriority};

/// The share of the ended contracts, the latest ones, held out to judge a proposal.
pub const HELD_OUT_SHARE: f64 = 0.3;

/// The gain in held-out AUC a proposal must show to be worth a change.
pub const MARGIN: f64 = 0.01;

/// Where the history is cut: contracts ending before `held_out_from` are searched on,
/// the rest judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Split {
    pub held_out_from: NaiveDate,
    pub searched: usize,
    pub held_out: usize,
}

impl Split {
    /// Whether a contract is in the held-out, later part.
    pub fn holds_out(&self, e: &Ended) -> bool {
        e.ended_on >= self.held_out_from
    }
}

/// The latest [`HELD_OUT_SHARE`] of the contracts, cut between two end days so that a
/// day's contracts stay together; None when either side would have no churn or no
/// renewal to judge by.
pub fn split(ended: &[Ended]) -> Option<Split> {
    let mut days: Vec<NaiveDate> = ended.iter().map(|e| e.ended_on).collect();
    days.sort_unstable();
    let at = ((days.len() as f64) * (1.0 - HELD_OUT_SHARE)).round() as usize;
    let held_out_from = *days.get(at.min(days.len().checked_sub(1)?))?;
    let searched = days.partition_point(|d| *d < held_out_from);
    let split = Split {
        held_out_from,
        searched,
        held_out: days.len() - searched,
    };
    let both_outcomes = |held: bool| {
        let part = || ended.iter().filter(move |e| split.holds_out(e) == held);
        part().any(|e| e.churned) && part().any(|e| !e.churned)
    };
    (both_outcomes(false) && both_outcomes(true)).then_some(split)
}

/// The search's pick, and how it and the rules in force did on each part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub split: Split,
    /// Rule sets tried.
    pub tried: usize,
    pub weights: Weights,
    pub caps: Caps,
    pub searched: Judged,
    pub held_out: Judged,
}

/// The rules in force and the proposal on one part of the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judged {
    pub in_force: Backtest,
    pub proposed: Backtest,
}

impl Proposal {
    /// Whether the proposal beat the rules in force on the contracts it never saw: a
    /// better AUC by at least [`MARGIN`], and no more churns called green.
    pub fn holds_up(&self) -> bool {
        let (mine, theirs) = (&self.held_out.proposed, &self.held_out.in_force);
        let better = mine
            .auc
            .zip(theirs.auc)
            .is_some_and(|(m, t)| m >= t + MARGIN);
        better && mine.green_churned.len() <= theirs.green_churned.len()
    }

    /// The proposal as rules: the ones in force with these weights and caps.
    pub fn rules(&self, in_force: &HealthRules) -> HealthRules {
        HealthRules {
            weights: self.weights,
            caps: self.caps,
            ..in_force.clone()
        }
    }
}

/// Every weighting in steps of ten.
fn weightings() -> Vec<Weights> {
    let mut out = Vec::new();
    for usage in (0..=100).step_by(10) {
        for adoption in (0..=100 - usage).step_by(10) {
            for support in (0..=100 - usage - adoption).step_by(10) {
                out.push(Weights {
                    usage,
                    adoption,
                    support,
                    engagement: 100 - usage - adoption - support,
                });
            }
        }
    }
    out
}

/// The hard rules tried: none, each alone, both, and a wider escalation rule.
fn cap_sets(in_force: &Caps) -> Vec<Caps> {
    let days = match in_force.champion_left_days {
        0 => Caps::default().champion_left_days,
        d => d,
    };
    let champion = |d| Caps {
        champion_left_days: d,
        escalation_at: None,
    };
    let mut out = vec![
        Caps::NONE,
        champion(days),
        Caps {
            escalation_at: Some(TicketPriority::P1),
            ..Caps::NONE
        },
        Caps {
            champion_left_days: days,
            escalation_at: Some(TicketPriority::P1),
        },
        Caps {
            champion_left_days: days,
            escalation_at: Some(TicketPriority::P2),
        },
    ];
    if !out.contains(in_force) {
        out.push(*in_force);
    }
    out
}

/// How a rule set did on the searched part: AUC (to two places) first, then fewer green churns, then
/// nearer the weights in force (a change should earn its place). None when it leaves
/// unscored a contract the rules in force score: a weighting that leans on a component
/// many accounts lack would otherwise win by judging only the easy ones.
fn fitness(
    ended: &[&Ended],
    rules: &HealthRules,
    in_force: &Weights,
    must_score: usize,
) -> Option<(i64, i64, i64)> {
    let mut green_churned = 0i64;
    let scored: Vec<(u8, bool)> = ended
        .iter()
        .filter_map(|e| {
            let (score, band) = e.moment.score(rules)?;
            if e.churned && band == HealthBand::Green {
                green_churned += 1;
            }
            Some((score, e.churned))
        })
        .collect();
    if scored.len() < must_score {
        return None;
    }
    let auc = auc(scored)?;
    let w = rules.weights.in_order();
    let distance: u32 = w
        .iter()
        .zip(in_force.in_order())
        .map(|(a, b)| a.abs_diff(b))
        .sum();
    // AUC to two places: a smaller gain is noise, and fewer green churns decide.
    Some((
        (auc * 100.0).round() as i64,
        -green_churned,
        -i64::from(distance),
    ))
}

/// Tries every weighting with each set of hard rules on the earlier contracts and
/// judges the best on the later ones; None when the history cannot be split fairly.
pub fn search(lab: &Lab, in_force: &HealthRules) -> Option<Proposal> {
    let split = split(&lab.ended)?;
    let searched: Vec<&Ended> = lab.ended.iter().filter(|e| !split.holds_out(e)).collect();
    let must_score = searched
        .iter()
        .filter(|e| e.moment.score(in_force).is_some())
        .count();
    let mut best: Option<((i64, i64, i64), Weights, Caps)> = None;
    let mut tried = 0;
    for caps in cap_sets(&in_force.caps) {
        for weights in weightings() {
            tried += 1;
            let rules = HealthRules {
                weights,
                caps,
                ..in_force.clone()
            };
            let Some(fit) = fitness(&searched, &rules, &in_force.weights, must_score) else {
                continue;
            };
            if best.as_ref().is_none_or(|(b, _, _)| fit > *b) {
                best = Some((fit, weights, caps));
            }
        }
    }
    let (_, weights, caps) = best?;
    let proposed = HealthRules {
        weights,
        caps,
        ..in_force.clone()
    };
    let judge = |held: bool| {
        let part = || lab.ended.iter().filter(move |e| split.holds_out(e) == held);
        Judged {
            in_force: backtest_of(part(), in_force, lab.horizon_days),
            proposed: backtest_of(part(), &proposed, lab.horizon_days),
        }
    };
    Some(Proposal {
        split,
        tried,
        weights,
        caps,
        searched: judge(false),
        held_out: judge(true),
    })
}
