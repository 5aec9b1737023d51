//! The cockpit's state: the tabs (one room per pane), a stack of what is open over them
//! (an account's detail, QBR prep, a form, the help, the palette, a narrowing bar), and
//! the context the rooms share. Keys go to the top of the stack: a text layer takes
//! letters as letters; a room's keys are looked up in its context, then the global ones.
//! No drawing and no terminal here, so every behaviour can be tested key by key.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::action::Action;
use super::context::{Ask, BookLabel, Ctx};
use super::keys::{ALWAYS_QUIT, Key, Keymap};
use crate::tui::overlays::forms::Form;
mod changes;
mod conflicts;
mod typing;

use std::rc::Rc;

use super::pane::Pane;
use super::panes::Room;
use super::panes::account::AccountRoom;
use super::panes::advocacy::AdvocacyRoom;
use super::panes::expansion::ExpansionRoom;
use super::panes::onboarding::OnboardingRoom;
use super::panes::portfolio::{PortfolioList, PortfolioRoom, with_overrides};
use super::panes::qbr::QbrRoom;
use super::panes::renewals::RenewalsRoom;
use super::panes::stakeholders::StakeholdersRoom;
use super::panes::tasks::TasksRoom;
use super::panes::team::TeamRoom;
use super::panes::today::TodayRoom;
use crate::book::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::tui::overlays::palette::{AccountIndex, Palette};

/// What the keyboard is doing right now, as a person would say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Moving through a pane.
    Browse,
    /// Typing words that narrow the list.
    Filter,
    /// The help is up.
    Help,
    /// An account's detail is open.
    Account,
    /// A form is being typed.
    Prompt,
    /// QBR prep is open.
    Brief,
    /// The jump palette is up.
    Palette,
}

/// What is open over the tabs, bottom to top.
pub enum Layer {
    Account(Box<AccountRoom>),
    Qbr(Box<QbrRoom>),
    Form(Form),
    Help,
    /// The team book's conflicts, to resolve.
    Conflicts(Box<crate::tui::overlays::conflicts::ConflictsView>),
    /// Typing words that narrow the room beneath.
    Narrow,
    Palette(Box<Palette>),
}

/// One room per pane, each read from the book the first time it is shown.
pub struct Panes {
    pub today: TodayRoom,
    pub portfolio: PortfolioRoom,
    pub renewals: RenewalsRoom,
    pub stakeholders: StakeholdersRoom,
    pub tasks: TasksRoom,
    pub team: TeamRoom,
    pub expansion: ExpansionRoom,
    pub onboarding: OnboardingRoom,
    pub advocacy: AdvocacyRoom,
}

impl Layer {
    /// Whether the layer is a room (the detail, QBR prep) rather than an overlay.
    pub fn is_room(&self) -> bool {
        matches!(self, Layer::Account(_) | Layer::Qbr(_))
    }
}

impl Panes {
    pub fn room(&self, pane: Pane) -> &dyn Room {
        match pane {
            Pane::Today => &self.today,
            Pane::Portfolio => &self.portfolio,
            Pane::Renewals => &self.renewals,
            Pane::Stakeholders => &self.stakeholders,
            Pane::Tasks => &self.tasks,
            Pane::Team => &self.team,
            Pane::Expansion => &self.expansion,
            Pane::Onboarding => &self.onboarding,
            Pane::Advocacy => &self.advocacy,
        }
    }

    pub fn room_mut(&mut self, pane: Pane) -> &mut dyn Room {
        match pane {
            Pane::Today => &mut self.today,
            Pane::Portfolio => &mut self.portfolio,
            Pane::Renewals => &mut self.renewals,
            Pane::Stakeholders => &mut self.stakeholders,
            Pane::Tasks => &mut self.tasks,
            Pane::Team => &mut self.team,
            Pane::Expansion => &mut self.expansion,
            Pane::Onboarding => &mut self.onboarding,
            Pane::Advocacy => &mut self.advocacy,
        }
    }
}

