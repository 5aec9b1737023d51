//! Reading a playbook from its TOML and checking it: every problem is reported with the
//! file, line and column, and what was expected, so a CSM can fix their own playbooks.
//! Its steps' keys are unique, each `after` names a step (of this playbook, without a
//! loop, or `playbook/key`), and a word csm does not know is pointed at.

use serde::Deserialize;
use toml::Spanned;

use super::model::{Anchor, Moot, Playbook, PlaybookStep, Trigger};
use super::program::{RawProgram, check_phases, program};
use super::steps::{RawStep, check_afters, moots, past_stage_needs_a_renewal_step, read_step};
use super::words::{RawCondition, Words, condition};
use crate::domain::health::SignalKind;
use crate::domain::vocab::{HealthBand, Segment};

/// One thing wrong with a playbook file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaybook {
    id: Spanned<String>,
    name: String,
    description: Option<String>,
    segments: Option<Vec<Segment>>,
    answers: Option<Spanned<String>>,
    trigger: Spanned<RawTrigger>,
    only_if: Option<Spanned<RawCondition>>,
    unless: Option<Spanned<RawCondition>>,
    moot: Option<Spanned<Words>>,
    steps: Spanned<Vec<Spanned<RawStep>>>,
    program: Option<Spanned<RawProgram>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    kind: Spanned<String>,
    to: Option<Spanned<HealthBand>>,
    signal: Option<Spanned<String>>,
    days: Option<Spanned<i64>>,
    at_most: Option<u8>,
    at_least: Option<u8>,
    pct: Option<Spanned<u8>>,
    anchor: Option<Anchor>,
}

const KINDS: &str = "account_created, onboarding_start, health_band, risk_signal, renewal_window, \
champion_left, sponsor_left, nps_detractor, nps_promoter, seats_above, date";

/// Line and column (from 1) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.len(), |nl| before.len() - nl - 1)
        + 1;
    (line, column)
}

/// Whether `word` can name a playbook or a step: letters, digits, - and _.
pub(super) fn is_name(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Reads and checks the playbook in `text`, from the file called `file`.
pub fn parse(text: &str, file: &str) -> Result<Playbook, Vec<Problem>> {
    let problem = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        Problem {
            file: file.to_string(),
            line,
            column,
            message,
        }
    };
    let raw: RawPlaybook = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        vec![problem(at, e.message().trim().to_string())]
    })?;
    let mut problems = Vec::new();
    let id = raw.id.get_ref().trim().to_string();
    if !is_name(&id) {
        problems.push(problem(
            raw.id.span().start,
            format!("`{id}` is not a playbook id: expected letters, digits, - and _"),
        ));
    }
    let answers = match raw.answers {
        Some(a) if !is_name(a.get_ref().trim()) => {
            problems.push(problem(
                a.span().start,
                format!(
                    "answers = \"{}\": expected a need named in letters, digits, - and _",
                    a.get_ref()
                ),
            ));
            id.clone()
        }
        Some(a) => a.into_inner().trim().to_string(),
        None => id.clone(),
    };
    let trigger = match trigger(&raw.trigger, &problem) {
        Ok(t) => Some(t),
        Err(p) => {
            problems.push(p);
            None
        }
    };
    let only_if = condition(raw.only_if, &problem, &mut problems);
    let unless = condition(raw.unless, &problem, &mut problems);
    let moot_span = raw.moot.as_ref().map(|m| m.span().start);
    let moot = moots(raw.moot, &problem, &mut problems);
    if raw.steps.get_ref().is_empty() {
        problems.push(problem(
            raw.steps.span().start,
            "a playbook needs at least one step".into(),
        ));
    }
    let mut steps = Vec::new();
    let mut spots = Vec::new();
    for (n, step) in raw.steps.into_inner().into_iter().enumerate() {
        let (s, spot) = read_step(step.into_inner(), n, &problem, &mut problems);
        if let (Some(at), true) = (moot_span, moot.contains(&Moot::RenewalPastStage)) {
            past_stage_needs_a_renewal_step(&s, at, &problem, &mut problems);
        }
        if let Some(other) = steps.iter().find(|o: &&PlaybookStep| o.key == s.key) {
            problems.push(problem(
                spot.key,
                format!("two steps have the key `{}` ({})", s.key, other.title),
            ));
        }
        spots.push(spot);
        steps.push(s);
    }
    check_afters(&mut steps, &spots, &problem, &mut problems);
    let onboarding = matches!(trigger, Some(Trigger::OnboardingStart));
    let program = raw
        .program
        .and_then(|p| program(p, onboarding, &steps, &problem, &mut problems));
    check_phases(program.as_ref(), &steps, &spots, &problem, &mut problems);
    match (trigger, problems.is_empty()) {
        (Some(trigger), true) => Ok(Playbook {
            id,
            name: raw.name,
            description: raw.description,
            trigger,
            segments: raw.segments,
            answers,
            only_if,
            unless,
            moot,
            steps,
            program,
        }),
        _ => Err(problems),
    }
}

