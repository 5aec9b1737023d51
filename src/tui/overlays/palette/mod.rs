//! The jump palette, on one key from anywhere: type part of an account's name or its id
//! in the system it came from, a pane, a person on the team or a command ("log a touch",
//! "export renewals as ics"), and Enter goes there. Matches are ranked by how well they
//! match, then by accounts opened lately, then by ARR. Each letter typed narrows the
//! last letter's matches, names are matched where the portfolio holds them, and only the
//! few shown are put in order, so typing stays quick on a 50,000-account book.

mod go;
mod index;
pub mod view;

pub use go::go;
pub use index::{AccountIds, Entry, Kind, Place};

use std::cmp::Reverse;
use std::collections::HashMap;
use std::rc::Rc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::pane::Pane;
use crate::tui::panes::portfolio::PortfolioList;

/// Where an entry goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Account(i64),
    Pane(Pane),
    /// A team member's Today queue.
    Person(String),
    /// An action of the room under the palette, or a global one.
    Command(Action),
    /// A file written beside the book: what, and in which format.
    Export(&'static str, crate::export::Format),
}

/// The most matches shown.
pub const SHOWN: usize = 12;

/// Entries from which a letter is matched on two threads.
const PARALLEL_FROM: usize = 20_000;

/// Whether `text` holds `needle` (already lower case), in any case.
fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    if text.is_ascii() && needle.is_ascii() {
        let (t, n) = (text.as_bytes(), needle.as_bytes());
        n.is_empty() || t.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        text.to_lowercase().contains(needle)
    }
}

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

pub struct Palette {
    places: Vec<Place>,
    ids: Rc<AccountIds>,
    /// Accounts opened this session: a higher number is more recent.
    recency: HashMap<i64, usize>,
    query: String,
    /// Matches for each prefix of the query typed so far, in no order: (entry, score).
    hits: Vec<Vec<(u32, u32)>>,
    /// The best matches of the query, best first, at most `SHOWN`.
    top: Vec<u32>,
    pub selected: usize,
    matcher: Matcher,
}

impl Palette {
    /// Everything the palette can reach from where the person is.
    pub fn new(app: &App, ids: Rc<AccountIds>) -> Palette {
        Palette::over(
            index::places(app),
            ids,
            &app.recent,
            &app.panes.portfolio.list,
        )
    }

