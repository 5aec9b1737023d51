//! The Tasks pane's list: open tasks soonest due first, grouped Overdue, Today, This
//! week and Later, narrowed by owner or playbook, with the selection.

use crate::book::tasks::TaskRow;
use crate::tui::action::Action;
use crate::tui::widgets::list::ListCursor;

pub struct TaskList {
    rows: Vec<TaskRow>,
    visible: Vec<usize>,
    owners: Vec<String>,
    owner: Option<usize>,
    playbooks: Vec<String>,
    playbook: Option<usize>,
    /// Typed text: tasks whose account or title contains it.
    text: String,
    pub cursor: ListCursor,
}

impl TaskList {
    pub fn new(rows: Vec<TaskRow>) -> TaskList {
        let distinct = |f: &dyn Fn(&TaskRow) -> Option<String>| {
            let mut v: Vec<String> = rows.iter().filter_map(f).collect();
            v.sort();
            v.dedup();
            v
        };
        let owners = distinct(&|t| t.owner.clone());
        let playbooks = distinct(&|t| t.playbook.clone());
        let mut list = TaskList {
            rows,
            visible: Vec::new(),
            owners,
            owner: None,
            playbooks,
            playbook: None,
            text: String::new(),
            cursor: ListCursor::default(),
        };
        list.refilter();
        list
    }

    /// New rows from the book, keeping the filters and, if still listed, the task.
    pub fn replace(&mut self, rows: Vec<TaskRow>) {
        let kept = self.selected().map(|t| t.id);
        let (owner, playbook) = (
            self.owner().map(str::to_string),
            self.playbook().map(str::to_string),
        );
        let text = std::mem::take(&mut self.text);
        *self = TaskList::new(rows);
        self.text = text;
        self.owner = owner.and_then(|o| self.owners.iter().position(|x| *x == o));
        self.playbook = playbook.and_then(|p| self.playbooks.iter().position(|x| *x == p));
        self.refilter();
        if let Some(i) =
            kept.and_then(|id| self.visible.iter().position(|&r| self.rows[r].id == id))
        {
            self.cursor.selected = i;
        }
    }

    fn refilter(&mut self) {
        let owner = self.owner.map(|i| self.owners[i].clone());
        let playbook = self.playbook.map(|i| self.playbooks[i].clone());
        let text = self.text.to_lowercase();
        self.visible = (0..self.rows.len())
            .filter(|&i| {
                let t = &self.rows[i];
                owner.as_ref().is_none_or(|o| t.owner.as_ref() == Some(o))
                    && playbook
                        .as_ref()
                        .is_none_or(|p| t.playbook.as_ref() == Some(p))
                    && (text.is_empty()
                        || t.title.to_lowercase().contains(&text)
                        || t.account
                            .as_deref()
                            .is_some_and(|a| a.to_lowercase().contains(&text)))
            })
            .collect();
        self.cursor.selected = self
            .cursor
            .selected
            .min(self.visible.len().saturating_sub(1));
    }

    pub fn shown(&self) -> usize {
        self.visible.len()
    }

    pub fn listed(&self) -> impl Iterator<Item = &TaskRow> {
        self.visible.iter().map(|&i| &self.rows[i])
    }

    pub fn selected(&self) -> Option<&TaskRow> {
        self.visible
            .get(self.cursor.selected)
            .map(|&i| &self.rows[i])
    }

    /// Applies a moving action (see `ListCursor::apply`).
    pub fn apply(&mut self, action: Action, viewport: usize) -> bool {
        self.cursor.apply(action, self.visible.len(), viewport)
    }

    pub fn owner(&self) -> Option<&str> {
        self.owner.map(|i| self.owners[i].as_str())
    }

    pub fn playbook(&self) -> Option<&str> {
        self.playbook.map(|i| self.playbooks[i].as_str())
    }

    /// Shows this owner's tasks only (None, or a name with none: everyone's).
    pub fn show_owner(&mut self, name: Option<&str>) {
        self.owner = name.and_then(|n| self.owners.iter().position(|o| o == n));
        self.refilter();
        self.cursor.reset();
    }

    /// The next owner's tasks only, then everyone's.
    pub fn cycle_owner(&mut self) {
        self.owner = cycle(self.owner, self.owners.len());
        self.refilter();
        self.cursor.reset();
    }

    /// The next playbook's tasks only, then all.
    pub fn cycle_playbook(&mut self) {
        self.playbook = cycle(self.playbook, self.playbooks.len());
        self.refilter();
        self.cursor.reset();
    }

    /// The text typed to narrow the list: an account or words of a title.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set_text(&mut self, text: &str) {
        self.text = text.to_string();
        self.refilter();
        self.cursor.reset();
    }

    pub fn is_narrowed(&self) -> bool {
        self.owner.is_some() || self.playbook.is_some() || !self.text.is_empty()
    }

    pub fn clear_filters(&mut self) {
        self.owner = None;
        self.playbook = None;
        self.text.clear();
        self.refilter();
        self.cursor.reset();
    }
}

fn cycle(at: Option<usize>, len: usize) -> Option<usize> {
    match at {
        None if len > 0 => Some(0),
        Some(i) if i + 1 < len => Some(i + 1),
        _ => None,
    }
}
