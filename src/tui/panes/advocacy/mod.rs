//! The Advocacy pane: the reference pool across the book weighed against a sales request
//! (industry, segment, use case, by when): those who can be asked first, best fit first,
//! with why; those resting say until when. `r` types a request, `a` asks the selected
//! person (a reference call, a case study, a review; by when), `y` and `n` record how
//! their awaited ask went, a given one moving them up the ladder; each one journaled.
//! Beneath, the latest asks. The pool is read on a connection of its own.

mod keys;
mod list;
mod view;

pub use keys::keys;
pub use list::AdvocacyList;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::Book;
use crate::book::advocacy::{AskRow, NewAsk};
use crate::domain::advocacy::{Reference, Request};
use crate::domain::vocab::AskOutcome;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_beside};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{AskForm, Form, RequestForm, Submission};

/// The latest asks shown beneath the pool.
pub const LOG_ROWS: usize = 8;

/// What a read found: the pool and the latest asks.
pub struct Found {
    pub pool: Vec<Reference>,
    pub log: Vec<AskRow>,
    /// How many asks await an answer.
    pub awaiting: usize,
}

#[derive(Default)]
pub struct AdvocacyRoom {
    pub list: Option<AdvocacyList>,
    pub reading: bool,
    read: u64,
}

impl AdvocacyRoom {
    /// Reads the pool and the log: on a connection of its own when the loop runs.
    pub fn load(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        self.read += 1;
        let (read, today) = (self.read, cx.today);
        let work = move |b: &Book| {
            Ok(Found {
                pool: b.reference_pool(None, today).map_err(|e| e.to_string())?,
                log: b
                    .reference_asks(None, LOG_ROWS)
                    .map_err(|e| e.to_string())?,
                awaiting: b.asks_awaited(None).map_err(|e| e.to_string())?,
            })
        };
        let event = move |found| Event::Advocacy(read, found);
        match read_beside(book, cx.events.as_ref(), work, event) {
            Some(found) => self.take(read, found, cx),
            None => self.reading = true,
        }
    }

    pub fn take(&mut self, read: u64, found: Result<Found, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        let found = match found {
            Ok(f) => f,
            Err(e) => {
                cx.say(format!("could not read the reference pool: {e}"));
                return;
            }
        };
        let (rules, today) = (&cx.advocacy, cx.today);
        match self.list.as_mut() {
            Some(list) => list.replace(found.pool, found.log, rules, today, cx.viewport),
            None => {
                self.list = Some(AdvocacyList::new(
                    found.pool,
                    found.log,
                    Request::default(),
                    rules,
                    today,
                ))
            }
        }
        if let Some(list) = self.list.as_mut() {
            list.awaiting = found.awaiting;
        }
    }

    fn ask_form(&mut self, cx: &mut Ctx) {
        let Some(list) = self.list.as_ref() else {
            return;
        };
        let Some((r, m)) = list.selected() else {
            return;
        };
        if let Some(rest) = &m.resting {
            cx.say(format!("{}: not now, {}", r.name, rest.words()));
            return;
        }
        let form = AskForm::new((r.contact_id, r.name.clone()), list.request.clone());
        cx.ask(Ask::Form(Form::new(form)));
    }

    fn answer(&mut self, outcome: AskOutcome, cx: &mut Ctx) {
        let Some((r, _)) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let Some((ask, _)) = r.awaiting else {
            let a = cx.key(Context::Advocacy, Action::AskReference);
            cx.say(format!(
                "{} has no ask awaiting an answer: {a} asks them",
                r.name
            ));
            return;
        };
        let name = r.name.clone();
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = book
            .answer_ask(&stamp, ask, outcome, today)
            .map(|tier| match tier {
                Some(t) => format!("{name}: given; now {} on the ladder", t.label()),
                None => format!("{name}: declined"),
            })
            .map_err(|e| e.to_string());
        if cx.said_write(result) {
            self.load(cx);
        }
    }
}

impl Room for AdvocacyRoom {
    fn context(&self) -> Context {
        Context::Advocacy
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let Some(list) = self.list.as_mut() else {
            return false;
        };
        let len = list.len();
        if list.cursor.apply(action, len, cx.viewport) {
            return true;
        }
        match action {
            Action::Open => match list.selected() {
                Some((r, _)) => cx.ask(Ask::OpenAccount(r.account_id)),
                None => return false,
            },
            Action::Back if !list.text().is_empty() => list.narrow("", cx.viewport),
            Action::Back if !list.request.is_empty() => {
                list.ask_for(Request::default(), &cx.advocacy, cx.today, cx.viewport)
            }
            Action::NewRequest => cx.ask(Ask::Form(Form::new(RequestForm::new()))),
            Action::AskReference => self.ask_form(cx),
            Action::AskGiven => self.answer(AskOutcome::Given, cx),
            Action::AskDeclined => self.answer(AskOutcome::Declined, cx),
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

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        match form {
            Submission::ReferenceRequest(request) => {
                if let Some(list) = self.list.as_mut() {
                    let words = request.words();
                    list.ask_for(request, &cx.advocacy, cx.today, cx.viewport);
                    let offered = list.offered();
                    cx.say(format!(
                        "{words}: {offered} can be asked, the best fit first"
                    ));
                }
            }
            Submission::Ask {
                contact: (contact_id, name),
                kind,
                request,
                due_on,
            } => {
                let (stamp, today) = (cx.stamp(), cx.today);
                let Some(book) = cx.book.as_mut() else {
                    return;
                };
                let ask = NewAsk {
                    contact_id,
                    kind,
                    request,
                    due_on: Some(due_on),
                };
                let result = book
                    .ask_reference(&stamp, &ask, today)
                    .map(|_| format!("Asked {name} for a {}, answer by {due_on}", kind.label()))
                    .map_err(|e| e.to_string());
                if cx.said_write(result) {
                    self.load(cx);
                }
            }
            _ => {}
        }
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if (self.list.is_none() && !self.reading) || stale {
            self.load(cx);
        }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if self.list.is_some() {
            let message = cx.message.clone();
            self.load(cx);
            cx.message = message;
        }
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        if let Some(list) = self.list.as_mut() {
            list.narrow(text, cx.viewport);
        }
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        self.list.as_ref().map(|l| (l.text().to_string(), l.len()))
    }
}
