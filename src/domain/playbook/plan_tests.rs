//! The plan for one account: merging, the room, the manager chain and the order of
//! steps, on the built-in playbooks with `today` pinned.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::domain::vocab::{ContactRole, Sentiment};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn ago(days: i64) -> NaiveDate {
    today() - Duration::days(days)
}

fn catalog() -> Vec<Playbook> {
    built_ins()
}

fn play<'a>(catalog: &'a [Playbook], id: &str) -> &'a Playbook {
    catalog.iter().find(|p| p.id == id).unwrap()
}

fn fired<'a>(p: &'a Playbook, key: &str, on: NaiveDate, run: i64) -> Fired<'a> {
    Fired {
        playbook: p,
        event: Event {
            key: key.into(),
            on,
        },
        run,
    }
}

fn person(name: &str, role: ContactRole) -> Present {
    Present {
        name: name.into(),
        role,
        sentiment: Sentiment::Neutral,
        touched_on: Some(ago(10)),
    }
}

fn room() -> AccountFacts {
    AccountFacts {
        people: vec![
            person("Ravi Patel", ContactRole::Champion),
            person("Maya Chen", ContactRole::ExecutiveSponsor),
        ],
        ..Default::default()
    }
}

fn desk<'a>(facts: &'a AccountFacts, open: &'a [OpenTask]) -> Desk<'a> {
    Desk {
        facts,
        owner: Some(2),
        manager: Some(1),
        open,
        latest: &[],
    }
}

fn titles(plan: &Plan) -> Vec<&str> {
    plan.tasks.iter().map(|t| t.title.as_str()).collect()
}

#[test]
fn two_plays_answering_one_risk_merge_their_shared_steps() {
    let c = catalog();
    let facts = room();
    let events = [
        fired(play(&c, "risk-red"), "band:red", ago(3), 1),
        fired(play(&c, "usage-drop"), "signal:usage_drop", ago(10), 2),
    ];
    let plan = plan(&events, &c, desk(&facts, &[]), today());
    assert_eq!(
        titles(&plan),
        [
            "Risk review: what pulls health down, since when, and who knows",
            "Escalated: review the save plan with the account's CSM",
            "Executive call: agree the recovery plan with the sponsor",
            "Call the champion with what you found and a re-adoption plan",
        ],
        "one risk review for both"
    );
    assert_eq!(plan.merged, 1);
}

#[test]
fn the_same_event_twice_and_a_title_already_open_are_never_made_again() {
    let c = catalog();
    let facts = room();
    let nps = play(&c, "nps-detractor");
    let open = [OpenTask {
        playbook: None,
        step: None,
        title: "report what you will fix, and by when ".into(),
        due_on: today(),
    }];
    let plan = plan(
        &[
            fired(nps, "nps:1", ago(2), 1),
            fired(nps, "nps:2", ago(1), 2),
        ],
        &c,
        desk(&facts, &open),
        today(),
    );
    assert_eq!(
        titles(&plan),
        ["Call the respondent within two days: listen, thank, promise a follow-up"]
    );
    assert_eq!(plan.merged, 3);
}

#[test]
fn a_play_under_way_or_answered_since_by_its_need_adds_nothing() {
    let c = catalog();
    let facts = room();
    // Onboarding tasks made the day the account started answer the welcome too.
    let latest = [("onboarding-enterprise".to_string(), ago(20))];
    let d = Desk {
        latest: &latest,
        ..desk(&facts, &[])
    };
    let plan_ = plan(
        &[fired(play(&c, "welcome"), "created", ago(20), 7)],
        &c,
        d,
        today(),
    );
    assert!(plan_.tasks.is_empty());
    assert_eq!(plan_.in_hand, [7]);
    // A task of the play still open: it is under way.
    let open = [OpenTask {
        playbook: Some("expansion-seats".into()),
        step: None,
        title: "Prepare the seat expansion proposal".into(),
        due_on: today(),
    }];
    let plan_ = plan(
        &[fired(play(&c, "expansion-seats"), "seats", today(), 8)],
        &c,
        desk(&facts, &open),
        today(),
    );
    assert_eq!(plan_.in_hand, [8]);
}

#[test]
fn a_step_addressed_to_someone_who_left_is_left_out() {
    let c = catalog();
    let mut facts = room();
    facts.people.retain(|p| p.role != ContactRole::Champion);
    let plan = plan(
        &[fired(play(&c, "usage-drop"), "signal", ago(2), 1)],
        &c,
        desk(&facts, &[]),
        today(),
    );
    assert_eq!(
        titles(&plan),
        ["Risk review: who stopped using it, and why (usage by team, tickets, touches)"]
    );
    assert_eq!(plan.held, 1);
}

#[test]
fn the_escalation_goes_up_the_chain_or_stays_as_a_review_at_the_top() {
    let c = catalog();
    let facts = room();
    let red = [fired(play(&c, "risk-red"), "band", today(), 1)];
    let to_manager = plan(&red, &c, desk(&facts, &[]), today());
    assert_eq!(to_manager.tasks[1].owner, Some(1));
    assert_eq!(
        to_manager.tasks[1].title,
        "Escalated: review the save plan with the account's CSM"
    );
    let at_the_top = Desk {
        manager: None,
        ..desk(&facts, &[])
    };
    let alone = plan(&red, &c, at_the_top, today());
    assert_eq!(alone.tasks[1].owner, Some(2), "stays with the owner");
    assert_eq!(
        alone.tasks[1].title,
        "Review the save plan: what help you need, from whom, by when"
    );
    assert!(!alone.tasks[1].title.contains("Escalate"));
}

#[test]
fn a_step_is_never_due_before_the_step_it_comes_after() {
    let c = catalog();
    let facts = AccountFacts {
        stage: Some(crate::domain::vocab::LifecycleStage::Onboarding),
        ..room()
    };
    // Red three weeks ago: every step would fall due today; they keep their order.
    let red = plan(
        &[fired(play(&c, "risk-red"), "band", ago(21), 1)],
        &c,
        desk(&facts, &[]),
        today(),
    );
    let due: Vec<NaiveDate> = red.tasks.iter().map(|t| t.due_on).collect();
    assert_eq!(
        due,
        [
            today(),
            today() + Duration::days(2),
            today() + Duration::days(6)
        ]
    );
    // A new account: onboarding's kickoff waits for the welcome's handoff read, in
    // whichever order the plays come.
    let started = ago(1);
    let new = plan(
        &[
            fired(play(&c, "onboarding-smb"), "start", started, 1),
            fired(play(&c, "welcome"), "created", started, 2),
        ],
        &c,
        desk(&facts, &[]),
        today(),
    );
    let on = |key: &str| new.tasks.iter().find(|t| t.step == key).unwrap().due_on;
    assert!(on("kickoff") > on("handoff"), "{:?}", new.tasks);
    assert!(on("setup") > on("kickoff"));
}

#[test]
fn a_step_already_done_on_the_checklist_or_moot_is_not_made() {
    let c = catalog();
    let mut facts = room();
    facts.renewal = Some((9, today() + Duration::days(28)));
    facts.ticked = vec![
        crate::domain::renewal::Step::ContractSent,
        crate::domain::renewal::Step::ContractSigned,
    ];
    let plan = plan(
        &[fired(play(&c, "renewal-30"), "renewal:9:30", ago(2), 1)],
        &c,
        desk(&facts, &[]),
        today(),
    );
    assert!(plan.tasks.is_empty(), "{:?}", plan.tasks);
    assert_eq!(
        plan.held, 2,
        "signed: the signature is done, the escalation moot"
    );
}
