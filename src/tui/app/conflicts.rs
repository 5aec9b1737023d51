//! The conflicts overlay's keys: opened from anywhere (`C`), it lists the open
//! conflicts; `m` keeps yours, `t` puts theirs back as a change of yours (journaled,
//! then pushed by the background sync), each choice told to the team book.

use super::{App, Layer};
use crate::book::team_sync::conflicts::Keep;
use crate::book::team_sync::shape::tables;
use crate::tui::keys::Key;
use crate::tui::overlays::conflicts::ConflictsView;

impl App {
    /// Opens the conflicts overlay on what the book holds now.
    pub(super) fn open_conflicts(&mut self) {
        let Some(book) = self.cx.book.as_ref() else {
            return;
        };
        if book.team_link().ok().flatten().is_none() {
            self.cx
                .say("This book has no team book: there are no conflicts to resolve");
            return;
        }
        match book.open_conflicts() {
            Ok(list) => {
                let rows = list
                    .into_iter()
                    .map(|c| {
                        let label = book
                            .row_label(&c.entity, &c.row_uid)
                            .unwrap_or_else(|_| c.entity.clone());
                        (c, label)
                    })
                    .collect();
                let view = ConflictsView { rows, selected: 0 };
                self.stack.push(Layer::Conflicts(Box::new(view)));
            }
            Err(e) => self.cx.say(e.to_string()),
        }
    }

    /// Keys while the conflicts are up.
    pub(super) fn on_conflicts_key(&mut self, key: Key) -> bool {
        let Some(Layer::Conflicts(view)) = self.stack.last_mut() else {
            return false;
        };
        let keep = match key {
            k if k == Key::ch('j') || k == Key::plain(ratatui::crossterm::event::KeyCode::Down) => {
                view.down();
                return true;
            }
            k if k == Key::ch('k') || k == Key::plain(ratatui::crossterm::event::KeyCode::Up) => {
                view.up();
                return true;
            }
            k if k == Key::ch('m') => Keep::Mine,
            k if k == Key::ch('t') => Keep::Theirs,
            _ => {
                self.stack.pop();
                return true;
            }
        };
        let Some(picked) = view.picked().cloned() else {
            return true;
        };
        let stamp = self.cx.stamp();
        let Some(book) = self.cx.book.as_mut() else {
            return true;
        };
        let done = tables(book.conn())
            .map_err(crate::book::BookError::from)
            .and_then(|shape| book.resolve_conflict(picked.id, keep, &shape, &stamp));
        match done {
            Ok(()) => {
                self.cx.say(match keep {
                    Keep::Mine => format!("Kept yours: {}", picked.field.replace('_', " ")),
                    Keep::Theirs => format!(
                        "Put back {}'s {}; it goes to the team book with the next sync",
                        picked.their_actor.as_deref().unwrap_or("the team"),
                        picked.field.replace('_', " ")
                    ),
                });
                if let Some(Layer::Conflicts(view)) = self.stack.last_mut() {
                    view.rows.retain(|(c, _)| c.id != picked.id);
                    view.selected = view.selected.min(view.rows.len().saturating_sub(1));
                }
                if keep == Keep::Theirs {
                    self.reload_on_screen();
                }
            }
            Err(e) => self.cx.say(e.to_string()),
        }
        true
    }
}
