//! The pipeline: open opportunities ranked by what they are worth now (ARR x chance x
//! timing), and the weighted pipeline per quarter of close and per CSM.

use chrono::NaiveDate;
use serde::Serialize;

use super::ExpansionRules;
use crate::domain::Money;
use crate::domain::metrics::{Grain, Period};
use crate::domain::vocab::{OpportunityKind, OpportunityStage};

/// An opportunity as the pipeline weighs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub id: i64,
    pub account_id: i64,
    pub account: String,
    /// The account's CSM.
    pub owner: Option<String>,
    pub kind: OpportunityKind,
    pub title: String,
    pub arr: Money,
    pub stage: OpportunityStage,
    pub close_on: Option<NaiveDate>,
    /// When it was won or lost.
    pub closed_on: Option<NaiveDate>,
    /// The chance set on the opportunity itself (a CRM's probability), in percent.
    pub probability: Option<u8>,
}

impl Deal {
    pub fn is_open(&self) -> bool {
        !matches!(self.stage, OpportunityStage::Won | OpportunityStage::Lost)
    }

    /// The chance it closes won, in percent: its own, else its stage's.
    pub fn chance(&self, rules: &ExpansionRules) -> u8 {
        match self.stage {
            OpportunityStage::Won => 100,
            OpportunityStage::Lost => 0,
            stage => self.probability.unwrap_or_else(|| rules.chance(stage)),
        }
    }

    /// ARR x chance, in cents.
    pub fn weighted_cents(&self, rules: &ExpansionRules) -> i64 {
        self.arr.cents * i64::from(self.chance(rules)) / 100
    }

    /// The day a closed deal closed (its expected close when the day was not kept).
    pub fn closed(&self) -> Option<NaiveDate> {
        self.closed_on.or(self.close_on)
    }

    /// ARR x chance, in the deal's currency.
    pub fn weighted(&self, rules: &ExpansionRules) -> Money {
        Money::new(self.weighted_cents(rules), self.arr.currency)
    }

    /// Its close date as a list shows it: the day, "… overdue" once past while open,
    /// or "undated".
    pub fn close_text(&self, today: NaiveDate) -> String {
        match self.close_on {
            Some(on) if self.past_close(today) => format!("{on} overdue"),
            Some(on) => on.to_string(),
            None => "undated".into(),
        }
    }

    /// Won within `quarter`, by `today`.
    pub fn won_in(&self, quarter: Period, today: NaiveDate) -> bool {
        self.stage == OpportunityStage::Won
            && self
                .closed()
                .is_some_and(|on| on >= quarter.start && on <= today)
    }

    /// Open and its close date has passed.
    pub fn past_close(&self, today: NaiveDate) -> bool {
        self.is_open() && self.close_on.is_some_and(|d| d < today)
    }

    /// How much sooner counts: closing within 30 days (or overdue) weighs 1, within a
    /// quarter 0.8, within half a year 0.6, later or undated 0.4.
    pub fn timing(&self, today: NaiveDate) -> f64 {
        match self.close_on.map(|d| (d - today).num_days()) {
            Some(days) if days <= 30 => 1.0,
            Some(days) if days <= 90 => 0.8,
            Some(days) if days <= 182 => 0.6,
            _ => 0.4,
        }
    }

    /// What the deal is worth working now, in cents: ARR x chance x timing.
    pub fn score(&self, rules: &ExpansionRules, today: NaiveDate) -> i64 {
        (self.weighted_cents(rules) as f64 * self.timing(today)).round() as i64
    }
}

/// The open deals, the most worth working first (ties: the sooner close, undated last,
/// then the name).
pub fn ranked<'a>(deals: &'a [Deal], rules: &ExpansionRules, today: NaiveDate) -> Vec<&'a Deal> {
    ranked_indices(deals, rules, today)
        .into_iter()
        .map(|i| &deals[i])
        .collect()
}

