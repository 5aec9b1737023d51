use super::*;
use crate::domain::health::SignalKind;
use crate::domain::vocab::{HealthBand, Priority, Segment};

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
