//! What the keys do on the Stakeholders pane: move through the accounts with coverage
//! gaps, open one's map, move through its people, and from there log a touch, edit a
//! role, sentiment or influence, add a contact or record a departure. Every write is
//! committed before the status bar says so, and the map and gaps are read again.

use super::action::Action;
use super::app::{App, Mode};
use super::contact_forms;
use super::prompt::{Prompt, PromptKind};
use super::stakeholder_pane::{AccountMap, StakeholderPane};
use crate::book::account::NewTouch;
use crate::book::stakeholders::NewContact;

impl App {
    /// Reads every account's coverage gaps from the book.
    pub(super) fn load_stakeholders(&mut self) {
        let Some(book) = self.book.as_ref() else {
            return;
        };
        match book.coverage_gaps(&self.coverage, self.today) {
            Ok(accounts) => match self.stakeholders.as_mut() {
                Some(pane) => pane.replace(accounts, self.viewport),
                None => self.stakeholders = Some(StakeholderPane::new(accounts)),
            },
            Err(e) => self.message = Some(format!("could not read the stakeholders: {e}")),
        }
    }

    /// Handles a key on the Stakeholders pane; None for keys it leaves to the app.
    pub(super) fn update_stakeholders(&mut self, action: Action) -> Option<bool> {
        let viewport = self.viewport;
        let page = viewport.max(1) as isize;
        let pane = self.stakeholders.as_mut()?;
        if let Some(map) = pane.map.as_mut() {
            match action {
                Action::MoveDown => map.move_by(1),
                Action::MoveUp => map.move_by(-1),
                Action::Top => map.move_by(isize::MIN / 2),
                Action::Bottom => map.move_by(isize::MAX / 2),
                Action::Back => pane.map = None,
                Action::LogTouch => self.start_contact_form(PromptKind::ContactTouch),
                Action::SetOverride => self.start_contact_form(PromptKind::ContactEdit),
                Action::AddContact => self.start_contact_form(PromptKind::AddContact),
                Action::MarkLeft => self.start_contact_form(PromptKind::ContactLeft),
                _ => return None,
            }
            return Some(true);
        }
        match action {
            Action::MoveDown => pane.move_by(1, viewport),
            Action::MoveUp => pane.move_by(-1, viewport),
            Action::Top => pane.move_by(isize::MIN / 2, viewport),
            Action::Bottom => pane.move_by(isize::MAX / 2, viewport),
            Action::HalfPageDown | Action::PageDown => pane.move_by(page, viewport),
            Action::HalfPageUp | Action::PageUp => pane.move_by(-page, viewport),
            Action::Open => {
                let a = pane.selected()?;
                let (id, name, segment) = (a.account_id, a.account.clone(), a.segment);
                self.open_map(id, name, segment);
            }
            _ => return None,
        }
        Some(true)
    }

    fn open_map(&mut self, id: i64, name: String, segment: crate::domain::vocab::Segment) {
        let Some(book) = self.book.as_ref() else {
            return;
        };
        match AccountMap::load(book, &self.coverage, self.today, id, name, segment) {
            Ok(map) => {
                if let Some(pane) = self.stakeholders.as_mut() {
                    pane.map = Some(map);
                }
            }
            Err(e) => self.message = Some(format!("could not read the people: {e}")),
        }
    }

    fn start_contact_form(&mut self, kind: PromptKind) {
        let Some(map) = self.stakeholders.as_ref().and_then(|p| p.map.as_ref()) else {
            return;
        };
        let contact = map.person().map(|p| (p.id, p.name.clone()));
        if contact.is_none() && kind != PromptKind::AddContact {
            self.message = Some(format!(
                "{} has nobody on file: a adds a contact",
                map.account
            ));
            return;
        }
        self.prompt = Some(Prompt::for_contact(kind, contact));
        self.prompt_return = Mode::Browse;
        self.mode = Mode::Prompt;
    }

    /// Writes a completed stakeholder form to the book.
    pub(super) fn submit_contact(&mut self, prompt: &Prompt) {
        let Some(map) = self.stakeholders.as_ref().and_then(|p| p.map.as_ref()) else {
            return;
        };
        let (account, name, segment) = (map.account_id, map.account.clone(), map.segment);
        let stamp = self.stamp();
        let today = self.today;
        let rules = self.rules.clone();
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let contact = prompt.contact.clone();
        let answer = |i: usize| prompt.answers.get(i).cloned().unwrap_or_default();
        let mut select = contact.as_ref().map(|(id, _)| *id);
        let result = match (prompt.kind, &contact) {
            (PromptKind::ContactTouch, Some((id, who))) => contact_forms::touch_kind(&answer(0))
                .map_err(|e| e.to_string())
                .and_then(|kind| {
                    let touch = NewTouch {
                        contact: Some(*id),
                        kind,
                        on: today,
                        summary: answer(1),
                    };
                    book.log_touch(&stamp, account, &touch)
                        .and_then(|_| book.recompute_account_health(&rules, account, today))
                        .map(|_| format!("Logged: {} with {who} on {today}", kind.label()))
                        .map_err(|e| e.to_string())
                }),
            (PromptKind::ContactEdit, Some((id, who))) => {
                contact_forms::edit(&answer(0)).and_then(|edit| {
                    book.edit_contact(&stamp, *id, edit)
                        .map(|_| format!("{who}: {} saved", answer(0).trim()))
                        .map_err(|e| e.to_string())
                })
            }
            (PromptKind::ContactLeft, Some((id, who))) => contact_forms::left_on(&answer(0), today)
                .and_then(|on| {
                    book.mark_left(&stamp, *id, on)
                        .map(|_| format!("{who} left on {on}"))
                        .map_err(|e| e.to_string())
                }),
            (PromptKind::AddContact, _) => contact_forms::role(&answer(1)).and_then(|role| {
                let new = NewContact {
                    name: answer(0),
                    title: None,
                    role,
                    reports_to: None,
                };
                book.add_contact(&stamp, account, &new)
                    .map(|id| {
                        select = Some(id);
                        format!("Added {}, {}", new.name.trim(), role.label())
                    })
                    .map_err(|e| e.to_string())
            }),
            _ => Err("the form was incomplete".into()),
        };
        self.message = Some(match result {
            Ok(done) => done,
            Err(e) => format!("Not saved: {e}"),
        });
        self.open_map(account, name, segment);
        if let (Some(id), Some(map)) = (
            select,
            self.stakeholders.as_mut().and_then(|p| p.map.as_mut()),
        ) {
            map.select_person(id);
        }
        let message = self.message.clone();
        self.load_stakeholders();
        self.today_changed();
        self.message = message;
    }
}
