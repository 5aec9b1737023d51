//! What the engine knows about an account on the day it runs: the dates its triggers
//! count from, its health, signals, departures, NPS answers and seats, and the room a
//! play walks into (the lifecycle stage, the people still there, the renewal's
//! checklist).

use chrono::{Duration, NaiveDate};

use crate::domain::health::{Bands, SignalKind};
use crate::domain::renewal::Step;
use crate::domain::vocab::{ContactRole, HealthBand, LifecycleStage, Sentiment};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountFacts {
    pub started_on: Option<NaiveDate>,
    pub went_live_on: Option<NaiveDate>,
    /// The open contract renewing, and when.
    pub renewal: Option<(i64, NaiveDate)>,
    /// Weekly scores, oldest first, the last in the week of `weekly_last_on`.
    pub weekly: Vec<Option<u8>>,
    pub weekly_last_on: Option<NaiveDate>,
    pub bands: Option<Bands>,
    pub band_now: Option<HealthBand>,
    /// Risk signals standing, with the day each began.
    pub signals: Vec<(SignalKind, Option<NaiveDate>)>,
    /// People who left: contact id, role, day.
    pub departures: Vec<(i64, ContactRole, NaiveDate)>,
    /// NPS answers: response id, score, day.
    pub nps: Vec<(i64, u8, NaiveDate)>,
    /// The latest week's active users and licensed seats.
    pub seats: Option<(i64, i64)>,
    pub stage: Option<LifecycleStage>,
    /// The people still at the customer.
    pub people: Vec<Present>,
    /// The steps of the open renewal's motion ticked so far.
    pub ticked: Vec<Step>,
}

/// Someone still at the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Present {
    pub name: String,
    pub role: ContactRole,
    pub sentiment: Sentiment,
    pub touched_on: Option<NaiveDate>,
}

/// A contact touched within this many days counts as engaged (as on the stakeholder
/// map): one engaged person or none is single-threaded.
pub const ENGAGED_DAYS: i64 = 90;

impl AccountFacts {
    /// The first person still there in `role`.
    pub fn in_role(&self, role: ContactRole) -> Option<&Present> {
        self.people.iter().find(|p| p.role == role)
    }

    /// How many people were touched in the last 90 days.
    pub fn engaged(&self, today: NaiveDate) -> usize {
        let since = today - Duration::days(ENGAGED_DAYS);
        self.people
            .iter()
            .filter(|p| p.touched_on.is_some_and(|on| on >= since && on <= today))
            .count()
    }
}
