//! The Advocacy pane's rows: the reference pool weighed against the request in hand (the
//! whole pool by fit when there is none), the words that narrow it, the cursor, and the
//! log of asks beneath.

use chrono::NaiveDate;

use crate::book::advocacy::AskRow;
use crate::domain::advocacy::{AdvocacyRules, Match, Reference, Request, matches};
use crate::tui::widgets::list::{ListCursor, Words};

#[derive(Debug, Clone, Default)]
pub struct AdvocacyList {
    pub pool: Vec<Reference>,
    pub request: Request,
    /// Everyone weighed against the request, those who can be asked first.
    matched: Vec<Match>,
    /// Indexes into `matched` of those shown.
    shown: Vec<usize>,
    text: String,
    pub cursor: ListCursor,
    /// The latest asks, latest first.
    pub log: Vec<AskRow>,
    /// How many asks await an answer, across the book.
    pub awaiting: usize,
}

impl AdvocacyList {
    pub fn new(
        pool: Vec<Reference>,
        log: Vec<AskRow>,
        request: Request,
        rules: &AdvocacyRules,
        today: NaiveDate,
    ) -> AdvocacyList {
        let mut list = AdvocacyList {
            pool,
            log,
            request,
            ..AdvocacyList::default()
        };
        list.rematch(rules, today);
        list
    }

    /// The pool and log read again: the request, the words and the person selected kept.
    pub fn replace(
        &mut self,
        pool: Vec<Reference>,
        log: Vec<AskRow>,
        rules: &AdvocacyRules,
        today: NaiveDate,
        viewport: usize,
    ) {
        let selected = self.selected().map(|(r, _)| r.contact_id);
        self.pool = pool;
        self.log = log;
        self.rematch(rules, today);
        if let Some(at) = selected.and_then(|id| self.shown().position(|(r, _)| r.contact_id == id))
        {
            self.cursor.selected = at;
        }
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// A new request: everyone weighed again, the best fit on top.
    pub fn ask_for(
        &mut self,
        request: Request,
        rules: &AdvocacyRules,
        today: NaiveDate,
        viewport: usize,
    ) {
        self.request = request;
        self.rematch(rules, today);
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    fn rematch(&mut self, rules: &AdvocacyRules, today: NaiveDate) {
        self.matched = matches(&self.pool, &self.request, rules, today);
        self.refilter();
    }

    pub fn shown(&self) -> impl Iterator<Item = (&Reference, &Match)> {
        self.shown.iter().map(|&i| {
            let m = &self.matched[i];
            (&self.pool[m.at], m)
        })
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn selected(&self) -> Option<(&Reference, &Match)> {
        self.shown.get(self.cursor.selected).map(|&i| {
            let m = &self.matched[i];
            (&self.pool[m.at], m)
        })
    }

    /// Those who can be asked now.
    pub fn offered(&self) -> usize {
        self.matched.iter().filter(|m| m.resting.is_none()).count()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Shows only the people whose name, account, industry or products hold every word.
    pub fn narrow(&mut self, text: &str, viewport: usize) {
        self.text = text.to_string();
        self.refilter();
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    fn refilter(&mut self) {
        let words = Words::new(&self.text);
        self.shown = (0..self.matched.len())
            .filter(|&i| {
                let r = &self.pool[self.matched[i].at];
                let products = r.products.join(" ");
                words.all_in(&[
                    &r.name,
                    &r.account,
                    r.industry.as_deref().unwrap_or(""),
                    &products,
                ])
            })
            .collect();
    }
}
