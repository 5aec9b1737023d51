//! How the components make one score: weights per segment, missing data shared out
//! openly, the band, confidence, and what pulls the score down most.

use super::super::fixtures::*;
use super::ComponentKind::*;
use super::*;
use crate::domain::health::{Bands, SegmentRules, Weights};
use crate::domain::vocab::SurveyKind::Nps;
use crate::domain::vocab::TicketPriority::P1;
use crate::domain::vocab::{ContactRole, Segment};

#[test]
fn a_healthy_account_is_green_with_every_component_explained() {
    let a = Account::healthy().assess();
    assert_eq!((a.score, a.band), (Some(100), Some(HealthBand::Green)));
    assert_eq!(a.confidence, Confidence::High);
    assert!(a.components.iter().all(|c| !c.facts.is_empty()));
    let order: Vec<ComponentKind> = a.components.iter().map(|c| c.kind).collect();
    assert_eq!(order, ComponentKind::ALL);
    assert_eq!((a.top_negative, a.top_negative_note()), (None, None));
    assert_eq!(a.confidence_note(), None);
}

#[test]
fn the_score_weighs_each_component_and_names_what_pulls_it_down() {
    let mut account = Account::healthy();
    account.usage = weeks(40, 20, 8);
    let a = account.assess();
    // 0.4 * 25 + 0.3 * 100 + 0.2 * 100 + 0.1 * 100
    assert_eq!((a.score, a.band), (Some(70), Some(HealthBand::Green)));
    assert_eq!(a.top_negative, Some(Usage));
    assert_eq!(
        a.top_negative_note().unwrap(),
        "Pulling it down most: product usage (25/100)"
    );
}

#[test]
fn what_pulls_down_most_is_weighted_not_just_the_lowest_points() {
    let mut account = Account::healthy();
    account.usage = weeks(40, 40, 4); // adoption 50: costs 30% of 50 = 15 points
    account.people.clear(); // engagement 0 (NPS 9 only: 33): costs 10% of 67
    let a = account.assess();
    assert_eq!(a.component(Engagement).score, Some(33));
    assert_eq!(a.top_negative, Some(Adoption));
}

#[test]
fn missing_support_data_shares_its_weight_openly_and_lowers_confidence() {
    let mut account = Account::healthy();
    account.tickets.clear();
    account.usage = weeks(20, 20, 8); // usage 50
    let a = account.assess();
    let support = a.component(Support);
    assert_eq!((support.score, support.effective_weight), (None, 0.0));
    assert_eq!(a.missing, [Support]);
    assert_eq!(a.confidence, Confidence::Low);
    let shares: Vec<f64> = a.components.iter().map(|c| c.effective_weight).collect();
    assert_eq!(shares, [50.0, 37.5, 0.0, 12.5]);
    // (40 * 50 + 30 * 100 + 10 * 100) / 80 = 75, not the 60 a silent zero would give.
    assert_eq!(a.score, Some(75));
    assert_eq!(
        a.confidence_note().unwrap(),
        "low confidence: no tickets or CSAT in 90 days; its 20% weight is shared among the rest"
    );
}

#[test]
fn without_usage_the_note_says_so_once_for_both_components_it_feeds() {
    let mut account = Account::healthy();
    account.usage.clear();
    let a = account.assess();
    assert_eq!(a.missing, [Usage, Adoption]);
    assert_eq!(
        a.score, None,
        "support and engagement (30%) are too little to judge on"
    );
    assert_eq!(
        a.confidence_note().unwrap(),
        "not scored: no usage data in the last 30 days; only 30% of the weight has data, 50% needed"
    );
}

#[test]
fn a_customer_younger_than_the_usage_window_is_not_judged_on_usage_yet() {
    let mut account = Account::healthy();
    account.started_on = Some(today() - chrono::Duration::days(6));
    let a = account.assess();
    assert_eq!(a.missing, [Usage, Adoption]);
    assert_eq!(
        a.component(Usage).facts[0],
        "started 6 days ago: usage counts from day 30"
    );
    assert_eq!(a.score, None, "a new customer is not red for being new");
    assert_eq!(a.top_negative, None, "nothing pulls down a score not given");
    assert!(a.components.iter().all(|c| c.effective_weight == 0.0));
    account.started_on = Some(today() - chrono::Duration::days(30));
    assert!(account.assess().score.is_some());
}

