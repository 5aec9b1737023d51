//! The Stakeholders pane: the accounts with coverage gaps (largest ARR first), and, once
//! one is opened, its map of people. From the map its keys log a touch, edit a role,
//! sentiment or influence, add a contact or record a departure. Every write is committed
//! before the status bar says so, and the map and gaps are read again.

mod keys;
mod state;
mod view;

pub use keys::{keys, map_keys};
pub use state::{AccountMap, StakeholderPane};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::account::NewTouch;
use crate::book::stakeholders::GapRow;
use crate::book::stakeholders::NewContact;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_aside};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{
    AddContactForm, ContactEditForm, ContactLeftForm, ContactTouchForm, Form, Submission,
};

/// Accounts with a gap read first, at once, when the pane opens: a screen and more,
/// whatever the size of the book; the rest follows from the background.
const FIRST_ROWS: usize = 100;

#[derive(Default)]
pub struct StakeholdersRoom {
    /// Read from the book the first time the pane is shown.
    pub pane: Option<StakeholderPane>,
    /// Every account's gaps are being read in the background.
    pub reading: bool,
    /// Numbers the whole reads: only the latest one asked for is taken.
    read: u64,
    /// A write landed while a whole read was under way: read again once it is in.
    again: bool,
}

impl StakeholdersRoom {
    /// Reads the accounts with coverage gaps from the book: the first time, the largest
    /// ones at once (the user's own when the pane starts on them), and every one after.
    fn load(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        if self.pane.is_none() {
            let me = cx.me.as_deref();
            let first = book
                .gap_list_first(&cx.coverage, cx.today, me, FIRST_ROWS)
                .and_then(|rows| match rows.is_empty() && me.is_some() {
                    // No gap of the user's: the pane starts on everyone's.
                    true => book.gap_list_first(&cx.coverage, cx.today, None, FIRST_ROWS),
                    false => Ok(rows),
                });
            match first {
                Ok(rows) => {
                    let mut pane = StakeholderPane::first(rows);
                    pane.show_owner(me, cx.viewport);
                    self.pane = Some(pane);
                    self.read_reasons(cx);
                }
                Err(e) => return cx.say(format!("could not read the stakeholders: {e}")),
            }
        }
        self.read_whole(cx);
    }

    /// Reads every account's gaps: on a connection of its own when the book is a file
    /// and the loop is running (what is shown stays usable meanwhile), else at once.
    fn read_whole(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        if self.reading {
            self.again = true;
            return;
        }
        self.read += 1;
        let (read, rules, today) = (self.read, cx.coverage.clone(), cx.today);
        let work =
            move |book: &crate::book::Book| book.gap_list(&rules, today).map_err(|e| e.to_string());
        match read_aside(book, cx.events.as_ref(), work, move |rows| {
            Event::Stakeholders(read, rows)
        }) {
            Some(rows) => self.take(read, rows, cx),
            None => self.reading = true,
        }
    }

    /// Takes every account's gaps, if from the latest read asked for, keeping the
    /// selection and what narrows the list; reads again if a write landed meanwhile.
    pub fn take(&mut self, read: u64, rows: Result<Vec<GapRow>, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        match rows {
            Ok(accounts) => match self.pane.as_mut() {
                Some(pane) => pane.replace(accounts, cx.viewport),
                None => {
                    let mut pane = StakeholderPane::new(accounts);
                    pane.show_owner(cx.me.as_deref(), cx.viewport);
                    self.pane = Some(pane);
                }
            },
            Err(e) => cx.say(format!("could not read the stakeholders: {e}")),
        }
        self.read_reasons(cx);
        if std::mem::take(&mut self.again) {
            self.read_whole(cx);
        }
    }

    /// Reads these accounts' rows again after a change to them, each put in its place.
    fn reread_rows(&mut self, accounts: &[i64], cx: &mut Ctx) {
        let (Some(book), Some(pane)) = (cx.book.as_ref(), self.pane.as_mut()) else {
            return;
        };
        let mut failed = None;
        for &account in accounts {
            match book.gap_row(&cx.coverage, cx.today, account) {
                Ok(row) => pane.replace_row(account, row, cx.viewport),
                Err(e) => failed = Some(e),
            }
        }
        if let Some(e) = failed {
            cx.say(format!("could not read the stakeholders: {e}"));
        }
        // A whole read under way may have read these accounts before the write.
        self.again |= self.reading;
        self.read_reasons(cx);
    }

    /// Reads the gaps' reasons of the accounts in view.
    fn read_reasons(&mut self, cx: &mut Ctx) {
        let (Some(book), Some(pane)) = (cx.book.as_ref(), self.pane.as_mut()) else {
            return;
        };
        if let Err(e) = pane.read_reasons(book, &cx.coverage, cx.today, cx.viewport) {
            cx.say(format!("could not read the gaps: {e}"));
        }
    }