/// [`ranked`], as places in `deals`.
pub fn ranked_indices(deals: &[Deal], rules: &ExpansionRules, today: NaiveDate) -> Vec<usize> {
    let mut open: Vec<(i64, usize)> = (0..deals.len())
        .filter(|&i| deals[i].is_open())
        .map(|i| (deals[i].score(rules, today), i))
        .collect();
    open.sort_by(|(sa, a), (sb, b)| {
        let (a, b) = (&deals[*a], &deals[*b]);
        sb.cmp(sa)
            .then(
                a.close_on
                    .unwrap_or(NaiveDate::MAX)
                    .cmp(&b.close_on.unwrap_or(NaiveDate::MAX)),
            )
            .then_with(|| a.account.cmp(&b.account))
            .then(a.id.cmp(&b.id))
    });
    open.into_iter().map(|(_, i)| i).collect()
}

/// A slice of the pipeline: its open deals, their ARR and their weighted ARR, and the
/// ARR won in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rollup {
    /// A quarter ("2026-Q2", "undated", or "overdue" for past close dates), or a CSM.
    pub name: String,
    pub open: usize,
    pub arr_cents: i64,
    pub weighted_cents: i64,
    pub won: usize,
    pub won_arr_cents: i64,
}

impl Rollup {
    fn add(&mut self, deal: &Deal, rules: &ExpansionRules) {
        match deal.stage {
            OpportunityStage::Won => {
                self.won += 1;
                self.won_arr_cents += deal.arr.cents;
            }
            OpportunityStage::Lost => {}
            _ => {
                self.open += 1;
                self.arr_cents += deal.arr.cents;
                self.weighted_cents += deal.weighted_cents(rules);
            }
        }
    }
}

/// Sums `deals` under the key each has (none: left out), named by `name` once per key.
fn rollup<'a, K: Ord>(
    deals: impl IntoIterator<Item = &'a Deal>,
    rules: &ExpansionRules,
    key: impl Fn(&'a Deal) -> Option<K>,
    name: impl Fn(&K) -> String,
) -> Vec<Rollup> {
    let mut out: std::collections::BTreeMap<K, Rollup> = Default::default();
    for d in deals {
        if let Some(k) = key(d) {
            out.entry(k)
                .or_insert_with_key(|k| Rollup {
                    name: name(k),
                    ..Rollup::default()
                })
                .add(d, rules);
        }
    }
    out.into_values().collect()
}

/// The weighted pipeline by the quarter deals close in: past close dates first (as
/// "overdue"), then each quarter from this one on, then the undated. Deals won this
/// quarter count as won in it.
pub fn by_quarter<'a>(
    deals: impl IntoIterator<Item = &'a Deal>,
    rules: &ExpansionRules,
    today: NaiveDate,
) -> Vec<Rollup> {
    let this = Period::holding(Grain::Quarter, today);
    let quarter = |on: NaiveDate| Period::holding(Grain::Quarter, on).start;
    rollup(
        deals,
        rules,
        |d| match (d.stage, d.close_on) {
            (OpportunityStage::Lost, _) => None,
            (OpportunityStage::Won, _) => d.won_in(this, today).then_some((1, this.start)),
            (_, Some(on)) if on < today => Some((0, today)),
            (_, Some(on)) => Some((1, quarter(on))),
            (_, None) => Some((2, today)),
        },
        |&(at, start)| match at {
            0 => "overdue".into(),
            1 => Period::holding(Grain::Quarter, start).name(),
            _ => "undated".into(),
        },
    )
}

