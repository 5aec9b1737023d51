//! The Stakeholders pane's state: every account with a coverage gap (largest ARR first),
//! as compact rows with the gaps' reasons kept for the rows in view only; and, once one
//! is opened, its map: the people as an org chart, a selected person, its gaps.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::book::stakeholders::GapRow;
use crate::book::{Book, BookError};
use crate::domain::stakeholders::{ChartLine, CoverageRules, Gap, Stakeholder, chart, gaps};
use crate::domain::vocab::Segment;
use crate::tui::widgets::list::{ListCursor, Words};

/// One account's map.
pub struct AccountMap {
    pub account_id: i64,
    pub account: String,
    pub segment: Segment,
    pub people: Vec<Stakeholder>,
    /// The chart's lines, top to bottom; `selected` indexes them.
    pub lines: Vec<ChartLine>,
    pub gaps: Vec<Gap>,
    pub cursor: ListCursor,
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
            cursor: ListCursor::default(),
        })
    }

    /// The person on the selected line.
    pub fn person(&self) -> Option<&Stakeholder> {
        self.lines
            .get(self.cursor.selected)
            .map(|line| &self.people[line.person])
    }

    /// Selects the person with this id, if they are on the map.
    pub fn select_person(&mut self, id: i64) {
        if let Some(i) = self
            .lines
            .iter()
            .position(|l| self.people[l.person].id == id)
        {
            self.cursor.selected = i;
        }
    }
}

/// Rows past the view whose reasons are read with it, for a taller pane than the last.
const REASONS_AHEAD: usize = 40;

/// The pane: the gap list, what narrows it, and the map open over it.
pub struct StakeholderPane {
    accounts: Vec<GapRow>,
    /// Indexes into `accounts` of those shown.
    shown: Vec<u32>,
    text: String,
    /// Owners with gaps, by name, and the one shown (None: everyone's).
    owners: Vec<String>,
    owner: Option<usize>,
    pub cursor: ListCursor,
    pub map: Option<AccountMap>,
    /// The gaps, with their reasons, of the accounts in view.
    reasons: HashMap<i64, Vec<Gap>>,
    /// Only the first accounts are in (see [`StakeholderPane::first`]): the rest is
    /// being read, and a count over the list would mislead until it lands.
    partial: bool,
}

impl StakeholderPane {
    pub fn new(accounts: Vec<GapRow>) -> StakeholderPane {
        let mut pane = StakeholderPane {
            shown: Vec::new(),
            owners: owners_of(&accounts),
            owner: None,
            accounts,
            text: String::new(),
            cursor: ListCursor::default(),
            map: None,
            reasons: HashMap::new(),
            partial: false,
        };
        pane.refilter();
        pane
    }

    /// The pane of the first accounts only, the largest, while the rest is read; the
    /// next [`StakeholderPane::replace`] makes it whole.
    pub fn first(accounts: Vec<GapRow>) -> StakeholderPane {
        StakeholderPane {
            partial: true,
            ..StakeholderPane::new(accounts)
        }
    }

