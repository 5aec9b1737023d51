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
pub use index::{AccountIndex, Entry, Kind, Place};
use index::{Reach, Text};

use std::cmp::Reverse;
use std::collections::HashMap;
use std::rc::Rc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

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
    accounts: Rc<AccountIndex>,
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
    pub fn new(app: &App, accounts: Rc<AccountIndex>) -> Palette {
        Palette::over(index::places(app), accounts, &app.recent)
    }

    fn over(places: Vec<Place>, accounts: Rc<AccountIndex>, recent: &[i64]) -> Palette {
        let recency = recent
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i + 1))
            .collect();
        let mut palette = Palette {
            places,
            accounts,
            recency,
            query: String::new(),
            hits: Vec::new(),
            top: Vec::new(),
            selected: 0,
            matcher: Matcher::new(Config::DEFAULT),
        };
        palette.rank_all();
        palette
    }

    fn reach(&self) -> Reach<'_> {
        Reach {
            places: &self.places,
            accounts: &self.accounts,
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The best matches, best first.
    pub fn shown<'a>(&'a self, list: &'a PortfolioList) -> impl Iterator<Item = Entry<'a>> {
        let reach = self.reach();
        self.top.iter().filter_map(move |i| reach.entry(*i, list))
    }

    /// How many entries match.
    pub fn matches(&self) -> usize {
        self.hits.last().map_or(0, Vec::len)
    }

    pub fn chosen(&self, list: &PortfolioList) -> Option<Target> {
        Some(self.shown(list).nth(self.selected)?.target())
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.top.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// A letter more: only the last letter's matches can still match. Ids are looked
    /// through once the query holds a digit (names are what people type; ids have
    /// digits), as the text they hold, in any case; big lists are matched on two
    /// threads.
    pub fn type_char(&mut self, c: char) {
        let had_digit = has_digit(&self.query);
        self.query.push(c);
        let with_ids = has_digit(&self.query);
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let needle = self.query.trim().to_lowercase();
        let reach = Reach {
            places: &self.places,
            accounts: &self.accounts,
        };
        let (names_end, total) = (reach.names_end(), reach.total());
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
        let id_score = 16 * needle.chars().count() as u32;
        let score = |part: &[(u32, u32)], matcher: &mut Matcher| {
            let mut buf = Vec::new();
            let mut hits = Vec::with_capacity(part.len() / 4);
            for &(i, _) in part {
                let score = match reach.text(i) {
                    Text::External(id) if with_ids => {
                        contains_ignoring_case(id, &needle).then_some(id_score)
                    }
                    Text::External(_) => None,
                    Text::Place(p) => pattern.score(p.text.slice(..), matcher),
                    Text::Name(name) => pattern.score(Utf32Str::new(name, &mut buf), matcher),
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
        self.rank();
    }

    /// A letter less: back to the matches before it.
    pub fn backspace(&mut self) {
        if self.query.pop().is_some() && self.hits.len() > 1 {
            self.hits.pop();
        }
        self.rank();
    }

    pub fn set_query(&mut self, query: &str) {
        self.query.clear();
        self.rank_all();
        for c in query.chars() {
            self.type_char(c);
        }
    }

    /// Every entry, for the empty query: accounts opened lately first, then the panes,
    /// commands and people, then the largest accounts.
    fn rank_all(&mut self) {
        let reach = self.reach();
        let places = self.places.len() as u32;
        let all = (0..reach.total())
            .map(|i| {
                let score = if i < places {
                    1
                } else if i < reach.names_end()
                    && reach
                        .account(i)
                        .is_some_and(|(id, _)| self.recency.contains_key(&id))
                {
                    2
                } else {
                    0
                };
                (i, score)
            })
            .collect();
        self.hits = vec![all];
        self.rank();
    }

    /// Puts the best `SHOWN` matches in order, leaving the rest as they are: by score,
    /// then accounts opened lately, names before ids elsewhere, then ARR. A match that
    /// scores below the last of a full top is passed over without a further look.
    fn rank(&mut self) {
        let hits = self.hits.last().map_or(&[][..], Vec::as_slice);
        let reach = self.reach();
        let names_end = reach.names_end();
        let key = |i: u32, score: u32| {
            let (recency, arr) = match reach.account(i) {
                Some((id, arr)) => (self.recency.get(&id).copied().unwrap_or(0), arr),
                None => (0, 0),
            };
            (
                Reverse(score),
                Reverse(recency),
                i >= names_end,
                Reverse(arr),
                i,
            )
        };
        let mut top: Vec<_> = Vec::with_capacity(SHOWN + 1);
        for &(i, score) in hits {
            if top.len() == SHOWN
                && top
                    .last()
                    .is_some_and(|last: &(Reverse<u32>, _, _, _, _)| score < last.0.0)
            {
                continue;
            }
            let k = key(i, score);
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