#[test]
fn an_account_without_any_data_has_no_score_rather_than_zero() {
    let a = Account::empty().assess();
    assert_eq!((a.score, a.band, a.top_negative), (None, None, None));
    assert_eq!(a.missing, ComponentKind::ALL);
    assert_eq!(a.confidence, Confidence::Low);
    assert!(a.components.iter().all(|c| c.effective_weight == 0.0));
}

#[test]
fn a_segment_weighs_and_bands_its_accounts_its_own_way() {
    let mut rules = HealthRules::default();
    rules.segments.insert(
        Segment::SelfServe,
        SegmentRules {
            weights: Some(Weights {
                usage: 60,
                adoption: 30,
                support: 10,
                engagement: 0,
            }),
            bands: Some(Bands {
                green_at: 80,
                yellow_at: 50,
            }),
        },
    );
    let mut account = Account::healthy();
    account.segment = Segment::SelfServe;
    account.usage = weeks(30, 30, 8); // usage 75
    account.people.clear();
    account.surveys.clear(); // engagement missing, but it weighs nothing here
    let a = assess(&account.evidence(), &rules, today());
    // 0.6 * 75 + 0.3 * 100 + 0.1 * 100 = 85.
    assert_eq!((a.score, a.band), (Some(85), Some(HealthBand::Green)));
    assert_eq!(a.confidence, Confidence::High);
    assert_eq!(a.missing, []);
    account.usage = weeks(25, 25, 8); // usage 62.5, rounded to 63: 0.6 * 63 + 40 = 78
    let a = assess(&account.evidence(), &rules, today());
    assert_eq!((a.score, a.band), (Some(78), Some(HealthBand::Yellow)));
    account.segment = Segment::Smb; // the book's default weights and bands
    let a = assess(&account.evidence(), &rules, today());
    assert_eq!(a.band, Some(HealthBand::Green));
    assert_eq!(a.missing, [Engagement]);
}

#[test]
fn a_score_in_the_past_ignores_everything_that_happened_after_it() {
    let then = ago(30);
    let before = Account::healthy();
    let mut after = Account::healthy();
    after.tickets.push(escalation(P1, 10, None));
    after.surveys.push(survey(Nps, 2, 5));
    after.people[0].touches.push(ago(1));
    after.people[1].left_on = Some(ago(3));
    let rules = HealthRules::default();
    assert_eq!(
        assess(&after.evidence(), &rules, then),
        assess(&before.evidence(), &rules, then)
    );
    assert_ne!(after.assess(), before.assess());
}

#[test]
fn json_spells_components_and_confidence_as_stored() {
    let a = Account::empty().assess();
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["confidence"], "low");
    assert_eq!(json["components"][2]["kind"], Support.name());
    assert_eq!(Adoption.label(), "Feature adoption");
}

#[test]
fn scores_alone_are_the_scores_the_explained_assessment_gives() {
    let rules = HealthRules::default();
    let mut accounts = vec![Account::healthy(), Account::empty()];
    let mut struggling = Account::healthy();
    struggling.usage = weeks(40, 12, 2);
    struggling.tickets = vec![escalation(P1, 5, None)];
    struggling.people = vec![champion(&[200], Some(10))];
    struggling.surveys = vec![survey(Nps, 3, 20)];
    accounts.push(struggling);
    for account in &accounts {
        let why = assess(&account.evidence(), &rules, today());
        let scores = assess_as(&account.evidence(), &rules, today(), Explain::ScoresOnly);
        assert!(scores.components.iter().all(|c| c.facts.is_empty()));
        let facts_left_out = Assessment {
            components: why.components.clone().map(|c| Component {
                facts: Vec::new(),
                ..c
            }),
            ..why.clone()
        };
        assert_eq!(scores, facts_left_out);
        assert!(why.components.iter().all(|c| !c.facts.is_empty()));
    }
}

#[test]
fn a_champion_gone_holds_a_green_account_at_yellow_and_the_facts_say_so() {
    let mut account = Account::healthy();
    account.people[0].left_on = Some(ago(6));
    let a = account.assess();
    assert_eq!(a.band, Some(HealthBand::Yellow), "{:?}", a.score);
    assert_eq!(a.score, Some(69));
    let note = a.cap_note().unwrap();
    assert!(
        note.starts_with("capped at yellow (")
            && note.ends_with("champion Ravi Patel left 2026-02-23"),
        "{note}"
    );
    // Someone new in the champion's place: nothing to hold the score down.
    account
        .people
        .push(person("Ines Ortiz", ContactRole::Champion, &[3], None));
    let a = account.assess();
    assert_eq!((a.band, a.cap_note()), (Some(HealthBand::Green), None));
}
