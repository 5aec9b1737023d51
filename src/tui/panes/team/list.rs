//! The Team pane's rows (one per CSM and the team total, read from the book when the
//! pane is first shown), the CSMs typed words narrow them to, and the cursor; Enter
//! drills into that CSM's portfolio.

use crate::book::team::TeamRow;
use crate::tui::widgets::list::{ListCursor, Words};

#[derive(Debug, Clone, Default)]
pub struct TeamList {
    pub rows: Vec<TeamRow>,
    /// Indexes into `rows` of those shown; the team total is always shown.
    shown: Vec<usize>,
    text: String,
    pub cursor: ListCursor,
}

impl TeamList {
    pub fn new(rows: Vec<TeamRow>) -> TeamList {
        let mut list = TeamList {
            shown: (0..rows.len()).collect(),
            rows,
            text: String::new(),
            cursor: ListCursor::default(),
        };
        list.refilter();
        list
    }

    pub fn shown(&self) -> impl Iterator<Item = &TeamRow> {
        self.shown.iter().map(|&i| &self.rows[i])
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn selected(&self) -> Option<&TeamRow> {
        self.shown.get(self.cursor.selected).map(|&i| &self.rows[i])
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Shows only the CSMs whose name holds every typed word, and the team total.
    pub fn narrow(&mut self, text: &str, viewport: usize) {
        self.text = text.to_string();
        self.refilter();
        self.cursor.reset();
        self.cursor.keep_in_view(self.len(), viewport);
    }

    fn refilter(&mut self) {
        let words = Words::new(&self.text);
        self.shown = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                r.owner_id.is_none() || words.all_in(&[&r.name])
            })
            .collect();
    }
}