pub struct App {
    pub cx: Ctx,
    pub pane: Pane,
    pub panes: Panes,
    pub stack: Vec<Layer>,
    /// Panes whose data the book changed since they were last read.
    stale: [bool; Pane::ALL.len()],
    /// Accounts opened this session, latest last: the palette ranks them first.
    pub recent: Vec<i64>,
    /// The accounts as the palette matches them, and the read of the portfolio they go
    /// with.
    palette_accounts: Option<(u64, Rc<AccountIndex>)>,
    /// The book's `data_version` when last looked at (see `elsewhere.rs`).
    pub(super) seen_version: Option<i64>,
    /// The last journal entry already shown or reloaded.
    pub(super) seen_journal: i64,
    pub quit: bool,
}

impl App {
    pub fn new(portfolio: PortfolioList, today: NaiveDate, keys: Keymap, book: BookLabel) -> App {
        App {
            cx: Ctx::new(today, keys, book),
            pane: Pane::Today,
            panes: Panes {
                today: TodayRoom::new(),
                portfolio: PortfolioRoom::new(portfolio),
                renewals: RenewalsRoom::default(),
                stakeholders: StakeholdersRoom::default(),
                tasks: TasksRoom::default(),
                team: TeamRoom::default(),
                expansion: ExpansionRoom::default(),
                onboarding: OnboardingRoom::default(),
                advocacy: AdvocacyRoom::default(),
            },
            stack: Vec::new(),
            stale: [false; Pane::ALL.len()],
            recent: Vec::new(),
            palette_accounts: None,
            seen_version: None,
            seen_journal: 0,
            quit: false,
        }
    }

    /// Keeps the book for the rooms and writes, its accounts to be read once the loop
    /// runs (in the background: the first frame does not wait for them).
    pub fn open(
        book: Book,
        today: NaiveDate,
        keys: Keymap,
        rules: HealthRules,
    ) -> Result<App, BookError> {
        App::load_with(book, today, keys, rules, false)
    }

    /// Loads the portfolio from the book, and keeps the book for the rooms and writes.
    pub fn load(
        book: Book,
        today: NaiveDate,
        keys: Keymap,
        rules: HealthRules,
    ) -> Result<App, BookError> {
        App::load_with(book, today, keys, rules, true)
    }

