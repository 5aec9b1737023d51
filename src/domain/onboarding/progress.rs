//! How an account's onboarding stands as of a day: each milestone done, due or late,
//! each phase done, under way or late, the day of the program against its length, first
//! value reached (and on which day of the program) or late, and why it is stuck.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::rules::OnboardingRules;
use crate::domain::Money;
use crate::domain::playbook::{Playbook, Program};
use crate::domain::vocab::Segment;

/// What the book knows of an account in onboarding.
#[derive(Debug, Clone, PartialEq)]
pub struct Journey {
    pub account_id: i64,
    pub name: Arc<str>,
    pub owner: Option<Arc<str>>,
    pub segment: Segment,
    pub arr: Money,
    pub started_on: Option<NaiveDate>,
    pub went_live_on: Option<NaiveDate>,
    /// The milestones done: (playbook id, milestone key, day).
    pub done: Vec<(String, String, NaiveDate)>,
    /// The last call, email, meeting or QBR (notes are not touches).
    pub last_touch: Option<NaiveDate>,
    /// The last week anyone was active.
    pub last_active_week: Option<NaiveDate>,
    /// The first week the config's share of the licensed seats was active.
    pub seats_reached_on: Option<NaiveDate>,
}

/// A milestone of the program, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneState {
    pub key: String,
    pub title: String,
    pub phase: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

impl MilestoneState {
    pub fn late(&self, today: NaiveDate) -> bool {
        self.done_on.is_none() && self.due_on < today
    }
}

/// A phase of the program, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseState {
    pub key: String,
    pub name: String,
    pub by_on: NaiveDate,
    pub done: usize,
    pub total: usize,
}

impl PhaseState {
    pub fn is_done(&self) -> bool {
        self.done == self.total
    }

    /// Days past the day it was to be done by, while not done.
    pub fn days_late(&self, today: NaiveDate) -> Option<i64> {
        (!self.is_done() && self.by_on < today).then(|| (today - self.by_on).num_days())
    }
}

/// When first value came, or where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FirstValue {
    /// On this day, this many days into the program.
    Reached { on: NaiveDate, day: i64 },
    /// Not yet; expected by this day.
    Due { by: NaiveDate },
    /// Not yet, and this many days past the day it was expected.
    Late { by: NaiveDate, days: i64 },
}

/// Why an account is stuck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Stuck {
    /// The earliest phase past its day, and how many days past.
    LatePhase { phase: String, days: i64 },
    /// No touch for this many days (None: never touched).
    NoTouch { days: Option<i64> },
    /// Nobody active for this many days (None: never anyone).
    NoUsage { days: Option<i64> },
}

/// The reasons in a few words: the first, and how many more ("foundation 12d late +1").
pub fn stuck_words(stuck: &[Stuck]) -> String {
    match stuck {
        [] => String::new(),
        [one] => one.words(),
        [first, rest @ ..] => format!("{} +{}", first.words(), rest.len()),
    }
}

impl Stuck {
    /// In a CSM's words: "foundation 12d late", "no touch in 20d", "no usage yet".
    pub fn words(&self) -> String {
        match self {
            Stuck::LatePhase { phase, days } => format!("{phase} {days}d late"),
            Stuck::NoTouch { days: Some(d) } => format!("no touch in {d}d"),
            Stuck::NoTouch { days: None } => "never touched".into(),
            Stuck::NoUsage { days: Some(d) } => format!("no usage in {d}d"),
            Stuck::NoUsage { days: None } => "no usage yet".into(),
        }
    }
}

/// An account's onboarding as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub playbook_id: String,
    /// The program's name: "Onboarding: enterprise, 90 days".
    pub program: String,
    pub guided: bool,
    pub started_on: NaiveDate,
    /// Days since the start (day 0 is the start).
    pub day: i64,
    /// The program's length in days.
    pub days: u32,
    pub phases: Vec<PhaseState>,
    pub milestones: Vec<MilestoneState>,
    pub first_value: FirstValue,
    /// The day the program expects first value by.
    pub value_by: NaiveDate,
    pub stuck: Vec<Stuck>,
}

impl Progress {
    /// Every milestone is done.
    pub fn complete(&self) -> bool {
        self.milestones.iter().all(|m| m.done_on.is_some())
    }

    /// The phase under way: the first not done (None once all are).
    pub fn current_phase(&self) -> Option<&PhaseState> {
        self.phases.iter().find(|p| !p.is_done())
    }

    /// The milestone to do next: the earliest due of those not done.
    pub fn next_milestone(&self) -> Option<&MilestoneState> {
        self.milestones
            .iter()
            .filter(|m| m.done_on.is_none())
            .min_by_key(|m| m.due_on)
    }

