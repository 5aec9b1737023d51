//! The whole rows of the tasks around the selection: what the screen can show of the
//! list, and a page either side, read by id when the cursor leaves them or the list
//! changes. The rest of the list is keys only.

use std::collections::HashMap;
use std::ops::Range;

use crate::book::tasks::TaskRow;

/// Rows assumed on screen at least: the pane may be drawn taller than the room the last
/// frame had.
const ROOM: usize = 60;

/// Headings the screen may show above the tasks: one a due group.
const HEADINGS: usize = 4;

/// Rows of shown tasks `start..start + rows.len()`; None for one gone from the book.
#[derive(Debug, Default)]
pub struct Window {
    start: usize,
    rows: Vec<Option<TaskRow>>,
}

impl Window {
    /// The rows of tasks `start..`, whose ids are `ids`, from `read` (in any order).
    pub fn of(start: usize, ids: &[i64], read: Vec<TaskRow>) -> Window {
        let mut by_id: HashMap<i64, TaskRow> = read.into_iter().map(|r| (r.id, r)).collect();
        Window {
            start,
            rows: ids.iter().map(|id| by_id.remove(id)).collect(),
        }
    }

    /// The row of the `i`-th task shown, if read.
    pub fn row(&self, i: usize) -> Option<&TaskRow> {
        self.rows.get(i.checked_sub(self.start)?)?.as_ref()
    }

    /// The tasks to read when the screen could show one not read yet, with `selected`
    /// among `len` tasks and `viewport` rows on screen; None when all are read.
    pub fn wanted(&self, selected: usize, len: usize, viewport: usize) -> Option<Range<usize>> {
        if len == 0 {
            return None;
        }
        let room = viewport.max(ROOM);
        // The view keeps the selection on its last line, or shows the top.
        let need = selected.saturating_sub(room + HEADINGS)..(selected + 1).max(room).min(len);
        let read = self.start..self.start + self.rows.len();
        if read.start <= need.start && need.end <= read.end {
            return None;
        }
        // Half a screen more either side, so moving a row at a time reads nothing.
        let more = room / 2;
        Some(need.start.saturating_sub(more)..(need.end + more).min(len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_again_only_when_the_screen_could_leave_them() {
        let empty = Window::default();
        assert_eq!(empty.wanted(0, 0, 30), None);
        let first = empty.wanted(0, 10_000, 30).unwrap();
        assert_eq!(first, 0..90);
        let ids: Vec<i64> = first.clone().map(|i| i as i64).collect();
        let read = Window::of(first.start, &ids, Vec::new());
        assert_eq!(read.wanted(50, 10_000, 30), None, "still on the rows read");
        assert_eq!(read.wanted(89, 10_000, 30), None);
        assert_eq!(read.wanted(90, 10_000, 30), Some(0..121));
        assert_eq!(read.wanted(9_999, 10_000, 30), Some(9_905..10_000));
    }
}
