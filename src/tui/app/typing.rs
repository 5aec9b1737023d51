//! The keys of a line being typed: a form's answer, the words narrowing a list, the
//! palette's query. Letters are letters, whatever the keymap binds them to.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Layer};
use crate::tui::action::Action;
use crate::tui::keys::Key;

impl App {
    /// Keys while a form is open: typing, Enter to answer, Esc to drop the form.
    pub(super) fn on_form_key(&mut self, event: &KeyEvent) -> bool {
        let today = self.cx.today;
        let Some(Layer::Form(form)) = self.stack.last_mut() else {
            return false;
        };
        match text_key(event) {
            Some(TextKey::Char(c)) => form.input.push(c),
            Some(TextKey::Backspace) => {
                form.input.pop();
            }
            Some(TextKey::Erase) => form.input.clear(),
            Some(TextKey::Cancel) => {
                self.stack.pop();
                self.cx.say("Nothing was changed");
            }
            Some(TextKey::Accept) => {
                if let Some(submission) = form.enter(today) {
                    self.stack.pop();
                    let (room, cx) = self.top_room_mut();
                    room.submit(submission, cx);
                    self.answer_asks();
                }
            }
            Some(TextKey::Up | TextKey::Down) | None => return false,
        }
        true
    }

    /// Keys while narrowing: letters narrow, ↑/↓ still move, Enter keeps the words, Esc
    /// drops them.
    pub(super) fn on_narrow_key(&mut self, event: &KeyEvent) -> bool {
        let (room, cx) = self.top_room_mut();
        let mut text = room.narrowed().map(|(t, _)| t).unwrap_or_default();
        match text_key(event) {
            Some(TextKey::Char(c)) => text.push(c),
            Some(TextKey::Backspace) => {
                text.pop();
            }
            Some(TextKey::Erase) => text.clear(),
            Some(TextKey::Accept) => {
                self.stack.pop();
                return true;
            }
            Some(TextKey::Cancel) => {
                room.narrow("", cx);
                self.stack.pop();
                return true;
            }
            Some(TextKey::Down) => return room.handle(Action::Down, cx),
            Some(TextKey::Up) => return room.handle(Action::Up, cx),
            None => return false,
        }
        room.narrow(&text, cx);
        true
    }

    /// Keys in the palette: letters search, ↑/↓ choose, Enter goes there, Esc closes.
    pub(super) fn on_palette_key(&mut self, event: &KeyEvent, key: Key) -> bool {
        let list = &self.panes.portfolio.list;
        let Some(Layer::Palette(palette)) = self.stack.last_mut() else {
            return false;
        };
        if self
            .cx
            .keys
            .action_for(crate::tui::keys::Context::Global, key)
            == Some(Action::Palette)
        {
            self.stack.pop();
            return true;
        }
        match text_key(event) {
            Some(TextKey::Char(c)) => palette.type_char(c),
            Some(TextKey::Backspace) => palette.backspace(),
            Some(TextKey::Erase) => palette.set_query(""),
            Some(TextKey::Down) => palette.move_by(1),
            Some(TextKey::Up) => palette.move_by(-1),
            Some(TextKey::Cancel) => {
                self.stack.pop();
            }
            Some(TextKey::Accept) => {
                let chosen = palette.chosen(list);
                self.stack.pop();
                if let Some(target) = chosen {
                    crate::tui::overlays::palette::go(self, target);
                }
            }
            None => return false,
        }
        true
    }
}

/// What a key does in a line of text being typed (a filter, a form's answer, the
/// palette): letters are letters, whatever the keymap binds them to.
enum TextKey {
    Char(char),
    Backspace,
    Erase,
    Accept,
    Cancel,
    Up,
    Down,
}

fn text_key(event: &KeyEvent) -> Option<TextKey> {
    let mods = Key::from_event(event).mods;
    Some(match (event.code, mods) {
        (KeyCode::Esc, _) => TextKey::Cancel,
        (KeyCode::Enter, _) => TextKey::Accept,
        (KeyCode::Backspace, _) => TextKey::Backspace,
        (KeyCode::Up, _) => TextKey::Up,
        (KeyCode::Down, _) => TextKey::Down,
        (KeyCode::Char('u'), KeyModifiers::CONTROL) => TextKey::Erase,
        (KeyCode::Char(c), m) if !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            TextKey::Char(c)
        }
        _ => return None,
    })
}