    pub fn done(&self) -> usize {
        self.milestones
            .iter()
            .filter(|m| m.done_on.is_some())
            .count()
    }

    /// Milestones past their day and not done.
    pub fn late(&self, today: NaiveDate) -> usize {
        self.milestones.iter().filter(|m| m.late(today)).count()
    }

    /// How far behind it is, in days: the latest of a late phase and late first value.
    pub fn days_behind(&self) -> i64 {
        let phase = self
            .stuck
            .iter()
            .filter_map(|s| match s {
                Stuck::LatePhase { days, .. } => Some(*days),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let value = match self.first_value {
            FirstValue::Late { days, .. } => days,
            _ => 0,
        };
        phase.max(value)
    }
}

/// The onboarding program for an account of `segment`: the first playbook with a
/// program that applies to it.
pub fn program_for(playbooks: &[Playbook], segment: Segment) -> Option<&Playbook> {
    playbooks
        .iter()
        .find(|p| p.program.is_some() && p.applies_to(segment))
}

/// Where the journey stands as of `today` in `playbook`'s program; None without a start
/// day or a program.
pub fn progress(
    journey: &Journey,
    playbook: &Playbook,
    rules: &OnboardingRules,
    today: NaiveDate,
) -> Option<Progress> {
    let program: &Program = playbook.program.as_ref()?;
    let start = journey.started_on?;
    let at = |days: u32| start + Duration::days(i64::from(days));
    let done_on = |key: &str| {
        journey
            .done
            .iter()
            .filter(|(p, k, _)| *p == playbook.id && k == key)
            .map(|(_, _, on)| *on)
            .min()
    };
    let phase_at = |key: &str| program.phases.iter().position(|p| p.key == key);
    let mut milestones: Vec<MilestoneState> = playbook
        .milestones()
        .map(|s| MilestoneState {
            key: s.key.clone(),
            title: s.title.clone(),
            phase: s.phase.clone().unwrap_or_default(),
            due_on: at(s.due_days),
            done_on: done_on(&s.key),
        })
        .collect();
    // In the order they are worked: phase by phase, each phase's by its day.
    milestones.sort_by_key(|m| (phase_at(&m.phase), m.due_on));
    let phases: Vec<PhaseState> = program
        .phases
        .iter()
        .map(|ph| {
            let of: Vec<&MilestoneState> =
                milestones.iter().filter(|m| m.phase == ph.key).collect();
            PhaseState {
                key: ph.key.clone(),
                name: ph.name.clone(),
                by_on: at(ph.by_day),
                done: of.iter().filter(|m| m.done_on.is_some()).count(),
                total: of.len(),
            }
        })
        .collect();
    let (first_value, value_by) = first_value(journey, playbook, &milestones, rules, start, today);
    let mut stuck = Vec::new();
    if let Some((ph, days)) = phases
        .iter()
        .find_map(|p| p.days_late(today).map(|d| (p, d)))
    {
        stuck.push(Stuck::LatePhase {
            phase: ph.key.clone(),
            days,
        });
    }
    let day = (today - start).num_days();
    let since = |on: Option<NaiveDate>| on.map(|d| (today - d).num_days());
    // A guided program runs on automated touches: no touch is no news there.
    if !program.guided && day > i64::from(rules.quiet_days) {
        match since(journey.last_touch.filter(|d| *d >= start)) {
            Some(d) if d <= i64::from(rules.quiet_days) => {}
            days => stuck.push(Stuck::NoTouch { days }),
        }
    }
    if day > i64::from(rules.idle_days) {
        // The last active week counts from its end.
        let active = journey.last_active_week.map(|w| w + Duration::days(6));
        match since(active.filter(|d| *d >= start)) {
            Some(d) if d <= i64::from(rules.idle_days) => {}
            days => stuck.push(Stuck::NoUsage {
                days: days.map(|d| d.max(0)),
            }),
        }
    }
    Some(Progress {
        playbook_id: playbook.id.clone(),
        program: playbook.name.clone(),
        guided: program.guided,
        started_on: start,
        day,
        days: program.days,
        phases,
        milestones,
        first_value,
        value_by,
        stuck,
    })
}

/// First value: the first week the config's share of seats was active, or the
/// first-value milestone ticked, whichever came first; else due by that milestone's day
/// (half the program when it names none), late past it. With the day it is expected by.
fn first_value(
    journey: &Journey,
    playbook: &Playbook,
    milestones: &[MilestoneState],
    rules: &OnboardingRules,
    start: NaiveDate,
    today: NaiveDate,
) -> (FirstValue, NaiveDate) {
    let program = playbook.program.as_ref();
    let key = Some(rules.first_value_milestone.trim())
        .filter(|k| !k.is_empty())
        .or(program.and_then(|p| p.first_value.as_deref()));
    let milestone = key.and_then(|k| milestones.iter().find(|m| m.key == k));
    let seats = journey
        .seats_reached_on
        .filter(|d| rules.first_value_active_share > 0.0 && *d >= start);
    let reached = [seats, milestone.and_then(|m| m.done_on)]
        .into_iter()
        .flatten()
        .min();
    let by = milestone.map_or_else(
        || start + Duration::days(i64::from(program.map_or(30, |p| p.days) / 2)),
        |m| m.due_on,
    );
    let value = match reached {
        Some(on) => FirstValue::Reached {
            on,
            day: (on - start).num_days(),
        },
        None if by < today => FirstValue::Late {
            by,
            days: (today - by).num_days(),
        },
        None => FirstValue::Due { by },
    };
    (value, by)
}

/// The order a CSM works them in: the stuck first, the furthest behind first among
/// them, then the largest ARR; then the rest, the next milestone due soonest first.
pub fn most_stuck_first(rows: &mut [(Journey, Progress)]) {
    rows.sort_by(|(ja, a), (jb, b)| {
        let next = |p: &Progress| p.next_milestone().map(|m| m.due_on);
        a.stuck
            .is_empty()
            .cmp(&b.stuck.is_empty())
            .then(b.days_behind().cmp(&a.days_behind()))
            .then(b.stuck.len().cmp(&a.stuck.len()))
            .then_with(|| match (next(a), next(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                // A row with a milestone left before one with none.
                (x, y) => y.is_some().cmp(&x.is_some()),
            })
            .then(jb.arr.cents.cmp(&ja.arr.cents))
            .then(ja.account_id.cmp(&jb.account_id))
    });
}

/// The median days from start to first value, of those that reached it.
pub fn median_days_to_value<'a>(all: impl IntoIterator<Item = &'a Progress>) -> Option<i64> {
    let mut days: Vec<i64> = all
        .into_iter()
        .filter_map(|p| match p.first_value {
            FirstValue::Reached { day, .. } => Some(day),
            _ => None,
        })
        .collect();
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let mid = days.len() / 2;
    Some(if days.len().is_multiple_of(2) {
        (days[mid - 1] + days[mid]) / 2
    } else {
        days[mid]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use crate::domain::playbook::built_ins;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn enterprise() -> Playbook {
        built_ins()
            .into_iter()
            .find(|p| p.id == "onboarding-enterprise")
            .unwrap()
    }

    fn journey(start: &str) -> Journey {
        Journey {
            account_id: 1,
            name: "Acme".into(),
            owner: None,
            segment: Segment::Enterprise,
            arr: Money::new(10_000_000, Currency::USD),
            started_on: Some(d(start)),
            went_live_on: None,
            done: Vec::new(),
            last_touch: None,
            last_active_week: None,
            seats_reached_on: None,
        }
    }

    fn tick(j: &mut Journey, key: &str, on: &str) {
        j.done
            .push(("onboarding-enterprise".into(), key.into(), d(on)));
    }

    #[test]
    fn milestones_and_phases_are_done_due_or_late_against_the_programs_days() {
        // Started 2026-01-01; enterprise: foundation by day 21 (kickoff 3, success plan
        // 10, setup 21), adoption by day 45 (rollout 35, first value 45).
        let mut j = journey("2026-01-01");
        tick(&mut j, "kickoff", "2026-01-03");
        tick(&mut j, "success_plan", "2026-01-12");
        j.last_touch = Some(d("2026-02-01"));
        j.last_active_week = Some(d("2026-01-26"));
        let today = d("2026-02-05"); // day 35
        let p = progress(&j, &enterprise(), &OnboardingRules::default(), today).unwrap();
        assert_eq!((p.day, p.days), (35, 90));
        let foundation = &p.phases[0];
        assert_eq!((foundation.done, foundation.total), (2, 3));
        // Setup was due on day 21, 2026-01-22: 14 days late, and so is its phase.
        assert_eq!(foundation.days_late(today), Some(14));
        assert_eq!(p.late(today), 1);
        assert_eq!(p.current_phase().unwrap().key, "foundation");
        assert_eq!(p.next_milestone().unwrap().key, "setup");
        assert_eq!(
            p.stuck,
            [Stuck::LatePhase {
                phase: "foundation".into(),
                days: 14
            }]
        );
        // First value is due with its milestone, day 45.
        assert_eq!(
            p.first_value,
            FirstValue::Due {
                by: d("2026-02-15")
            }
        );
        assert!(!p.complete());
    }

    #[test]
    fn first_value_comes_with_active_seats_or_its_milestone_whichever_is_first() {
        let rules = OnboardingRules::default();
        let mut j = journey("2026-01-01");
        j.last_touch = Some(d("2026-03-01"));
        j.last_active_week = Some(d("2026-02-23"));
        // Half the seats active in the week of 2026-01-26: first value on day 25.
        j.seats_reached_on = Some(d("2026-01-26"));
        tick(&mut j, "first_value", "2026-02-10");
        let p = progress(&j, &enterprise(), &rules, d("2026-03-02")).unwrap();
        assert_eq!(
            p.first_value,
            FirstValue::Reached {
                on: d("2026-01-26"),
                day: 25
            }
        );
        // With seats not counting, the milestone tells it.
        let by_milestone = OnboardingRules {
            first_value_active_share: 0.0,
            ..rules.clone()
        };
        let p = progress(&j, &enterprise(), &by_milestone, d("2026-03-02")).unwrap();
        assert_eq!(
            p.first_value,
            FirstValue::Reached {
                on: d("2026-02-10"),
                day: 40
            }
        );
        // Neither yet, and past the milestone's day 45 (2026-02-15): 15 days late.
        j.seats_reached_on = None;
        j.done.clear();
        let p = progress(&j, &enterprise(), &rules, d("2026-03-02")).unwrap();
        assert_eq!(
            p.first_value,
            FirstValue::Late {
                by: d("2026-02-15"),
                days: 15
            }
        );
        // A config naming another milestone moves the day it is expected by.
        let named = OnboardingRules {
            first_value_milestone: "rollout".into(),
            ..rules
        };
        let p = progress(&j, &enterprise(), &named, d("2026-03-02")).unwrap();
        assert_eq!(
            p.first_value,
            FirstValue::Late {
                by: d("2026-02-05"),
                days: 25
            }
        );
    }

    #[test]
    fn no_touch_and_no_usage_make_it_stuck_and_the_stuck_sort_first() {
        let rules = OnboardingRules::default();
        let today = d("2026-01-20");
        // Day 19, nothing late yet, but never touched and nobody active.
        let quiet = journey("2026-01-01");
        let p = progress(&quiet, &enterprise(), &rules, today).unwrap();
        assert_eq!(
            p.stuck,
            [Stuck::NoTouch { days: None }, Stuck::NoUsage { days: None }]
        );
        // Touched 3 days ago, active last week: not stuck.
        let mut fine = journey("2026-01-01");
        fine.account_id = 2;
        fine.arr = Money::new(90_000_000, Currency::USD);
        fine.last_touch = Some(d("2026-01-17"));
        fine.last_active_week = Some(d("2026-01-12"));
        let q = progress(&fine, &enterprise(), &rules, today).unwrap();
        assert!(q.stuck.is_empty(), "{:?}", q.stuck);
        // A week in, nobody is stuck for want of a touch yet.
        let new = progress(&journey("2026-01-15"), &enterprise(), &rules, today).unwrap();
        assert!(new.stuck.is_empty());
        let mut rows = vec![(fine, q), (quiet, p)];
        most_stuck_first(&mut rows);
        assert_eq!(
            rows[0].0.account_id, 1,
            "the stuck one first, larger ARR or not"
        );
    }

    #[test]
    fn a_guided_program_is_not_stuck_for_want_of_a_meeting() {
        let self_serve = built_ins()
            .into_iter()
            .find(|p| p.id == "onboarding-self-serve")
            .unwrap();
        let mut j = journey("2026-01-01");
        j.segment = Segment::SelfServe;
        j.last_active_week = Some(d("2026-01-12"));
        for (key, on) in [("sequence", "2026-01-02"), ("activation", "2026-01-14")] {
            j.done
                .push(("onboarding-self-serve".into(), key.into(), d(on)));
        }
        let p = progress(
            &j,
            &self_serve,
            &OnboardingRules::default(),
            d("2026-01-20"),
        )
        .unwrap();
        assert!(p.guided);
        assert!(p.stuck.is_empty(), "{:?}", p.stuck);
    }

    #[test]
    fn the_median_time_to_value_counts_those_that_reached_it() {
        let rules = OnboardingRules::default();
        let mut all = Vec::new();
        for (start, reached) in [
            ("2026-01-01", Some("2026-01-21")),
            ("2026-01-01", Some("2026-01-31")),
            ("2026-01-01", None),
        ] {
            let mut j = journey(start);
            j.seats_reached_on = reached.map(d);
            all.push(progress(&j, &enterprise(), &rules, d("2026-02-10")).unwrap());
        }
        // Days 20 and 30: the median of two is their mean.
        assert_eq!(median_days_to_value(&all), Some(25));
        assert_eq!(median_days_to_value(&all[2..]), None);
    }
}
