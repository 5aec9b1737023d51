//! The renewal forms: the forecast in one line (`downsell at risk 80k`, Enter takes the
//! CSM's or the cockpit's suggestion), and the outcome (what it did, on what day, and
//! for a churn or downsell why and in the customer's words, then the ARR from then on).

use chrono::NaiveDate;

use super::renewal_answers::{forecast, outcome_arr, outcome_day, outcome_kind};
use super::{Questions, Submission};
use crate::domain::Money;
use crate::domain::churn::ChurnRules;
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
    /// The reasons a churn or downsell is offered.
    reasons: ChurnRules,
    kind: Option<RenewalOutcome>,
    on: Option<NaiveDate>,
    reason: Option<String>,
    note: Option<Option<String>>,
}

impl OutcomeForm {
    pub fn new(renewal: RenewalContext, reasons: ChurnRules) -> OutcomeForm {
        OutcomeForm {
            renewal,
            reasons,
            kind: None,
            on: None,
            reason: None,
            note: None,
        }
    }

    /// A churn or downsell: asked why, and what the customer said.
    fn lost(&self) -> bool {
        self.kind.is_some_and(RenewalOutcome::is_loss)
    }

    fn submission(&self, arr: Money) -> Option<Submission> {
        Some(Submission::Outcome {
            outcome: Outcome {
                kind: self.kind?,
                on: self.on?,
                arr,
                reason: self.reason.clone(),
                note: self.note.clone().flatten(),
            },
            renewal: self.renewal.clone(),
        })
    }
}

impl Questions for OutcomeForm {
    fn question(&self) -> String {
        let r = &self.renewal;
        let churned = self.kind == Some(RenewalOutcome::Churned);
        match (self.kind, self.on) {
            (None, _) => {
                "What did the renewal do? renewed, upsold, downsold or churned [renewed]".into()
            }
            (Some(_), None) => format!("On what day? YYYY-MM-DD or today [{}]", r.renewal_on),
            _ if self.lost() && self.reason.is_none() => format!(
                "Why did they {}? {} [{}]",
                if churned { "leave" } else { "shrink" },
                self.reasons.names(),
                self.reasons
                    .default_reason()
                    .map_or("", |r| r.name.as_str())
            ),
            _ if self.lost() && self.note.is_none() => {
                "What did they say, in their words? [nothing]".into()
            }
            _ if self.kind == Some(RenewalOutcome::Downsold) => {
                format!("ARR from now on? less than {}", r.arr.short())
            }
            _ => format!("ARR from now on? [{}]", r.arr.short()),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let Some(kind) = self.kind else {
            self.kind = Some(outcome_kind(text)?);
            return Ok(None);
        };
        if self.on.is_none() {
            self.on = Some(outcome_day(text, self.renewal.renewal_on, today)?);
            return Ok(None);
        }
        if self.lost() && self.reason.is_none() {
            self.reason = Some(self.reasons.answer(text)?.name.clone());
            return Ok(None);
        }
        if self.lost() && self.note.is_none() {
            let said = text.trim();
            self.note = Some((!said.is_empty()).then(|| said.to_string()));
            if kind == RenewalOutcome::Churned {
                return Ok(self.submission(outcome_arr("", kind, self.renewal.arr)?));
            }
            return Ok(None);
        }
        Ok(self.submission(outcome_arr(text, kind, self.renewal.arr)?))
    }
}