    fn load_with(
        book: Book,
        today: NaiveDate,
        keys: Keymap,
        rules: HealthRules,
        read: bool,
    ) -> Result<App, BookError> {
        let label = BookLabel {
            name: book
                .path()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "in memory".into()),
            demo: book.is_demo()?,
        };
        let as_of = book.last_journal_id()?;
        let accounts = match read {
            true => with_overrides(&book, &rules, today)?,
            false => Vec::new(),
        };
        let portfolio = PortfolioList::new(accounts, today);
        let mut app = App::new(portfolio, today, keys, label);
        app.panes.portfolio.as_of = as_of;
        app.panes.portfolio.loaded = read;
        app.cx.book = Some(book);
        app.cx.rules = rules;
        app.mark_seen();
        Ok(app)
    }

    /// Once results have somewhere to go: reads the accounts if they are yet to be read.
    pub fn begin(&mut self) {
        if !self.panes.portfolio.loaded {
            self.panes.portfolio.reread(&mut self.cx);
        }
    }

    /// Opens whose Today queue it is and reads it.
    pub fn start_today(&mut self, owner: Option<String>) {
        self.panes.today.start(owner, &mut self.cx);
    }

    /// Whether the pane on screen waits for rows read in the background.
    pub fn reading(&self) -> bool {
        match self.pane {
            Pane::Today => self.panes.today.reading,
            Pane::Portfolio => {
                let p = &self.panes.portfolio;
                p.reading && !p.loaded && !p.first
            }
            // Read again after a change, the team's figures stay up until the new land.
            // In the Metrics view, another CSM's pictures are waited for.
            Pane::Team => {
                let team = &self.panes.team;
                (team.reading && team.list.is_none()) || (team.metrics.shown && team.reading_trends)
            }
            Pane::Expansion => self.panes.expansion.reading && self.panes.expansion.list.is_none(),
            Pane::Onboarding => {
                self.panes.onboarding.reading && self.panes.onboarding.list.is_none()
            }
            Pane::Advocacy => self.panes.advocacy.reading && self.panes.advocacy.list.is_none(),
            _ => false,
        }
    }

    /// Whether any pane is reading something in the background.
    pub fn busy(&self) -> bool {
        let x = &self.panes.expansion;
        self.others_busy() || x.reading || x.reading_signals || x.signals_wanted
    }

    /// Whether a pane other than the Expansion is reading in the background.
    fn others_busy(&self) -> bool {
        let p = &self.panes;
        p.today.reading
            || p.portfolio.reading
            || p.team.reading
            || p.team.reading_trends
            || p.renewals.reading
            || p.stakeholders.reading
            || p.tasks.reading
            || p.onboarding.reading
            || p.advocacy.reading
    }

    /// Starts what waits for the other reads to land: the Expansion's signals.
    fn start_waiting_reads(&mut self) {
        if self.panes.expansion.signals_wanted && !self.others_busy() {
            self.panes.expansion.read_waiting_signals(&mut self.cx);
        }
    }

    /// Takes a result of background work off the loop's queue; returns whether the
    /// screen needs drawing again (false for anything that is not background work).
    /// What waited for the other reads starts once they have landed.
    pub fn take_background(&mut self, event: super::events::Event) -> bool {
        let drawn = self.take_result(event);
        self.start_waiting_reads();
        drawn
    }

    fn take_result(&mut self, event: super::events::Event) -> bool {
        use super::events::Event;
        match event {
            Event::Today(read, queue) => {
                self.panes.today.take(read, queue, &mut self.cx);
                // The queue is in: the team is read while the person reads it.
                self.panes.team.warm(&mut self.cx);
                true
            }
            Event::Portfolio(read, list) => {
                self.panes.portfolio.take(read, list, &mut self.cx);
                self.retitle_rooms();
                true
            }
            Event::TodayFirstRows(read, queue) => {
                self.panes.today.take_first_rows(read, queue);
                true
            }
            Event::Team(read, rows) => {
                self.panes.team.take(read, rows, &mut self.cx);
                true
            }
            Event::Trends(read, found) => {
                self.panes.team.take_trends(read, found, &mut self.cx);
                true
            }
            Event::Expansion(read, found) => {
                self.panes.expansion.take(read, found, &mut self.cx);
                true
            }
            Event::Onboarding(read, found) => {
                self.panes.onboarding.take(read, found, &mut self.cx);
                true
            }
            Event::Advocacy(read, found) => {
                self.panes.advocacy.take(read, found, &mut self.cx);
                true
            }
            Event::Stakeholders(read, rows) => {
                self.panes.stakeholders.take(read, rows, &mut self.cx);
                true
            }
            Event::Tasks(read, list) => {
                self.panes.tasks.take(read, list, &mut self.cx);
                true
            }
            Event::Renewals(read, whole) => {
                self.panes.renewals.take(read, whole, &mut self.cx);
                true
            }
            Event::TodayAccounts(read, fresh) => {
                self.panes.today.take_accounts(read, fresh, &mut self.cx);
                true
            }
            Event::Opened(result) => {
                self.opened(result);
                true
            }
            _ => false,
        }
    }

    /// The book's file and its team book, for a book on file that has one.
    pub fn team_book_address(&self) -> Option<(std::path::PathBuf, crate::team_book::Address)> {
        let book = self.cx.book.as_ref()?;
        let path = book.path()?.to_path_buf();
        let link = book.team_link().ok()??;
        let address = crate::team_book::Address::parse(&link.address).ok()?;
        Some((path, address))
    }

    /// The day the cockpit works on.
    pub fn today(&self) -> NaiveDate {
        self.cx.today
    }

    pub fn message(&self) -> Option<&str> {
        self.cx.message.as_deref()
    }

    /// Whether a line is being typed or read over the rooms (a form, the palette, the
    /// help, narrowing): the mouse leaves the rooms alone then.
    pub fn typing_or_reading(&self) -> bool {
        self.stack.last().is_some_and(|l| !l.is_room())
    }

    pub fn mode(&self) -> Mode {
        match self.stack.last() {
            None => Mode::Browse,
            Some(Layer::Account(_)) => Mode::Account,
            Some(Layer::Qbr(_)) => Mode::Brief,
            Some(Layer::Form(_)) => Mode::Prompt,
            Some(Layer::Help) | Some(Layer::Conflicts(_)) => Mode::Help,
            Some(Layer::Narrow) => Mode::Filter,
            Some(Layer::Palette(_)) => Mode::Palette,
        }
    }

    /// The room the keys act on: the topmost room on the stack, else the pane.
    pub fn top_room(&self) -> &dyn Room {
        for layer in self.stack.iter().rev() {
            match layer {
                Layer::Account(r) => return r.as_ref(),
                Layer::Qbr(r) => return r.as_ref(),
                _ => {}
            }
        }
        self.panes.room(self.pane)
    }

    fn top_room_mut(&mut self) -> (&mut dyn Room, &mut Ctx) {
        let at = self.stack.iter().rposition(Layer::is_room);
        match at.map(|i| &mut self.stack[i]) {
            Some(Layer::Account(r)) => (r.as_mut(), &mut self.cx),
            Some(Layer::Qbr(r)) => (r.as_mut(), &mut self.cx),
            _ => (self.panes.room_mut(self.pane), &mut self.cx),
        }
    }

    /// The account detail open on the stack, if any.
    pub fn account(&self) -> Option<&AccountRoom> {
        self.stack.iter().rev().find_map(|l| match l {
            Layer::Account(r) => Some(r.as_ref()),
            _ => None,
        })
    }

    /// QBR prep open on the stack, if any.
    pub fn qbr(&self) -> Option<&QbrRoom> {
        self.stack.iter().rev().find_map(|l| match l {
            Layer::Qbr(r) => Some(r.as_ref()),
            _ => None,
        })
    }

    /// The form being typed, if any.
    pub fn form(&self) -> Option<&Form> {
        match self.stack.last() {
            Some(Layer::Form(f)) => Some(f),
            _ => None,
        }
    }

    /// Handles a key: finds what it means where the keyboard is and does it. Returns
    /// whether anything changed.
    pub fn on_key(&mut self, event: &KeyEvent) -> bool {
        if event.kind == KeyEventKind::Release {
            return false;
        }
        let key = Key::from_event(event);
        if key == ALWAYS_QUIT {
            self.quit = true;
            return true;
        }
        match self.stack.last() {
            Some(Layer::Help) => {
                self.stack.pop();
                if self.cx.keys.action_for(self.top_room().context(), key) == Some(Action::Quit) {
                    self.quit = true;
                }
                true
            }
            Some(Layer::Conflicts(_)) => self.on_conflicts_key(key),
            Some(Layer::Form(_)) => self.on_form_key(event),
            Some(Layer::Narrow) => self.on_narrow_key(event),
            Some(Layer::Palette(_)) => self.on_palette_key(event, key),
            _ => {
                let context = self.top_room().context();
                match self.cx.keys.action_for(context, key) {
                    Some(action) => self.update(action),
                    None => {
                        self.cx.say(format!(
                            "{key} does nothing here; {} shows the keys",
                            self.cx.key(context, Action::Help)
                        ));
                        true
                    }
                }
            }
        }
    }

    /// Applies an action to the room on top, the global ones here. Returns whether the
    /// screen needs drawing again.
    pub fn update(&mut self, action: Action) -> bool {
        if action != Action::Quit {
            self.cx.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.stack.push(Layer::Help),
            Action::Conflicts => self.open_conflicts(),
            Action::Palette => {
                let accounts = self.palette_accounts();
                let palette = Palette::new(self, accounts);
                self.stack.push(Layer::Palette(Box::new(palette)));
            }
            Action::Undo => self.undo(false),
            Action::Redo => self.undo(true),
            Action::NextPane => self.go_to(self.pane.next()),
            Action::PrevPane => self.go_to(self.pane.prev()),
            Action::GoTo(pane) => self.go_to(pane),
            Action::Narrow => {
                if self.top_room().narrowed().is_some() {
                    self.stack.push(Layer::Narrow);
                } else {
                    self.cx.say("There is no list to narrow here");
                }
            }
            _ => {
                let (room, cx) = self.top_room_mut();
                let handled = room.handle(action, cx);
                let closed = !handled && action == Action::Back && self.close_room();
                self.answer_asks();
                return handled || closed || self.cx.message.is_some();
            }
        }
        self.answer_asks();
        true
    }

    /// The accounts as the palette matches them, laid out again when the portfolio was
    /// read again.
    fn palette_accounts(&mut self) -> Rc<AccountIndex> {
        let generation = self.panes.portfolio.generation;
        match &self.palette_accounts {
            Some((read, accounts)) if *read == generation => accounts.clone(),
            _ => {
                let accounts = Rc::new(AccountIndex::read(self));
                self.palette_accounts = Some((generation, accounts.clone()));
                accounts
            }
        }
    }

    /// Reads what the palette needs while the person is not typing, so its first
    /// opening is quick.
    pub fn warm_palette(&mut self) {
        let _ = self.palette_accounts();
    }

    /// Closes the room on top of the stack (the detail, QBR prep); false on a pane.
    fn close_room(&mut self) -> bool {
        if !matches!(self.stack.last(), Some(Layer::Account(_) | Layer::Qbr(_))) {
            return false;
        }
        self.stack.pop();
        if self.stack.is_empty() {
            self.show(self.pane);
        }
        true
    }

    /// Shows a pane: it reads what it shows the first time, or again when stale.
    fn show(&mut self, pane: Pane) {
        let stale = std::mem::take(&mut self.stale[pane.index()]);
        self.panes.room_mut(pane).show(&mut self.cx, stale);
        self.start_waiting_reads();
    }

    pub fn go_to(&mut self, pane: Pane) {
        self.stack.clear();
        if pane != Pane::Portfolio {
            self.panes.portfolio.leave_drill(self.cx.viewport);
        }
        self.pane = pane;
        self.show(pane);
    }

    /// Opens an account's detail over what is shown.
    pub fn open_account(&mut self, id: i64) {
        // The heading comes from the portfolio: read it again if the book changed.
        if std::mem::take(&mut self.stale[Pane::Portfolio.index()]) {
            self.panes.portfolio.follow(&mut self.cx);
        }
        let Some(account) = self.panes.portfolio.account_now(id, &self.cx) else {
            self.cx.say("that account is not in the book any more");
            return;
        };
        self.recent.retain(|a| *a != id);
        self.recent.push(id);
        let room = AccountRoom::open(account, &mut self.cx);
        self.stack.push(Layer::Account(Box::new(room)));
    }

    /// Does what the rooms asked, in order (an ask may lead to more).
    fn answer_asks(&mut self) {
        while !self.cx.asks.is_empty() {
            let ask = self.cx.asks.remove(0);
            match ask {
                Ask::OpenAccount(id) => self.open_account(id),
                Ask::LogTouchAt(id) => {
                    self.open_account(id);
                    if let Some(Layer::Account(room)) = self.stack.last_mut() {
                        room.start_form(Action::LogTouch, &mut self.cx);
                    }
                }
                Ask::Form(form) => self.stack.push(Layer::Form(form)),
                Ask::QbrPrep(id) => {
                    if let Some(room) = QbrRoom::open(id, &mut self.cx) {
                        self.stack.push(Layer::Qbr(Box::new(room)));
                    }
                }
                Ask::DrillIntoOwner(owner) => {
                    self.stack.clear();
                    self.pane = Pane::Portfolio;
                    self.show(Pane::Portfolio);
                    self.panes.portfolio.drill_into(owner, self.cx.viewport);
                }
                Ask::DrillIntoRenewals(owner, drill) => {
                    self.stack.clear();
                    self.pane = Pane::Renewals;
                    self.show(Pane::Renewals);
                    self.panes.renewals.drill_into(owner, *drill, &mut self.cx);
                }
                Ask::BackToTeam => {
                    self.panes.portfolio.leave_drill(self.cx.viewport);
                    self.panes.renewals.leave_drill(self.cx.viewport);
                    self.pane = Pane::Team;
                    self.show(Pane::Team);
                }
                Ask::Wrote => self.book_changed(),
            }
        }
    }
}
