//! The cockpit's state and the one place it changes: `App::update(Action)`. No drawing
//! and no terminal here, so every behaviour can be tested key by key.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::keymap::{ALWAYS_QUIT, Key, Keymap};
use super::pane::Pane;
use super::portfolio_list::PortfolioList;
use super::team_list::{TeamLine, team_lines};
use super::theme::Theme;
use crate::book::{Book, BookError};

/// What the keyboard is doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Moving through a pane.
    Browse,
    /// Typing a filter: every printable key is a letter.
    Filter,
    /// The help overlay is up.
    Help,
    /// The selected account's card is open.
    Account,
}

/// Who is looking at what book, for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookLabel {
    pub name: String,
    pub demo: bool,
}

pub struct App {
    pub today: NaiveDate,
    pub book: BookLabel,
    pub keymap: Keymap,
    pub pane: Pane,
    pub mode: Mode,
    pub portfolio: PortfolioList,
    pub team: Vec<TeamLine>,
    /// Rows the current list has on screen, told by the last draw.
    pub viewport: usize,
    pub theme: Theme,
    pub quit: bool,
}

impl App {
    pub fn new(
        portfolio: PortfolioList,
        team: Vec<TeamLine>,
        today: NaiveDate,
        keymap: Keymap,
        book: BookLabel,
    ) -> App {
        App {
            today,
            book,
            keymap,
            pane: Pane::Portfolio,
            mode: Mode::Browse,
            portfolio,
            team,
            viewport: 20,
            theme: Theme::default(),
            quit: false,
        }
    }

    /// Loads what the panes show from the book, once.
    pub fn load(book: &Book, today: NaiveDate, keymap: Keymap) -> Result<App, BookError> {
        let label = BookLabel {
            name: book
                .path()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "in memory".into()),
            demo: book.is_demo()?,
        };
        let portfolio = PortfolioList::new(book.portfolio()?, today);
        let team = team_lines(&book.team_members()?, &portfolio);
        Ok(App::new(portfolio, team, today, keymap, label))
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
            Mode::Filter => match (event.code, key.mods) {
                (KeyCode::Esc, _) => Some(Action::FilterCancel),
                (KeyCode::Enter, _) => Some(Action::FilterAccept),
                (KeyCode::Backspace, _) => Some(Action::FilterBackspace),
                (KeyCode::Char('u'), KeyModifiers::CONTROL) => Some(Action::FilterClear),
                (KeyCode::Char(c), m)
                    if !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::FilterInput(c))
                }
                (KeyCode::Down | KeyCode::Up, _) => self.keymap.action_for(key),
                _ => None,
            },
            Mode::Help => match self.keymap.action_for(key) {
                Some(Action::Quit) => Some(Action::Quit),
                Some(_) | None => Some(Action::ToggleHelp),
            },
            Mode::Account => match self.keymap.action_for(key) {
                Some(Action::Quit) => Some(Action::Quit),
                Some(Action::ToggleHelp) => Some(Action::ToggleHelp),
                _ if event.code == KeyCode::Esc || event.code == KeyCode::Enter => {
                    Some(Action::Back)
                }
                other => other.filter(|a| matches!(a, Action::Back)),
            },
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
            Action::Open if on_list && list.selected().is_some() => self.mode = Mode::Account,
            Action::Back => match self.mode {
                Mode::Account | Mode::Help | Mode::Filter => self.mode = Mode::Browse,
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
    }
}
