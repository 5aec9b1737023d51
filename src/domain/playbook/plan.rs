//! Turning the events fired on one account into the tasks to make: plays that answer
//! one need merge into one plan (a step of a key already open or planned is done once,
//! a title already open is never made twice, an event adds nothing while its play has
//! a task open or when the need's tasks were made since it), each step reads the room
//! (its conditions, the person
//! it is addressed to, whether it is moot or done already), goes to the CSM or up the
//! manager chain, and is never due before the step it comes after.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use super::condition::admits;
use super::events::Event;
use super::facts::AccountFacts;
use super::model::{Completes, Moot, OwnerRole, Playbook, PlaybookStep};
use super::settle::{Standing, settle};
use crate::domain::vocab::Priority;

/// A task already open on the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTask {
    pub playbook: Option<String>,
    /// The key of the step it is, when known.
    pub step: Option<String>,
    pub title: String,
    pub due_on: NaiveDate,
}

/// An event a playbook fired on, with the run recorded for it.
#[derive(Debug, Clone)]
pub struct Fired<'a> {
    pub playbook: &'a Playbook,
    pub event: Event,
    pub run: i64,
}

/// What the plan knows of the account besides its facts.
#[derive(Debug, Clone, Copy)]
pub struct Desk<'a> {
    pub facts: &'a AccountFacts,
    /// The account's CSM, and the person above them.
    pub owner: Option<i64>,
    pub manager: Option<i64>,
    pub open: &'a [OpenTask],
    /// The day each playbook last made a task on the account, before this run.
    pub latest: &'a [(String, NaiveDate)],
}

/// A task to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTask {
    pub run: i64,
    pub playbook: String,
    pub step: String,
    pub title: String,
    pub description: Option<String>,
    pub owner: Option<i64>,
    pub due_on: NaiveDate,
    pub priority: Priority,
    pub completes: Vec<Completes>,
    pub moot: Vec<Moot>,
}

/// What the plan for one account holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub tasks: Vec<PlannedTask>,
    /// Runs whose event the need's tasks already answer: nothing made.
    pub in_hand: Vec<i64>,
    /// Steps left out because the room said no (a condition, nobody to address, moot
    /// or done already).
    pub held: usize,
    /// Steps left out because the same work is open or planned already.
    pub merged: usize,
}

/// The need a playbook id answers, by the catalog (an unknown id answers its own).
fn need_of<'a>(catalog: &'a [Playbook], id: &'a str) -> &'a str {
    catalog
        .iter()
        .find(|p| p.id == id)
        .map_or(id, |p| p.answers.as_str())
}

fn same_title(title: &str) -> String {
    title.trim().to_lowercase()
}

struct Candidate<'a> {
    task: PlannedTask,
    need: &'a str,
    step: &'a PlaybookStep,
    /// The (need, key) it comes after, and whether that step is of its own playbook.
    after: Option<(&'a str, &'a str, bool)>,
}

/// The tasks the events `fired` on one account make, as of `today`.
pub fn plan(fired: &[Fired<'_>], catalog: &[Playbook], desk: Desk<'_>, today: NaiveDate) -> Plan {
    let mut out = Plan::default();
    let facts = desk.facts;
    let standing = Standing::of(facts);
    let mut keys: HashSet<(String, String)> = desk
        .open
        .iter()
        .filter_map(|t| {
            let step = t.step.as_deref().filter(|s| !s.is_empty())?;
            let playbook = t.playbook.as_deref()?;
            Some((need_of(catalog, playbook).to_string(), step.to_string()))
        })
        .collect();
    let mut titles: HashSet<String> = desk.open.iter().map(|t| same_title(&t.title)).collect();
    let mut planned: Vec<Candidate<'_>> = Vec::new();
    for f in fired {
        let p = f.playbook;
        let need = p.answers.as_str();
        // Under way already: a task of the play still open, or of its need made since.
        let answered = desk
            .open
            .iter()
            .any(|t| t.playbook.as_deref() == Some(p.id.as_str()))
            || desk
                .latest
                .iter()
                .any(|(id, on)| need_of(catalog, id) == need && *on >= f.event.on);
        if answered {
            out.in_hand.push(f.run);
            continue;
        }
        for step in &p.steps {
            let moot: Vec<Moot> = p.moot.iter().chain(&step.moot).copied().collect();
            let addressed = step.to.is_none_or(|role| facts.in_role(role).is_some());
            if admits(&step.only_if, &step.unless, facts, today).is_err()
                || !addressed
                || settle(&step.completes, &moot, &standing, today).is_some()
            {
                out.held += 1;
                continue;
            }
            let (owner, title) = match (step.owner, desk.manager) {
                (OwnerRole::Csm, _) => (desk.owner, &step.title),
                (OwnerRole::Manager, Some(m)) => (Some(m), &step.title),
                (OwnerRole::Manager, None) => (
                    desk.owner,
                    step.without_manager.as_ref().unwrap_or(&step.title),
                ),
            };
            if keys.contains(&(need.to_string(), step.key.clone()))
                || titles.contains(&same_title(title))
            {
                out.merged += 1;
                continue;
            }
            keys.insert((need.to_string(), step.key.clone()));
            titles.insert(same_title(title));
            let after = step.after.as_ref().map(|r| {
                let of = r.playbook.as_deref().unwrap_or(&p.id);
                (need_of(catalog, of), r.key.as_str(), of == p.id)
            });
            let due = (f.event.on + Duration::days(i64::from(step.due_days))).max(today);
            planned.push(Candidate {
                task: PlannedTask {
                    run: f.run,
                    playbook: p.id.clone(),
                    step: step.key.clone(),
                    title: title.clone(),
                    description: step.description.clone(),
                    owner,
                    due_on: due,
                    priority: step.priority,
                    completes: step.completes.clone(),
                    moot,
                },
                need,
                step,
                after,
            });
        }
    }
    order(&mut planned, catalog, desk.open);
    out.tasks = planned.into_iter().map(|c| c.task).collect();
    out
}

/// Moves each planned step to after the step it comes after (planned too, or open on
/// the account): by the gap between their due days within one playbook, a day across
/// playbooks.
fn order(planned: &mut [Candidate<'_>], catalog: &[Playbook], open: &[OpenTask]) {
    for _ in 0..=planned.len() {
        let mut moved = false;
        for i in 0..planned.len() {
            let Some((need, key, own)) = planned[i].after else {
                continue;
            };
            let before = planned
                .iter()
                .find(|c| c.need == need && c.step.key == key)
                .map(|c| (c.task.due_on, c.step.due_days))
                .or_else(|| {
                    open.iter()
                        .find(|t| {
                            t.step.as_deref() == Some(key)
                                && t.playbook
                                    .as_deref()
                                    .is_some_and(|p| need_of(catalog, p) == need)
                        })
                        .map(|t| (t.due_on, planned[i].step.due_days))
                });
            let Some((due, days)) = before else {
                continue;
            };
            let gap = if own {
                i64::from(planned[i].step.due_days.saturating_sub(days)).max(1)
            } else {
                1
            };
            let earliest = due + Duration::days(gap);
            if planned[i].task.due_on < earliest {
                planned[i].task.due_on = earliest;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}
