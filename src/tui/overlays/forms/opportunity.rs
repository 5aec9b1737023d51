//! The opportunity form: what kind (when no signal says), a title, the ARR and when it
//! should close, each with a default Enter takes (a signal's suggestion, or 60 days on).

use chrono::{Duration, NaiveDate};

use super::answers::later_day;
use super::renewal_answers::amount;
use super::{Questions, Submission};
use crate::domain::Money;
use crate::domain::vocab::OpportunityKind;

/// What the form starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct OpportunityStart {
    pub account: (i64, String),
    /// Known from a signal; else asked.
    pub kind: Option<OpportunityKind>,
    pub title: String,
    pub arr: Money,
    /// The signal it answers, stored with it.
    pub signal: Option<String>,
}

/// The days ahead a new opportunity is expected to close, by default.
const CLOSE_IN_DAYS: i64 = 60;

pub struct OpportunityForm {
    start: OpportunityStart,
    kind: Option<OpportunityKind>,
    title: Option<String>,
    arr: Option<Money>,
}

impl OpportunityForm {
    pub fn new(start: OpportunityStart) -> OpportunityForm {
        OpportunityForm {
            kind: start.kind,
            start,
            title: None,
            arr: None,
        }
    }
}

impl Questions for OpportunityForm {
    fn question(&self) -> String {
        let s = &self.start;
        match (self.kind, &self.title, self.arr) {
            (None, _, _) => format!(
                "Opportunity at {}: seats, upsell or cross-sell? [upsell]",
                s.account.1
            ),
            (Some(_), None, _) => format!("What is it? [{}]", s.title),
            (Some(_), Some(_), None) => format!("ARR? e.g. 24k [{}]", s.arr.short()),
            _ => format!("Close by? YYYY-MM-DD or days [{CLOSE_IN_DAYS}]"),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        if self.kind.is_none() {
            self.kind = Some(match text.trim() {
                "" => OpportunityKind::Upsell,
                "seats" | "more seats" => OpportunityKind::Seats,
                "cross sell" | "crosssell" => OpportunityKind::CrossSell,
                t => t
                    .parse()
                    .map_err(|e: crate::domain::vocab::UnknownTerm| e.to_string())?,
            });
            return Ok(None);
        }
        if self.title.is_none() {
            let title = match text.trim() {
                "" => self.start.title.clone(),
                t => t.to_string(),
            };
            self.title = Some(title);
            return Ok(None);
        }
        let Some(arr) = self.arr else {
            let cents = match text.trim() {
                "" => self.start.arr.cents,
                t => {
                    amount(t).ok_or_else(|| format!("`{t}` is not an amount like 24000 or 24k"))?
                }
            };
            if cents <= 0 {
                return Err("an opportunity is worth more than nothing".into());
            }
            self.arr = Some(Money {
                cents,
                currency: self.start.arr.currency,
            });
            return Ok(None);
        };
        let close_on = match text.trim() {
            "" => today + Duration::days(CLOSE_IN_DAYS),
            t => later_day(t, today)?,
        };
        Ok(Some(Submission::Opportunity {
            account: self.start.account.clone(),
            kind: self.kind.unwrap_or(OpportunityKind::Upsell),
            title: self.title.clone().unwrap_or_default(),
            arr,
            close_on,
            signal: self.start.signal.clone(),
        }))
    }
}