    /// Whether only the first accounts are in, the rest being read.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The accounts shown, in order.
    pub fn shown(&self) -> impl Iterator<Item = &GapRow> {
        self.shown.iter().map(|&i| &self.accounts[i as usize])
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn selected(&self) -> Option<&GapRow> {
        self.shown
            .get(self.cursor.selected)
            .map(|&i| &self.accounts[i as usize])
    }

    /// The gaps of a shown account in view, with their reasons.
    pub fn reasons(&self, account_id: i64) -> &[Gap] {
        self.reasons.get(&account_id).map_or(&[], Vec::as_slice)
    }

    /// Reads the reasons of the accounts in view (`viewport` rows from the offset, and
    /// some past them) that are not read yet, and lets the others go.
    pub fn read_reasons(
        &mut self,
        book: &Book,
        rules: &CoverageRules,
        today: NaiveDate,
        viewport: usize,
    ) -> Result<(), BookError> {
        let in_view: Vec<i64> = self
            .shown()
            .skip(self.cursor.offset)
            .take(viewport + REASONS_AHEAD)
            .map(|a| a.account_id)
            .collect();
        self.reasons.retain(|id, _| in_view.contains(id));
        let missing: Vec<i64> = in_view
            .into_iter()
            .filter(|id| !self.reasons.contains_key(id))
            .collect();
        if !missing.is_empty() {
            self.reasons.extend(book.gaps_of(rules, today, &missing)?);
        }
        Ok(())
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Shows only the accounts whose name or owner holds every typed word.
    pub fn narrow(&mut self, text: &str, viewport: usize) {
        self.text = text.to_string();
        self.refilter();
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// The owner whose accounts are shown, if one is.
    pub fn owner(&self) -> Option<&str> {
        self.owner.map(|i| self.owners[i].as_str())
    }

    /// Shows this owner's accounts only (None, or a name without gaps: everyone's).
    pub fn show_owner(&mut self, name: Option<&str>, viewport: usize) {
        self.owner = name.and_then(|n| self.owners.iter().position(|o| o == n));
        self.refilter();
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// The next owner's accounts, then everyone's.
    pub fn cycle_owner(&mut self, viewport: usize) {
        let next = match self.owner {
            None => self.owners.first().cloned(),
            Some(i) => self.owners.get(i + 1).cloned(),
        };
        self.show_owner(next.as_deref(), viewport);
    }

    /// Whether typed words or an owner narrow the list (Esc clears them).
    pub fn is_narrowed(&self) -> bool {
        self.owner.is_some() || !self.text.is_empty()
    }

    /// Everyone's accounts, nothing typed.
    pub fn clear(&mut self, viewport: usize) {
        self.text.clear();
        self.show_owner(None, viewport);
    }

    fn refilter(&mut self) {
        let owner = self.owner.map(|i| self.owners[i].as_str());
        let words = Words::new(&self.text);
        self.shown = (0..self.accounts.len() as u32)
            .filter(|&i| {
                let a = &self.accounts[i as usize];
                owner.is_none_or(|o| a.owner.as_deref() == Some(o))
                    && words.all_in(&[&a.account, a.owner.as_deref().unwrap_or("")])
            })
            .collect();
    }

    /// New gap list from the book, keeping the selected account if still listed.
    pub fn replace(&mut self, accounts: Vec<GapRow>, viewport: usize) {
        let kept = self.selected().map(|a| a.account_id);
        self.accounts = accounts;
        self.partial = false;
        self.reasons.clear();
        self.after_change(kept, true, viewport);
    }

    /// Replaces an account's row with `row` as the book has it now (None: no gap left),
    /// in its place in the order.
    pub fn replace_row(&mut self, account_id: i64, row: Option<GapRow>, viewport: usize) {
        let kept = self.selected().map(|a| a.account_id);
        let before = self.accounts.len();
        self.accounts.retain(|a| a.account_id != account_id);
        let was_listed = self.accounts.len() != before;
        let listed = row.is_some();
        if let Some(row) = row {
            let at = self.accounts.partition_point(|a| a.order() < row.order());
            self.accounts.insert(at, row);
        }
        self.reasons.remove(&account_id);
        self.after_change(kept, was_listed != listed, viewport);
    }

    /// Filters again after the rows changed (and the owners with gaps, when some came
    /// or went), keeping the owner shown and, if still listed, the selected account.
    fn after_change(&mut self, kept: Option<i64>, owners_changed: bool, viewport: usize) {
        if owners_changed {
            let owner = self.owner().map(str::to_string);
            self.owners = owners_of(&self.accounts);
            self.owner = owner.and_then(|n| self.owners.iter().position(|o| *o == n));
        }
        self.refilter();
        self.cursor.selected = kept
            .and_then(|id| self.shown().position(|a| a.account_id == id))
            .unwrap_or(0);
        self.cursor.keep_in_view(self.len(), viewport);
    }
}

/// The owners of accounts with gaps, by name, once each.
fn owners_of(accounts: &[GapRow]) -> Vec<String> {
    let mut owners: Vec<&str> = accounts.iter().filter_map(|a| a.owner.as_deref()).collect();
    owners.sort_unstable();
    owners.dedup();
    owners.into_iter().map(str::to_string).collect()
}
