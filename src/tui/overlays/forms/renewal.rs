//! The renewal forms: the forecast in one line (`downsell at risk 80k`, Enter takes the
//! CSM's or the cockpit's suggestion), and the outcome (what it did, on what day, the
//! ARR from then on).

use chrono::NaiveDate;

use super::renewal_answers::{forecast, outcome_arr, outcome_day, outcome_kind};
use super::{Questions, Submission};
use crate::domain::Money;
use crate::domain::records::Outcome;
use crate::domain::vocab::RenewalOutcome;

/// The renewal a forecast or outcome form is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalContext {
    pub contract: i64,
    pub account: String,
    pub arr: Money,
    pub renewal_on: NaiveDate,
    /// The forecast Enter takes: the CSM's, else the cockpit's suggestion.
    pub forecast: String,
}

pub struct ForecastForm(pub RenewalContext);

impl Questions for ForecastForm {
    fn question(&self) -> String {
        format!("Forecast: category, confidence, ARR [{}]", self.0.forecast)
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        let text = if text.is_empty() {
            &self.0.forecast
        } else {
            text
        };
        Ok(Some(Submission::Forecast {
            forecast: forecast(text, self.0.arr)?,
            renewal: self.0.clone(),
        }))
    }
}

pub struct OutcomeForm {
    renewal: RenewalContext,
    kind: Option<RenewalOutcome>,
    on: Option<NaiveDate>,
}

impl OutcomeForm {
    pub fn new(renewal: RenewalContext) -> OutcomeForm {
        OutcomeForm {
            renewal,
            kind: None,
            on: None,
        }
    }
}

impl Questions for OutcomeForm {
    fn question(&self) -> String {
        let r = &self.renewal;
        match (self.kind, self.on) {
            (None, _) => {
                "What did the renewal do? renewed, upsold, downsold or churned [renewed]".into()
            }
            (Some(_), None) => format!("On what day? YYYY-MM-DD or today [{}]", r.renewal_on),
            _ => format!("ARR from now on? [{}, none if churned]", r.arr.short()),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(kind) = self.kind else {
            self.kind = Some(outcome_kind(text)?);
            return Ok(None);
        };
        let Some(on) = self.on else {
            self.on = Some(outcome_day(text, self.renewal.renewal_on, today)?);
            return Ok(None);
        };
        Ok(Some(Submission::Outcome {
            outcome: Outcome {
                kind,
                on,
                arr: outcome_arr(text, kind, self.renewal.arr)?,
            },
            renewal: self.renewal.clone(),
        }))
    }
}
