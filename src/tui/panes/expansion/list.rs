//! The Expansion pane's rows: the open opportunities most worth working first, then the
//! signals to grow, in one list the cursor runs down; one owner's or everyone's, and
//! what typed words narrow them to. Each half keeps its own scroll.

use chrono::NaiveDate;

use crate::domain::expansion::{Deal, ExpansionRules, Rollup, Signal, by_quarter, ranked_indices};
use crate::domain::vocab::OpportunityKind;
use crate::tui::widgets::list::{ListCursor, Words};

/// What the pane reads: every opportunity and every signal, everyone's.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    pub deals: Vec<Deal>,
    /// The largest suggested ARR first.
    pub signals: Vec<Signal>,
    /// The signals are read (they come after the deals, behind the screen).
    pub signals_read: bool,
}

/// A row the cursor can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Deal(usize),
    Signal(usize),
}

#[derive(Debug, Clone, Default)]
pub struct ExpansionList {
    pub pipeline: Pipeline,
    /// Indexes into `pipeline.deals` of the open deals shown, most worth working first.
    deals: Vec<usize>,
    /// Indexes into `pipeline.signals` of those shown.
    signals: Vec<usize>,
    /// Whose: a CSM's name, or everyone's.
    owner: Option<String>,
    text: String,
    pub cursor: ListCursor,
    /// The first deal and the first signal on screen.
    pub deal_offset: usize,
    pub signal_offset: usize,
    /// The owner's pipeline, summed when the rows change, not at each frame.
    pub totals: Totals,
}

/// What the title and the quarter line say of the owner's pipeline (unnarrowed).
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub open: usize,
    pub arr_cents: i64,
    pub weighted_cents: i64,
    /// The weighted pipeline by quarter of close.
    pub quarters: Vec<Rollup>,
}

impl ExpansionList {
    pub fn new(
        pipeline: Pipeline,
        owner: Option<String>,
        rules: &ExpansionRules,
        today: NaiveDate,
    ) -> Self {
        let mut list = ExpansionList {
            pipeline,
            owner,
            ..ExpansionList::default()
        };
        list.refilter(rules, today);
        list
    }

