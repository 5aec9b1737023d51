//! Each metric as a person reads it: its value, its formula, its inputs by name, and the
//! formula with the inputs written in ("GRR = (starting ARR $4.2M - churn $310K -
//! contraction $95K) / $4.2M = 90.3%").

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Csat, Nps, Retention};
use crate::domain::Money;
use crate::domain::vocab::Segment;

/// One metric for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub name: &'static str,
    /// None when there is nothing to measure (no customers at the start, no answers).
    pub value: Option<f64>,
    /// "%", "points", "days", "$" or "of 5".
    pub unit: &'static str,
    pub formula: &'static str,
    pub inputs: BTreeMap<String, f64>,
    /// The formula with the inputs written in, and the result.
    pub workings: String,
}

fn money(cents: i64) -> String {
    Money::usd(cents).short()
}

/// A share as a percentage, to four decimals (so 0.56 reads 56, not 56.00000000000001).
fn percent(v: Option<f64>) -> Option<f64> {
    v.map(|v| (v * 1_000_000.0).round() / 10_000.0)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("n/a".into(), |v| format!("{:.1}%", v * 100.0))
}

/// The period's metrics, in the order a review reads them.
pub fn metrics(
    r: &Retention,
    nps: &Nps,
    csat: &Csat,
    ttv: &BTreeMap<Segment, (usize, i64)>,
) -> Vec<Metric> {
    let cents = |c: i64| c as f64 / 100.0;
    let arr_inputs = || {
        BTreeMap::from([
            ("starting_arr".to_string(), cents(r.starting_arr)),
            ("churned_arr".to_string(), cents(r.churned_arr)),
            ("contraction_arr".to_string(), cents(r.contraction_arr)),
            ("expansion_arr".to_string(), cents(r.expansion_arr)),
        ])
    };
    let mut out = vec![
        Metric {
            name: "gross revenue retention",
            value: percent(r.grr()),
            unit: "%",
            formula: "GRR = (starting ARR - churn - contraction) / starting ARR",
            inputs: arr_inputs(),
            workings: format!(
                "GRR = ({} - churn {} - contraction {}) / {} = {}",
                money(r.starting_arr),
                money(r.churned_arr),
                money(r.contraction_arr),
                money(r.starting_arr),
                pct(r.grr())
            ),
        },
        Metric {
            name: "net revenue retention",
            value: percent(r.nrr()),
            unit: "%",
            formula: "NRR = (starting ARR - churn - contraction + expansion) / starting ARR",
            inputs: arr_inputs(),
            workings: format!(
                "NRR = ({} - churn {} - contraction {} + expansion {}) / {} = {}",
                money(r.starting_arr),
                money(r.churned_arr),
                money(r.contraction_arr),
                money(r.expansion_arr),
                money(r.starting_arr),
                pct(r.nrr())
            ),
        },
        Metric {
            name: "logo churn rate",
            value: percent(r.logo_churn()),
            unit: "%",
            formula: "logo churn = customers lost / customers at the start",
            inputs: BTreeMap::from([
                ("customers_at_start".to_string(), r.logos_at_start as f64),
                ("customers_lost".to_string(), r.logos_churned as f64),
            ]),
            workings: format!(
                "logo churn = {} lost / {} at the start = {}",
                r.logos_churned,
                r.logos_at_start,
                pct(r.logo_churn())
            ),
        },
        Metric {
            name: "expansion ARR",
            value: Some(cents(r.expansion_arr)),
            unit: "$",
            formula: "expansion = sum of ARR growth of customers paying more at the end",
            inputs: arr_inputs(),
            workings: format!("expansion = {}", money(r.expansion_arr)),
        },
        Metric {
            name: "contraction ARR",
            value: Some(cents(r.contraction_arr)),
            unit: "$",
            formula: "contraction = sum of ARR lost by customers still paying, but less",
            inputs: arr_inputs(),
            workings: format!("contraction = {}", money(r.contraction_arr)),
        },
        Metric {
            name: "NPS",
            value: nps.score(),
            unit: "points",
            formula: "NPS = (promoters - detractors) / answers x 100",
            inputs: BTreeMap::from([
                ("promoters".to_string(), nps.promoters as f64),
                ("passives".to_string(), nps.passives as f64),
                ("detractors".to_string(), nps.detractors as f64),
            ]),
            workings: format!(
                "NPS = ({} promoters - {} detractors) / {} answers x 100 = {}",
                nps.promoters,
                nps.detractors,
                nps.answers(),
                nps.score().map_or("n/a".into(), |v| format!("{v:+.0}"))
            ),
        },
        Metric {
            name: "average CSAT",
            value: csat.average(),
            unit: "of 5",
            formula: "CSAT = sum of ratings / answers",
            inputs: BTreeMap::from([
                ("answers".to_string(), csat.answers as f64),
                ("sum_of_ratings".to_string(), csat.total as f64),
            ]),
            workings: format!(
                "CSAT = {} / {} answers = {}",
                csat.total,
                csat.answers,
                csat.average().map_or("n/a".into(), |v| format!("{v:.2}"))
            ),
        },
    ];
    for segment in Segment::ALL {
        let (n, days) = ttv.get(segment).copied().unwrap_or_default();
        let avg = (n > 0).then(|| days as f64 / n as f64);
        out.push(Metric {
            name: match segment {
                Segment::Enterprise => "time to value, enterprise",
                Segment::MidMarket => "time to value, mid-market",
                Segment::Smb => "time to value, SMB",
                Segment::SelfServe => "time to value, self-serve",
            },
            value: avg,
            unit: "days",
            formula: "time to value = days from start to go-live, averaged over accounts live in the period",
            inputs: BTreeMap::from([
                ("accounts_live".to_string(), n as f64),
                ("total_days".to_string(), days as f64),
            ]),
            workings: format!(
                "{}: {days} days from start to go-live over {n} account{} = {}",
                segment.label(),
                if n == 1 { "" } else { "s" },
                avg.map_or("n/a".into(), |v| format!("{v:.0} days"))
            ),
        });
    }
    out
}
