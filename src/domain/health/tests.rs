//! The score, its components and its signals on small hand-made accounts.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::domain::records::UsageWeek;
use crate::domain::vocab::{ContactRole, HealthBand, Segment, SurveyKind, TicketPriority};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn ago(days: i64) -> NaiveDate {
    today() - Duration::days(days)
}

/// Thirteen weeks: `prior` active users of 50 seats, then `recent` over the last 30 days.
fn usage(prior: i64, recent: i64, features: i64) -> Vec<UsageWeek> {
    (0..13)
        .rev()
        .map(|weeks| UsageWeek {
            week_start: ago(weeks * 7),
            active_users: if weeks < 5 { recent } else { prior },
            licensed_seats: 50,
            sessions: 0,
            key_features_used: features,
        })
        .collect()
}

fn person(role: ContactRole, touched: i64, left: Option<i64>) -> PersonFact {
    PersonFact {
        name: "Ravi Patel".into(),
        role,
        left_on: left.map(ago),
        touches: vec![ago(touched)],
    }
}

struct Account {
    usage: Vec<UsageWeek>,
    tickets: Vec<TicketFact>,
    surveys: Vec<SurveyFact>,
    people: Vec<PersonFact>,
    segment: Segment,
    renewal_on: Option<NaiveDate>,
}

impl Account {
    fn healthy() -> Account {
        Account {
            usage: usage(40, 40, 8),
            tickets: vec![TicketFact {
                priority: TicketPriority::P3,
                escalated: false,
                opened_on: ago(20),
                closed_on: Some(ago(18)),
                csat: Some(5),
            }],
            surveys: vec![SurveyFact {
                kind: SurveyKind::Nps,
                score: 9,
                on: ago(40),
            }],
            people: vec![
                person(ContactRole::Champion, 10, None),
                person(ContactRole::ExecutiveSponsor, 30, None),
            ],
            segment: Segment::Enterprise,
            renewal_on: Some(today() + Duration::days(60)),
        }
    }

    fn evidence(&self) -> Evidence<'_> {
        Evidence {
            segment: self.segment,
            usage: &self.usage,
            key_features: 10,
            tickets: &self.tickets,
            surveys: &self.surveys,
            people: &self.people,
            renewal_on: self.renewal_on,
        }
    }

    fn assess(&self) -> Assessment {
        assess(&self.evidence(), &HealthRules::default(), today())
    }

    fn signals(&self) -> Vec<SignalKind> {
        let a = self.assess();
        signals(&self.evidence(), &a, &HealthRules::default(), today())
            .into_iter()
            .map(|s| s.kind)
            .collect()
    }
}

#[test]
fn a_healthy_account_is_green_with_every_component_explained() {
    let a = Account::healthy().assess();
    assert_eq!(a.band, Some(HealthBand::Green));
    assert_eq!(a.confidence, Confidence::High);
    let usage = a.component(ComponentKind::Usage);
    assert_eq!(usage.score, Some(100), "40 of 50 seats is the 80% target");
    assert_eq!(usage.facts[0], "40 of 50 seats active, last 30 days");
    assert_eq!(usage.facts[1], "steady vs the prior 60 days");
    assert_eq!(a.component(ComponentKind::Adoption).score, Some(100));
    assert_eq!(a.component(ComponentKind::Support).score, Some(100));
    assert_eq!(a.component(ComponentKind::Engagement).score, Some(100));
    assert_eq!(a.score, Some(100));
    assert_eq!(a.top_negative, None);
}

#[test]
fn falling_usage_costs_points_says_so_and_is_what_pulls_the_score_down() {
    let mut account = Account::healthy();
    account.usage = usage(40, 20, 8);
    let a = account.assess();
    let usage = a.component(ComponentKind::Usage);
    // 20 of 50 is half the target (50 points), and a 50% fall costs the most (25).
    assert_eq!(usage.score, Some(25));
    assert_eq!(usage.facts[1], "down 50% vs the prior 60 days");
    assert_eq!(a.top_negative, Some(ComponentKind::Usage));
    // 0.4*25 + 0.3*100 + 0.2*100 + 0.1*100 = 70
    assert_eq!(a.score, Some(70));
    assert_eq!(account.signals()[0], SignalKind::UsageDrop);
}

#[test]
fn missing_support_data_shares_its_weight_openly_and_lowers_confidence() {
    let mut account = Account::healthy();
    account.tickets.clear();
    account.usage = usage(20, 20, 8); // usage 50
    let a = account.assess();
    let support = a.component(ComponentKind::Support);
    assert_eq!(support.score, None);
    assert_eq!(support.effective_weight, 0.0);
    assert_eq!(a.missing, vec![ComponentKind::Support]);
    assert_eq!(a.confidence, Confidence::Low);
    assert_eq!(a.component(ComponentKind::Usage).effective_weight, 50.0);
    // (40*50 + 30*100 + 10*100) / 80 = 75, not 60 as a silent zero would give.
    assert_eq!(a.score, Some(75));
    assert!(a.confidence_note().unwrap().contains("no tickets or CSAT"));
}

#[test]
fn an_open_escalation_and_a_departed_champion_are_signals_with_their_dates() {
    let mut account = Account::healthy();
    account.tickets.push(TicketFact {
        priority: TicketPriority::P1,
        escalated: true,
        opened_on: ago(12),
        closed_on: None,
        csat: None,
    });
    account.people[0] = person(ContactRole::Champion, 50, Some(20));
    let a = account.assess();
    let support = a.component(ComponentKind::Support);
    // CSAT 5 (100) less one open P1 (15) and one escalation (20).
    assert_eq!(support.score, Some(65));
    let found = signals(&account.evidence(), &a, &HealthRules::default(), today());
    let left = found
        .iter()
        .find(|s| s.kind == SignalKind::ChampionLeft)
        .unwrap();
    assert_eq!(left.since, Some(ago(20)));
    let escalation = found
        .iter()
        .find(|s| s.kind == SignalKind::EscalationOpen)
        .unwrap();
    assert_eq!(escalation.reason, "P1 escalation open 12 days");
    assert!(
        a.component(ComponentKind::Engagement).facts[0].starts_with("champion left on"),
        "{:?}",
        a.component(ComponentKind::Engagement).facts
    );
}

#[test]
fn a_quiet_champion_a_detractor_and_a_risky_renewal_raise_their_signals() {
    let mut account = Account::healthy();
    account.usage = usage(20, 12, 3);
    account.people[0] = person(ContactRole::Champion, 52, None);
    account.surveys[0].score = 4;
    let kinds = account.signals();
    assert!(kinds.contains(&SignalKind::ChampionQuiet));
    assert!(kinds.contains(&SignalKind::NpsDetractor));
    assert!(kinds.contains(&SignalKind::RenewalAtRisk), "{kinds:?}");
    account.people.remove(1);
    assert!(account.signals().contains(&SignalKind::NoExecSponsor));
}

#[test]
fn nothing_dated_after_the_day_counts() {
    let mut account = Account::healthy();
    account.tickets[0].opened_on = today() + Duration::days(3);
    account.tickets[0].closed_on = Some(today() + Duration::days(4));
    let a = account.assess();
    assert_eq!(a.component(ComponentKind::Support).score, None);
}
