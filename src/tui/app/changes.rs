//! How the app follows changes to the book: a write made here, the work done on
//! opening, an undo or redo, and (with `elsewhere.rs`) another process's write. What is
//! on screen is read again at once; the other panes before they are next shown.

use super::{App, Layer};
use crate::tui::pane::Pane;
use crate::tui::panes::Room;

impl App {
    /// The book changed under what is shown (a write here, an undo, another process):
    /// the queue is read again at once, the account's heading follows its new score,
    /// and every other pane reads again before it is next shown.
    pub(crate) fn book_changed(&mut self) {
        self.stale = [true; Pane::ALL.len()];
        // A pane that made the change read itself again; under a room, it reads again
        // when the room closes.
        let top = self.stack.iter().rposition(Layer::is_room);
        if top.is_none() {
            self.stale[self.pane.index()] = false;
        }
        let message = self.cx.message.clone();
        if self.account().is_some() || self.pane == Pane::Portfolio {
            self.panes.portfolio.follow(&mut self.cx);
            self.stale[Pane::Portfolio.index()] = false;
        }
        // The room on top read itself again; those under it read now.
        self.retitle_rooms();
        for (i, layer) in self.stack.iter_mut().enumerate() {
            match layer {
                Layer::Account(room) if Some(i) != top => room.reload(&mut self.cx),
                Layer::Qbr(room) if Some(i) != top => room.reload(&mut self.cx),
                _ => {}
            }
        }
        if self.panes.today.list.is_some() {
            self.panes.today.follow(&mut self.cx);
            self.stale[Pane::Today.index()] = false;
        }
        if self.cx.message.is_none() {
            self.cx.message = message;
        }
    }

    /// The account rooms open over the panes take their headings from the portfolio
    /// as it now reads.
    pub(crate) fn retitle_rooms(&mut self) {
        for layer in &mut self.stack {
            if let Layer::Account(room) = layer
                && let Some(a) = self.panes.portfolio.list.account(room.account.id)
            {
                room.account = a.clone();
            }
        }
    }

    /// Reads again what is on screen (after a change made elsewhere), each room keeping
    /// its selection and filters; a form being typed stays as it is.
    pub(crate) fn reload_on_screen(&mut self) {
        let message = self.cx.message.take();
        self.stale = [true; Pane::ALL.len()];
        self.panes.portfolio.follow(&mut self.cx);
        self.stale[Pane::Portfolio.index()] = false;
        let pane = self.pane;
        self.stale[pane.index()] = false;
        self.panes.room_mut(pane).reload(&mut self.cx);
        if pane != Pane::Today && self.panes.today.list.is_some() {
            self.panes.today.follow(&mut self.cx);
            self.stale[Pane::Today.index()] = false;
        }
        self.retitle_rooms();
        for layer in &mut self.stack {
            match layer {
                Layer::Account(room) => room.reload(&mut self.cx),
                Layer::Qbr(room) => room.reload(&mut self.cx),
                _ => {}
            }
        }
        if self.cx.message.is_none() {
            self.cx.message = message;
        }
    }

    /// The work done on opening (a recompute, the playbooks) is done: what it wrote is
    /// read again, and is not news.
    pub fn opened(&mut self, result: Result<crate::tui::Opened, String>) {
        self.cx.recomputing = false;
        match result {
            Ok(opened) => {
                // A note already up (a playbook file skipped) stays beside the news.
                let before = self.cx.message.take();
                self.reload_on_screen();
                self.mark_seen();
                let health = opened
                    .recomputed
                    .then(|| format!("Health recomputed as of {}", self.cx.today));
                let added =
                    (opened.tasks > 0).then(|| format!("playbooks added {} tasks", opened.tasks));
                let closed = (opened.closed > 0)
                    .then(|| format!("{} tasks closed themselves", opened.closed));
                let tasks = match (added, closed) {
                    (Some(a), Some(c)) => Some(format!("{a}, {c}")),
                    (a, c) => a.or(c),
                };
                let note = match (health, tasks) {
                    (Some(h), Some(t)) => Some(format!("{h}; {t}")),
                    (h, t) => h.or(t),
                };
                if self.cx.message.is_none() {
                    self.cx.message = match (note, before) {
                        (Some(n), Some(b)) => Some(format!("{n}; {b}")),
                        (n, b) => n.or(b),
                    };
                }
            }
            Err(e) => self.cx.say(format!("Background work failed: {e}")),
        }
    }

    /// Undoes this person's last change (or redoes the one undone last), then reads
    /// again what it touched.
    pub(super) fn undo(&mut self, redo: bool) {
        let stamp = self.cx.stamp();
        let (today, rules) = (self.cx.today, self.cx.rules.clone());
        let Some(book) = self.cx.book.as_mut() else {
            return;
        };
        let done = if redo {
            book.redo_last(&stamp)
        } else {
            book.undo_last(&stamp)
        };
        match done {
            Ok(undone) => {
                for account in &undone.accounts {
                    let _ = book.recompute_account_health(&rules, *account, today);
                }
                let word = if redo { "Redone" } else { "Undone" };
                self.cx.say(format!("{word}: {}", undone.summary));
                self.cx.touched = Some(undone.accounts);
                self.reload_on_screen();
                self.cx.touched = None;
            }
            Err(e) => self.cx.say(e.to_string()),
        }
    }
}
