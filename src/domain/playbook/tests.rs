use super::*;
use crate::domain::health::SignalKind;
use crate::domain::renewal::Step;
use crate::domain::vocab::{ContactRole, HealthBand, Priority, Segment, Sentiment};

#[test]
fn every_built_in_playbook_reads_and_ids_are_unique() {
    let mut ids = Vec::new();
    for (file, text) in BUILT_IN {
        let p = parse(text, file).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        assert_eq!(
            format!("{}.toml", p.id),
            *file,
            "the file is named after the id"
        );
        ids.push(p.id);
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn the_built_ins_cover_every_trigger_the_cockpit_knows() {
    let kinds: Vec<&str> = BUILT_IN
        .iter()
        .map(|(f, t)| parse(t, f).unwrap().trigger.kind())
        .collect();
    for kind in [
        "account_created",
        "onboarding_start",
        "health_band",
        "risk_signal",
        "renewal_window",
        "champion_left",
        "sponsor_left",
        "nps_detractor",
        "nps_promoter",
        "seats_above",
        "date",
    ] {
        assert!(kinds.contains(&kind), "no built-in for {kind}");
    }
    let onboarding: Vec<Vec<Segment>> = BUILT_IN
        .iter()
        .map(|(f, t)| parse(t, f).unwrap())
        .filter(|p| p.trigger == Trigger::OnboardingStart)
        .map(|p| p.segments.unwrap_or_default())
        .collect();
    assert_eq!(onboarding.len(), 4, "a path per segment");
}

#[test]
fn a_playbook_reads_its_trigger_segments_and_steps() {
    let text = r#"
id = "risk-red"
name = "Save"
segments = ["enterprise"]
trigger = { kind = "health_band", to = "red" }

[[steps]]
title = "Risk review"
due = 1
priority = "high"

[[steps]]
title = "Escalate"
owner = "manager"
due = 3
"#;
    let p = parse(text, "risk-red.toml").unwrap();
    assert_eq!(
        p.trigger,
        Trigger::HealthBand {
            to: HealthBand::Red
        }
    );
    assert!(p.applies_to(Segment::Enterprise) && !p.applies_to(Segment::Smb));
    assert_eq!(p.steps[1].owner, OwnerRole::Manager);
    assert_eq!(p.steps[1].priority, Priority::Medium, "the default");
    let signal = parse(
        "id = \"x\"\nname = \"x\"\ntrigger = { kind = \"risk_signal\", signal = \"champion_left\" }\n[[steps]]\ntitle = \"t\"\ndue = 0\n",
        "x.toml",
    )
    .unwrap();
    assert_eq!(
        signal.trigger,
        Trigger::RiskSignal {
            signal: SignalKind::ChampionLeft
        }
    );
}

fn problems(text: &str) -> Vec<String> {
    parse(text, "mine.toml")
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn a_broken_playbook_says_where_and_what_was_expected() {
    let p = problems(
        "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"renewal_window\", days = 45 }\n[[steps]]\ntitle = \"t\"\ndue = 0\n",
    );
    assert_eq!(
        p,
        ["mine.toml:3:45: days = 45: a renewal window is 120, 90, 60 or 30"]
    );

    let p = problems(
        "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"when_sad\" }\n[[steps]]\ntitle = \"t\"\ndue = 0\n",
    );
    assert!(
        p[0].starts_with(
            "mine.toml:3:20: `when_sad` is not a trigger: expected one of account_created"
        ),
        "{p:?}"
    );

    let p = problems(
        "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"champion_left\" }\n[[steps]]\ntitle = \"t\"\ndue = -3\n[[steps]]\ntitle = \" \"\ndue = 1\n",
    );
    assert_eq!(
        p,
        [
            "mine.toml:6:7: due = -3: expected days after the trigger, 0 to 730",
            "mine.toml:8:9: a step needs a title",
        ]
    );

    let p = problems(
        "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"champion_left\" }\nowner = \"bob\"\n",
    );
    assert!(
        p[0].starts_with("mine.toml:4:1: unknown field `owner`"),
        "{p:?}"
    );

    let p = problems(
        "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"health_band\" }\n[[steps]]\ntitle = \"t\"\ndue = 0\n",
    );
    assert!(
        p[0].contains("a `health_band` trigger needs `to`: yellow or red"),
        "{p:?}"
    );
}

#[test]
fn a_playbook_reads_the_room_its_steps_keys_order_and_what_they_settle() {
    let text = r#"
id = "renewal-30"
name = "Signature"
answers = "renewal"
trigger = { kind = "renewal_window", days = 30 }
unless = { health = ["red"], sentiment = { economic_buyer = "negative" }, gaps = ["no_champion", "single_threaded"] }
moot = "renewal_closed"

[[steps]]
key = "signature"
title = "Get the order form signed"
completes = ["contract_sent", "contract_signed"]
to = "economic_buyer"
due = 14

[[steps]]
key = "escalation"
title = "Escalate if unsigned"
owner = "manager"
without_manager = "Call the buyer yourself"
after = "signature"
moot = ["renewal_signed"]
only_if = { stage = ["growth", "advocacy"] }
due = 16
"#;
    let p = parse(text, "renewal-30.toml").unwrap();
    assert_eq!(p.answers, "renewal");
    assert_eq!(p.moot, [Moot::RenewalClosed]);
    assert_eq!(p.unless.health, [HealthBand::Red]);
    assert_eq!(
        p.unless.sentiment,
        [(ContactRole::EconomicBuyer, Sentiment::Negative)]
    );
    assert_eq!(
        p.unless.gaps,
        [
            CoverageGap::No(ContactRole::Champion),
            CoverageGap::SingleThreaded
        ]
    );
    let (signature, escalation) = (&p.steps[0], &p.steps[1]);
    assert_eq!(
        signature.completes,
        [
            Completes::Renewal(Step::ContractSent),
            Completes::Renewal(Step::ContractSigned)
        ]
    );
    assert_eq!(signature.to, Some(ContactRole::EconomicBuyer));
    assert_eq!(
        escalation.after,
        Some(StepRef {
            playbook: None,
            key: "signature".into()
        })
    );
    assert_eq!(escalation.moot, [Moot::RenewalSigned]);
    assert_eq!(
        escalation.without_manager.as_deref(),
        Some("Call the buyer yourself")
    );
    assert!(!escalation.only_if.is_empty());
    // Without keys, steps are numbered; `after` may name another playbook's step.
    let p = parse(
        "id = \"x\"\nname = \"x\"\ntrigger = { kind = \"onboarding_start\" }\n[[steps]]\ntitle = \"a\"\nafter = \"welcome/handoff\"\ndue = 1\n[[steps]]\ntitle = \"b\"\nafter = \"step-1\"\ndue = 2\n",
        "x.toml",
    )
    .unwrap();
    assert_eq!(p.answers, "x", "a playbook answers its own need by default");
    assert_eq!(p.steps[0].key, "step-1");
    assert_eq!(
        p.steps[0]
            .after
            .as_ref()
            .and_then(|r| r.playbook.as_deref()),
        Some("welcome")
    );
}

#[test]
fn every_built_in_step_has_a_key_and_the_renewal_steps_complete_the_motion() {
    let all = built_ins();
    assert_eq!(all.len(), BUILT_IN.len());
    for p in &all {
        for s in &p.steps {
            assert!(
                !s.key.starts_with("step-"),
                "{}: {} has no key",
                p.id,
                s.title
            );
        }
    }
    let signature = all
        .iter()
        .find(|p| p.id == "renewal-30")
        .and_then(|p| p.step("signature"))
        .unwrap();
    assert!(
        signature
            .completes
            .contains(&Completes::Renewal(Step::ContractSigned))
    );
    let advocacy = all.iter().find(|p| p.id == "advocacy-ask").unwrap();
    assert!(advocacy.unless.health.contains(&HealthBand::Yellow));
    assert!(
        advocacy
            .unless
            .gaps
            .contains(&CoverageGap::No(ContactRole::ExecutiveSponsor))
    );
}

#[test]
fn a_bad_condition_or_step_field_says_where_and_what_was_expected() {
    let head = "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"champion_left\" }\n";
    let p = problems(&format!(
        "{head}unless = {{ health = [\"red\", \"purple\"] }}\n[[steps]]\ntitle = \"t\"\ndue = 0\n"
    ));
    assert_eq!(
        p,
        ["mine.toml:4:29: `purple` is not a health band: expected one of green, yellow, red"]
    );
    let p = problems(&format!(
        "{head}only_if = {{ sentiment = {{ buyer = \"grumpy\" }} }}\n[[steps]]\ntitle = \"t\"\ndue = 0\n"
    ));
    assert!(
        p[0].starts_with(
            "mine.toml:4:27: `buyer` is not a stakeholder role: expected one of executive_sponsor"
        ),
        "{p:?}"
    );
    assert!(
        p[1].starts_with("mine.toml:4:35: `grumpy` is not a sentiment: expected one of positive"),
        "{p:?}"
    );
    let p = problems(&format!(
        "{head}unless = {{ gaps = \"no_friends\" }}\n[[steps]]\ntitle = \"t\"\ndue = 0\n"
    ));
    assert!(
        p[0].starts_with("mine.toml:4:19: `no_friends` is not a coverage gap: expected one of no_executive_sponsor"),
        "{p:?}"
    );
    let p = problems(&format!(
        "{head}unless = {{ mood = [\"bad\"] }}\n[[steps]]\ntitle = \"t\"\ndue = 0\n"
    ));
    assert!(p[0].starts_with("mine.toml:4:"), "{p:?}");
    assert!(p[0].contains("unknown field `mood`"), "{p:?}");

    let p = problems(&format!(
        "{head}[[steps]]\nkey = \"find\"\ntitle = \"Find\"\nmoot = [\"champion_found\"]\ncompletes = \"contract_inked\"\nto = \"buddy\"\ndue = 0\n\
         [[steps]]\nkey = \"find\"\ntitle = \"Again\"\nafter = \"nowhere\"\nwithout_manager = \"Alone\"\ndue = 1\n"
    ));
    assert_eq!(p.len(), 6, "{p:?}");
    assert!(
        p.iter().any(|x| x.starts_with("mine.toml:7:9: `champion_found` is not a reason a task goes moot: expected one of champion_named")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|x| x.starts_with("mine.toml:8:13: `contract_inked` is not something a step completes: expected one of risk_review")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|x| x
            .starts_with("mine.toml:9:6: to = \"buddy\": expected the role it is addressed to")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|x| x == "mine.toml:15:19: without_manager is the title when the manager is missing: it needs owner = \"manager\""),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|x| x == "mine.toml:12:7: two steps have the key `find` (Find)"),
        "{p:?}"
    );
    assert!(
        p.iter().any(|x| x.starts_with("mine.toml:14:9: after = \"nowhere\": expected the key of another step of this playbook (find) or playbook/key")),
        "{p:?}"
    );

    let p = problems(&format!(
        "{head}[[steps]]\nkey = \"a\"\ntitle = \"A\"\nafter = \"b\"\ndue = 0\n[[steps]]\nkey = \"b\"\ntitle = \"B\"\nafter = \"a\"\nmoot = \"renewal_past_stage\"\ndue = 1\n"
    ));
    assert!(
        p.iter().any(|x| x.starts_with(
            "mine.toml:13:8: moot = renewal_past_stage needs the step to complete a renewal step"
        )),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|x| x == "mine.toml:7:9: after = \"b\" goes round in a loop back to `a`"),
        "{p:?}"
    );
}

#[test]
fn an_onboarding_program_reads_its_phases_and_milestones_and_first_value() {
    let p = built_ins()
        .into_iter()
        .find(|p| p.id == "onboarding-enterprise")
        .unwrap();
    let program = p
        .program
        .as_ref()
        .expect("the enterprise playbook runs a program");
    assert_eq!(program.days, 90);
    assert!(!program.guided);
    let phases: Vec<(&str, u32)> = program
        .phases
        .iter()
        .map(|ph| (ph.key.as_str(), ph.by_day))
        .collect();
    assert_eq!(
        phases,
        [
            ("foundation", 21),
            ("adoption", 45),
            ("optimisation", 70),
            ("value", 90)
        ]
    );
    assert_eq!(program.first_value.as_deref(), Some("first_value"));
    let first_value = p.step("first_value").unwrap();
    assert_eq!(first_value.phase.as_deref(), Some("adoption"));
    assert!(first_value.completes.contains(&Completes::Milestone));
    assert_eq!(p.milestones().count(), 7);
    // Every segment has its program; self-serve's is guided.
    let all = built_ins();
    for &segment in Segment::ALL {
        let programs: Vec<&Playbook> = all
            .iter()
            .filter(|p| p.program.is_some() && p.applies_to(segment))
            .collect();
        assert_eq!(programs.len(), 1, "{segment:?}");
        assert_eq!(
            programs[0].program.as_ref().unwrap().guided,
            segment == Segment::SelfServe
        );
    }
}

#[test]
fn a_broken_program_says_where_and_what_was_expected() {
    let head = "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"onboarding_start\" }\n";
    let p = problems(&format!(
        "{head}[program]\ndays = 30\nfirst_value = \"kickof\"\n[[program.phases]]\nkey = \"a\"\nname = \"A\"\nby = 40\n[[steps]]\nkey = \"kickoff\"\ntitle = \"t\"\ndue = 0\nphase = \"b\"\n"
    ));
    assert_eq!(
        p,
        [
            "mine.toml:10:6: by = 40: expected the day of the program the phase is done by, 1 to 30 (phases in order, none past the program's end)",
            "mine.toml:6:15: first_value = \"kickof\": expected the key of a milestone (a step with a phase): kickoff",
            "mine.toml:15:9: phase = \"b\": a milestone belongs to a program: add a [program] with its [[program.phases]]",
        ]
    );
    let p = problems(
        "id = \"mine\"\nname = \"Mine\"\ntrigger = { kind = \"champion_left\" }\n[program]\ndays = 30\n[[program.phases]]\nkey = \"a\"\nname = \"A\"\nby = 10\n[[steps]]\ntitle = \"t\"\ndue = 0\nphase = \"a\"\n",
    );
    assert!(
        p[0].starts_with("mine.toml:4:1: a [program] runs from the account's start"),
        "{p:?}"
    );
}
