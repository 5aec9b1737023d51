//! Reading and checking a playbook's steps: a key each (unique; `step-N` when the file
//! gives none), whom a step is addressed to, what it completes and what makes it moot,
//! its own conditions, the title for an owner with no manager, and an `after` that names
//! a step of this playbook (without a loop) or `playbook/key`.

use serde::Deserialize;
use toml::Spanned;

use super::model::{Completes, Moot, OwnerRole, PlaybookStep, StepRef};
use super::parse::{Problem, is_name};
use super::words::{RawCondition, Words, condition, each};
use crate::domain::vocab::{ContactRole, Priority};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    key: Option<Spanned<String>>,
    title: Spanned<String>,
    description: Option<String>,
    #[serde(default = "csm")]
    owner: Spanned<OwnerRole>,
    without_manager: Option<Spanned<String>>,
    due: Spanned<i64>,
    #[serde(default = "medium")]
    priority: Priority,
    to: Option<Spanned<String>>,
    after: Option<Spanned<String>>,
    completes: Option<Spanned<Words>>,
    moot: Option<Spanned<Words>>,
    only_if: Option<Spanned<RawCondition>>,
    unless: Option<Spanned<RawCondition>>,
    phase: Option<Spanned<String>>,
}

fn csm() -> Spanned<OwnerRole> {
    Spanned::new(0..0, OwnerRole::Csm)
}

fn medium() -> Priority {
    Priority::Medium
}

/// Where a step's key (or, without one, its title), its `after` and its phase were
/// written.
pub(super) struct Spots {
    pub key: usize,
    after: Option<(usize, String)>,
    pub phase: Option<usize>,
}

pub(super) fn moots(
    raw: Option<Spanned<Words>>,
    problem: &dyn Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) -> Vec<Moot> {
    let known: Vec<String> = Moot::ALL.iter().map(|m| m.as_str().to_string()).collect();
    each(
        raw,
        Moot::parse,
        "a reason a task goes moot",
        &known,
        problem,
        problems,
    )
}

pub(super) fn past_stage_needs_a_renewal_step(
    s: &PlaybookStep,
    at: usize,
    problem: &dyn Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) {
    if !s.completes.iter().any(|c| c.renewal_step().is_some()) {
        problems.push(problem(
            at,
            format!(
                "moot = renewal_past_stage needs the step to complete a renewal step, which tells \
                 its stage: `{}` completes none",
                s.title
            ),
        ));
    }
}

