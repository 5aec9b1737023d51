//! ARR by health band week by week, and the ARR at risk: each week read on its last day,
//! with the scores of the latest recompute on or before it (as they were scored then,
//! overrides aside) and each customer's ARR and renewal as they stood that day.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Week;
use crate::domain::Money;
use crate::domain::health::at_risk;
use crate::domain::metrics::Customer;
use crate::domain::vocab::HealthBand;

/// A recompute's bands: the day it ran, and each account's band (None: no data).
#[derive(Debug, Clone, Default)]
pub struct Scored {
    pub on: Option<NaiveDate>,
    pub bands: HashMap<i64, Option<HealthBand>>,
}

/// One week's ARR by band and at risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BandWeek {
    pub week: Week,
    /// The recompute its bands are from; None when none ran in the fortnight before.
    pub scored_on: Option<NaiveDate>,
    pub green_cents: i64,
    pub yellow_cents: i64,
    pub red_cents: i64,
    /// Paying customers the recompute had no score for.
    pub unscored_cents: i64,
    /// Red ARR, and yellow ARR renewing within 90 days of the week's last day.
    pub at_risk_red_cents: i64,
    pub at_risk_yellow_cents: i64,
    pub at_risk_accounts: usize,
}

impl BandWeek {
    pub fn at_risk_cents(&self) -> i64 {
        self.at_risk_red_cents + self.at_risk_yellow_cents
    }

    pub fn arr_cents(&self) -> i64 {
        self.green_cents + self.yellow_cents + self.red_cents + self.unscored_cents
    }

    /// "week of 03-02 (scored 2026-03-01): green $3.1M · yellow $800K · red $210K".
    pub fn workings(&self) -> String {
        let m = |c: i64| Money::usd(c).short();
        let scored = self
            .scored_on
            .map_or("no recompute that fortnight".into(), |d| {
                format!("scored {d}")
            });
        format!(
            "week of {} ({scored}): green {} · yellow {} · red {} · unscored {} · at risk {} = red {} + yellow renewing within 90 days {} ({})",
            self.week.label(),
            m(self.green_cents),
            m(self.yellow_cents),
            m(self.red_cents),
            m(self.unscored_cents),
            m(self.at_risk_cents()),
            m(self.at_risk_red_cents),
            m(self.at_risk_yellow_cents),
            crate::text::count(self.at_risk_accounts, "account", "accounts"),
        )
    }
}

/// Each week's ARR by band, from the recompute found for it (one per week, in order).
pub fn band_weeks(weeks: &[Week], scored: &[Scored], customers: &[Customer]) -> Vec<BandWeek> {
    weeks
        .iter()
        .zip(scored)
        .map(|(week, s)| {
            let day = week.as_of;
            let mut w = BandWeek {
                week: *week,
                scored_on: s.on,
                green_cents: 0,
                yellow_cents: 0,
                red_cents: 0,
                unscored_cents: 0,
                at_risk_red_cents: 0,
                at_risk_yellow_cents: 0,
                at_risk_accounts: 0,
            };
            for c in customers {
                let arr = c.arr_on(day);
                if arr <= 0 {
                    continue;
                }
                let band = s.bands.get(&c.account_id).copied().flatten();
                match band {
                    Some(HealthBand::Green) => w.green_cents += arr,
                    Some(HealthBand::Yellow) => w.yellow_cents += arr,
                    Some(HealthBand::Red) => w.red_cents += arr,
                    None => w.unscored_cents += arr,
                }
                let days = c.renewal_due(day).map(|d| (d - day).num_days());
                if at_risk(band, days) {
                    w.at_risk_accounts += 1;
                    if band == Some(HealthBand::Red) {
                        w.at_risk_red_cents += arr;
                    } else {
                        w.at_risk_yellow_cents += arr;
                    }
                }
            }
            w
        })
        .collect()
}
