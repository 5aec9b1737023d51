//! The Team pane's rows (one per CSM and the team total, read from the book when the
//! pane is first shown) and the selection; Enter drills into that CSM's portfolio.

use crate::book::team::TeamRow;

#[derive(Debug, Clone, Default)]
pub struct TeamList {
    pub rows: Vec<TeamRow>,
    pub selected: usize,
}

impl TeamList {
    pub fn new(rows: Vec<TeamRow>) -> TeamList {
        TeamList { rows, selected: 0 }
    }

    pub fn selected(&self) -> Option<&TeamRow> {
        self.rows.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }
}