/// The pipeline per CSM, by name ("no owner" for accounts without one). Won deals
/// count when they closed this quarter.
pub fn by_owner<'a>(
    deals: impl IntoIterator<Item = &'a Deal>,
    rules: &ExpansionRules,
    today: NaiveDate,
) -> Vec<Rollup> {
    let this = Period::holding(Grain::Quarter, today);
    rollup(
        deals,
        rules,
        |d| {
            let closed = matches!(d.stage, OpportunityStage::Won | OpportunityStage::Lost);
            if closed && !d.won_in(this, today) {
                return None;
            }
            Some(d.owner.as_deref())
        },
        |owner| owner.unwrap_or("no owner").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn deal(id: i64, k: i64, stage: OpportunityStage, close: Option<&str>, owner: &str) -> Deal {
        Deal {
            id,
            account_id: id,
            account: format!("Account {id}"),
            owner: Some(owner.into()),
            kind: OpportunityKind::Seats,
            title: "Add seats".into(),
            arr: Money::usd(k * 100_000),
            stage,
            close_on: close.map(d),
            closed_on: None,
            probability: None,
        }
    }

    #[test]
    fn a_deal_is_worth_its_arr_times_its_chance_times_how_soon_it_closes() {
        let rules = ExpansionRules::default();
        let today = d("2026-03-01");
        use OpportunityStage::*;
        // $100K proposed (60%) closing in 20 days: 60K x 1.0.
        let soon = deal(1, 100, Proposed, Some("2026-03-21"), "Dana");
        assert_eq!(soon.score(&rules, today), 6_000_000);
        // $300K identified (10%) closing in 5 months: 30K x 0.6 = 18K.
        let far = deal(2, 300, Identified, Some("2026-08-01"), "Dana");
        assert_eq!(far.score(&rules, today), 1_800_000);
        // Its own probability wins over the stage's: 90% of $50K undated = 45K x 0.4.
        let mut own = deal(3, 50, Qualified, None, "Lee");
        own.probability = Some(90);
        assert_eq!(own.score(&rules, today), 1_800_000);
        let deals = [
            far.clone(),
            soon.clone(),
            own.clone(),
            deal(4, 500, Won, None, "Lee"),
        ];
        let order: Vec<i64> = ranked(&deals, &rules, today).iter().map(|d| d.id).collect();
        assert_eq!(
            order,
            [1, 2, 3],
            "won deals are not in the open pipeline; ties by close"
        );
    }

    #[test]
    fn the_weighted_pipeline_per_quarter_and_per_csm_worked_by_hand() {
        let rules = ExpansionRules::default();
        let today = d("2026-03-01");
        use OpportunityStage::*;
        let deals = [
            deal(1, 100, Proposed, Some("2026-03-21"), "Dana"), // Q1: 60K weighted
            deal(2, 200, Qualified, Some("2026-03-31"), "Lee"), // Q1: 60K
            deal(3, 300, Identified, Some("2026-05-10"), "Dana"), // Q2: 30K
            deal(4, 40, Qualified, Some("2026-02-10"), "Lee"),  // overdue: 12K
            deal(5, 80, Won, Some("2026-01-15"), "Dana"),       // won in Q1
            deal(6, 70, Won, Some("2025-11-01"), "Dana"),       // won last quarter: out
            deal(7, 90, Lost, Some("2026-02-01"), "Lee"),       // lost: out
            deal(8, 10, Identified, None, "Lee"),               // undated: 1K
        ];
        let q: Vec<(String, usize, i64, i64, usize, i64)> = by_quarter(&deals, &rules, today)
            .into_iter()
            .map(|r| {
                (
                    r.name,
                    r.open,
                    r.arr_cents / 100_000,
                    r.weighted_cents / 100_000,
                    r.won,
                    r.won_arr_cents / 100_000,
                )
            })
            .collect();
        assert_eq!(
            q,
            [
                ("overdue".into(), 1, 40, 12, 0, 0),
                ("2026-Q1".into(), 2, 300, 120, 1, 80),
                ("2026-Q2".into(), 1, 300, 30, 0, 0),
                ("undated".into(), 1, 10, 1, 0, 0),
            ]
        );
        let o: Vec<(String, usize, i64, usize)> = by_owner(&deals, &rules, today)
            .into_iter()
            .map(|r| (r.name, r.open, r.weighted_cents / 100_000, r.won))
            .collect();
        assert_eq!(o, [("Dana".into(), 2, 90, 1), ("Lee".into(), 3, 73, 0)]);
    }
}
