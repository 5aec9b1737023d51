//! Each signal on a small account: when it fires, its reason, and the day it began.

use chrono::Duration;

use super::super::fixtures::*;
use super::SignalKind::*;
use super::*;
use crate::domain::vocab::SurveyKind::Nps;
use crate::domain::vocab::TicketPriority::{P1, P2, P3};

/// The healthy account, but yellow: half the seats and half the features (65).
fn yellow() -> Account {
    let mut account = Account::healthy();
    account.usage = weeks(20, 20, 4);
    assert_eq!(account.assess().band, Some(HealthBand::Yellow));
    account
}

#[test]
fn a_healthy_account_raises_nothing() {
    assert_eq!(Account::healthy().signals(), []);
}

#[test]
fn a_usage_drop_dates_from_the_first_week_below_the_line() {
    let mut account = Account::healthy();
    for (week, active) in account.usage[8..].iter_mut().zip([32, 28, 20, 16]) {
        week.active_users = active;
    }
    // Mean 24 against 40: down 40%. The line is 30; the week of 9 February fell below.
    let drop = account.signal(UsageDrop).unwrap();
    assert_eq!(drop.reason, "usage down 40% vs prior 60 days");
    assert_eq!(drop.since, Some(ago(20)));
    account.usage = weeks(40, 32, 8); // down 20%: a dip, not a drop
    assert_eq!(account.signal(UsageDrop), None);
}

#[test]
fn a_champion_who_left_this_year_without_a_successor_is_named() {
    let mut account = Account::healthy();
    account.people[0] = champion(&[50], Some(20));
    let left = account.signal(ChampionLeft).unwrap();
    assert_eq!(left.reason, "champion Ravi Patel left on 2026-02-09");
    assert_eq!(left.since, Some(ago(20)));
    account
        .people
        .push(person("Ana Li", ContactRole::Champion, &[3], None));
    assert_eq!(
        account.signal(ChampionLeft),
        None,
        "a new champion took over"
    );
    account.people.pop();
    account.people[0] = champion(&[400], Some(365));
    assert_eq!(account.signal(ChampionLeft), None, "a year ago is history");
    account.people[0] = champion(&[10], Some(-1));
    assert_eq!(account.signal(ChampionLeft), None, "leaves tomorrow");
}

#[test]
fn open_escalations_count_from_the_oldest() {
    let mut account = Account::healthy();
    account.tickets.push(escalation(P1, 12, None));
    let open = account.signal(EscalationOpen).unwrap();
    assert_eq!(open.reason, "P1 escalation open 12 days");
    assert_eq!(open.since, Some(ago(12)));
    account.tickets.push(escalation(P2, 30, Some(-5))); // closes after the day
    let open = account.signal(EscalationOpen).unwrap();
    assert_eq!(open.reason, "2 escalations open, oldest P2 for 30 days");
    assert_eq!(open.since, Some(ago(30)));
    account.tickets = vec![escalation(P1, 12, Some(2)), escalation(P3, -1, None)];
    assert_eq!(
        account.signal(EscalationOpen),
        None,
        "closed, or not yet opened"
    );
}

#[test]
fn a_near_renewal_with_yellow_or_red_health_is_at_risk_from_its_notice_day() {
    let mut account = yellow();
    account.renewal_on = Some(today() + Duration::days(28));
    let risk = account.signal(RenewalAtRisk).unwrap();
    assert_eq!(risk.reason, "renews in 28 days with yellow health");
    assert_eq!(risk.since, Some(ago(62)), "90 days before the renewal");
    account.renewal_on = Some(ago(10));
    assert_eq!(
        account.signal(RenewalAtRisk).unwrap().reason,
        "renewal 10 days overdue with yellow health"
    );
    for far in [ago(31), today() + Duration::days(91)] {
        account.renewal_on = Some(far);
        assert_eq!(account.signal(RenewalAtRisk), None);
    }
    let mut green = Account::healthy();
    green.renewal_on = Some(today() + Duration::days(28));
    assert_eq!(green.signal(RenewalAtRisk), None);
}