    fn over(
        places: Vec<Place>,
        ids: Rc<AccountIds>,
        recent: &[i64],
        list: &PortfolioList,
    ) -> Palette {
        let recency = recent
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i + 1))
            .collect();
        let mut palette = Palette {
            places,
            ids,
            recency,
            query: String::new(),
            hits: Vec::new(),
            top: Vec::new(),
            selected: 0,
            matcher: Matcher::new(Config::DEFAULT),
        };
        palette.rank_all(list);
        palette
    }

    fn entry<'a>(&'a self, i: u32, list: &'a PortfolioList) -> Entry<'a> {
        index::entry(i, &self.places, list, &self.ids)
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The best matches, best first.
    pub fn shown<'a>(&'a self, list: &'a PortfolioList) -> impl Iterator<Item = Entry<'a>> {
        self.top.iter().map(move |i| self.entry(*i, list))
    }

    /// How many entries match.
    pub fn matches(&self) -> usize {
        self.hits.last().map_or(0, Vec::len)
    }

    pub fn chosen(&self, list: &PortfolioList) -> Option<Target> {
        let i = self.top.get(self.selected)?;
        Some(self.entry(*i, list).target())
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.top.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// A letter more: only the last letter's matches can still match. Ids are looked
    /// through once the query holds a digit (names are what people type; ids have
    /// digits), as the text they hold, in any case; big lists are matched on two
    /// threads.
    pub fn type_char(&mut self, c: char, list: &PortfolioList) {
        let had_digit = has_digit(&self.query);
        self.query.push(c);
        let with_ids = has_digit(&self.query);
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let needle = self.query.trim().to_lowercase();
        let names_end = (self.places.len() + list.len()) as u32;
        let total = names_end + self.ids.0.len() as u32;
        let previous = self.hits.last().map_or(&[][..], Vec::as_slice);
        // The first digit brings every id in.
        let from: Vec<(u32, u32)>;
        let from = if with_ids && !had_digit {
            from = previous
                .iter()
                .copied()
                .filter(|(i, _)| *i < names_end)
                .chain((names_end..total).map(|i| (i, 0)))
                .collect();
            &from[..]
        } else {
            previous
        };
        let (places, ids) = (&self.places, &*self.ids);
        let id_score = 16 * needle.chars().count() as u32;
        let score = |part: &[(u32, u32)], matcher: &mut Matcher| {
            let mut buf = Vec::new();
            let mut hits = Vec::with_capacity(part.len() / 4);
            for &(i, _) in part {
                let entry = index::entry(i, places, list, ids);
                let score = match entry {
                    Entry::Id(_, id) if with_ids => {
                        contains_ignoring_case(id, &needle).then_some(id_score)
                    }
                    Entry::Id(..) => None,
                    _ => pattern.score(entry.text(&mut buf), matcher),
                };
                if let Some(score) = score {
                    hits.push((i, score));
                }
            }
            hits
        };
        let hits = if from.len() < PARALLEL_FROM {
            score(from, &mut self.matcher)
        } else {
            let (a, b) = from.split_at(from.len() / 2);
            std::thread::scope(|scope| {
                let other = scope.spawn(|| score(b, &mut Matcher::new(Config::DEFAULT)));
                let mut hits = score(a, &mut self.matcher);
                hits.extend(other.join().unwrap_or_default());
                hits
            })
        };
        self.hits.push(hits);
        self.rank(list);
    }

    /// A letter less: back to the matches before it.
    pub fn backspace(&mut self, list: &PortfolioList) {
        if self.query.pop().is_some() && self.hits.len() > 1 {
            self.hits.pop();
        }
        self.rank(list);
    }

    pub fn set_query(&mut self, query: &str, list: &PortfolioList) {
        self.query.clear();
        self.rank_all(list);
        for c in query.chars() {
            self.type_char(c, list);
        }
    }

    /// Every entry, for the empty query: accounts opened lately first, then the panes,
    /// commands and people, then the largest accounts.
    fn rank_all(&mut self, list: &PortfolioList) {
        let (places, accounts) = (self.places.len(), list.len());
        let total = places + accounts + self.ids.0.len();
        let all = (0..total as u32)
            .map(|i| {
                let i_usize = i as usize;
                let score = if i_usize < places {
                    1
                } else if i_usize < places + accounts
                    && self
                        .recency
                        .contains_key(&list.account_at(i_usize - places).id)
                {
                    2
                } else {
                    0
                };
                (i, score)
            })
            .collect();
        self.hits = vec![all];
        self.rank(list);
    }

    /// Puts the best `SHOWN` matches in order, leaving the rest as they are.
    fn rank(&mut self, list: &PortfolioList) {
        let hits = self.hits.last().map_or(&[][..], Vec::as_slice);
        let key = |&(i, score): &(u32, u32)| {
            let entry = self.entry(i, list);
            let account = entry.account();
            let recency = account.and_then(|a| self.recency.get(&a.id).copied());
            (
                Reverse(score),
                Reverse(recency.unwrap_or(0)),
                entry.kind() == Kind::AccountId,
                Reverse(account.map_or(0, |a| a.arr.cents)),
                i,
            )
        };
        let mut top: Vec<_> = Vec::with_capacity(SHOWN + 1);
        for hit in hits {
            let k = key(hit);
            if top.len() == SHOWN && top.last().is_some_and(|last| &k >= last) {
                continue;
            }
            let at = top.partition_point(|t| t < &k);
            top.insert(at, k);
            top.truncate(SHOWN);
        }
        self.top = top.into_iter().map(|k| k.4).collect();
        self.selected = 0;
    }
}

#[cfg(test)]
mod tests;
