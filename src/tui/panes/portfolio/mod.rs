//! The Portfolio pane: every account with its explainable health, sorted and narrowed in
//! memory (typed words, owner, segment, band) so moving and typing stay fast on a
//! 50,000-account book. Enter opens the account; Esc clears what narrows the list, or
//! goes back to the Team when the Team drilled into one CSM's accounts.

mod keys;
pub mod list;
mod search;
mod sort;
mod summary;
mod view;

pub use keys::keys;
pub use list::{PortfolioList, PortfolioRow};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::portfolio::PortfolioAccount;
use crate::book::{Book, BookError};
use crate::domain::health::{HealthRules, effective};
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_beside};
use crate::tui::keys::Context;

/// Accounts read first, at once, when the pane is shown before the accounts are in.
const FIRST_ROWS: usize = 200;

/// A change to more accounts than this reads every account again.
const FOLLOW_AT_MOST: usize = 64;

pub struct PortfolioRoom {
    pub list: PortfolioList,
    /// The list shows one CSM's accounts because Enter on the Team pane asked: Esc goes
    /// back there.
    pub drilled_from_team: bool,
    /// Counts the reads of the accounts, so what is built from them knows when to build
    /// again.
    pub generation: u64,
    /// It has been shown; and it has opened on the user's own accounts (the first time
    /// it is shown with its accounts read).
    shown: bool,
    focused: bool,
    /// The change journal's last entry when the accounts were read.
    pub as_of: i64,
    /// The accounts have been read once; a read is under way in the background (which,
    /// and the journal's last entry when it was asked for); the book changed meanwhile.
    pub loaded: bool,
    pub reading: bool,
    /// Until the accounts are read, the list holds the first ones only (see
    /// [`PortfolioRoom::show_first`]).
    pub first: bool,
    read: u64,
    asked_as_of: i64,
    again: bool,
}

impl PortfolioRoom {
    pub fn new(list: PortfolioList) -> PortfolioRoom {
        PortfolioRoom {
            list,
            drilled_from_team: false,
            generation: 0,
            shown: false,
            focused: false,
            as_of: 0,
            loaded: true,
            reading: false,
            first: false,
            read: 0,
            asked_as_of: 0,
            again: false,
        }
    }

    /// Follows a change to the book: the accounts the journal says it touched are read
    /// again alone and put in place; anything wider reads every account again.
    pub fn follow(&mut self, cx: &mut Ctx) {
        let Some(book) = &cx.book else {
            return;
        };
        // A read under way began before this change: it is followed once it lands.
        if self.reading {
            self.again = true;
            return;
        }
        let touched = book.accounts_touched_since(self.as_of).ok().flatten();
        let ids: Vec<i64> = match touched {
            Some(set) if !set.is_empty() && set.len() <= FOLLOW_AT_MOST => {
                set.into_iter().collect()
            }
            _ => return self.reread(cx),
        };
        let as_of = book.last_journal_id().unwrap_or(self.as_of);
        match with_overrides_of(book, &ids, &cx.rules, cx.today) {
            Ok(accounts) => {
                self.list.update_accounts(accounts, cx.viewport);
                self.generation += 1;
                self.as_of = as_of;
            }
            Err(e) => cx.say(format!("could not read the portfolio: {e}")),
        }
    }

    /// Reads the accounts again (after a recompute, a write), keeping the order, the
    /// filters and the selected account: on a connection of its own when the loop runs
    /// (the list stays usable meanwhile), else at once.
    pub fn reread(&mut self, cx: &mut Ctx) {
        let Some(book) = &cx.book else {
            return;
        };
        // A read under way began before this: it is followed once it lands.
        if self.reading {
            self.again = true;
            return;
        }
        self.read += 1;
        self.again = false;
        let read = self.read;
        self.asked_as_of = book.last_journal_id().unwrap_or(0);
        let (rules, today) = (cx.rules.clone(), cx.today);
        let work = move |b: &Book| {
            with_overrides(b, &rules, today)
                .map(|accounts| Box::new(PortfolioList::new(accounts, today)))
                .map_err(|e| e.to_string())
        };
        let event = move |list| Event::Portfolio(read, list);
        match read_beside(book, cx.events.as_ref(), work, event) {
            Some(list) => self.take(read, list, cx),
            None => self.reading = true,
        }
    }

    /// Takes the accounts read in the background, if it is the latest read asked for.
    pub fn take(&mut self, read: u64, list: Result<Box<PortfolioList>, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        match list {
            Ok(list) => {
                self.list.replace(*list, cx.viewport);
                self.loaded = true;
                self.first = false;
                self.generation += 1;
                self.as_of = self.asked_as_of;
                if self.shown {
                    self.focus_on_me(cx);
                }
            }
            Err(e) => cx.say(format!("could not read the portfolio: {e}")),
        }
        if std::mem::take(&mut self.again) {
            self.follow(cx);
        }
    }

