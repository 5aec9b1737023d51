//! The onboarding board: every account in onboarding with its progress, the stuck
//! first, and what the title tells: how many, how many late or stuck, and the median
//! days to first value against the programs' own.

use chrono::NaiveDate;

use super::progress::{FirstValue, Journey, Progress, median_days_to_value, most_stuck_first};
use super::rules::OnboardingRules;
use super::{program_for, progress};
use crate::domain::playbook::Playbook;

/// The accounts in onboarding, worked out.
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// Each account with where it stands, the stuck first.
    pub rows: Vec<(Journey, Progress)>,
    /// Accounts with no program for their segment, or no start day: counted, not shown.
    pub without_program: usize,
}

impl Board {
    /// The journeys as of `today`, each in its segment's program.
    pub fn new(
        journeys: Vec<Journey>,
        playbooks: &[Playbook],
        rules: &OnboardingRules,
        today: NaiveDate,
    ) -> Board {
        let mut board = Board::default();
        for j in journeys {
            let p = program_for(playbooks, j.segment).and_then(|pb| progress(&j, pb, rules, today));
            match p {
                Some(p) => board.rows.push((j, p)),
                None => board.without_program += 1,
            }
        }
        most_stuck_first(&mut board.rows);
        board
    }

    /// What the title counts over the whole board as of `today`.
    pub fn counts(&self, today: NaiveDate) -> Counts {
        counts(self.rows.iter().map(|(_, p)| p), today)
    }
}

/// What the title of a board (or the part of it shown) counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub accounts: usize,
    /// A milestone or first value late.
    pub late: usize,
    pub stuck: usize,
    pub median_days_to_value: Option<i64>,
    /// The median of the days the programs expect first value by.
    pub target_days: Option<i64>,
}

/// What a title counts over `rows` (some of a board's, or all) as of `today`.
pub fn counts<'a>(rows: impl Iterator<Item = &'a Progress> + Clone, today: NaiveDate) -> Counts {
    let mut target: Vec<i64> = rows
        .clone()
        .map(|p| (p.value_by - p.started_on).num_days())
        .collect();
    target.sort_unstable();
    Counts {
        accounts: rows.clone().count(),
        late: rows
            .clone()
            .filter(|p| p.late(today) > 0 || matches!(p.first_value, FirstValue::Late { .. }))
            .count(),
        stuck: rows.clone().filter(|p| !p.stuck.is_empty()).count(),
        median_days_to_value: median_days_to_value(rows),
        target_days: target.get(target.len() / 2).copied(),
    }
}

impl FirstValue {
    /// In a CSM's words: "day 41", "not yet (22d late)", "by 03-15".
    pub fn words(&self) -> String {
        match self {
            FirstValue::Reached { day, .. } => format!("day {day}"),
            FirstValue::Late { days, .. } => format!("not yet ({days}d late)"),
            FirstValue::Due { by } => format!("by {}", by.format("%m-%d")),
        }
    }

    /// For tight columns: "day 41", "22d late", "by 03-15".
    pub fn short_words(&self) -> String {
        match self {
            FirstValue::Late { days, .. } => format!("{days}d late"),
            other => other.words(),
        }
    }
}
