//! What the book knows about one account that bears on its health, as plain values.
//! The book fills it; the score, the signals and the backtest read it as of a date and
//! ignore whatever is dated after that date.

use chrono::NaiveDate;

use crate::domain::records::UsageWeek;
use crate::domain::vocab::{ContactRole, Segment, Sentiment, SurveyKind, TicketPriority};

/// One account's evidence. Slices are in date order (usage by `week_start`, tickets by
/// `opened_on`, surveys by `responded_on`); a span wider than the windows is fine.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub segment: Segment,
    /// Weekly usage, oldest first.
    pub usage: &'a [UsageWeek],
    /// How many key features the product catalog has (adoption's denominator).
    pub key_features: u32,
    pub tickets: &'a [TicketFact],
    pub surveys: &'a [SurveyFact],
    pub people: &'a [PersonFact],
    /// The end of the open contract: the renewal date.
    pub renewal_on: Option<NaiveDate>,
    /// The day the customer started: usage is judged only once they have had time.
    pub started_on: Option<NaiveDate>,
}

/// A support ticket, as health sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFact {
    pub priority: TicketPriority,
    pub escalated: bool,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// 1-5, given when the ticket closed.
    pub csat: Option<u8>,
}

/// An NPS (0-10) or CSAT (1-5) answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveyFact {
    pub kind: SurveyKind,
    pub score: u8,
    pub on: NaiveDate,
}

/// A stakeholder at the customer, with every day we know we were in touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFact {
    pub name: String,
    pub role: ContactRole,
    /// The day they left the company, if they did.
    pub left_on: Option<NaiveDate>,
    pub sentiment: Sentiment,
    /// Days in touch, oldest first (interactions, and the contact's last touch).
    pub touches: Vec<NaiveDate>,
}

impl PersonFact {
    /// The last touch on or before `as_of`.
    pub fn last_touch(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        let n = self.touches.partition_point(|d| *d <= as_of);
        n.checked_sub(1).map(|i| self.touches[i])
    }

    /// Still at the company on `as_of`.
    pub fn present(&self, as_of: NaiveDate) -> bool {
        self.left_on.is_none_or(|left| left > as_of)
    }
}
