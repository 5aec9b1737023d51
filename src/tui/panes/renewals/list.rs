//! The Renewals pane's list: every renewal from overdue to 120 days out (or one window,
//! or those past 120 days), soonest first, narrowed by owner, with the selection and
//! the count and ARR of each window.

use crate::book::renewals::{Lane, Renewal, lanes};
use crate::domain::renewal::Window;
use crate::tui::action::Action;
use crate::tui::widgets::list::{ListCursor, Words};

/// Which renewals are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WindowFilter {
    /// Overdue to 120 days.
    #[default]
    Next120,
    One(Window),
}

impl WindowFilter {
    fn keeps(self, window: Option<Window>) -> bool {
        match self {
            WindowFilter::Next120 => window.is_some_and(|w| w != Window::Later),
            WindowFilter::One(w) => window == Some(w),
        }
    }

    /// Next 120 days, then each window in turn, then past 120 days, then back.
    fn next(self) -> WindowFilter {
        let order = [
            Window::Overdue,
            Window::Days30,
            Window::Days60,
            Window::Days90,
            Window::Days120,
            Window::Later,
        ];
        match self {
            WindowFilter::Next120 => WindowFilter::One(order[0]),
            WindowFilter::One(w) => match order.iter().position(|o| *o == w) {
                Some(i) if i + 1 < order.len() => WindowFilter::One(order[i + 1]),
                _ => WindowFilter::Next120,
            },
        }
    }

    pub fn label(self) -> String {
        match self {
            WindowFilter::Next120 => "next 120 days".into(),
            WindowFilter::One(Window::Later) => "past 120 days".into(),
            WindowFilter::One(w) => format!("{} window", w.label()),
        }
    }
}

pub struct RenewalList {
    rows: Vec<Renewal>,
    visible: Vec<usize>,
    owners: Vec<String>,
    owner: Option<usize>,
    window: WindowFilter,
    /// Typed words: renewals whose account or owner holds them all.
    text: String,
    cursor: ListCursor,
}

impl RenewalList {
    pub fn new(rows: Vec<Renewal>) -> RenewalList {
        let mut owners: Vec<String> = rows.iter().filter_map(|r| r.owner.clone()).collect();
        owners.sort();
        owners.dedup();
        let mut list = RenewalList {
            rows,
            visible: Vec::new(),
            owners,
            owner: None,
            window: WindowFilter::default(),
            text: String::new(),
            cursor: ListCursor::default(),
        };
        list.refilter();
        list
    }

    /// New rows from the book, keeping the filters and, if it is still listed, the
    /// selected account.
    pub fn replace(&mut self, rows: Vec<Renewal>, viewport: usize) {
        let kept = self.selected().map(|r| r.account_id);
        self.rows = rows;
        self.refilter();
        if let Some(i) = kept.and_then(|id| {
            self.visible
                .iter()
                .position(|&row| self.rows[row].account_id == id)
        }) {
            self.cursor.selected = i;
        }
        self.cursor.keep_in_view(self.visible.len(), viewport);
    }

    fn refilter(&mut self) {
        let owner = self.owner.map(|i| self.owners[i].as_str());
        let words = Words::new(&self.text);
        self.visible = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                self.window.keeps(r.window)
                    && owner.is_none_or(|o| r.owner.as_deref() == Some(o))
                    && words.all_in(&[&r.account, r.owner.as_deref().unwrap_or("")])
            })
            .collect();
        self.cursor.selected = self
            .cursor
            .selected
            .min(self.visible.len().saturating_sub(1));
    }

    pub fn shown(&self) -> usize {
        self.visible.len()
    }

    pub fn selected_index(&self) -> usize {
        self.cursor.selected
    }

    pub fn offset(&self) -> usize {
        self.cursor.offset
    }

    /// Applies a moving action (see `ListCursor::apply`).
    pub fn apply(&mut self, action: Action, viewport: usize) -> bool {
        self.cursor.apply(action, self.visible.len(), viewport)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Shows only renewals whose account or owner holds every typed word.
    pub fn narrow(&mut self, text: &str, viewport: usize) {
        self.text = text.to_string();
        self.refilter();
        self.select(0, viewport);
    }

    pub fn selected(&self) -> Option<&Renewal> {
        self.visible
            .get(self.cursor.selected)
            .map(|&i| &self.rows[i])
    }

    /// `n` listed renewals from `start`.
    pub fn window(&self, start: usize, n: usize) -> impl Iterator<Item = &Renewal> {
        self.visible
            .iter()
            .skip(start)
            .take(n)
            .map(|&i| &self.rows[i])
    }

    /// Every listed renewal, for the strip over the next 120 days.
    pub fn listed(&self) -> impl Iterator<Item = &Renewal> {
        self.visible.iter().map(|&i| &self.rows[i])
    }

    /// Count and ARR of each lane, overdue to 120 days, for the owner shown.
    pub fn lanes(&self) -> Vec<Lane> {
        let owner = self.owner.map(|i| self.owners[i].as_str());
        lanes(
            self.rows
                .iter()
                .filter(move |r| owner.is_none_or(|o| r.owner.as_deref() == Some(o))),
        )
    }

    pub fn window_filter(&self) -> WindowFilter {
        self.window
    }

    pub fn owner(&self) -> Option<&str> {
        self.owner.map(|i| self.owners[i].as_str())
    }

    pub fn select(&mut self, index: usize, viewport: usize) {
        self.cursor.select(index, self.visible.len(), viewport);
    }

    pub fn cycle_window(&mut self, viewport: usize) {
        self.window = self.window.next();
        self.refilter();
        self.select(0, viewport);
    }

    /// Shows this owner's renewals only (None, or a name with none: everyone's).
    pub fn show_owner(&mut self, name: Option<&str>, viewport: usize) {
        self.owner = name.and_then(|n| self.owners.iter().position(|o| o == n));
        self.refilter();
        self.select(0, viewport);
    }

    /// The next owner's renewals only, then everyone's.
    pub fn cycle_owner(&mut self, viewport: usize) {
        self.owner = match self.owner {
            None if !self.owners.is_empty() => Some(0),
            Some(i) if i + 1 < self.owners.len() => Some(i + 1),
            _ => None,
        };
        self.refilter();
        self.select(0, viewport);
    }

    /// Whether a filter narrows the list (Esc clears them).
    pub fn is_narrowed(&self) -> bool {
        self.owner.is_some() || self.window != WindowFilter::default() || !self.text.is_empty()
    }

    pub fn clear_filters(&mut self, viewport: usize) {
        self.owner = None;
        self.window = WindowFilter::default();
        self.text.clear();
        self.refilter();
        self.select(0, viewport);
    }
}
