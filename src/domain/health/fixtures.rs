//! Small hand-made accounts for the health tests: one healthy enterprise account to
//! start from, and builders for the weeks, tickets, surveys and people a test changes.
//! Every date is pinned to `today()`, Sunday 1 March 2026.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::domain::records::UsageWeek;
use crate::domain::vocab::{ContactRole, Segment, SurveyKind, TicketPriority};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

pub fn ago(days: i64) -> NaiveDate {
    today() - Duration::days(days)
}

/// Twelve Monday weeks of 50 seats, the last starting 23 February: four in the recent
/// 30 days with `recent` active users, eight before them with `prior`.
pub fn weeks(prior: i64, recent: i64, key_features_used: i64) -> Vec<UsageWeek> {
    (0..12)
        .rev()
        .map(|k| UsageWeek {
            week_start: ago(6 + 7 * k),
            active_users: if k < 4 { recent } else { prior },
            licensed_seats: 50,
            sessions: 0,
            key_features_used,
        })
        .collect()
}

pub fn ticket(priority: TicketPriority, opened: i64, closed: Option<i64>) -> TicketFact {
    TicketFact {
        priority,
        escalated: false,
        opened_on: ago(opened),
        closed_on: closed.map(ago),
        csat: None,
    }
}

/// A closed P3 ticket the customer rated `csat`.
pub fn rated(csat: u8, opened: i64, closed: i64) -> TicketFact {
    TicketFact {
        csat: Some(csat),
        ..ticket(TicketPriority::P3, opened, Some(closed))
    }
}

pub fn escalation(priority: TicketPriority, opened: i64, closed: Option<i64>) -> TicketFact {
    TicketFact {
        escalated: true,
        ..ticket(priority, opened, closed)
    }
}

pub fn survey(kind: SurveyKind, score: u8, days_ago: i64) -> SurveyFact {
    SurveyFact {
        kind,
        score,
        on: ago(days_ago),
    }
}

pub fn person(name: &str, role: ContactRole, touched: &[i64], left: Option<i64>) -> PersonFact {
    let mut touches: Vec<NaiveDate> = touched.iter().map(|d| ago(*d)).collect();
    touches.sort_unstable();
    PersonFact {
        name: name.into(),
        role,
        left_on: left.map(ago),
        sentiment: crate::domain::vocab::Sentiment::Neutral,
        touches,
    }
}

pub fn champion(touched: &[i64], left: Option<i64>) -> PersonFact {
    person("Ravi Patel", ContactRole::Champion, touched, left)
}

pub fn sponsor(touched: &[i64], left: Option<i64>) -> PersonFact {
    person("Maya Chen", ContactRole::ExecutiveSponsor, touched, left)
}

/// One account's evidence, owned, so a test can change a part and score it again.
pub struct Account {
    pub segment: Segment,
    pub usage: Vec<UsageWeek>,
    pub key_features: u32,
    pub tickets: Vec<TicketFact>,
    pub surveys: Vec<SurveyFact>,
    pub people: Vec<PersonFact>,
    pub renewal_on: Option<NaiveDate>,
    pub started_on: Option<NaiveDate>,
}

impl Account {
    /// Full marks everywhere: 40 of 50 seats (the 80% target) steady, 8 of 10 key
    /// features, one ticket rated 5, NPS 9, champion and sponsor touched lately.
    pub fn healthy() -> Account {
        Account {
            segment: Segment::Enterprise,
            usage: weeks(40, 40, 8),
            key_features: 10,
            tickets: vec![rated(5, 20, 18)],
            surveys: vec![survey(SurveyKind::Nps, 9, 40)],
            people: vec![champion(&[10], None), sponsor(&[30], None)],
            renewal_on: Some(today() + Duration::days(60)),
            started_on: None,
        }
    }

    /// An account we know nothing about yet.
    pub fn empty() -> Account {
        Account {
            usage: Vec::new(),
            tickets: Vec::new(),
            surveys: Vec::new(),
            people: Vec::new(),
            renewal_on: None,
            ..Account::healthy()
        }
    }

    pub fn evidence(&self) -> Evidence<'_> {
        Evidence {
            segment: self.segment,
            usage: &self.usage,
            key_features: self.key_features,
            tickets: &self.tickets,
            surveys: &self.surveys,
            people: &self.people,
            renewal_on: self.renewal_on,
            started_on: self.started_on,
        }
    }

    pub fn assess(&self) -> Assessment {
        assess(&self.evidence(), &HealthRules::default(), today())
    }

    pub fn score_of(&self, kind: ComponentKind) -> Option<u8> {
        self.assess().component(kind).score
    }

    pub fn facts_of(&self, kind: ComponentKind) -> Vec<String> {
        self.assess().component(kind).facts.clone()
    }

    pub fn signals(&self) -> Vec<Signal> {
        let rules = HealthRules::default();
        let a = assess(&self.evidence(), &rules, today());
        signals(&self.evidence(), &a, &rules, today())
    }

    pub fn signal(&self, kind: SignalKind) -> Option<Signal> {
        self.signals().into_iter().find(|s| s.kind == kind)
    }
}
