use chrono::{Duration, NaiveDate};

use super::*;
use crate::domain::vocab::{ContactRole, Influence, InteractionKind, Segment, Sentiment};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn person(id: i64, name: &str, role: ContactRole, touched_days_ago: Option<i64>) -> Stakeholder {
    Stakeholder {
        id,
        name: name.into(),
        title: None,
        role,
        sentiment: Sentiment::Neutral,
        influence: Influence::Medium,
        reports_to: None,
        last_touch: touched_days_ago
            .map(|d| (today() - Duration::days(d), Some(InteractionKind::Call))),
        left_on: None,
        advocacy: None,
        referenceable: false,
        last_reference_on: None,
    }
}

fn kinds(gaps: &[Gap]) -> Vec<GapKind> {
    gaps.iter().map(|g| g.kind).collect()
}

fn enterprise_covered() -> Vec<Stakeholder> {
    vec![
        person(1, "Maya Chen", ContactRole::ExecutiveSponsor, Some(30)),
        person(2, "Tom Ruiz", ContactRole::EconomicBuyer, Some(20)),
        person(3, "Ravi Patel", ContactRole::Champion, Some(10)),
    ]
}

#[test]
fn a_well_covered_enterprise_account_has_no_gap() {
    let g = gaps(
        Segment::Enterprise,
        &enterprise_covered(),
        &CoverageRules::default(),
        today(),
    );
    assert!(g.is_empty(), "{g:?}");
}

#[test]
fn each_segment_needs_its_own_roles() {
    let rules = CoverageRules::default();
    let champion_only = vec![
        person(3, "Ravi Patel", ContactRole::Champion, Some(10)),
        person(4, "Ann Lee", ContactRole::EndUser, Some(5)),
    ];
    let ent = gaps(Segment::Enterprise, &champion_only, &rules, today());
    assert_eq!(kinds(&ent), [GapKind::MissingRole, GapKind::MissingRole]);
    assert_eq!(
        ent[0].reason,
        "no exec sponsor (Enterprise accounts need one)"
    );
    let mm = gaps(Segment::MidMarket, &champion_only, &rules, today());
    assert_eq!(mm.len(), 1);
    assert!(mm[0].reason.starts_with("no economic buyer"));
    assert!(gaps(Segment::Smb, &champion_only, &rules, today()).is_empty());
}

#[test]
fn one_engaged_contact_is_single_threaded() {
    let mut people = enterprise_covered();
    people[0].last_touch = Some((today() - Duration::days(85), None));
    people[1].last_touch = Some((today() - Duration::days(91), None));
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    assert!(
        !kinds(&g).contains(&GapKind::SingleThreaded),
        "two engaged: {g:?}"
    );
    people[0].last_touch = Some((today() - Duration::days(95), None));
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    let single = g
        .iter()
        .find(|g| g.kind == GapKind::SingleThreaded)
        .unwrap();
    assert_eq!(single.reason, "one contact touched in 90 days");
}

#[test]
fn a_champion_who_left_without_a_successor_is_the_first_gap() {
    let mut people = enterprise_covered();
    people[2].left_on = Some(today() - Duration::days(20));
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    assert_eq!(g[0].kind, GapKind::ChampionLeft);
    assert!(
        !g.iter().any(|g| g.reason.starts_with("no champion (")),
        "said once: {g:?}"
    );
    assert_eq!(
        g[0].reason,
        format!(
            "champion Ravi Patel left on {}; no champion since",
            today() - Duration::days(20)
        )
    );
    // A new champion closes that gap.
    people.push(person(9, "Lena Park", ContactRole::Champion, Some(3)));
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    assert!(!kinds(&g).contains(&GapKind::ChampionLeft), "{g:?}");
}

#[test]
fn a_champion_silent_past_the_cadence_has_gone_quiet() {
    let mut people = enterprise_covered();
    people[2].last_touch = Some((today() - Duration::days(46), None));
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    assert_eq!(kinds(&g), [GapKind::GoneQuiet]);
    assert_eq!(
        g[0].reason,
        "champion Ravi Patel quiet for 46 days (45 max)"
    );
    people[2].last_touch = Some((today() - Duration::days(45), None));
    assert!(
        gaps(
            Segment::Enterprise,
            &people,
            &CoverageRules::default(),
            today()
        )
        .is_empty()
    );
}

#[test]
fn an_exec_sponsor_not_met_in_90_days_is_a_gap() {
    let mut people = enterprise_covered();
    people[0].last_touch = Some((today() - Duration::days(91), None));
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    assert_eq!(kinds(&g), [GapKind::SponsorNotMet]);
    people[0].last_touch = None;
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    assert_eq!(g[0].reason, "exec sponsor Maya Chen never met");
}

#[test]
fn a_negative_economic_buyer_or_decision_maker_is_a_gap() {
    let mut people = enterprise_covered();
    people[1].sentiment = Sentiment::Negative;
    people.push(Stakeholder {
        sentiment: Sentiment::Negative,
        ..person(5, "Zoe Wu", ContactRole::DecisionMaker, Some(10))
    });
    let g = gaps(
        Segment::Enterprise,
        &people,
        &CoverageRules::default(),
        today(),
    );
    assert_eq!(kinds(&g), [GapKind::NegativeBuyer, GapKind::NegativeBuyer]);
    assert_eq!(g[0].reason, "economic buyer Tom Ruiz is negative");
}

#[test]
fn the_chart_nests_reports_under_their_managers() {
    let mut people = enterprise_covered();
    people[1].reports_to = Some(1);
    people[2].reports_to = Some(1);
    people.push(Stakeholder {
        reports_to: Some(3),
        ..person(4, "Ann Lee", ContactRole::EndUser, Some(3))
    });
    let lines = chart(&people);
    let drawn: Vec<String> = lines
        .iter()
        .map(|l| format!("{}{}", l.prefix, people[l.person].name))
        .collect();
    assert_eq!(
        drawn,
        ["Maya Chen", "├─ Tom Ruiz", "└─ Ravi Patel", "   └─ Ann Lee"]
    );
}

#[test]
fn loops_and_missing_managers_start_trees_of_their_own() {
    let mut people = vec![
        person(1, "A", ContactRole::Champion, None),
        person(2, "B", ContactRole::EndUser, None),
        person(3, "C", ContactRole::EndUser, None),
        person(4, "D", ContactRole::EndUser, None),
        person(5, "E", ContactRole::EndUser, None),
    ];
    people[0].reports_to = Some(2); // A -> B -> A: a loop
    people[1].reports_to = Some(1);
    people[2].reports_to = Some(99); // C's manager is not on the map
    people[3].reports_to = Some(4); // D reports to themself
    people[4].reports_to = Some(1); // E under A, inside the loop's tree
    let lines = chart(&people);
    assert_eq!(lines.len(), people.len(), "everyone drawn once: {lines:?}");
    let roots: Vec<&str> = lines
        .iter()
        .filter(|l| l.depth == 0)
        .map(|l| people[l.person].name.as_str())
        .collect();
    assert_eq!(roots, ["C", "D", "A"]);
}