/// One step read and checked; its `after` is checked once every key is known.
pub(super) fn read_step(
    s: RawStep,
    n: usize,
    problem: &dyn Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) -> (PlaybookStep, Spots) {
    if s.title.get_ref().trim().is_empty() {
        problems.push(problem(s.title.span().start, "a step needs a title".into()));
    }
    let due = *s.due.get_ref();
    if !(0..=730).contains(&due) {
        problems.push(problem(
            s.due.span().start,
            format!("due = {due}: expected days after the trigger, 0 to 730"),
        ));
    }
    let key = match &s.key {
        Some(k) if !is_name(k.get_ref().trim()) => {
            problems.push(problem(
                k.span().start,
                format!(
                    "key = \"{}\": expected a step key in letters, digits, - and _",
                    k.get_ref()
                ),
            ));
            k.get_ref().clone()
        }
        Some(k) => k.get_ref().trim().to_string(),
        None => format!("step-{}", n + 1),
    };
    let key_at = s
        .key
        .as_ref()
        .map_or(s.title.span().start, |k| k.span().start);
    let to = s.to.as_ref().and_then(|t| {
        let role = ContactRole::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == t.get_ref().trim());
        if role.is_none() {
            let roles: Vec<&str> = ContactRole::ALL.iter().map(|r| r.as_str()).collect();
            problems.push(problem(
                t.span().start,
                format!(
                    "to = \"{}\": expected the role it is addressed to, one of {}",
                    t.get_ref(),
                    roles.join(", ")
                ),
            ));
        }
        role
    });
    let owner = *s.owner.get_ref();
    if let Some(w) = &s.without_manager {
        if owner != OwnerRole::Manager {
            problems.push(problem(
                w.span().start,
                "without_manager is the title when the manager is missing: it needs owner = \"manager\""
                    .into(),
            ));
        } else if w.get_ref().trim().is_empty() {
            problems.push(problem(
                w.span().start,
                "without_manager needs a title".into(),
            ));
        }
    }
    let steps: Vec<String> = Completes::words().iter().map(|w| w.to_string()).collect();
    let mut completes = each(
        s.completes,
        Completes::from_file,
        "something a step completes",
        &steps,
        problem,
        problems,
    );
    let moot_at = s.moot.as_ref().map(|m| m.span().start);
    let moot = moots(s.moot, problem, problems);
    let only_if = condition(s.only_if, problem, problems);
    let unless = condition(s.unless, problem, problems);
    let after = s
        .after
        .map(|a| (a.span().start, a.into_inner().trim().to_string()));
    let phase_at = s.phase.as_ref().map(|p| p.span().start);
    let phase = s.phase.map(|p| p.into_inner().trim().to_string());
    // A milestone's task, done, ticks the milestone.
    if phase.is_some() {
        completes.push(Completes::Milestone);
    }
    let step = PlaybookStep {
        key,
        title: s.title.into_inner().trim().to_string(),
        description: s.description,
        owner,
        without_manager: s.without_manager.map(|w| w.into_inner().trim().to_string()),
        due_days: due.clamp(0, 730) as u32,
        priority: s.priority,
        to,
        after: None,
        completes,
        moot,
        only_if,
        unless,
        phase,
    };
    if let (Some(at), true) = (moot_at, step.moot.contains(&Moot::RenewalPastStage)) {
        past_stage_needs_a_renewal_step(&step, at, problem, problems);
    }
    (
        step,
        Spots {
            key: key_at,
            after,
            phase: phase_at,
        },
    )
}

/// Each `after` names a step of this playbook (not itself, and no loop), or
/// `playbook/key` of another.
pub(super) fn check_afters(
    steps: &mut [PlaybookStep],
    spots: &[Spots],
    problem: &dyn Fn(usize, String) -> Problem,
    problems: &mut Vec<Problem>,
) {
    let keys: Vec<String> = steps.iter().map(|s| s.key.clone()).collect();
    for (i, spot) in spots.iter().enumerate() {
        let Some((at, after)) = &spot.after else {
            continue;
        };
        let r = match after.split_once('/') {
            Some((playbook, key)) if is_name(playbook) && is_name(key) => StepRef {
                playbook: Some(playbook.to_string()),
                key: key.to_string(),
            },
            None if keys.contains(after) && *after != keys[i] => StepRef {
                playbook: None,
                key: after.clone(),
            },
            _ => {
                problems.push(problem(
                    *at,
                    format!(
                        "after = \"{after}\": expected the key of another step of this playbook \
                         ({}) or playbook/key",
                        keys.iter()
                            .enumerate()
                            .filter(|(j, _)| *j != i)
                            .map(|(_, k)| k.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                continue;
            }
        };
        steps[i].after = Some(r);
    }
    // A loop of `after`s inside the playbook would leave no step first.
    for (i, spot) in spots.iter().enumerate() {
        let mut at = i;
        for _ in 0..steps.len() {
            let next = steps[at]
                .after
                .as_ref()
                .filter(|r| r.playbook.is_none())
                .and_then(|r| keys.iter().position(|k| *k == r.key));
            match next {
                Some(j) if j == i => {
                    if let Some((offset, after)) = &spot.after {
                        problems.push(problem(
                            *offset,
                            format!(
                                "after = \"{after}\" goes round in a loop back to `{}`",
                                keys[i]
                            ),
                        ));
                    }
                    break;
                }
                Some(j) => at = j,
                None => break,
            }
        }
    }
}