#[test]
fn the_latest_nps_is_a_detractor_at_6_or_below() {
    let mut account = Account::healthy();
    account.surveys = vec![survey(Nps, 4, 40)];
    let nps = account.signal(NpsDetractor).unwrap();
    assert_eq!(nps.reason, "NPS 4 on 2026-01-20");
    assert_eq!(nps.since, Some(ago(40)));
    account.surveys = vec![survey(Nps, 6, 40)];
    assert!(account.signal(NpsDetractor).is_some());
    account.surveys = vec![survey(Nps, 2, 80), survey(Nps, 7, 40)];
    assert_eq!(account.signal(NpsDetractor), None, "they came round");
    account.surveys = vec![survey(Nps, 2, 400)];
    assert_eq!(account.signal(NpsDetractor), None, "over a year old");
}

#[test]
fn a_champion_untouched_past_45_days_has_gone_quiet() {
    let mut account = Account::healthy();
    account.people[0] = champion(&[80, 52], None);
    let quiet = account.signal(ChampionQuiet).unwrap();
    assert_eq!(quiet.reason, "no touch with champion Ravi Patel in 52 days");
    assert_eq!(quiet.since, Some(ago(52)));
    account.people[0] = champion(&[45], None);
    assert_eq!(account.signal(ChampionQuiet), None);
    account.people[0] = champion(&[], None);
    let never = account.signal(ChampionQuiet).unwrap();
    assert_eq!(
        (never.reason.as_str(), never.since),
        ("champion Ravi Patel never touched", None)
    );
    account
        .people
        .push(person("Ana Li", ContactRole::Champion, &[3], None));
    assert_eq!(
        account.signal(ChampionQuiet),
        None,
        "another champion is close"
    );
}

#[test]
fn an_enterprise_account_needs_an_executive_sponsor() {
    let mut account = Account::healthy();
    account.people[1] = sponsor(&[120], Some(100));
    let none = account.signal(NoExecSponsor).unwrap();
    assert_eq!(
        none.reason,
        "enterprise account without an executive sponsor"
    );
    assert_eq!(none.since, Some(ago(100)));
    account.people.pop();
    assert_eq!(account.signal(NoExecSponsor).unwrap().since, None);
    account.segment = Segment::MidMarket;
    assert_eq!(account.signal(NoExecSponsor), None);
}

#[test]
fn signals_come_most_severe_first() {
    let mut account = yellow();
    account.usage = weeks(40, 20, 4);
    let mut buyer = person("Tom Ruiz", ContactRole::EconomicBuyer, &[], None);
    buyer.sentiment = Sentiment::Negative;
    account.people = vec![champion(&[50], Some(20)), buyer];
    account.tickets.push(escalation(P1, 12, None));
    account.surveys = vec![survey(Nps, 3, 10)];
    account.renewal_on = Some(today() + Duration::days(28));
    let kinds: Vec<SignalKind> = account.signals().iter().map(|s| s.kind).collect();
    let mut by_severity = SignalKind::ALL.to_vec();
    by_severity.retain(|k| *k != ChampionQuiet);
    assert_eq!(kinds, by_severity);
    assert_eq!(UsageDrop.as_str(), "usage_drop");
    assert_eq!(NoExecSponsor.label(), "No exec sponsor");
}

#[test]
fn a_negative_economic_buyer_is_a_signal_until_won_back() {
    let mut account = Account::healthy();
    let mut buyer = person("Tom Ruiz", ContactRole::EconomicBuyer, &[10], None);
    buyer.sentiment = Sentiment::Negative;
    account.people.push(buyer);
    let s = account.signal(NegativeBuyer).unwrap();
    assert_eq!(s.reason, "economic buyer Tom Ruiz is negative");
    account.people.last_mut().unwrap().sentiment = Sentiment::Positive;
    assert_eq!(account.signal(NegativeBuyer), None);
}

#[test]
fn one_contact_touched_in_90_days_is_single_threaded() {
    let mut account = Account::healthy();
    account.people = vec![champion(&[10], None), sponsor(&[91], None)];
    let s = account.signal(SingleThreaded).unwrap();
    assert_eq!(s.reason, "one contact touched in 90 days");
    account.people[1] = sponsor(&[90], None);
    assert_eq!(account.signal(SingleThreaded), None, "two engaged");
    account.segment = Segment::SelfServe;
    account.people = vec![champion(&[200], None)];
    assert_eq!(
        account.signal(SingleThreaded),
        None,
        "self-serve is served without"
    );
}
