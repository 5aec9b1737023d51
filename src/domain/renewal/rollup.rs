//! The forecast roll-up a manager's forecast call reads: a quarter's renewals per CSM and
//! for the team, the ARR due, the forecast by category (commit, likely, at risk; churn
//! apart, whatever its confidence), the renewals with no forecast, and the expected gross
//! and net retention with their workings. A renewal without a forecast counts at the
//! cockpit's suggestion, and the workings say how much of the expectation that is.

use serde::{Deserialize, Serialize};

use crate::domain::Money;
use crate::domain::records::Forecast;
use crate::domain::vocab::{ForecastCategory, ForecastConfidence};

/// A renewal due in the quarter, as the roll-up counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub owner: Option<String>,
    pub arr_cents: i64,
    pub forecast: Option<Forecast>,
    /// The ARR the cockpit suggests when there is no forecast.
    pub suggested_cents: i64,
}

/// How many renewals, and their ARR.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub count: usize,
    pub arr_cents: i64,
}

impl Tally {
    fn add(&mut self, arr_cents: i64) {
        self.count += 1;
        self.arr_cents += arr_cents;
    }

    fn join(&mut self, o: Tally) {
        self.count += o.count;
        self.arr_cents += o.arr_cents;
    }

    /// "3 · $120K", or "—" with none.
    pub fn words(&self) -> String {
        if self.count == 0 {
            "—".into()
        } else {
            format!("{} · {}", self.count, Money::usd(self.arr_cents).short())
        }
    }
}

/// Where a renewal's forecast puts it in the roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForecastLane {
    Commit,
    Likely,
    AtRisk,
    /// A churn called, whatever its confidence.
    Churn,
    NoForecast,
}

impl ForecastLane {
    pub const ALL: [ForecastLane; 5] = [
        ForecastLane::Commit,
        ForecastLane::Likely,
        ForecastLane::AtRisk,
        ForecastLane::Churn,
        ForecastLane::NoForecast,
    ];

    pub fn of(forecast: Option<&Forecast>) -> ForecastLane {
        match forecast.map(|f| (f.category, f.confidence)) {
            None => ForecastLane::NoForecast,
            Some((ForecastCategory::Churn, _)) => ForecastLane::Churn,
            Some((_, ForecastConfidence::Commit)) => ForecastLane::Commit,
            Some((_, ForecastConfidence::Likely)) => ForecastLane::Likely,
            Some((_, ForecastConfidence::AtRisk)) => ForecastLane::AtRisk,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ForecastLane::Commit => "commit",
            ForecastLane::Likely => "likely",
            ForecastLane::AtRisk => "at risk",
            ForecastLane::Churn => "churn",
            ForecastLane::NoForecast => "no forecast",
        }
    }
}

/// One CSM's quarter (or the team's, with no owner).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    pub owner: Option<String>,
    pub due: Tally,
    pub commit: Tally,
    pub likely: Tally,
    pub at_risk: Tally,
    pub churn: Tally,
    pub no_forecast: Tally,
    /// The ARR the renewals are expected to bring back (no forecast: the suggestion).
    pub expected_cents: i64,
    /// Of it, what keeps the ARR due (each renewal's expected ARR, at most its ARR).
    pub kept_cents: i64,
    /// Of the expectation, what comes from suggestions, for want of a forecast.
    pub suggested_cents: i64,
}

impl Rollup {
    fn add(&mut self, d: &Due) {
        self.due.add(d.arr_cents);
        self.lane_mut(ForecastLane::of(d.forecast.as_ref()))
            .add(d.arr_cents);
        let expected = match &d.forecast {
            Some(f) if f.category == ForecastCategory::Churn => 0,
            Some(f) => f.arr.cents,
            None => {
                self.suggested_cents += d.suggested_cents;
                d.suggested_cents
            }
        };
        self.expected_cents += expected;
        self.kept_cents += expected.min(d.arr_cents);
    }

    /// The renewals in a lane.
    pub fn lane(&self, lane: ForecastLane) -> Tally {
        match lane {
            ForecastLane::Commit => self.commit,
            ForecastLane::Likely => self.likely,
            ForecastLane::AtRisk => self.at_risk,
            ForecastLane::Churn => self.churn,
            ForecastLane::NoForecast => self.no_forecast,
        }
    }

    fn lane_mut(&mut self, lane: ForecastLane) -> &mut Tally {
        match lane {
            ForecastLane::Commit => &mut self.commit,
            ForecastLane::Likely => &mut self.likely,
            ForecastLane::AtRisk => &mut self.at_risk,
            ForecastLane::Churn => &mut self.churn,
            ForecastLane::NoForecast => &mut self.no_forecast,
        }
    }

    fn join(&mut self, o: &Rollup) {
        for (a, b) in [
            (&mut self.due, o.due),
            (&mut self.commit, o.commit),
            (&mut self.likely, o.likely),
            (&mut self.at_risk, o.at_risk),
            (&mut self.churn, o.churn),
            (&mut self.no_forecast, o.no_forecast),
        ] {
            a.join(b);
        }
        self.expected_cents += o.expected_cents;
        self.kept_cents += o.kept_cents;
        self.suggested_cents += o.suggested_cents;
    }

