//! What moved in a CSM's (or the team's) forecast since an earlier review of the same
//! quarter: the ARR due, each category's ARR, the renewals with no forecast, and the
//! expected GRR and NRR in points, so the forecast call starts from what changed.

use chrono::NaiveDate;
use serde::Serialize;

use super::Rollup;
use crate::domain::Money;

/// One row's change since the review of `since`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub owner: Option<String>,
    pub since: NaiveDate,
    /// Nothing of theirs was due in that quarter at the earlier review.
    pub new: bool,
    pub due_cents: i64,
    pub commit_cents: i64,
    pub likely_cents: i64,
    pub at_risk_cents: i64,
    pub churn_cents: i64,
    /// Renewals with no forecast, more (+) or fewer (-).
    pub no_forecast: i64,
    pub no_forecast_cents: i64,
    /// Expected GRR and NRR of the ARR due, in percentage points.
    pub grr_points: Option<f64>,
    pub nrr_points: Option<f64>,
}

/// How `now` moved from `then` (None: nothing of theirs was due then).
pub fn moved(now: &Rollup, then: Option<&Rollup>, since: NaiveDate) -> Moved {
    let then = then.cloned();
    let was = then.clone().unwrap_or_default();
    let points = |a: Option<f64>, b: Option<f64>| Some((a? - b?) * 100.0);
    Moved {
        owner: now.owner.clone(),
        since,
        new: then.is_none(),
        due_cents: now.due.arr_cents - was.due.arr_cents,
        commit_cents: now.commit.arr_cents - was.commit.arr_cents,
        likely_cents: now.likely.arr_cents - was.likely.arr_cents,
        at_risk_cents: now.at_risk.arr_cents - was.at_risk.arr_cents,
        churn_cents: now.churn.arr_cents - was.churn.arr_cents,
        no_forecast: now.no_forecast.count as i64 - was.no_forecast.count as i64,
        no_forecast_cents: now.no_forecast.arr_cents - was.no_forecast.arr_cents,
        grr_points: points(now.grr(), was.grr()),
        nrr_points: points(now.nrr(), was.nrr()),
    }
}

/// "+$120K", "-$50K".
fn signed(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "+" };
    format!("{sign}{}", Money::usd(cents.abs()).short())
}

/// A move of under a twentieth of a point is rounding, not news.
const POINT_NOISE: f64 = 0.05;

impl Moved {
    /// Whether anything moved.
    pub fn is_still(&self) -> bool {
        !self.new
            && [
                self.due_cents,
                self.commit_cents,
                self.likely_cents,
                self.at_risk_cents,
                self.churn_cents,
                self.no_forecast_cents,
            ]
            .iter()
            .all(|c| *c == 0)
            && self.no_forecast == 0
    }

    /// The expected GRR's move, for a column: "+0.4pt", "-1.2pt", "±0", "new".
    pub fn grr_words(&self) -> String {
        if self.new {
            return "new".into();
        }
        match self.grr_points {
            Some(p) if p.abs() >= POINT_NOISE => format!("{p:+.1}pt"),
            _ => "±0".into(),
        }
    }

    /// Every figure that moved: "commit +$120K · at risk -$50K · no forecast -3
    /// ($210K) · GRR +0.4 pt", or "no change".
    pub fn words(&self) -> String {
        if self.new {
            return "new to the quarter's renewals".into();
        }
        let mut parts: Vec<String> = [
            ("due", self.due_cents),
            ("commit", self.commit_cents),
            ("likely", self.likely_cents),
            ("at risk", self.at_risk_cents),
            ("churn", self.churn_cents),
        ]
        .iter()
        .filter(|(_, c)| *c != 0)
        .map(|(name, c)| format!("{name} {}", signed(*c)))
        .collect();
        if self.no_forecast != 0 || self.no_forecast_cents != 0 {
            parts.push(format!(
                "no forecast {:+} ({})",
                self.no_forecast,
                signed(self.no_forecast_cents)
            ));
        }
        for (name, p) in [("GRR", self.grr_points), ("NRR", self.nrr_points)] {
            if let Some(p) = p.filter(|p| p.abs() >= POINT_NOISE) {
                parts.push(format!("{name} {p:+.1} pt"));
            }
        }
        if parts.is_empty() {
            "no change".into()
        } else {
            parts.join(" · ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::renewal::{Due, rollup};

    fn due(owner: &str, arr_k: i64, commit_k: Option<i64>) -> Due {
        use crate::domain::money::Currency;
        use crate::domain::records::Forecast;
        use crate::domain::vocab::{ForecastCategory, ForecastConfidence};
        Due {
            owner: Some(owner.into()),
            arr_cents: arr_k * 100_000,
            forecast: commit_k.map(|k| Forecast {
                category: ForecastCategory::Renew,
                confidence: ForecastConfidence::Commit,
                arr: Money::new(k * 100_000, Currency::USD),
            }),
            suggested_cents: arr_k * 80_000,
        }
    }

    fn since() -> NaiveDate {
        "2026-02-22".parse().unwrap()
    }

    #[test]
    fn a_renewal_called_since_last_week_moves_commit_no_forecast_and_grr() {
        // Last week: Ana's two renewals, one not called ($100K, suggested at $80K).
        let then = rollup(&[due("Ana", 200, Some(200)), due("Ana", 100, None)]);
        // This week she commits it at $90K.
        let now = rollup(&[due("Ana", 200, Some(200)), due("Ana", 100, Some(90))]);
        let m = moved(&now[0], Some(&then[0]), since());
        // A lane holds the ARR due of the renewals called into it.
        assert_eq!(m.commit_cents, 10_000_000);
        assert_eq!((m.no_forecast, m.no_forecast_cents), (-1, -10_000_000));
        assert_eq!(m.due_cents, 0);
        // GRR: (200 + 80) / 300 = 93.33% then, (200 + 90) / 300 = 96.67% now.
        let p = m.grr_points.unwrap();
        assert!((p - 10.0 / 3.0).abs() < 1e-9, "{p}");
        assert_eq!(
            m.words(),
            "commit +$100K · no forecast -1 (-$100K) · GRR +3.3 pt · NRR +3.3 pt"
        );
        assert_eq!(m.grr_words(), "+3.3pt");
    }

    #[test]
    fn unchanged_and_new_rows_say_so() {
        let then = rollup(&[due("Ana", 200, Some(200))]);
        let m = moved(&then[0], Some(&then[0]), since());
        assert!(m.is_still());
        assert_eq!(
            (m.words().as_str(), m.grr_words().as_str()),
            ("no change", "±0")
        );
        let m = moved(&then[0], None, since());
        assert!(m.new && !m.is_still());
        assert_eq!(m.grr_words(), "new");
        assert_eq!(m.due_cents, 20_000_000);
    }
}