    pub fn owner(&self) -> Option<&str> {
        self.owner.as_deref()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn owns(&self, owner: Option<&str>) -> bool {
        self.owner.is_none() || self.owner.as_deref() == owner
    }

    fn refilter(&mut self, rules: &ExpansionRules, today: NaiveDate) {
        let owner = self.owner.as_deref();
        let owned = || {
            self.pipeline
                .deals
                .iter()
                .filter(move |d| owner.is_none() || d.owner.as_deref() == owner)
        };
        let open = || owned().filter(|d| d.is_open());
        self.totals = Totals {
            open: open().count(),
            arr_cents: open().map(|d| d.arr.cents).sum(),
            weighted_cents: open().map(|d| d.weighted_cents(rules)).sum(),
            quarters: by_quarter(owned(), rules, today),
        };
        let words = Words::new(&self.text);
        let deals = &self.pipeline.deals;
        self.deals = ranked_indices(deals, rules, today)
            .into_iter()
            .filter(|&i| {
                let d = &deals[i];
                self.owns(d.owner.as_deref())
                    && words.all_in(&[&d.account, &d.title, d.kind.label(), d.stage.label()])
            })
            .collect();
        self.signals = (0..self.pipeline.signals.len())
            .filter(|&i| {
                let s = &self.pipeline.signals[i];
                self.owns(s.owner.as_deref())
                    && words.all_in(&[&s.account, s.kind.label(), &s.words])
            })
            .collect();
    }

    pub fn deals(&self) -> impl Iterator<Item = &Deal> {
        self.deals.iter().map(|&i| &self.pipeline.deals[i])
    }

    pub fn signals(&self) -> impl Iterator<Item = &Signal> {
        self.signals.iter().map(|&i| &self.pipeline.signals[i])
    }

    pub fn deal_count(&self) -> usize {
        self.deals.len()
    }

    pub fn signal_count(&self) -> usize {
        self.signals.len()
    }

    pub fn len(&self) -> usize {
        self.deals.len() + self.signals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn selected(&self) -> Option<Row> {
        let at = self.cursor.selected;
        match at.checked_sub(self.deals.len()) {
            None => self.deals.get(at).map(|&i| Row::Deal(i)),
            Some(s) => self.signals.get(s).map(|&i| Row::Signal(i)),
        }
    }

    pub fn selected_deal(&self) -> Option<&Deal> {
        match self.selected()? {
            Row::Deal(i) => self.pipeline.deals.get(i),
            Row::Signal(_) => None,
        }
    }

    pub fn selected_signal(&self) -> Option<&Signal> {
        match self.selected()? {
            Row::Signal(i) => self.pipeline.signals.get(i),
            Row::Deal(_) => None,
        }
    }

    /// The account the selected row is about.
    pub fn selected_account(&self) -> Option<(i64, String)> {
        match self.selected()? {
            Row::Deal(i) => self
                .pipeline
                .deals
                .get(i)
                .map(|d| (d.account_id, d.account.clone())),
            Row::Signal(i) => self
                .pipeline
                .signals
                .get(i)
                .map(|s| (s.account_id, s.account.to_string())),
        }
    }

    /// The rows of the pipeline's half and the signals' half of a body `height` rows
    /// tall, each with its heading and column heads.
    pub fn halves(&self, height: u16) -> (u16, u16) {
        halves(
            height,
            self.deal_count() as u16 + 2,
            self.signal_count() as u16 + 2,
        )
    }

    /// Keeps the selected row in view, each half scrolled on its own rows of a body
    /// `viewport` rows tall, neither scrolled past its last row.
    pub fn keep_in_view(&mut self, viewport: usize) {
        let len = self.len();
        if len > 0 && self.cursor.selected >= len {
            self.cursor.selected = len - 1;
        }
        let (deal_height, signal_height) = self.halves(viewport.min(u16::MAX as usize) as u16);
        let deal_rows = (deal_height as usize).saturating_sub(2).max(1);
        let signal_rows = (signal_height as usize).saturating_sub(2).max(1);
        let at = self.cursor.selected;
        let (offset, row, rows) = match at.checked_sub(self.deals.len()) {
            None => (&mut self.deal_offset, at, deal_rows),
            Some(s) => (&mut self.signal_offset, s, signal_rows),
        };
        if row < *offset {
            *offset = row;
        } else if row >= *offset + rows {
            *offset = row + 1 - rows;
        }
        self.deal_offset = self
            .deal_offset
            .min(self.deals.len().saturating_sub(deal_rows));
        self.signal_offset = self
            .signal_offset
            .min(self.signals.len().saturating_sub(signal_rows));
    }

    /// Shows only rows holding every typed word.
    pub fn narrow(
        &mut self,
        text: &str,
        viewport: usize,
        rules: &ExpansionRules,
        today: NaiveDate,
    ) {
        self.text = text.to_string();
        self.refilter(rules, today);
        self.cursor.reset();
        (self.deal_offset, self.signal_offset) = (0, 0);
        self.keep_in_view(viewport);
    }

    /// Shows one owner's rows (None: everyone's).
    pub fn show_owner(
        &mut self,
        owner: Option<String>,
        viewport: usize,
        rules: &ExpansionRules,
        today: NaiveDate,
    ) {
        self.owner = owner;
        self.refilter(rules, today);
        self.cursor.reset();
        (self.deal_offset, self.signal_offset) = (0, 0);
        self.keep_in_view(viewport);
    }

    /// Takes fresh deals, keeping the owner, the words and (as near as it can) the row.
    pub fn replace_deals(
        &mut self,
        deals: Vec<Deal>,
        viewport: usize,
        rules: &ExpansionRules,
        today: NaiveDate,
    ) {
        self.pipeline.deals = deals;
        self.refiltered(viewport, rules, today);
    }

    /// Takes one deal as the book now has it (after a write on it), new or not.
    pub fn update_deal(
        &mut self,
        deal: Deal,
        viewport: usize,
        rules: &ExpansionRules,
        today: NaiveDate,
    ) {
        let id = deal.id;
        match self.pipeline.deals.iter_mut().find(|d| d.id == id) {
            Some(d) => *d = deal,
            None => self.pipeline.deals.push(deal),
        }
        self.refiltered(viewport, rules, today);
        // On the deal again, where it moved to, if it is still shown.
        if let Some(at) = self
            .deals
            .iter()
            .position(|&i| self.pipeline.deals[i].id == id)
        {
            self.cursor.selected = at;
            self.keep_in_view(viewport);
        }
    }

    /// Takes the signals, read after the deals, keeping the row.
    pub fn replace_signals(
        &mut self,
        signals: Vec<Signal>,
        viewport: usize,
        rules: &ExpansionRules,
        today: NaiveDate,
    ) {
        self.pipeline.signals = signals;
        self.pipeline.signals_read = true;
        self.refiltered(viewport, rules, today);
    }

    /// Drops the signals an opportunity of `kind` now answers at `account`.
    pub fn answered(
        &mut self,
        account: i64,
        kind: OpportunityKind,
        viewport: usize,
        rules: &ExpansionRules,
        today: NaiveDate,
    ) {
        self.pipeline
            .signals
            .retain(|s| !s.answered_by(account, kind));
        self.refiltered(viewport, rules, today);
    }

    fn refiltered(&mut self, viewport: usize, rules: &ExpansionRules, today: NaiveDate) {
        let at = self.cursor.selected;
        self.refilter(rules, today);
        self.cursor.selected = at;
        self.keep_in_view(viewport);
    }
}

/// The rows of the pipeline's half and the signals' half of `height`: each what it
/// needs when both fit, else the smaller whole when it needs less than half, else half
/// each.
pub(super) fn halves(height: u16, deals: u16, signals: u16) -> (u16, u16) {
    let (deals, signals) = (deals.max(3), signals.max(3));
    let half = height / 2;
    if deals + signals <= height || deals <= half {
        (deals, height - deals)
    } else if signals <= half {
        (height - signals, signals)
    } else {
        (half, height - half)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::expansion::SignalKind;
    use crate::domain::vocab::OpportunityStage;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn list(deals: usize, signals: usize) -> ExpansionList {
        let deal = |i: usize| Deal {
            id: i as i64,
            account_id: i as i64,
            account: format!("Account {i:02}"),
            owner: None,
            kind: OpportunityKind::Seats,
            title: "Seats".into(),
            arr: Money::usd(1_000_000 - i as i64),
            stage: OpportunityStage::Proposed,
            close_on: None,
            closed_on: None,
            probability: None,
        };
        let signal = |i: usize| Signal {
            account_id: i as i64,
            account: format!("Signal {i:02}").into(),
            owner: None,
            kind: SignalKind::Promoters,
            words: "1 promoter".into(),
            suggests: OpportunityKind::Upsell,
            title: "Upgrade".into(),
            arr: Money::usd(1_000),
        };
        let pipeline = Pipeline {
            deals: (0..deals).map(deal).collect(),
            signals: (0..signals).map(signal).collect(),
            signals_read: true,
        };
        ExpansionList::new(pipeline, None, &ExpansionRules::default(), today())
    }

    #[test]
    fn each_half_scrolls_on_its_own_rows_and_never_past_its_end() {
        // 20 rows: the 5 deals take their 7, the signals the other 13 (11 rows).
        let mut l = list(5, 30);
        assert_eq!(l.halves(20), (7, 13));
        l.cursor.selected = 5 + 15;
        l.keep_in_view(20);
        assert_eq!((l.deal_offset, l.signal_offset), (0, 5));
        l.cursor.selected = 5 + 29;
        l.keep_in_view(20);
        assert_eq!(l.signal_offset, 19, "the last signal on the last row");
        l.cursor.selected = 2;
        l.keep_in_view(20);
        assert_eq!((l.deal_offset, l.signal_offset), (0, 19));
        // The signals shrink: their scroll comes back within them.
        let fewer = l.pipeline.signals[..3].to_vec();
        l.replace_signals(fewer, 20, &ExpansionRules::default(), today());
        assert_eq!(l.signal_offset, 0);
    }
}
