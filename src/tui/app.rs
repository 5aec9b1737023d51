//! The cockpit's state and the one place it changes: `App::update(Action)`. No drawing
//! and no terminal here, so every behaviour can be tested key by key.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::account_detail::AccountDetail;
use super::action::Action;
use super::keymap::{ALWAYS_QUIT, Key, Keymap};
use super::pane::Pane;
use super::portfolio_list::PortfolioList;
use super::prompt::{Prompt, PromptKind};
use super::renewal_list::RenewalList;
use super::stakeholder_pane::StakeholderPane;
use super::task_list::TaskList;
use super::team_list::TeamList;
use super::theme::Theme;
use super::today_list::TodayList;
use crate::book::account::NewTouch;
use crate::book::health::OverrideRequest;
use crate::book::portfolio::PortfolioAccount;
use crate::book::today::Scope;
use crate::book::{Book, BookError, Stamp};
use crate::domain::health::{HealthRules, effective};
use crate::domain::stakeholders::CoverageRules;
use crate::domain::today::{Item, TodayRules};

/// What the keyboard is doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Moving through a pane.
    Browse,
    /// Typing a filter: every printable key is a letter.
    Filter,
    /// The help overlay is up.
    Help,
    /// The selected account's detail is open.
    Account,
    /// A form is being typed at the bottom of the account detail.
    Prompt,
    /// QBR prep for the account in the detail.
    Brief,
}

/// Who is looking at what book, for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookLabel {
    pub name: String,
    pub demo: bool,
}

pub struct App {
    pub today: NaiveDate,
    pub label: BookLabel,
    /// The book, for what panes read on demand and for writes; None in view tests that
    /// draw prepared lists.
    pub book: Option<Book>,
    pub rules: HealthRules,
    /// Who signs this person's changes in the journal.
    pub actor: String,
    pub detail: Option<AccountDetail>,
    pub prompt: Option<Prompt>,
    /// Where the keyboard goes back to when the form is done.
    pub prompt_return: Mode,
    /// The Renewals pane's list, read from the book the first time the pane is shown.
    pub renewals: Option<RenewalList>,
    /// The Stakeholders pane, read from the book the first time it is shown.
    pub stakeholders: Option<StakeholderPane>,
    /// The Tasks pane's list, read from the book the first time it is shown.
    pub tasks: Option<TaskList>,
    /// The Today queue; None until it has been read.
    pub today_list: Option<TodayList>,
    /// Whose queue, what they last saw, and the renewal playbooks' stages.
    pub today_scope: Scope,
    /// How the queue weighs items (the config's `[today]`).
    pub today_rules: TodayRules,
    /// The queue being read in the background.
    pub(super) today_job: Option<super::today_app::TodayJob>,
    /// The Today item a form is about.
    pub(super) today_subject: Option<Item>,
    /// How stakeholder coverage is judged (the config's `[stakeholders]`).
    pub coverage: CoverageRules,
    /// A one-line note for the status bar: what was just saved, or what went wrong.
    pub message: Option<String>,
    /// Health is being recomputed in the background; the list shows the last scores.
    pub recomputing: bool,
    pub keymap: Keymap,
    pub pane: Pane,
    pub mode: Mode,
    pub portfolio: PortfolioList,
    /// QBR prep, while it is open.
    pub brief: Option<super::brief_app::BriefView>,
    /// The Team pane's rows, read from the book the first time the pane is shown.
    pub team: Option<TeamList>,
    /// The Portfolio shows one CSM's accounts because Enter on the Team pane asked:
    /// Esc goes back there.
    pub drilled_from_team: bool,
    /// Rows the current list has on screen, told by the last draw.
    pub viewport: usize,
    pub theme: Theme,
    /// The book's `data_version` when last looked at: another connection's commit
    /// changes it (see `elsewhere.rs`).
    pub(super) seen_version: Option<i64>,
    /// The last journal entry already shown or reloaded.
    pub(super) seen_journal: i64,
    pub quit: bool,
}

