//! The one list widget every list pane moves with: a cursor and the first row shown over
//! a list of `len` rows, kept on the list and in view, moved by the same actions (a row,
//! half a page, a page, the ends, a click, the wheel) the same way on every pane; and the
//! words typed to narrow a list.

use crate::tui::action::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Applies a moving action to a list of `len` rows with `viewport` rows on screen.
    /// Returns false for an action that does not move (left to the pane).
    pub fn apply(&mut self, action: Action, len: usize, viewport: usize) -> bool {
        let page = viewport.max(1) as isize;
        match action {
            Action::Down => self.move_by(1, len, viewport),
            Action::Up => self.move_by(-1, len, viewport),
            Action::Top => self.select(0, len, viewport),
            Action::Bottom => self.select(usize::MAX, len, viewport),
            Action::HalfPageDown => self.move_by((page / 2).max(1), len, viewport),
            Action::HalfPageUp => self.move_by(-(page / 2).max(1), len, viewport),
            Action::PageDown => self.move_by(page, len, viewport),
            Action::PageUp => self.move_by(-page, len, viewport),
            Action::ScrollDown => self.scroll_by(3, len, viewport),
            Action::ScrollUp => self.scroll_by(-3, len, viewport),
            Action::SelectRow(row) => self.select(self.offset + row, len, viewport),
            _ => return false,
        }
        true
    }

    pub fn move_by(&mut self, delta: isize, len: usize, viewport: usize) {
        let last = len.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.keep_in_view(len, viewport);
    }

    pub fn select(&mut self, index: usize, len: usize, viewport: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.keep_in_view(len, viewport);
    }

    /// Scrolls the view without moving past the list, pulling the cursor along.
    pub fn scroll_by(&mut self, delta: isize, len: usize, viewport: usize) {
        let room = viewport.max(1);
        let max_offset = len.saturating_sub(room);
        self.offset = self.offset.saturating_add_signed(delta).min(max_offset);
        let last_shown = (self.offset + room - 1).min(len.saturating_sub(1));
        self.selected = self
            .selected
            .clamp(self.offset, last_shown.max(self.offset));
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Keeps the cursor on the list and the view on the cursor, the view never past the
    /// list's end.
    pub fn keep_in_view(&mut self, len: usize, viewport: usize) {
        let room = viewport.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + room {
            self.offset = self.selected + 1 - room;
        }
        self.offset = self.offset.min(len.saturating_sub(room));
    }

    /// Back to the top, for a list narrowed anew.
    pub fn reset(&mut self) {
        *self = ListCursor::default();
    }
}

/// Words typed to narrow a list: a row is kept when every word is in one of its texts,
/// in any case. Read once per narrowing, not once per row.
pub struct Words(Vec<String>);

impl Words {
    pub fn new(text: &str) -> Words {
        Words(text.split_whitespace().map(str::to_lowercase).collect())
    }

    /// Whether every word is found in the row's texts.
    pub fn all_in(&self, texts: &[&str]) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let hay = texts.join(" ").to_lowercase();
        self.0.iter().all(|w| hay.contains(w.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_on_the_list_and_the_view_follows_it() {
        let mut c = ListCursor::default();
        c.apply(Action::PageDown, 100, 10);
        assert_eq!((c.selected, c.offset), (10, 1));
        c.apply(Action::Bottom, 100, 10);
        assert_eq!((c.selected, c.offset), (99, 90));
        c.apply(Action::HalfPageUp, 100, 10);
        assert_eq!((c.selected, c.offset), (94, 90));
        c.apply(Action::Top, 100, 10);
        assert_eq!((c.selected, c.offset), (0, 0));
        c.apply(Action::Up, 100, 10);
        assert_eq!(c.selected, 0);
    }

    #[test]
    fn scrolling_pulls_the_cursor_and_a_click_selects_a_shown_row() {
        let mut c = ListCursor::default();
        c.apply(Action::ScrollDown, 100, 10);
        assert_eq!((c.selected, c.offset), (3, 3));
        c.apply(Action::SelectRow(4), 100, 10);
        assert_eq!(c.selected, 7);
        let mut empty = ListCursor::default();
        assert!(empty.apply(Action::Down, 0, 10));
        assert_eq!((empty.selected, empty.offset), (0, 0));
    }

    #[test]
    fn every_word_must_be_in_one_of_the_texts_in_any_case() {
        let words = Words::new("  North  dana ");
        assert!(words.all_in(&["Northwind Traders", "Dana Okafor"]));
        assert!(!words.all_in(&["Northwind Traders", "Mia Reyes"]));
        assert!(Words::new("").all_in(&[]));
    }

    #[test]
    fn a_shorter_list_pulls_the_cursor_and_view_back() {
        let mut c = ListCursor {
            selected: 80,
            offset: 75,
        };
        c.keep_in_view(20, 10);
        assert_eq!((c.selected, c.offset), (19, 10));
    }
}
