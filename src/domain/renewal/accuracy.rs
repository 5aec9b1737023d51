//! How good the forecasts were: each month's forecasts are frozen as they stood when the
//! month began; once the renewals of that month have outcomes, the frozen forecast is
//! set against what happened.

use serde::Serialize;

use crate::domain::records::{Forecast, Outcome};
use crate::domain::vocab::{ForecastCategory, RenewalOutcome};

/// One month's forecast against its outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// 1 - |forecast - actual| / actual over the closed renewals; None before any closed.
    pub arr_accuracy: Option<f64>,
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
        arr_accuracy: (!closed.is_empty() && actual_arr > 0)
            .then(|| (1.0 - error as f64 / actual_arr as f64).max(0.0)),
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
    fn a_month_without_outcomes_has_no_accuracy_yet() {
        let frozen = [(forecast(ForecastCategory::Renew, 100), None)];
        assert_eq!(accuracy("2026-04", &frozen).arr_accuracy, None);
    }
}
