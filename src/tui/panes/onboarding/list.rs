//! The Onboarding pane's rows: the board (every account in onboarding with where it
//! stands, the stuck first), whose accounts are shown (one CSM's or everyone's), the
//! words that narrow them, and the cursor.

use chrono::NaiveDate;

use crate::domain::onboarding::{Board, Counts, Journey, Progress, counts};
use crate::tui::widgets::list::{ListCursor, Words};

#[derive(Debug, Clone, Default)]
pub struct OnboardingList {
    pub board: Board,
    /// Whose accounts are shown: one CSM's, or everyone's.
    owner: Option<String>,
    /// Indexes into the board's rows of those shown.
    shown: Vec<usize>,
    text: String,
    pub cursor: ListCursor,
    /// What the title counts over the rows shown, as of `today`, worked out as they change.
    counts: Counts,
    today: Option<NaiveDate>,
}

impl OnboardingList {
    /// The board as of `today`, on `owner`'s accounts (everyone's with None).
    pub fn new(board: Board, owner: Option<String>, today: NaiveDate) -> OnboardingList {
        let mut list = OnboardingList {
            board,
            owner,
            today: Some(today),
            ..OnboardingList::default()
        };
        list.refilter();
        list
    }

    /// The same view over a board read again: the owner, the words and the account
    /// selected are kept.
    pub fn replace(&mut self, board: Board, viewport: usize) {
        let selected = self.selected().map(|(j, _)| j.account_id);
        self.board = board;
        self.refilter();
        if let Some(at) = selected.and_then(|id| self.shown().position(|(j, _)| j.account_id == id))
        {
            self.cursor.selected = at;
        }
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// One account read back after a change: its row replaced (or gone, once it left
    /// onboarding), the order worked out again, the cursor kept on it.
    pub fn update(&mut self, account: i64, row: Option<(Journey, Progress)>, viewport: usize) {
        let selected = self.selected().map(|(j, _)| j.account_id);
        self.board.rows.retain(|(j, _)| j.account_id != account);
        self.board.rows.extend(row);
        crate::domain::onboarding::most_stuck_first(&mut self.board.rows);
        self.refilter();
        if let Some(at) = selected.and_then(|id| self.shown().position(|(j, _)| j.account_id == id))
        {
            self.cursor.selected = at;
        }
        self.cursor.keep_in_view(self.len(), viewport);
    }

    pub fn owner(&self) -> Option<&str> {
        self.owner.as_deref()
    }

    /// The next CSM with accounts in onboarding, then everyone's.
    pub fn next_owner(&mut self, viewport: usize) {
        let mut owners: Vec<&str> = self
            .board
            .rows
            .iter()
            .filter_map(|(j, _)| j.owner.as_deref())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        let next = match self.owner.as_deref() {
            None => owners.first().copied(),
            Some(now) => owners.iter().copied().find(|o| *o > now),
        };
        self.owner = next.map(str::to_string);
        self.refilter();
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    pub fn shown(&self) -> impl Iterator<Item = &(Journey, Progress)> {
        self.shown.iter().map(|&i| &self.board.rows[i])
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn selected(&self) -> Option<&(Journey, Progress)> {
        self.shown
            .get(self.cursor.selected)
            .map(|&i| &self.board.rows[i])
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Shows only the accounts whose name, owner or program holds every typed word.
    pub fn narrow(&mut self, text: &str, viewport: usize) {
        self.text = text.to_string();
        self.refilter();
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// What the title counts over the rows shown: accounts, late, stuck, and the
    /// median days to first value against the programs' target.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    fn refilter(&mut self) {
        let words = Words::new(&self.text);
        let owner = self.owner.as_deref();
        self.shown = (0..self.board.rows.len())
            .filter(|&i| {
                let (j, p) = &self.board.rows[i];
                (owner.is_none() || j.owner.as_deref() == owner)
                    && words.all_in(&[&j.name, j.owner.as_deref().unwrap_or(""), &p.program])
            })
            .collect();
        let today = self.today.unwrap_or(NaiveDate::MIN);
        let shown = self.shown.iter().map(|&i| &self.board.rows[i].1);
        self.counts = counts(shown, today);
    }
}
