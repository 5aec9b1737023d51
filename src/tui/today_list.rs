//! The Today pane's list: the ranked queue, whose it is, and the selection, kept on the
//! same item across a reload when it is still there.

use crate::book::today::Queue;
use crate::domain::today::Item;

pub struct TodayList {
    pub queue: Queue,
    pub selected: usize,
}

impl TodayList {
    pub fn new(queue: Queue) -> TodayList {
        TodayList { queue, selected: 0 }
    }

    /// A fresh queue from the book, staying on the same item if it is still listed, else
    /// at the same place.
    pub fn replace(&mut self, queue: Queue) {
        let kept = self.selected().map(Item::key);
        self.queue = queue;
        if let Some(i) = kept.and_then(|k| self.queue.items.iter().position(|i| i.key() == k)) {
            self.selected = i;
        }
        self.clamp();
    }

    /// Takes the item acted on off the list at once (the book already holds the change;
    /// the reload that follows confirms it).
    pub fn remove(&mut self, key: &str) {
        self.queue.remove(key);
        self.clamp();
    }

    pub fn items(&self) -> &[Item] {
        &self.queue.items
    }

    pub fn selected(&self) -> Option<&Item> {
        self.queue.items.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.queue.items.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.queue.items.len().saturating_sub(1));
    }
}
