//! The Today pane's list: the ranked queue, the items a typed text narrows it to, and
//! the cursor, kept on the same item across a reload when it is still there.

use crate::book::today::Queue;
use crate::domain::today::Item;
use crate::tui::widgets::list::{ListCursor, Words};

pub struct TodayList {
    pub queue: Queue,
    /// Indexes into the queue's items of those shown, in rank order.
    shown: Vec<usize>,
    text: String,
    pub cursor: ListCursor,
}

impl TodayList {
    pub fn new(queue: Queue) -> TodayList {
        let mut list = TodayList {
            queue,
            shown: Vec::new(),
            text: String::new(),
            cursor: ListCursor::default(),
        };
        list.refilter();
        list
    }

    /// A fresh queue from the book, staying on the same item if it is still listed, else
    /// at the same place.
    pub fn replace(&mut self, queue: Queue, viewport: usize) {
        let kept = self.selected().map(Item::key);
        self.queue = queue;
        self.refilter();
        if let Some(i) = kept.and_then(|k| self.items().position(|(_, i)| i.key() == k)) {
            self.cursor.selected = i;
        }
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// Takes the item acted on off the list at once (the book already holds the change;
    /// the reload that follows confirms it).
    pub fn remove(&mut self, key: &str, viewport: usize) {
        self.queue.remove(key);
        self.refilter();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    /// The items shown, each with its rank in the whole queue (from 0).
    pub fn items(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.shown.iter().map(|&i| (i, &self.queue.items[i]))
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn selected(&self) -> Option<&Item> {
        self.shown
            .get(self.cursor.selected)
            .map(|&i| &self.queue.items[i])
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Shows only the items whose account, reason or next move holds every typed word.
    pub fn narrow(&mut self, text: &str, viewport: usize) {
        self.text = text.to_string();
        self.refilter();
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    fn refilter(&mut self) {
        let words = Words::new(&self.text);
        self.shown = (0..self.queue.items.len())
            .filter(|&i| {
                let item = &self.queue.items[i];
                words.all_in(&[&item.account, &item.reason, &item.todo])
            })
            .collect();
    }
}