impl App {
    pub fn new(portfolio: PortfolioList, today: NaiveDate, keymap: Keymap, book: BookLabel) -> App {
        App {
            today,
            label: book,
            book: None,
            rules: HealthRules::default(),
            actor: "csm".into(),
            detail: None,
            prompt: None,
            prompt_return: Mode::Account,
            renewals: None,
            stakeholders: None,
            tasks: None,
            today_list: None,
            today_scope: Scope::default(),
            today_rules: TodayRules::default(),
            today_job: None,
            today_subject: None,
            coverage: CoverageRules::default(),
            message: None,
            recomputing: false,
            keymap,
            pane: Pane::Today,
            mode: Mode::Browse,
            portfolio,
            team: None,
            brief: None,
            drilled_from_team: false,
            viewport: 20,
            theme: Theme::default(),
            seen_version: None,
            seen_journal: 0,
            quit: false,
        }
    }

    /// Loads what the panes show from the book, once, and keeps the book for the
    /// detail and for writes.
    pub fn load(
        book: Book,
        today: NaiveDate,
        keymap: Keymap,
        rules: HealthRules,
    ) -> Result<App, BookError> {
        let label = BookLabel {
            name: book
                .path()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "in memory".into()),
            demo: book.is_demo()?,
        };
        let accounts = portfolio_with_overrides(&book, &rules, today)?;
        let portfolio = PortfolioList::new(accounts, today);
        let mut app = App::new(portfolio, today, keymap, label);
        app.book = Some(book);
        app.rules = rules;
        app.mark_seen();
        Ok(app)
    }

    /// Reads the portfolio again (after a recompute), keeping the order, the filters and
    /// the selected account.
    pub fn reload_portfolio(&mut self) -> Result<(), BookError> {
        if let Some(book) = &self.book {
            let accounts = portfolio_with_overrides(book, &self.rules, self.today)?;
            self.portfolio.replace_accounts(accounts, self.viewport);
        }
        Ok(())
    }

    /// The action a key asks for in the current mode.
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(event);
        if key == ALWAYS_QUIT {
            return Some(Action::Quit);
        }
        match self.mode {
            // Typing a filter, the list can still be moved through.
            Mode::Filter => text_entry(event, key.mods).or_else(|| {
                matches!(event.code, KeyCode::Down | KeyCode::Up)
                    .then(|| self.keymap.action_for(key))
                    .flatten()
            }),
            Mode::Help => match self.keymap.action_for(key) {
                Some(Action::Quit) => Some(Action::Quit),
                Some(_) | None => Some(Action::ToggleHelp),
            },
            Mode::Account => match self.keymap.action_for(key) {
                Some(
                    a @ (Action::Quit
                    | Action::ToggleHelp
                    | Action::Back
                    | Action::SetOverride
                    | Action::ClearOverride
                    | Action::LogTouch
                    | Action::QbrPrep),
                ) => Some(a),
                _ if event.code == KeyCode::Esc => Some(Action::Back),
                _ => None,
            },
            Mode::Prompt => text_entry(event, key.mods),
            Mode::Brief => self
                .keymap
                .action_for(key)
                .or_else(|| (event.code == KeyCode::Esc).then_some(Action::Back)),
            Mode::Browse => self.keymap.action_for(key),
        }
    }

    /// Handles a key: finds its action and applies it. Returns whether anything changed.
    pub fn on_key(&mut self, event: &KeyEvent) -> bool {
        match self.action_for(event) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// Applies an action. Returns whether the screen needs drawing again.
    pub fn update(&mut self, action: Action) -> bool {
        if self.mode == Mode::Prompt {
            return self.update_prompt(action);
        }
        if self.mode == Mode::Brief {
            return self.update_brief(action);
        }
        if self.mode == Mode::Account && action == Action::QbrPrep {
            self.open_brief();
            return true;
        }
        if action != Action::Quit {
            self.message = None;
        }
        if self.pane == Pane::Team
            && self.mode == Mode::Browse
            && let Some(changed) = self.update_team(action)
        {
            return changed;
        }
        if self.pane == Pane::Portfolio
            && self.mode == Mode::Browse
            && action == Action::Back
            && self.back_to_team()
        {
            return true;
        }
        if self.pane == Pane::Today
            && self.mode == Mode::Browse
            && let Some(changed) = self.update_today(action)
        {
            return changed;
        }
        if self.pane == Pane::Renewals
            && self.mode == Mode::Browse
            && let Some(changed) = self.update_renewals(action)
        {
            return changed;
        }
        if self.pane == Pane::Stakeholders
            && self.mode == Mode::Browse
            && let Some(changed) = self.update_stakeholders(action)
        {
            return changed;
        }
        if self.pane == Pane::Tasks
            && self.mode == Mode::Browse
            && let Some(changed) = self.update_tasks(action)
        {
            return changed;
        }
        if self.pane == Pane::Tasks && self.mode == Mode::Filter {
            return self.update_task_filter(action);
        }
        let page = self.viewport.max(1) as isize;
        let list = &mut self.portfolio;
        let on_list = self.pane == Pane::Portfolio;
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Browse
                } else {
                    Mode::Help
                };
            }
            Action::NextPane => self.go_to(self.pane.next()),
            Action::PrevPane => self.go_to(self.pane.prev()),
            Action::GoTo(pane) => self.go_to(pane),
            Action::MoveDown if on_list => list.move_by(1, self.viewport),
            Action::MoveUp if on_list => list.move_by(-1, self.viewport),
            Action::Top if on_list => list.select(0, self.viewport),
            Action::Bottom if on_list => list.select(usize::MAX, self.viewport),
            Action::HalfPageDown if on_list => list.move_by(page / 2, self.viewport),
            Action::HalfPageUp if on_list => list.move_by(-page / 2, self.viewport),
            Action::PageDown if on_list => list.move_by(page, self.viewport),
            Action::PageUp if on_list => list.move_by(-page, self.viewport),
            Action::ScrollDown if on_list => list.scroll_by(3, self.viewport),
            Action::ScrollUp if on_list => list.scroll_by(-3, self.viewport),
            Action::SelectVisibleRow(row) if on_list => {
                list.select(list.offset() + row, self.viewport)
            }
            Action::CycleSort if on_list => list.cycle_sort(self.viewport),
            Action::StartFilter if on_list => self.mode = Mode::Filter,
            Action::FilterInput(c) => {
                let mut filter = list.filter().to_string();
                filter.push(c);
                list.set_filter(&filter, self.viewport);
            }
            Action::FilterBackspace => {
                let mut filter = list.filter().to_string();
                filter.pop();
                list.set_filter(&filter, self.viewport);
            }
            Action::FilterClear => list.set_filter("", self.viewport),
            Action::FilterAccept => self.mode = Mode::Browse,
            Action::FilterCancel => {
                list.set_filter("", self.viewport);
                self.mode = Mode::Browse;
            }
            Action::CycleOwner if on_list => list.cycle_owner(self.viewport),
            Action::CycleSegment if on_list => list.cycle_segment(self.viewport),
            Action::CycleBand if on_list => list.cycle_band(self.viewport),
            Action::Open if on_list && list.selected().is_some() => self.open_detail(),
            Action::SetOverride | Action::ClearOverride | Action::LogTouch
                if self.mode == Mode::Account =>
            {
                self.start_form(action)
            }
            Action::Back => match self.mode {
                Mode::Account => {
                    self.detail = None;
                    self.mode = Mode::Browse;
                }
                Mode::Help | Mode::Filter | Mode::Prompt | Mode::Brief => self.mode = Mode::Browse,
                Mode::Browse if on_list && list.facets() != Default::default() => {
                    list.clear_facets(self.viewport)
                }
                Mode::Browse if on_list && !list.filter().is_empty() => {
                    list.set_filter("", self.viewport)
                }
                Mode::Browse => return false,
            },
            _ => return false,
        }
        true
    }

    fn go_to(&mut self, pane: Pane) {
        self.pane = pane;
        self.mode = Mode::Browse;
        self.detail = None;
        if pane == Pane::Renewals && self.renewals.is_none() {
            self.load_renewals();
        }
        if pane == Pane::Stakeholders && self.stakeholders.is_none() {
            self.load_stakeholders();
        }
        if pane == Pane::Tasks && self.tasks.is_none() {
            self.load_tasks();
        }
        if pane == Pane::Team && self.team.is_none() {
            self.load_team();
        }
        if pane != Pane::Portfolio {
            self.drilled_from_team = false;
        }
        if pane == Pane::Today && self.today_list.is_none() && !self.today_pending() {
            self.start_today(self.today_scope.owner.clone());
        }
    }

    /// Opens the selected account's detail, read fresh from the book.
    fn open_detail(&mut self) {
        if let Some(id) = self.portfolio.selected().map(|r| r.account.id) {
            self.open_account(id);
        }
    }

    /// Opens an account's detail, read fresh from the book.
    pub(super) fn open_account(&mut self, id: i64) {
        self.mode = Mode::Account;
        self.detail = None;
        if let Some(book) = &self.book {
            match AccountDetail::load(book, &self.rules, id, self.today) {
                Ok(detail) => self.detail = Some(detail),
                Err(e) => self.message = Some(format!("could not read the account: {e}")),
            }
        }
    }

    pub(super) fn start_form(&mut self, action: Action) {
        let Some(detail) = &self.detail else {
            return;
        };
        if detail.health.is_none() {
            self.message = Some("a churned account has no health to override or touch".into());
            return;
        }
        match action {
            Action::SetOverride => {
                self.prompt = Some(Prompt::new(PromptKind::Override));
                self.prompt_return = Mode::Account;
                self.mode = Mode::Prompt;
            }
            Action::LogTouch => {
                self.prompt = Some(Prompt::new(PromptKind::Touch));
                self.prompt_return = Mode::Account;
                self.mode = Mode::Prompt;
            }
            Action::ClearOverride => {
                let account = detail.account;
                let stamp = self.stamp();
                let today = self.today;
                let cleared = match &mut self.book {
                    Some(book) => book.clear_override(&stamp, account, today),
                    None => Ok(false),
                };
                self.message = Some(match cleared {
                    Ok(true) => "Override cleared: the computed score stands".into(),
                    Ok(false) => "There is no override to clear".into(),
                    Err(e) => format!("Not cleared: {e}"),
                });
                self.after_write();
            }
            _ => {}
        }
    }

    /// Keys while a form is open: typing, Enter to answer, Esc to drop the form.
    fn update_prompt(&mut self, action: Action) -> bool {
        let Some(prompt) = self.prompt.as_mut() else {
            self.mode = self.prompt_return;
            return true;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::FilterInput(c) => prompt.input.push(c),
            Action::FilterBackspace => {
                prompt.input.pop();
            }
            Action::FilterClear => prompt.input.clear(),
            Action::FilterCancel => {
                self.prompt = None;
                self.mode = self.prompt_return;
                self.message = Some("Nothing was changed".into());
            }
            Action::FilterAccept => {
                let people = self
                    .detail
                    .as_ref()
                    .map(|d| d.overview.people.clone())
                    .unwrap_or_default();
                if prompt.accept(self.today, &people) {
                    let prompt = self.prompt.take();
                    self.mode = self.prompt_return;
                    match prompt {
                        Some(p) if matches!(p.kind, PromptKind::Forecast | PromptKind::Outcome) => {
                            self.submit_renewal(&p)
                        }
                        Some(p) if p.kind == PromptKind::SnoozeItem => self.submit_today_snooze(&p),
                        Some(p)
                            if matches!(p.kind, PromptKind::GoalUpdate | PromptKind::AddGoal) =>
                        {
                            self.submit_goal(&p)
                        }
                        Some(p)
                            if matches!(
                                p.kind,
                                PromptKind::SnoozeTask | PromptKind::Reassign | PromptKind::AddTask
                            ) =>
                        {
                            self.submit_task(&p)
                        }
                        Some(p)
                            if matches!(
                                p.kind,
                                PromptKind::ContactTouch
                                    | PromptKind::ContactEdit
                                    | PromptKind::AddContact
                                    | PromptKind::ContactLeft
                            ) =>
                        {
                            self.submit_contact(&p)
                        }
                        Some(p) => self.submit(&p, &people),
                        None => {}
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Writes a completed form to the book; the status bar says it is saved only once
    /// the write has committed.
    fn submit(&mut self, prompt: &Prompt, people: &[crate::book::account::Person]) {
        let (Some(detail), Some(_)) = (&self.detail, &self.book) else {
            return;
        };
        let account = detail.account;
        let stamp = self.stamp();
        let today = self.today;
        let rules = self.rules.clone();
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let result = match prompt.kind {
            PromptKind::Override => prompt.override_answers(today).map(|o| {
                let request = OverrideRequest {
                    score: o.score,
                    band: o.band,
                    reason: o.reason,
                    expires_on: o.expires_on,
                };
                let what = o
                    .score
                    .map(|s| s.to_string())
                    .or(o.band.map(|b| b.as_str().to_string()))
                    .unwrap_or_default();
                book.set_override(&stamp, account, &request, today)
                    .map(|_| format!("Override saved: {what} until {}", o.expires_on))
            }),
            PromptKind::Forecast
            | PromptKind::Outcome
            | PromptKind::ContactTouch
            | PromptKind::ContactEdit
            | PromptKind::AddContact
            | PromptKind::ContactLeft
            | PromptKind::SnoozeTask
            | PromptKind::SnoozeItem
            | PromptKind::GoalUpdate
            | PromptKind::AddGoal
            | PromptKind::Reassign
            | PromptKind::AddTask => None,
            PromptKind::Touch => prompt.touch_answers(people).map(|t| {
                let touch = NewTouch {
                    contact: t.contact,
                    kind: t.kind,
                    on: today,
                    summary: t.summary,
                };
                book.log_touch(&stamp, account, &touch)
                    .and_then(|_| book.recompute_account_health(&rules, account, today))
                    .map(|_| format!("Logged: {} on {today}", t.kind.label()))
            }),
        };
        self.message = Some(match result {
            Some(Ok(done)) => done,
            Some(Err(e)) => format!("Not saved: {e}"),
            None => "Not saved: the form was incomplete".into(),
        });
        self.after_write();
    }

    /// Reads the detail and the portfolio again so the screen shows what the book holds.
    fn after_write(&mut self) {
        if let Some(id) = self.detail.as_ref().map(|d| d.account)
            && let Some(book) = &self.book
        {
            match AccountDetail::load(book, &self.rules, id, self.today) {
                Ok(detail) => self.detail = Some(detail),
                Err(e) => self.message = Some(format!("could not read the account: {e}")),
            }
        }
        if let Err(e) = self.reload_portfolio() {
            self.message = Some(format!("could not read the portfolio: {e}"));
        }
        self.today_changed();
    }

    /// The journal's record of who changes what, and when (the real time, UTC).
    pub(super) fn stamp(&self) -> Stamp {
        Stamp {
            actor: self.actor.clone(),
            at: crate::clock::now_utc(),
        }
    }
}

/// The keys of a line of text being typed (a filter, a prompt's answer): letters are
/// letters, whatever the keymap binds them to.
fn text_entry(event: &KeyEvent, mods: KeyModifiers) -> Option<Action> {
    match (event.code, mods) {
        (KeyCode::Esc, _) => Some(Action::FilterCancel),
        (KeyCode::Enter, _) => Some(Action::FilterAccept),
        (KeyCode::Backspace, _) => Some(Action::FilterBackspace),
        (KeyCode::Char('u'), KeyModifiers::CONTROL) => Some(Action::FilterClear),
        (KeyCode::Char(c), m) if !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            Some(Action::FilterInput(c))
        }
        _ => None,
    }
}

/// The portfolio with each standing override applied: its score and band are the ones
/// shown, and the computed ones are kept beside them.
fn portfolio_with_overrides(
    book: &Book,
    rules: &HealthRules,
    today: NaiveDate,
) -> Result<Vec<PortfolioAccount>, BookError> {
    let mut accounts = book.portfolio()?;
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
