//! The Today pane's list: the queue one row per account (an account opened shows its
//! other items under it, and the backlog waits under a heading of its own), or every item in
//! one flat list; the rows a typed text narrows it to; and the cursor, kept on the same
//! line across a reload when it is still there.

use std::collections::HashSet;

use crate::book::today::Queue;
use crate::domain::today::{Item, pressing_first};
use crate::tui::widgets::list::{ListCursor, Words};

/// One line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// An account's row (the index of the row), led by its most pressing item.
    Row(usize),
    /// One item of an account (row, item), under its opened row or in the flat list.
    Item(usize, usize),
    /// The heading above the backlog's rows.
    Backlog,
}

pub struct TodayList {
    pub queue: Queue,
    /// Every item in one list, most pressing first, instead of one row per account.
    pub flat: bool,
    /// The accounts whose items are shown under their row.
    opened: HashSet<i64>,
    /// The lines shown, in order.
    shown: Vec<Entry>,
    text: String,
    pub cursor: ListCursor,
}

impl TodayList {
    pub fn new(queue: Queue) -> TodayList {
        let mut list = TodayList {
            queue,
            flat: false,
            opened: HashSet::new(),
            shown: Vec::new(),
            text: String::new(),
            cursor: ListCursor::default(),
        };
        list.refilter();
        list
    }

    /// A fresh queue from the book, staying on the same line if it is still listed, else
    /// at the same place.
    pub fn replace(&mut self, queue: Queue, viewport: usize) {
        let kept = self.selected_key();
        self.queue = queue;
        self.refilter();
        self.find(kept, viewport);
    }

    /// Each account's queue read alone in place of what the list held of it, staying on
    /// the same line.
    pub fn patch(&mut self, fresh: Vec<(i64, Queue)>, viewport: usize) {
        let kept = self.selected_key();
        for (account, queue) in fresh {
            self.queue.patch(account, queue);
        }
        self.refilter();
        self.find(kept, viewport);
    }

    /// Takes the item acted on off the list at once (the book already holds the change;
    /// the reload that follows confirms it).
    pub fn remove(&mut self, key: &str, viewport: usize) {
        self.queue.remove(key);
        self.refilter();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// The lines shown.
    pub fn entries(&self) -> &[Entry] {
        &self.shown
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The item of each line shown (an account's row: its lead), in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.shown.iter().filter_map(|e| self.item_of(*e))
    }

    fn item_of(&self, entry: Entry) -> Option<&Item> {
        match entry {
            Entry::Row(r) => self.queue.rows.get(r).map(|row| row.head()),
            Entry::Item(r, i) => self.queue.rows.get(r).and_then(|row| row.items.get(i)),
            Entry::Backlog => None,
        }
    }

    /// The line under the cursor.
    pub fn entry(&self) -> Option<Entry> {
        self.shown.get(self.cursor.selected).copied()
    }

    /// The item the keys act on: the one selected, or the lead of the account selected.
    pub fn selected(&self) -> Option<&Item> {
        self.item_of(self.entry()?)
    }

    /// Whether an account's items are shown under its row.
    pub fn is_open(&self, account: i64) -> bool {
        self.opened.contains(&account)
    }

    /// Opens the selected account's items under its row, or closes them; false when
    /// the line is not an account of several items.
    pub fn toggle(&mut self, open: Option<bool>, viewport: usize) -> bool {
        if self.flat {
            return false;
        }
        let row = match self.entry() {
            Some(Entry::Row(r) | Entry::Item(r, _)) => r,
            _ => return false,
        };
        let account = self.queue.rows[row].account_id;
        let now = self.opened.contains(&account);
        let want = open.unwrap_or(!now);
        if want == now || (want && self.queue.rows[row].items.len() < 2) {
            return false;
        }
        if want {
            self.opened.insert(account);
        } else {
            self.opened.remove(&account);
        }
        self.refilter();
        // The cursor stays on the account's row.
        if let Some(at) = self.shown.iter().position(|e| *e == Entry::Row(row)) {
            self.cursor.selected = at;
        }
        self.cursor.keep_in_view(self.len(), viewport);
        true
    }

    /// Between one row per account and every item in one list, on the same item.
    pub fn toggle_flat(&mut self, viewport: usize) {
        let kept = self.selected().map(|i| (i.key(), false));
        self.flat = !self.flat;
        self.refilter();
        self.find(kept, viewport);
    }

    /// Moves the cursor off the backlog's heading, on in the way it was going.
    pub fn step_over_heading(&mut self, down: bool, viewport: usize) {
        if self.entry() == Some(Entry::Backlog) {
            let delta = if down && self.cursor.selected + 1 < self.len() {
                1
            } else {
                -1
            };
            self.cursor.move_by(delta, self.len(), viewport);
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Shows only the accounts (or, flat, the items) whose account, reason or next move
    /// holds every typed word.
    pub fn narrow(&mut self, text: &str, viewport: usize) {
        self.text = text.to_string();
        self.cursor.reset();
        self.refilter();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// The selected line as something that outlives a reload: the item's key, and
    /// whether it was the account's row.
    fn selected_key(&self) -> Option<(String, bool)> {
        let row = matches!(self.entry(), Some(Entry::Row(_)));
        self.selected().map(|i| (i.key(), row))
    }

    /// Puts the cursor back on the line kept: the account's row, or the item itself
    /// when it was an item and is shown, else the row that holds it.
    fn find(&mut self, kept: Option<(String, bool)>, viewport: usize) {
        if let Some((key, row)) = kept {
            let rows = &self.queue.rows;
            let item_at = (!row)
                .then(|| {
                    self.shown.iter().position(
                        |e| matches!(*e, Entry::Item(r, i) if rows[r].items[i].key() == key),
                    )
                })
                .flatten();
            let row_at = || {
                self.shown.iter().position(
                    |e| matches!(*e, Entry::Row(r) if rows[r].items.iter().any(|i| i.key() == key)),
                )
            };
            if let Some(at) = item_at.or_else(row_at) {
                self.cursor.selected = at;
            }
        }
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// Reads which lines are shown again; the cursor never rests on the backlog's
    /// heading.
    fn refilter(&mut self) {
        self.list_lines();
        if self.entry() == Some(Entry::Backlog) {
            self.cursor.selected += 1;
        }
    }

    fn list_lines(&mut self) {
        let words = Words::new(&self.text);
        let rows = &self.queue.rows;
        let matches = |item: &Item| words.all_in(&[&item.account, &item.reason, &item.todo]);
        self.shown.clear();
        if self.flat {
            let mut items: Vec<(usize, usize)> = rows
                .iter()
                .enumerate()
                .flat_map(|(r, row)| (0..row.items.len()).map(move |i| (r, i)))
                .filter(|&(r, i)| matches(&rows[r].items[i]))
                .collect();
            items.sort_by(|a, b| pressing_first(&rows[a.0].items[a.1], &rows[b.0].items[b.1]));
            self.shown = items.into_iter().map(|(r, i)| Entry::Item(r, i)).collect();
            return;
        }
        let mut heading = false;
        for (r, row) in rows.iter().enumerate() {
            if !row.items.iter().any(matches) {
                continue;
            }
            if row.backlog && !heading {
                self.shown.push(Entry::Backlog);
                heading = true;
            }
            self.shown.push(Entry::Row(r));
            // The row is its lead: the rest go under it.
            if self.opened.contains(&row.account_id) {
                self.shown
                    .extend((1..row.items.len()).map(|i| Entry::Item(r, i)));
            }
        }
    }
}
