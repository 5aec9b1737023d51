//! Gross and net revenue retention quarter by quarter, against the targets the team
//! holds itself to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::Money;
use crate::domain::metrics::{Customer, Grain, Period, Retention};

/// The retention the team aims for, in percent (`[team]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Targets {
    pub grr_target: f64,
    pub nrr_target: f64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            grr_target: 90.0,
            nrr_target: 105.0,
        }
    }
}

/// One quarter's retention: the cohort paying on its first day, followed to its last
/// (or to today, for the quarter under way).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterRetention {
    /// "2026-Q1".
    pub quarter: String,
    pub starts_on: NaiveDate,
    /// The quarter is still running: its figures are so far.
    pub to_date: bool,
    #[serde(flatten)]
    pub retention: Retention,
    /// In percent; None without customers paying at the start.
    pub grr: Option<f64>,
    pub nrr: Option<f64>,
}

impl QuarterRetention {
    /// "2026-Q1 GRR 92.1% = ($4.2M - churn $310K - contraction $20K) / $4.2M · NRR …".
    pub fn workings(&self) -> String {
        let r = &self.retention;
        let m = |c: i64| Money::usd(c).short();
        let pct = |v: Option<f64>| v.map_or("n/a".into(), |v| format!("{v:.1}%"));
        format!(
            "{}{}: GRR {} = ({} - churn {} - contraction {}) / {} · NRR {} = GRR's + expansion {}",
            self.quarter,
            if self.to_date { " so far" } else { "" },
            pct(self.grr),
            m(r.starting_arr),
            m(r.churned_arr),
            m(r.contraction_arr),
            m(r.starting_arr),
            pct(self.nrr),
            m(r.expansion_arr),
        )
    }
}

/// The last `n` quarters up to the one holding `today`, oldest first.
pub fn quarters(customers: &[Customer], today: NaiveDate, n: usize) -> Vec<QuarterRetention> {
    Period::last(Grain::Quarter, today, n)
        .into_iter()
        .map(|q| {
            let r = Retention::over(customers, q, today);
            let percent = |v: Option<f64>| v.map(|v| (v * 1000.0).round() / 10.0);
            QuarterRetention {
                quarter: q.name(),
                starts_on: q.start,
                to_date: q.contains(today),
                grr: percent(r.grr()),
                nrr: percent(r.nrr()),
                retention: r,
            }
        })
        .collect()
}