    fn open_map(
        &mut self,
        id: i64,
        name: String,
        segment: crate::domain::vocab::Segment,
        cx: &mut Ctx,
    ) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        match AccountMap::load(book, &cx.coverage, cx.today, id, name, segment) {
            Ok(map) => {
                if let Some(pane) = self.pane.as_mut() {
                    pane.map = Some(map);
                }
            }
            Err(e) => cx.say(format!("could not read the people: {e}")),
        }
    }

    /// Reads the open map again, on the person it was on (or `select`).
    fn reopen_map(&mut self, select: Option<i64>, cx: &mut Ctx) {
        let Some(map) = self.pane.as_ref().and_then(|p| p.map.as_ref()) else {
            return;
        };
        let (account, name, segment) = (map.account_id, map.account.clone(), map.segment);
        let select = select.or(map.person().map(|p| p.id));
        self.open_map(account, name, segment, cx);
        if let (Some(id), Some(map)) = (select, self.pane.as_mut().and_then(|p| p.map.as_mut())) {
            map.select_person(id);
            let len = map.lines.len();
            map.cursor.keep_in_view(len, cx.viewport);
        }
    }

    /// Does what an action asks of the list or the map; whether anything changed.
    fn act(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let viewport = cx.viewport;
        let Some(pane) = self.pane.as_mut() else {
            return false;
        };
        if let Some(map) = pane.map.as_mut() {
            let len = map.lines.len();
            if map.cursor.apply(action, len, viewport) {
                return true;
            }
            match action {
                Action::Back => pane.map = None,
                Action::Open => return false,
                Action::LogTouch
                | Action::EditContact
                | Action::AddContact
                | Action::ContactLeft => self.start_form(action, cx),
                _ => return false,
            }
            return true;
        }
        let len = pane.len();
        if pane.cursor.apply(action, len, viewport) {
            return true;
        }
        match action {
            Action::Open => {
                let Some(a) = pane.selected() else {
                    return false;
                };
                let (id, name, segment) = (a.account_id, a.account.clone(), a.segment);
                self.open_map(id, name, segment, cx);
            }
            Action::NextOwner => pane.cycle_owner(viewport),
            Action::Back if pane.is_narrowed() => pane.clear(viewport),
            _ => return false,
        }
        true
    }

    fn start_form(&mut self, action: Action, cx: &mut Ctx) {
        let Some(map) = self.pane.as_ref().and_then(|p| p.map.as_ref()) else {
            return;
        };
        let contact = map.person().map(|p| (p.id, p.name.clone()));
        let form = match (action, contact) {
            (Action::AddContact, _) => Form::new(AddContactForm::default()),
            (_, None) => {
                let add = cx.key(Context::Map, Action::AddContact);
                cx.say(format!(
                    "{} has nobody on file: {add} adds a contact",
                    map.account
                ));
                return;
            }
            (Action::LogTouch, Some(c)) => Form::new(ContactTouchForm::new(c)),
            (Action::EditContact, Some(c)) => Form::new(ContactEditForm(c)),
            (_, Some(c)) => Form::new(ContactLeftForm(c)),
        };
        cx.ask(Ask::Form(form));
    }
}

impl Room for StakeholdersRoom {
    fn context(&self) -> Context {
        match self.pane.as_ref().and_then(|p| p.map.as_ref()) {
            Some(_) => Context::Map,
            None => Context::Stakeholders,
        }
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let changed = self.act(action, cx);
        if changed && self.pane.as_ref().is_some_and(|p| p.map.is_none()) {
            self.read_reasons(cx);
        }
        changed
    }

    fn first_row(&self) -> Option<u16> {
        // The gap list has a heading row; the map's chart has none.
        let pane = self.pane.as_ref()?;
        Some(if pane.map.is_some() { 3 } else { 4 })
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        let Some(map) = self.pane.as_ref().and_then(|p| p.map.as_ref()) else {
            return;
        };
        let account = map.account_id;
        let (stamp, today, rules) = (cx.stamp(), cx.today, cx.rules.clone());
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let mut select = None;
        let result = match form {
            Submission::ContactTouch {
                contact: (id, who),
                kind,
                summary,
            } => {
                select = Some(id);
                let touch = NewTouch {
                    contact: Some(id),
                    kind,
                    on: today,
                    summary,
                };
                book.log_touch(&stamp, account, &touch)
                    .and_then(|_| book.recompute_account_health(&rules, account, today))
                    .map(|_| format!("Logged: {} with {who} on {today}", kind.label()))
            }
            Submission::ContactEdit {
                contact: (id, who),
                edit,
                said,
            } => {
                select = Some(id);
                book.edit_contact(&stamp, id, edit, today)
                    .map(|_| format!("{who}: {said} saved"))
            }
            Submission::ContactLeft {
                contact: (id, who),
                on,
            } => {
                select = Some(id);
                book.mark_left(&stamp, id, on)
                    .map(|_| format!("{who} left on {on}"))
            }
            Submission::AddContact { name, role } => {
                let new = NewContact {
                    name,
                    title: None,
                    role,
                    reports_to: None,
                };
                book.add_contact(&stamp, account, &new, today).map(|id| {
                    select = Some(id);
                    format!("Added {}, {}", new.name.trim(), role.label())
                })
            }
            _ => return,
        };
        cx.said_write(result.map_err(|e| e.to_string()));
        let message = cx.message.clone();
        self.reopen_map(select, cx);
        self.reread_rows(&[account], cx);
        cx.message = message;
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if self.pane.is_none() || stale {
            self.load(cx);
        }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if self.pane.is_some() {
            match cx.touched.clone().filter(|t| !t.is_empty()) {
                Some(accounts) => self.reread_rows(&accounts, cx),
                None => self.load(cx),
            }
            self.reopen_map(None, cx);
        }
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        match self.pane.as_mut() {
            Some(pane) if pane.map.is_none() => {
                pane.narrow(text, cx.viewport);
                if let Some(book) = cx.book.as_ref() {
                    // A reason not read leaves its row's reasons blank, never wrong.
                    let _ = pane.read_reasons(book, &cx.coverage, cx.today, cx.viewport);
                }
                true
            }
            Some(_) => false,
            None => true,
        }
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        let pane = self.pane.as_ref().filter(|p| p.map.is_none())?;
        Some((pane.text().to_string(), pane.len()))
    }
}
