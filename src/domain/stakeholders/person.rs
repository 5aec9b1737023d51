//! A stakeholder at the customer as the map reads them: role, feelings, weight, who
//! they report to, when we last spoke, whether they left, and how much they advocate.

use chrono::NaiveDate;

use crate::domain::vocab::{AdvocacyTier, ContactRole, Influence, InteractionKind, Sentiment};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stakeholder {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    pub role: ContactRole,
    pub sentiment: Sentiment,
    pub influence: Influence,
    pub reports_to: Option<i64>,
    pub last_touch: Option<(NaiveDate, Option<InteractionKind>)>,
    pub left_on: Option<NaiveDate>,
    pub advocacy: Option<AdvocacyTier>,
    pub referenceable: bool,
    pub last_reference_on: Option<NaiveDate>,
}

/// How many people stand on each rung of the advocacy ladder, supporter first.
pub fn advocacy_ladder(people: &[Stakeholder]) -> Vec<(AdvocacyTier, usize)> {
    AdvocacyTier::ALL
        .iter()
        .map(|t| (*t, people.iter().filter(|p| p.advocacy == Some(*t)).count()))
        .collect()
}

impl Stakeholder {
    /// Still at the customer on `today`.
    pub fn present(&self, today: NaiveDate) -> bool {
        self.left_on.is_none_or(|left| left > today)
    }

    /// Days since the last touch, as of `today`.
    pub fn days_since_touch(&self, today: NaiveDate) -> Option<i64> {
        self.last_touch.map(|(on, _)| (today - on).num_days())
    }

    /// Present and touched within `days`.
    pub fn engaged(&self, today: NaiveDate, days: u32) -> bool {
        self.present(today)
            && self
                .days_since_touch(today)
                .is_some_and(|d| d <= i64::from(days))
    }
}
