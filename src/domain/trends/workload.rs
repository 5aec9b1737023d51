//! Each CSM's week, the picture for a 1:1: the touches on their accounts, the tasks they
//! closed, and how many of their accounts had gone past their touch cadence by the
//! week's last day.

use chrono::NaiveDate;
use serde::Serialize;

use super::Week;

/// A call, email, meeting or QBR with a customer (a note is not one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    pub account_id: i64,
    pub on: NaiveDate,
}

/// An account as the workload counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub account_id: i64,
    pub owner_id: i64,
    /// The days it may go untouched; None when its segment keeps no cadence.
    pub cadence: Option<u32>,
    pub started_on: Option<NaiveDate>,
    pub churned_on: Option<NaiveDate>,
}

/// What the workload reads.
#[derive(Debug, Clone, Default)]
pub struct WorkloadFacts {
    /// The CSMs, in the order their rows are shown: id and name.
    pub members: Vec<(i64, String)>,
    pub accounts: Vec<Held>,
    /// Every touch from the cadence's reach before the first week on, any order.
    pub touches: Vec<Touch>,
    /// Tasks closed: who closed them (their owner) and when.
    pub tasks_done: Vec<(i64, NaiveDate)>,
}

/// One week of one CSM (or of the team).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Load {
    pub week: Week,
    pub touches: usize,
    pub tasks_done: usize,
    /// Accounts past their cadence on the week's last day.
    pub quiet: usize,
}

impl Load {
    /// "week of 03-02: 12 touches, 5 tasks closed, 3 accounts past their cadence on 2026-03-08".
    pub fn workings(&self) -> String {
        format!(
            "week of {}: {} touches, {} tasks closed, {} accounts past their touch cadence on {}",
            self.week.label(),
            self.touches,
            self.tasks_done,
            self.quiet,
            self.week.as_of
        )
    }
}

/// One CSM's weeks, or the team's (owner None).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workload {
    pub owner_id: Option<i64>,
    pub owner: String,
    pub weeks: Vec<Load>,
}

/// A row per CSM, then the team's: each week's touches, tasks closed and quiet accounts.
pub fn workload(weeks: &[Week], facts: &WorkloadFacts) -> Vec<Workload> {
    let row = |owner_id: Option<i64>, owner: &str| Workload {
        owner_id,
        owner: owner.to_string(),
        weeks: weeks
            .iter()
            .map(|w| Load {
                week: *w,
                touches: 0,
                tasks_done: 0,
                quiet: 0,
            })
            .collect(),
    };
    let mut rows: Vec<Workload> = facts
        .members
        .iter()
        .map(|(id, name)| row(Some(*id), name))
        .collect();
    let slot = |owner: i64| facts.members.iter().position(|(id, _)| *id == owner);
    let week_of = |day: NaiveDate| weeks.iter().position(|w| w.contains(day));
    let mut touched: std::collections::HashMap<i64, Vec<NaiveDate>> = Default::default();
    for t in &facts.touches {
        touched.entry(t.account_id).or_default().push(t.on);
    }
    for days in touched.values_mut() {
        days.sort_unstable();
    }
    for a in &facts.accounts {
        let Some(at) = slot(a.owner_id) else {
            continue;
        };
        let days = touched.get(&a.account_id).map_or(&[][..], Vec::as_slice);
        for day in days {
            if let Some(w) = week_of(*day) {
                rows[at].weeks[w].touches += 1;
            }
        }
        let Some(cadence) = a.cadence else {
            continue;
        };
        for (w, week) in weeks.iter().enumerate() {
            let d = week.as_of;
            let held = a.started_on.is_none_or(|s| s <= d) && a.churned_on.is_none_or(|c| c > d);
            let last = days[..days.partition_point(|t| *t <= d)].last();
            if held && last.is_none_or(|t| (d - *t).num_days() > i64::from(cadence)) {
                rows[at].weeks[w].quiet += 1;
            }
        }
    }
    for (owner, day) in &facts.tasks_done {
        if let (Some(at), Some(w)) = (slot(*owner), week_of(*day)) {
            rows[at].weeks[w].tasks_done += 1;
        }
    }
    let mut team = row(None, "Team");
    for r in &rows {
        for (t, l) in team.weeks.iter_mut().zip(&r.weeks) {
            t.touches += l.touches;
            t.tasks_done += l.tasks_done;
            t.quiet += l.quiet;
        }
    }
    rows.push(team);
    rows
}
