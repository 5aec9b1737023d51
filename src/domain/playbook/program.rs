//! Reading and checking an onboarding playbook's `[program]`: its length in days, whether
//! it is guided, its phases (a key, a name and the day each is done by, in order) and the
//! milestone that is first value; each step's `phase` names one of them.

use serde::Deserialize;
use toml::Spanned;

use super::model::{Phase, PlaybookStep, Program};
use super::parse::{Problem, is_name};
use super::steps::Spots;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgram {
    days: Spanned<i64>,
    #[serde(default)]
    guided: bool,
    first_value: Option<Spanned<String>>,
    #[serde(default)]
    phases: Vec<Spanned<RawPhase>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    key: Spanned<String>,
    name: String,
    by: Spanned<i64>,
}

/// The program read and checked; None when it has problems (they are told).
pub(super) fn program(
    raw: Spanned<RawProgram>,
    onboarding: bool,
    steps: &[PlaybookStep],
    problem: &dyn Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) -> Option<Program> {
    let at = raw.span().start;
    let raw = raw.into_inner();
    let before = problems.len();
    if !onboarding {
        problems.push(problem(
            at,
            "a [program] runs from the account's start: it needs trigger kind = \"onboarding_start\""
                .into(),
        ));
    }
    let days = *raw.days.get_ref();
    if !(1..=730).contains(&days) {
        problems.push(problem(
            raw.days.span().start,
            format!("days = {days}: expected the program's length in days, 1 to 730"),
        ));
    }
    let mut phases: Vec<Phase> = Vec::new();
    for p in raw.phases {
        let (p_at, p) = (p.span().start, p.into_inner());
        let key = p.key.get_ref().trim().to_string();
        if !is_name(&key) {
            problems.push(problem(
                p.key.span().start,
                format!("key = \"{key}\": expected a phase key in letters, digits, - and _"),
            ));
        } else if phases.iter().any(|o| o.key == key) {
            problems.push(problem(
                p.key.span().start,
                format!("two phases have the key `{key}`"),
            ));
        }
        let by = *p.by.get_ref();
        let after = phases.last().map_or(0, |o| i64::from(o.by_day));
        if !(1..=days.max(1)).contains(&by) || by < after {
            problems.push(problem(
                p.by.span().start,
                format!(
                    "by = {by}: expected the day of the program the phase is done by, \
                     {} to {days} (phases in order, none past the program's end)",
                    after.max(1)
                ),
            ));
        }
        if p.name.trim().is_empty() {
            problems.push(problem(p_at, "a phase needs a name".into()));
        }
        phases.push(Phase {
            key,
            name: p.name.trim().to_string(),
            by_day: by.clamp(0, 730) as u32,
        });
    }
    if phases.is_empty() {
        problems.push(problem(
            at,
            "a program needs at least one [[program.phases]]".into(),
        ));
    }
    let first_value = raw.first_value.and_then(|f| {
        let key = f.get_ref().trim().to_string();
        let milestone = steps.iter().any(|s| s.key == key && s.phase.is_some());
        if !milestone {
            let keys: Vec<&str> = steps
                .iter()
                .filter(|s| s.phase.is_some())
                .map(|s| s.key.as_str())
                .collect();
            problems.push(problem(
                f.span().start,
                format!(
                    "first_value = \"{key}\": expected the key of a milestone (a step with a \
                     phase): {}",
                    if keys.is_empty() {
                        "this program has none".to_string()
                    } else {
                        keys.join(", ")
                    }
                ),
            ));
        }
        milestone.then_some(key)
    });
    (problems.len() == before).then(|| Program {
        days: days.clamp(1, 730) as u32,
        guided: raw.guided,
        phases,
        first_value,
    })
}

/// Each step's `phase` names a phase of the program (and there is a program to name).
pub(super) fn check_phases(
    program: Option<&Program>,
    steps: &[PlaybookStep],
    spots: &[Spots],
    problem: &dyn Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) {
    for (step, spot) in steps.iter().zip(spots) {
        let (Some(phase), Some(at)) = (&step.phase, spot.phase) else {
            continue;
        };
        match program {
            None => problems.push(problem(
                at,
                format!(
                    "phase = \"{phase}\": a milestone belongs to a program: add a [program] with \
                     its [[program.phases]]"
                ),
            )),
            Some(p) if !p.phases.iter().any(|ph| ph.key == *phase) => {
                let keys: Vec<&str> = p.phases.iter().map(|ph| ph.key.as_str()).collect();
                problems.push(problem(
                    at,
                    format!(
                        "phase = \"{phase}\": expected one of the program's phases: {}",
                        keys.join(", ")
                    ),
                ))
            }
            Some(_) => {}
        }
    }
}