    /// The account as the portfolio lists it; read alone while the accounts are still
    /// being read.
    pub fn account_now(&self, id: i64, cx: &Ctx) -> Option<PortfolioAccount> {
        if let Some(a) = self.list.account(id) {
            return Some(a.clone());
        }
        let book = cx.book.as_ref().filter(|_| !self.loaded)?;
        with_overrides_of(book, &[id], &cx.rules, cx.today)
            .ok()?
            .into_iter()
            .next()
    }

    /// Shown before the accounts are read: the first screen of them, most urgent first
    /// (the user's own, if they have any), until the rest lands.
    fn show_first(&mut self, cx: &Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        let me = cx.me.as_deref();
        let first = book
            .portfolio_first(me, FIRST_ROWS)
            .and_then(|rows| match rows.is_empty() && me.is_some() {
                true => book.portfolio_first(None, FIRST_ROWS),
                false => Ok(rows),
            })
            .and_then(|rows| overridden(book, rows, &cx.rules, cx.today));
        if let Ok(rows) = first {
            self.list = PortfolioList::new(rows, cx.today);
            if let Some(me) = me.and_then(|me| self.list.owner_id(me)) {
                self.list.show_owner(Some(me), cx.viewport);
            }
            self.first = true;
        }
    }

    /// The first time the accounts are shown, they are the user's own.
    fn focus_on_me(&mut self, cx: &Ctx) {
        if !self.loaded || std::mem::replace(&mut self.focused, true) || self.drilled_from_team {
            return;
        }
        if let Some(me) = cx.me.as_deref().and_then(|me| self.list.owner_id(me)) {
            self.list.show_owner(Some(me), cx.viewport);
        }
    }

    /// Shows one CSM's accounts, as the Team asked.
    pub fn drill_into(&mut self, owner: Option<i64>, viewport: usize) {
        self.list.show_owner(owner, viewport);
        self.drilled_from_team = true;
    }

    /// Shows everyone's accounts again, leaving the drill.
    pub fn leave_drill(&mut self, viewport: usize) {
        if self.drilled_from_team {
            self.drilled_from_team = false;
            self.list.show_owner(None, viewport);
        }
    }
}

impl Room for PortfolioRoom {
    fn context(&self) -> Context {
        Context::Portfolio
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let viewport = cx.viewport;
        let list = &mut self.list;
        if list.apply(action, viewport) {
            return true;
        }
        match action {
            Action::Sort => list.cycle_sort(viewport),
            Action::NextOwner => list.cycle_owner(viewport),
            Action::NextSegment => list.cycle_segment(viewport),
            Action::NextBand => list.cycle_band(viewport),
            Action::Open => match list.selected() {
                Some(r) => cx.ask(Ask::OpenAccount(r.account.id)),
                None => return false,
            },
            Action::Back if self.drilled_from_team => cx.ask(Ask::BackToTeam),
            Action::Back if list.facets() != Default::default() => list.clear_facets(viewport),
            Action::Back if !list.filter().is_empty() => list.set_filter("", viewport),
            _ => return false,
        }
        true
    }

    fn first_row(&self) -> Option<u16> {
        Some(5)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if stale {
            self.reread(cx);
        }
        if !self.loaded && self.reading && !self.first && self.list.is_empty() {
            self.show_first(cx);
        }
        self.shown = true;
        self.focus_on_me(cx);
    }

    fn reload(&mut self, cx: &mut Ctx) {
        self.reread(cx);
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        self.list.set_filter(text, cx.viewport);
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        Some((self.list.filter().to_string(), self.list.shown()))
    }
}

/// The portfolio with each standing override applied: its score and band are the ones
/// shown, and the computed ones are kept beside them.
pub fn with_overrides(
    book: &Book,
    rules: &HealthRules,
    today: NaiveDate,
) -> Result<Vec<PortfolioAccount>, BookError> {
    overridden(book, book.portfolio()?, rules, today)
}

/// Those accounts as [`with_overrides`] reads them.
fn with_overrides_of(
    book: &Book,
    ids: &[i64],
    rules: &HealthRules,
    today: NaiveDate,
) -> Result<Vec<PortfolioAccount>, BookError> {
    overridden(book, book.portfolio_of(ids)?, rules, today)
}

fn overridden(
    book: &Book,
    mut accounts: Vec<PortfolioAccount>,
    rules: &HealthRules,
    today: NaiveDate,
) -> Result<Vec<PortfolioAccount>, BookError> {
    let overrides = book.active_overrides(today)?;
    if overrides.is_empty() {
        return Ok(accounts);
    }
    for account in &mut accounts {
        let (Some(o), Some(h)) = (overrides.get(&account.id), account.health.as_mut()) else {
            continue;
        };
        let shown = effective(
            h.score,
            h.band,
            Some(o),
            &rules.bands_for(account.segment),
            today,
        );
        h.overridden = Some((h.score, h.band));
        h.score = shown.score;
        h.band = shown.band;
    }
    Ok(accounts)
}
