//! The Stakeholders pane's state: every account with a coverage gap (largest ARR first),
//! and, once one is opened, its map: the people as an org chart, a selected person, its
//! gaps.

use chrono::NaiveDate;

use crate::book::stakeholders::AccountGaps;
use crate::book::{Book, BookError};
use crate::domain::stakeholders::{ChartLine, CoverageRules, Gap, Stakeholder, chart, gaps};
use crate::domain::vocab::Segment;

/// One account's map.
pub struct AccountMap {
    pub account_id: i64,
    pub account: String,
    pub segment: Segment,
    pub people: Vec<Stakeholder>,
    /// The chart's lines, top to bottom; `selected` indexes them.
    pub lines: Vec<ChartLine>,
    pub gaps: Vec<Gap>,
    pub selected: usize,
}

impl AccountMap {
    pub fn load(
        book: &Book,
        rules: &CoverageRules,
        today: NaiveDate,
        account_id: i64,
        account: String,
        segment: Segment,
    ) -> Result<AccountMap, BookError> {
        let people = book.stakeholders(account_id)?;
        Ok(AccountMap {
            account_id,
            account,
            segment,
            lines: chart(&people),
            gaps: gaps(segment, &people, rules, today),
            people,
            selected: 0,
        })
    }

    /// The person on the selected line.
    pub fn person(&self) -> Option<&Stakeholder> {
        self.lines
            .get(self.selected)
            .map(|line| &self.people[line.person])
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.lines.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Selects the person with this id, if they are on the map.
    pub fn select_person(&mut self, id: i64) {
        if let Some(i) = self
            .lines
            .iter()
            .position(|l| self.people[l.person].id == id)
        {
            self.selected = i;
        }
    }
}

/// The pane: the gap list, and the map open over it.
pub struct StakeholderPane {
    pub accounts: Vec<AccountGaps>,
    pub selected: usize,
    pub offset: usize,
    pub map: Option<AccountMap>,
}

impl StakeholderPane {
    pub fn new(accounts: Vec<AccountGaps>) -> StakeholderPane {
        StakeholderPane {
            accounts,
            selected: 0,
            offset: 0,
            map: None,
        }
    }

    pub fn selected(&self) -> Option<&AccountGaps> {
        self.accounts.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize, viewport: usize) {
        let last = self.accounts.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
        let room = viewport.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + room {
            self.offset = self.selected + 1 - room;
        }
    }

    /// New gap list from the book, keeping the selected account if still listed.
    pub fn replace(&mut self, accounts: Vec<AccountGaps>, viewport: usize) {
        let kept = self.selected().map(|a| a.account_id);
        self.accounts = accounts;
        self.selected = kept
            .and_then(|id| self.accounts.iter().position(|a| a.account_id == id))
            .unwrap_or(0)
            .min(self.accounts.len().saturating_sub(1));
        self.move_by(0, viewport);
    }
}