fn trigger(
    raw: &Spanned<RawTrigger>,
    problem: &impl Fn(usize, String) -> Problem,
) -> Result<Trigger, Problem> {
    let t = raw.get_ref();
    let at = raw.span().start;
    let missing = |field: &str, what: &str| {
        problem(
            at,
            format!("a `{}` trigger needs `{field}`: {what}", t.kind.get_ref()),
        )
    };
    Ok(match t.kind.get_ref().as_str() {
        "account_created" => Trigger::AccountCreated,
        "onboarding_start" => Trigger::OnboardingStart,
        "health_band" => {
            let to =
                t.to.as_ref()
                    .ok_or_else(|| missing("to", "yellow or red"))?;
            if *to.get_ref() == HealthBand::Green {
                return Err(problem(
                    to.span().start,
                    "to = \"green\": a band change worth a playbook is to yellow or red".into(),
                ));
            }
            Trigger::HealthBand { to: *to.get_ref() }
        }
        "risk_signal" => {
            let s = t
                .signal
                .as_ref()
                .ok_or_else(|| missing("signal", "a risk signal such as usage_drop"))?;
            let kind = SignalKind::ALL
                .into_iter()
                .find(|k| k.as_str() == s.get_ref())
                .ok_or_else(|| {
                    let known: Vec<&str> = SignalKind::ALL.iter().map(|k| k.as_str()).collect();
                    problem(
                        s.span().start,
                        format!(
                            "`{}` is not a risk signal: expected one of {}",
                            s.get_ref(),
                            known.join(", ")
                        ),
                    )
                })?;
            Trigger::RiskSignal { signal: kind }
        }
        "renewal_window" => {
            let d = t
                .days
                .as_ref()
                .ok_or_else(|| missing("days", "120, 90, 60 or 30"))?;
            if ![120, 90, 60, 30].contains(d.get_ref()) {
                return Err(problem(
                    d.span().start,
                    format!(
                        "days = {}: a renewal window is 120, 90, 60 or 30",
                        d.get_ref()
                    ),
                ));
            }
            Trigger::RenewalWindow {
                days: *d.get_ref() as u32,
            }
        }
        "champion_left" => Trigger::ChampionLeft,
        "sponsor_left" => Trigger::SponsorLeft,
        "nps_detractor" => Trigger::NpsDetractor {
            at_most: t.at_most.unwrap_or(6).min(10),
        },
        "nps_promoter" => Trigger::NpsPromoter {
            at_least: t.at_least.unwrap_or(9).min(10),
        },
        "seats_above" => {
            let pct = t
                .pct
                .as_ref()
                .ok_or_else(|| missing("pct", "a share of seats, e.g. 85"))?;
            if !(1..=200).contains(pct.get_ref()) {
                return Err(problem(
                    pct.span().start,
                    format!(
                        "pct = {}: expected a percent of licensed seats, 1 to 200",
                        pct.get_ref()
                    ),
                ));
            }
            Trigger::SeatsAbove {
                pct: *pct.get_ref(),
            }
        }
        "date" => {
            let anchor = t
                .anchor
                .ok_or_else(|| missing("anchor", "start, go_live or renewal"))?;
            let d = t
                .days
                .as_ref()
                .ok_or_else(|| missing("days", "days from the anchor, negative before it"))?;
            Trigger::Date {
                anchor,
                days: (*d.get_ref()).clamp(-3650, 3650) as i32,
            }
        }
        other => {
            return Err(problem(
                t.kind.span().start,
                format!("`{other}` is not a trigger: expected one of {KINDS}"),
            ));
        }
    })
}