    /// Expected gross retention of the ARR due: what is kept, over what is due.
    pub fn grr(&self) -> Option<f64> {
        (self.due.arr_cents > 0).then(|| self.kept_cents as f64 / self.due.arr_cents as f64)
    }

    /// Expected net retention of the ARR due: what comes back, upsells too, over what is
    /// due.
    pub fn nrr(&self) -> Option<f64> {
        (self.due.arr_cents > 0).then(|| self.expected_cents as f64 / self.due.arr_cents as f64)
    }

    /// How both were worked out, in figures.
    pub fn workings(&self) -> String {
        let m = |c: i64| Money::usd(c).short();
        if self.due.count == 0 {
            return "nothing due".into();
        }
        let mut w = format!(
            "GRR = kept {} / due {}; NRR = expected {} / due {}",
            m(self.kept_cents),
            m(self.due.arr_cents),
            m(self.expected_cents),
            m(self.due.arr_cents)
        );
        if self.no_forecast.count > 0 {
            w.push_str(&format!(
                "; {} of it suggested for {} renewal{} with no forecast",
                m(self.suggested_cents),
                self.no_forecast.count,
                if self.no_forecast.count == 1 { "" } else { "s" }
            ));
        }
        w
    }
}

/// A roll-up per CSM, largest ARR due first, then the team's.
pub fn rollup(due: &[Due]) -> Vec<Rollup> {
    let mut by_owner: Vec<Rollup> = Vec::new();
    for d in due {
        let at = match by_owner.iter().position(|r| r.owner == d.owner) {
            Some(at) => at,
            None => {
                by_owner.push(Rollup {
                    owner: d.owner.clone(),
                    ..Rollup::default()
                });
                by_owner.len() - 1
            }
        };
        by_owner[at].add(d);
    }
    by_owner.sort_by(|a, b| {
        b.due
            .arr_cents
            .cmp(&a.due.arr_cents)
            .then(a.owner.cmp(&b.owner))
    });
    let mut team = Rollup::default();
    for r in &by_owner {
        team.join(r);
    }
    by_owner.push(team);
    by_owner
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn due(owner: &str, arr_k: i64, f: Option<(ForecastCategory, ForecastConfidence, i64)>) -> Due {
        Due {
            owner: Some(owner.into()),
            arr_cents: arr_k * 100_000,
            forecast: f.map(|(category, confidence, k)| Forecast {
                category,
                confidence,
                arr: Money::new(k * 100_000, Currency::USD),
            }),
            suggested_cents: arr_k * 100_000,
        }
    }

    #[test]
    fn a_quarter_worked_by_hand() {
        use ForecastCategory::*;
        use ForecastConfidence::*;
        let rows = rollup(&[
            due("Ana", 100, Some((Renew, Commit, 100))),
            due("Ana", 50, Some((Downsell, Likely, 40))),
            due("Ben", 30, Some((Churn, Likely, 0))),
            due("Ben", 20, None),
            due("Ana", 10, Some((Upsell, Commit, 15))),
        ]);
        assert_eq!(rows.len(), 3, "Ana, Ben, the team");
        let (ana, ben, team) = (&rows[0], &rows[1], &rows[2]);
        assert_eq!(ana.owner.as_deref(), Some("Ana"));
        // Ana: $160K due, kept 100 + 40 + 10 = $150K, expected 100 + 40 + 15 = $155K.
        assert_eq!(
            ana.due,
            Tally {
                count: 3,
                arr_cents: 16_000_000
            }
        );
        assert_eq!(
            ana.commit,
            Tally {
                count: 2,
                arr_cents: 11_000_000
            }
        );
        assert_eq!(
            ana.likely,
            Tally {
                count: 1,
                arr_cents: 5_000_000
            }
        );
        assert_eq!(
            (ana.kept_cents, ana.expected_cents),
            (15_000_000, 15_500_000)
        );
        // Ben: the churn is its own category; the renewal with no forecast counts at
        // its suggestion, and the workings say so.
        assert_eq!(
            ben.churn,
            Tally {
                count: 1,
                arr_cents: 3_000_000
            }
        );
        assert_eq!(
            ben.no_forecast,
            Tally {
                count: 1,
                arr_cents: 2_000_000
            }
        );
        assert_eq!(ben.grr(), Some(0.4));
        // The team: $210K due, $170K kept, $175K expected.
        assert_eq!(team.owner, None);
        assert_eq!(team.due.arr_cents, 21_000_000);
        assert!((team.grr().unwrap() - 170.0 / 210.0).abs() < 1e-9);
        assert!((team.nrr().unwrap() - 175.0 / 210.0).abs() < 1e-9);
        assert_eq!(
            team.workings(),
            "GRR = kept $170K / due $210K; NRR = expected $175K / due $210K; $20K of it suggested for 1 renewal with no forecast"
        );
        assert_eq!(
            rollup(&[]).len(),
            1,
            "a team with nothing due still has its row"
        );
        assert_eq!(rows[2].grr().map(|_| ()), Some(()));
        assert_eq!(Rollup::default().grr(), None);
    }
}
