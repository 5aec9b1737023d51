//! The advocacy forms. A reference request: the prospect's industry, segment, the use
//! case and by when, each blank for any. An ask of the selected reference: what is asked
//! (a reference call, a case study, a review) and by when, the request's day by default.

use chrono::{Duration, NaiveDate};

use super::answers::later_day;
use super::{Questions, Submission};
use crate::domain::advocacy::Request;
use crate::domain::vocab::{AskKind, Segment};

#[derive(Default)]
pub struct RequestForm {
    request: Request,
    asked: usize,
}

impl RequestForm {
    pub fn new() -> RequestForm {
        RequestForm::default()
    }
}

impl Questions for RequestForm {
    fn question(&self) -> String {
        match self.asked {
            0 => "Reference request: the prospect's industry? (Enter for any)".into(),
            1 => "Segment? enterprise, mid_market, smb, self_serve (Enter for any)".into(),
            2 => "Use case, in a few words? e.g. analytics rollout (Enter for any)".into(),
            _ => "Needed by? YYYY-MM-DD or days (Enter for no date)".into(),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let text = text.trim();
        match self.asked {
            0 => self.request.industry = (!text.is_empty()).then(|| text.to_string()),
            1 if text.is_empty() => self.request.segment = None,
            1 => {
                let normal = text.to_lowercase().replace(['-', ' '], "_");
                self.request.segment = Some(normal.parse::<Segment>().map_err(|e| e.to_string())?);
            }
            2 => self.request.use_case = (!text.is_empty()).then(|| text.to_string()),
            _ => {
                self.request.by = if text.is_empty() {
                    None
                } else {
                    Some(later_day(text, today)?)
                };
                return Ok(Some(Submission::ReferenceRequest(self.request.clone())));
            }
        }
        self.asked += 1;
        Ok(None)
    }
}

/// The days ahead an ask is due by when the request names no day.
const ANSWER_IN_DAYS: i64 = 14;

pub struct AskForm {
    contact: (i64, String),
    request: Request,
    kind: Option<AskKind>,
}

impl AskForm {
    /// An ask of `contact` for `request`.
    pub fn new(contact: (i64, String), request: Request) -> AskForm {
        AskForm {
            contact,
            request,
            kind: None,
        }
    }

    fn due_default(&self, today: NaiveDate) -> NaiveDate {
        self.request
            .by
            .filter(|d| *d > today)
            .unwrap_or(today + Duration::days(ANSWER_IN_DAYS))
    }
}

impl Questions for AskForm {
    fn question(&self) -> String {
        match self.kind {
            None => format!(
                "Ask {}: a reference call, case study or review? [call]",
                self.contact.1
            ),
            Some(_) => format!(
                "Answer needed by? YYYY-MM-DD or days [{}]",
                self.request
                    .by
                    .map_or(format!("{ANSWER_IN_DAYS}"), |d| d.to_string())
            ),
        }
    }

    fn answer(&mut self, text: &str, today: NaiveDate) -> Result<Option<Submission>, String> {
        let text = text.trim();
        let Some(kind) = self.kind else {
            let kind = match text.to_lowercase().as_str() {
                "" | "call" | "reference call" | "c" => AskKind::Call,
                "case study" | "case_study" | "case" | "study" | "s" => AskKind::CaseStudy,
                "review" | "r" => AskKind::Review,
                other => {
                    return Err(format!(
                        "`{other}`: expected a reference call, a case study or a review"
                    ));
                }
            };
            self.kind = Some(kind);
            return Ok(None);
        };
        let due_on = if text.is_empty() {
            self.due_default(today)
        } else {
            later_day(text, today)?
        };
        Ok(Some(Submission::Ask {
            contact: self.contact.clone(),
            kind,
            request: if self.request.is_empty() {
                String::new()
            } else {
                self.request.words()
            },
            due_on,
        }))
    }
}
