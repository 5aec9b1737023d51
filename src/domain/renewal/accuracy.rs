//! How good the forecasts were: each month's forecasts are frozen as they stood when the
//! month began; once the renewals of that month have outcomes, the frozen forecast is
//! set against what happened.

use serde::Serialize;

use crate::domain::records::{Forecast, Outcome};
use crate::domain::vocab::{ForecastCategory, RenewalOutcome};

/// One month's forecast against its outcomes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// `2026-03`.
    pub period: String,
    /// Renewals frozen with a forecast.
    pub forecast: usize,
    /// Of those, renewals whose outcome is in.
    pub closed: usize,
    /// Closed renewals whose outcome matched the forecast category.
    pub category_hits: usize,
    pub forecast_arr_cents: i64,
    pub actual_arr_cents: i64,
    /// The sum of |forecast - actual| over the closed renewals.
    pub error_cents: i64,
    /// 1 - |forecast - actual| / actual over the closed renewals; None before any closed.
    pub arr_accuracy: Option<f64>,
}

impl Accuracy {
    /// Several periods as one, named `period`: "the last six months".
    pub fn over<'a>(period: &str, months: impl IntoIterator<Item = &'a Accuracy>) -> Accuracy {
        let mut all = Accuracy {
            period: period.to_string(),
            ..Accuracy::default()
        };
        for m in months {
            all.forecast += m.forecast;
            all.closed += m.closed;
            all.category_hits += m.category_hits;
            all.forecast_arr_cents += m.forecast_arr_cents;
            all.actual_arr_cents += m.actual_arr_cents;
            all.error_cents += m.error_cents;
        }
        all.arr_accuracy = arr_accuracy(all.closed, all.error_cents, all.actual_arr_cents);
        all
    }

    /// The share of closed renewals whose outcome was the category called.
    pub fn hit_rate(&self) -> Option<f64> {
        (self.closed > 0).then(|| self.category_hits as f64 / self.closed as f64)
    }

    /// How far the forecast ARR ran over (+) or under (-) what came in, as a share of
    /// it: a hopeful caller runs over, a careful one under.
    pub fn lean(&self) -> Option<f64> {
        (self.closed > 0 && self.actual_arr_cents > 0).then(|| {
            (self.forecast_arr_cents - self.actual_arr_cents) as f64 / self.actual_arr_cents as f64
        })
    }
}

fn arr_accuracy(closed: usize, error: i64, actual: i64) -> Option<f64> {
    (closed > 0 && actual > 0).then(|| (1.0 - error as f64 / actual as f64).max(0.0))
}

/// Whether an outcome is what the category forecast.
pub fn category_hit(category: ForecastCategory, outcome: RenewalOutcome) -> bool {
    matches!(
        (category, outcome),
        (ForecastCategory::Renew, RenewalOutcome::Renewed)
            | (ForecastCategory::Upsell, RenewalOutcome::Upsold)
            | (ForecastCategory::Downsell, RenewalOutcome::Downsold)
            | (ForecastCategory::Churn, RenewalOutcome::Churned)
    )
}

/// A period's accuracy from its frozen forecasts and, where in, their outcomes.
pub fn accuracy(period: &str, frozen: &[(Forecast, Option<Outcome>)]) -> Accuracy {
    let closed: Vec<(&Forecast, &Outcome)> = frozen
        .iter()
        .filter_map(|(f, o)| Some((f, o.as_ref()?)))
        .collect();
    let forecast_arr: i64 = closed.iter().map(|(f, _)| f.arr.cents).sum();
    let actual_arr: i64 = closed.iter().map(|(_, o)| o.arr.cents).sum();
    let error: i64 = closed
        .iter()
        .map(|(f, o)| (f.arr.cents - o.arr.cents).abs())
        .sum();
    Accuracy {
        period: period.to_string(),
        forecast: frozen.len(),
        closed: closed.len(),
        category_hits: closed
            .iter()
            .filter(|(f, o)| category_hit(f.category, o.kind))
            .count(),
        forecast_arr_cents: forecast_arr,
        actual_arr_cents: actual_arr,
        error_cents: error,
        arr_accuracy: arr_accuracy(closed.len(), error, actual_arr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::vocab::ForecastConfidence;

    fn forecast(category: ForecastCategory, dollars: i64) -> Forecast {
        Forecast {
            category,
            confidence: ForecastConfidence::Likely,
            arr: Money::usd(dollars * 100),
        }
    }

    fn outcome(kind: RenewalOutcome, dollars: i64) -> Option<Outcome> {
        Some(Outcome {
            kind,
            on: "2026-03-15".parse().unwrap(),
            arr: Money::usd(dollars * 100),
            reason: None,
            note: None,
        })
    }

    #[test]
    fn a_month_is_scored_on_its_closed_renewals_only() {
        let frozen = [
            (
                forecast(ForecastCategory::Renew, 100),
                outcome(RenewalOutcome::Renewed, 100),
            ),
            (
                forecast(ForecastCategory::Upsell, 150),
                outcome(RenewalOutcome::Renewed, 100),
            ),
            (
                forecast(ForecastCategory::Churn, 0),
                outcome(RenewalOutcome::Churned, 0),
            ),
            (forecast(ForecastCategory::Renew, 80), None),
        ];
        let a = accuracy("2026-03", &frozen);
        assert_eq!((a.forecast, a.closed, a.category_hits), (4, 3, 2));
        assert_eq!((a.forecast_arr_cents, a.actual_arr_cents), (25_000, 20_000));
        // Off by $50 on $200 of actual ARR.
        assert_eq!(a.arr_accuracy, Some(0.75));
    }

    #[test]
    fn months_sum_into_one_period_weighing_each_renewal_alike() {
        let march = accuracy(
            "2026-03",
            &[(
                forecast(ForecastCategory::Renew, 100),
                outcome(RenewalOutcome::Renewed, 100),
            )],
        );
        let april = accuracy(
            "2026-04",
            &[
                (
                    forecast(ForecastCategory::Renew, 300),
                    outcome(RenewalOutcome::Churned, 0),
                ),
                (
                    forecast(ForecastCategory::Upsell, 120),
                    outcome(RenewalOutcome::Upsold, 100),
                ),
                (forecast(ForecastCategory::Renew, 80), None),
            ],
        );
        let both = Accuracy::over("spring", [&march, &april]);
        assert_eq!((both.forecast, both.closed, both.category_hits), (4, 3, 2));
        // Off by $0 + $300 + $20 on $200 that came in: nothing of the ARR was right.
        assert_eq!(both.error_cents, 32_000);
        assert_eq!(both.arr_accuracy, Some(0.0));
        assert_eq!(both.hit_rate(), Some(2.0 / 3.0));
        // $520 called against $200 in: a hopeful 160% over.
        assert_eq!(both.lean(), Some(1.6));
    }

    #[test]
    fn a_month_without_outcomes_has_no_accuracy_yet() {
        let frozen = [(forecast(ForecastCategory::Renew, 100), None)];
        assert_eq!(accuracy("2026-04", &frozen).arr_accuracy, None);
    }
}
