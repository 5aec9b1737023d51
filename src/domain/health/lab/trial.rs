//! One set of rules tried: the backtest they give on the ended contracts, and what they
//! would do to today's book against the rules in force (accounts changing band, the
//! ARR at risk before and after).

use std::collections::HashMap;

use serde::Serialize;

use super::{Active, Ended, Lab};
use crate::domain::health::{Backtest, BacktestCase, HealthRules, at_risk, backtest};
use crate::domain::vocab::HealthBand;

/// Rules tried against the book.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trial {
    pub backtest: Backtest,
    pub standing: Standing,
}

/// Today's accounts under the rules tried, against the rules in force.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Standing {
    pub accounts: usize,
    /// Accounts whose band differs from the one the rules in force give.
    pub changed: usize,
    /// Each way a band moved, most accounts first.
    pub moves: Vec<BandMove>,
    pub arr_at_risk_before: f64,
    pub arr_at_risk: f64,
}

/// Accounts that went from one band to another, and their ARR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandMove {
    pub from: Option<HealthBand>,
    pub to: Option<HealthBand>,
    pub accounts: usize,
    pub arr: f64,
}

/// The backtest of `rules` on `ended`.
pub fn backtest_of<'a>(
    ended: impl IntoIterator<Item = &'a Ended>,
    rules: &HealthRules,
    horizon_days: u32,
) -> Backtest {
    let cases = ended
        .into_iter()
        .map(|e| {
            let scored = e.moment.score(rules);
            BacktestCase {
                account: e.moment.account.clone(),
                ended_on: e.ended_on,
                score: scored.map(|(s, _)| s),
                band: scored.map(|(_, b)| b),
                churned: e.churned,
            }
        })
        .collect();
    backtest(cases, horizon_days)
}

/// `rules` tried on the whole lab, today's accounts compared with `in_force`.
pub fn try_rules(lab: &Lab, rules: &HealthRules, in_force: &HealthRules) -> Trial {
    let pairs = lab.active.iter().map(|a| {
        let band = |r: &HealthRules| a.moment.score(r).map(|(_, b)| b);
        (band(in_force), band(rules), a)
    });
    Trial {
        backtest: backtest_of(&lab.ended, rules, lab.horizon_days),
        standing: standing(pairs),
    }
}

impl Trial {
    /// This trial's today compared with `in_force` on another gathering of the same
    /// accounts (rules with other windows are gathered on their own).
    pub fn against(
        mut self,
        own: &Lab,
        rules: &HealthRules,
        lab: &Lab,
        in_force: &HealthRules,
    ) -> Trial {
        let before: HashMap<i64, Option<HealthBand>> = lab
            .active
            .iter()
            .map(|a| (a.id, a.moment.score(in_force).map(|(_, b)| b)))
            .collect();
        let pairs = own.active.iter().map(|a| {
            let after = a.moment.score(rules).map(|(_, b)| b);
            (before.get(&a.id).copied().flatten(), after, a)
        });
        self.standing = standing(pairs);
        self
    }
}

/// Today's accounts with their band under the rules in force and under those tried.
fn standing<'a>(
    pairs: impl Iterator<Item = (Option<HealthBand>, Option<HealthBand>, &'a Active)>,
) -> Standing {
    let mut out = Standing::default();
    for (before, after, a) in pairs {
        out.accounts += 1;
        if at_risk(before, a.renewal_in_days) {
            out.arr_at_risk_before += a.arr;
        }
        if at_risk(after, a.renewal_in_days) {
            out.arr_at_risk += a.arr;
        }
        if before == after {
            continue;
        }
        out.changed += 1;
        match out
            .moves
            .iter_mut()
            .find(|m| m.from == before && m.to == after)
        {
            Some(m) => {
                m.accounts += 1;
                m.arr += a.arr;
            }
            None => out.moves.push(BandMove {
                from: before,
                to: after,
                accounts: 1,
                arr: a.arr,
            }),
        }
    }
    out.moves
        .sort_by(|a, b| b.accounts.cmp(&a.accounts).then(b.arr.total_cmp(&a.arr)));
    out
}
