//! The Renewals pane's list: every renewal from overdue to 120 days out (or one window,
//! or those past 120 days), soonest first, narrowed by owner, with the selection and
//! the count and ARR of each window. It holds the next 120 days' compact rows, and
//! those past 120 days only while that window is shown; a write replaces the one row
//! it changed.

use chrono::NaiveDate;

use crate::book::renewals::{Lane, TimelineRow};
use crate::domain::renewal::{ForecastLane, Window, days_until};
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
    /// Whether it lists renewals past 120 days.
    pub fn wants_later(self) -> bool {
        self == WindowFilter::One(Window::Later)
    }

    fn keeps(self, window: Window) -> bool {
        match self {
            WindowFilter::Next120 => window != Window::Later,
            WindowFilter::One(w) => window == w,
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

/// The renewals behind a cell of the Team pane's forecast review: those due in one
/// quarter, in one forecast lane (or all of them), the owner filter naming the CSM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drill {
    pub from: NaiveDate,
    /// The day after the quarter's last.
    pub to: NaiveDate,
    pub lane: Option<ForecastLane>,
    /// "2026-Q1 · commit", for the title.
    pub label: String,
}

impl Drill {
    fn keeps(&self, r: &TimelineRow) -> bool {
        (self.from..self.to).contains(&r.renewal_on)
            && self
                .lane
                .is_none_or(|l| ForecastLane::of(r.forecast.as_ref()) == l)
    }
}

pub struct RenewalList {
    /// In the pane's order: the next 120 days', then (while wanted) those past them.
    rows: Vec<TimelineRow>,
    /// Whether `rows` holds the renewals past 120 days too.
    has_later: bool,
    visible: Vec<u32>,
    /// Every owner of an active account, by name.
    owners: Vec<String>,
    owner: Option<usize>,
    window: WindowFilter,
    /// Typed words: renewals whose account or owner holds them all.
    text: String,
    /// The cell of the forecast review drilled from, over the window.
    drill: Option<Drill>,
    cursor: ListCursor,
    /// Each lane's count and ARR for the owner shown, and the listed renewals' ARR:
    /// counted when the rows or the filters change, not at every frame.
    lanes: Vec<Lane>,
    listed_arr: i64,
    /// Only the first renewals are in (see [`RenewalList::first`]): the rest is being
    /// read, and counts over the list would mislead until it lands.
    partial: bool,
}

impl RenewalList {
    /// The list of the next 120 days' renewals, with every owner of an active account.
    pub fn new(rows: Vec<TimelineRow>, owners: Vec<String>) -> RenewalList {
        let mut list = RenewalList {
            rows,
            has_later: false,
            visible: Vec::new(),
            owners,
            owner: None,
            window: WindowFilter::default(),
            text: String::new(),
            drill: None,
            cursor: ListCursor::default(),
            lanes: Vec::new(),
            listed_arr: 0,
            partial: false,
        };
        list.refilter();
        list
    }

    /// A list of the first renewals only, the soonest, while the rest is read; the next
    /// [`RenewalList::replace`] makes it whole.
    pub fn first(rows: Vec<TimelineRow>, owners: Vec<String>) -> RenewalList {
        RenewalList {
            partial: true,
            ..RenewalList::new(rows, owners)
        }
    }

    /// Whether only the first renewals are in, the rest being read.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// New rows from the book (`later`: those past 120 days, when wanted), keeping the
    /// filters and, if it is still listed, the selected account.
    pub fn replace(
        &mut self,
        mut rows: Vec<TimelineRow>,
        later: Option<Vec<TimelineRow>>,
        owners: Vec<String>,
        viewport: usize,
    ) {
        let kept = self.selected().map(|r| r.account_id);
        let owner = self.owner().map(str::to_string);
        self.has_later = later.is_some();
        rows.extend(later.into_iter().flatten());
        self.rows = rows;
        self.partial = false;
        self.owners = owners;
        self.owner = owner.and_then(|n| self.owners.iter().position(|o| *o == n));
        self.refilter();
        self.keep(kept, viewport);
    }

    /// The account whose listed renewal is this contract's.
    pub fn account_of(&self, contract: i64) -> Option<i64> {
        self.rows
            .iter()
            .find(|r| r.contract_id == contract)
            .map(|r| r.account_id)
    }

    /// Whether it holds the renewals past 120 days.
    pub fn has_later(&self) -> bool {
        self.has_later
    }

    /// Takes in the renewals past 120 days (None: lets them go), keeping the selection.
    pub fn set_later(&mut self, later: Option<Vec<TimelineRow>>, viewport: usize) {
        let kept = self.selected().map(|r| r.account_id);
        if self.has_later {
            self.rows.retain(|r| r.window != Window::Later);
            self.rows.shrink_to_fit();
        }
        self.has_later = later.is_some();
        self.rows.extend(later.into_iter().flatten());
        self.refilter();
        self.keep(kept, viewport);
    }

    /// Replaces an account's row with `row` as the book has it now (None: it has no
    /// renewal to list any more), in its place in the order; the lanes follow.
    pub fn replace_row(&mut self, account_id: i64, row: Option<TimelineRow>, viewport: usize) {
        let kept = self.selected().map(|r| r.account_id);
        self.rows.retain(|r| r.account_id != account_id);
        if let Some(row) = row.filter(|r| self.has_later || r.window != Window::Later) {
            let at = self.rows.partition_point(|r| r.order() < row.order());
            self.rows.insert(at, row);
        }
        self.refilter();
        self.keep(kept, viewport);
    }

    /// Selects the account `kept` if it is still listed.
    fn keep(&mut self, kept: Option<i64>, viewport: usize) {
        if let Some(i) = kept.and_then(|id| {
            self.visible
                .iter()
                .position(|&row| self.rows[row as usize].account_id == id)
        }) {
            self.cursor.selected = i;
        }
        self.cursor.keep_in_view(self.visible.len(), viewport);
    }

    fn refilter(&mut self) {
        let owner = self.owner.map(|i| self.owners[i].as_str());
        let words = Words::new(&self.text);
        let of_owner = |r: &TimelineRow| owner.is_none_or(|o| r.owner.as_deref() == Some(o));
        self.visible = (0..self.rows.len() as u32)
            .filter(|&i| {
                let r = &self.rows[i as usize];
                self.drill
                    .as_ref()
                    .map_or(self.window.keeps(r.window), |d| d.keeps(r))
                    && of_owner(r)
                    && words.all_in(&[&r.account, r.owner.as_deref().unwrap_or("")])
            })
            .collect();
        self.listed_arr = self.listed().map(|r| r.arr.cents).sum();
        self.lanes = Window::LANES
            .iter()
            .map(|&window| Lane {
                window,
                count: 0,
                arr_cents: 0,
            })
            .collect();
        for r in self.rows.iter().filter(|r| of_owner(r)) {
            if let Some(lane) = self.lanes.iter_mut().find(|l| l.window == r.window) {
                lane.count += 1;
                lane.arr_cents += r.arr.cents;
            }
        }
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

    pub fn selected(&self) -> Option<&TimelineRow> {
        self.visible
            .get(self.cursor.selected)
            .map(|&i| &self.rows[i as usize])
    }

    /// `n` listed renewals from `start`.
    pub fn window(&self, start: usize, n: usize) -> impl Iterator<Item = &TimelineRow> {
        self.visible
            .iter()
            .skip(start)
            .take(n)
            .map(|&i| &self.rows[i as usize])
    }

    /// Every listed renewal, for the strip over the next 120 days.
    pub fn listed(&self) -> impl Iterator<Item = &TimelineRow> {
        self.visible.iter().map(|&i| &self.rows[i as usize])
    }

    /// The listed renewals' ARR, in cents.
    pub fn listed_arr(&self) -> i64 {
        self.listed_arr
    }

    /// Count and ARR of each lane, overdue to 120 days, for the owner shown.
    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
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
        self.owner.is_some()
            || self.window != WindowFilter::default()
            || !self.text.is_empty()
            || self.drill.is_some()
    }

    /// Lists the renewals behind a cell of the forecast review, of `owner` (None:
    /// everyone's), in place of every other filter.
    pub fn drill(&mut self, owner: Option<&str>, drill: Drill, viewport: usize) {
        self.window = WindowFilter::default();
        self.text.clear();
        self.drill = Some(drill);
        self.show_owner(owner, viewport);
    }

    pub fn drilled(&self) -> Option<&Drill> {
        self.drill.as_ref()
    }

    /// Whether the renewals past 120 days are wanted: shown as a window, or inside the
    /// quarter drilled into.
    pub fn wants_later(&self, today: NaiveDate) -> bool {
        self.window.wants_later()
            || self
                .drill
                .as_ref()
                .is_some_and(|d| Window::of(days_until(d.to, today) - 1) == Window::Later)
    }

    pub fn clear_filters(&mut self, viewport: usize) {
        self.owner = None;
        self.drill = None;
        self.window = WindowFilter::default();
        self.text.clear();
        self.refilter();
        self.select(0, viewport);
    }
}
