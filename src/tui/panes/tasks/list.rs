//! The Tasks pane's list: every open task's key soonest due first (see
//! `book::tasks::TaskKey`), narrowed by owner, playbook or typed text, with the
//! selection and the whole rows of the tasks around it (`window.rs`). Narrowing and
//! moving read nothing but the keys; the rows on screen are read by id.

use chrono::NaiveDate;

use super::window::Window;
use crate::book::tasks::{Names, TaskIndex, TaskKey, TaskRow};
use crate::book::{Book, BookError};
use crate::tui::action::Action;
use crate::tui::widgets::list::ListCursor;

pub struct TaskList {
    pub(super) index: TaskIndex,
    /// How many tasks each owner and each playbook (by number) has in the list.
    owner_count: Vec<u32>,
    playbook_count: Vec<u32>,
    /// The owners and playbooks that have tasks, by name: what `o` and `p` cycle through.
    owners: Vec<u32>,
    playbooks: Vec<u32>,
    owner: Option<u32>,
    playbook: Option<u32>,
    /// Typed text: tasks whose account or title contains it.
    text: String,
    /// For the typed text: the accounts whose name holds it (in id order), and whether
    /// each title does (by number).
    named: Vec<i64>,
    titled: Vec<bool>,
    /// Whether the titles of the tasks read with the list are read (they are read for
    /// the first narrowing by text; a task re-read comes with its title).
    pub(super) titles_read: bool,
    /// Where each task shown is among the keys; None: every one.
    shown: Option<Vec<u32>>,
    pub cursor: ListCursor,
    pub(super) window: Window,
    /// The day the list was read for: snoozes end on it.
    pub(super) today: NaiveDate,
    /// The last journal entry the list has followed.
    pub(super) seen: i64,
    /// Only the first tasks are in: the rest is being read, and counts over the list
    /// would mislead until it lands.
    pub(super) partial: bool,
}

/// A task as the list holds it, for a look at what is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed<'a> {
    pub id: i64,
    pub account_id: Option<i64>,
    pub due_on: NaiveDate,
    /// None until the titles are read (see `TaskList::read_titles`).
    pub title: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub playbook: Option<&'a str>,
}

impl TaskList {
    /// A list of the tasks in `index`, read on `today` up to journal entry `seen`.
    pub fn new(index: TaskIndex, today: NaiveDate, seen: i64) -> TaskList {
        let mut list = TaskList {
            index,
            owner_count: Vec::new(),
            playbook_count: Vec::new(),
            owners: Vec::new(),
            playbooks: Vec::new(),
            owner: None,
            playbook: None,
            text: String::new(),
            named: Vec::new(),
            titled: Vec::new(),
            titles_read: false,
            shown: None,
            cursor: ListCursor::default(),
            window: Window::default(),
            today,
            seen,
            partial: false,
        };
        list.count();
        list.refilter();
        list
    }

    /// Whether only the first tasks are in, the rest being read.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The whole list read again (`titles`: with its titles), keeping the filters and, if
    /// still listed, the task (else the cursor goes back to the top).
    pub fn replace(&mut self, index: TaskIndex, today: NaiveDate, seen: i64, titles: bool) {
        let kept = self.selected_id();
        let owner = self.owner().map(str::to_string);
        let playbook = self.playbook().map(str::to_string);
        let text = std::mem::take(&mut self.text);
        let named = std::mem::take(&mut self.named);
        *self = TaskList::new(index, today, seen);
        self.titles_read = titles;
        self.text = text;
        self.named = named;
        self.owner = owner.and_then(|o| self.present(&self.owners, &self.index.owners, &o));
        self.playbook =
            playbook.and_then(|p| self.present(&self.playbooks, &self.index.playbooks, &p));
        self.refilter();
        self.select_id(kept);
    }

    /// Some tasks read again (`rows`: those of them still open), replacing the ones listed
    /// with an id in `ids` or an account in `accounts`; the filters and, if still listed,
    /// the task kept (else the cursor goes back to the top).
    pub fn reread(&mut self, ids: &[i64], accounts: &[i64], rows: &[TaskRow]) {
        let kept = self.selected_id();
        let owner = self.owner().map(str::to_string);
        let playbook = self.playbook().map(str::to_string);
        let (mut ids, mut accounts) = (ids.to_vec(), accounts.to_vec());
        ids.sort_unstable();
        accounts.sort_unstable();
        let (owner_count, playbook_count) = (&mut self.owner_count, &mut self.playbook_count);
        self.index.keys.retain(|k| {
            let gone = ids.binary_search(&k.id).is_ok()
                || k.account()
                    .is_some_and(|a| accounts.binary_search(&a).is_ok());
            if gone {
                uncount(owner_count, k.owner);
                uncount(playbook_count, k.playbook);
            }
            !gone
        });
        let lowered = self.text.to_lowercase();
        for row in rows {
            let key = self.index.key_of(row);
            count(&mut self.owner_count, key.owner);
            count(&mut self.playbook_count, key.playbook);
            let at = self.index.keys.partition_point(|k| k.order() < key.order());
            self.index.keys.insert(at, key);
            // A task's account named by the typed text, which the list may not have known.
            if let (Some(a), Some(name)) = (row.account_id, row.account.as_deref())
                && !lowered.is_empty()
                && name.to_lowercase().contains(&lowered)
                && let Err(at) = self.named.binary_search(&a)
            {
                self.named.insert(at, a);
            }
        }
        self.owners = cycled(&self.owner_count, &self.index.owners);
        self.playbooks = cycled(&self.playbook_count, &self.index.playbooks);
        self.owner = owner.and_then(|o| self.present(&self.owners, &self.index.owners, &o));
        self.playbook =
            playbook.and_then(|p| self.present(&self.playbooks, &self.index.playbooks, &p));
        self.cursor.reset();
        self.refilter();
        self.select_id(kept);
    }

    /// Counts each owner's and playbook's tasks, and which of them the keys cycle through.
    fn count(&mut self) {
        self.owner_count = vec![0; self.index.owners.len()];
        self.playbook_count = vec![0; self.index.playbooks.len()];
        for k in &self.index.keys {
            count(&mut self.owner_count, k.owner);
            count(&mut self.playbook_count, k.playbook);
        }
        self.owners = cycled(&self.owner_count, &self.index.owners);
        self.playbooks = cycled(&self.playbook_count, &self.index.playbooks);
    }

    /// The number of `name` if it is among those with tasks (`among`).
    fn present(&self, among: &[u32], names: &Names, name: &str) -> Option<u32> {
        names.find(name).filter(|n| among.contains(n))
    }

    fn selected_id(&self) -> Option<i64> {
        self.key(self.cursor.selected).map(|k| k.id)
    }

    /// Puts the cursor on this task if it is shown.
    fn select_id(&mut self, id: Option<i64>) {
        if let Some(i) = id.and_then(|id| (0..self.shown()).find(|&i| self.key_id(i) == id)) {
            self.cursor.selected = i;
        }
    }

    fn key_id(&self, i: usize) -> i64 {
        self.key(i).map_or(i64::MIN, |k| k.id)
    }

    fn refilter(&mut self) {
        let narrowed = self.is_narrowed();
        self.window = Window::default();
        if !narrowed {
            self.shown = None;
        } else {
            let lowered = self.text.to_lowercase();
            let titles = &self.index.titles;
            self.titled = (0..titles.len() as u32)
                .map(|n| {
                    !lowered.is_empty()
                        && titles
                            .name(n)
                            .is_some_and(|t| t.to_lowercase().contains(&lowered))
                })
                .collect();
            let (owner, playbook) = (self.owner, self.playbook);
            let (named, titled) = (&self.named, &self.titled);
            let text = !lowered.is_empty();
            self.shown = Some(
                (0..self.index.keys.len() as u32)
                    .filter(|&i| {
                        let k = &self.index.keys[i as usize];
                        owner.is_none_or(|o| k.owner == o)
                            && playbook.is_none_or(|p| k.playbook == p)
                            && (!text
                                || titled.get(k.title as usize).copied().unwrap_or(false)
                                || k.account().is_some_and(|a| named.binary_search(&a).is_ok()))
                    })
                    .collect(),
            );
        }
        self.cursor.selected = self.cursor.selected.min(self.shown().saturating_sub(1));
    }

    /// How many tasks are shown.
    pub fn shown(&self) -> usize {
        match &self.shown {
            Some(s) => s.len(),
            None => self.index.keys.len(),
        }
    }

    /// The key of the `i`-th task shown.
    pub fn key(&self, i: usize) -> Option<&TaskKey> {
        let at = match &self.shown {
            Some(s) => *s.get(i)? as usize,
            None => i,
        };
        self.index.keys.get(at)
    }

    /// The first shown task due on or after `day` (the count of those due before).
    pub fn due_before(&self, day: NaiveDate) -> usize {
        let (mut lo, mut hi) = (0, self.shown());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.key(mid).is_some_and(|k| k.due_on < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Every task shown, as the list holds it.
    pub fn listed(&self) -> impl Iterator<Item = Listed<'_>> {
        (0..self.shown()).filter_map(|i| self.key(i).map(|k| self.listed_key(k)))
    }

    pub(super) fn listed_key<'a>(&'a self, k: &TaskKey) -> Listed<'a> {
        Listed {
            id: k.id,
            account_id: k.account(),
            due_on: k.due_on,
            title: self.index.titles.name(k.title),
            owner: self.index.owners.name(k.owner),
            playbook: self.index.playbooks.name(k.playbook),
        }
    }

    /// The selected task, whole.
    pub fn selected(&self) -> Option<&TaskRow> {
        let id = self.key(self.cursor.selected)?.id;
        self.window.row(self.cursor.selected).filter(|r| r.id == id)
    }

    /// Reads the rows around the selection that are not read yet, for `viewport` rows
    /// on screen.
    pub fn fill(&mut self, book: &Book, viewport: usize) -> Result<(), BookError> {
        let (len, selected) = (self.shown(), self.cursor.selected);
        let Some(range) = self.window.wanted(selected, len, viewport) else {
            return Ok(());
        };
        let ids: Vec<i64> = range.clone().map(|i| self.key_id(i)).collect();
        let rows = book.tasks_by_id(&ids)?;
        self.window = Window::of(range.start, &ids, rows);
        Ok(())
    }

    /// Applies a moving action (see `ListCursor::apply`).
    pub fn apply(&mut self, action: Action, viewport: usize) -> bool {
        self.cursor.apply(action, self.shown(), viewport)
    }

    pub fn owner(&self) -> Option<&str> {
        self.owner.and_then(|n| self.index.owners.name(n))
    }

    pub fn playbook(&self) -> Option<&str> {
        self.playbook.and_then(|n| self.index.playbooks.name(n))
    }

    /// Shows this owner's tasks only (None, or a name with none: everyone's).
    pub fn show_owner(&mut self, name: Option<&str>) {
        self.owner = name.and_then(|n| self.present(&self.owners, &self.index.owners, n));
        self.refilter();
        self.cursor.reset();
    }

    /// The next owner's tasks only, then everyone's.
    pub fn cycle_owner(&mut self) {
        self.owner = cycle(self.owner, &self.owners);
        self.refilter();
        self.cursor.reset();
    }

    /// The next playbook's tasks only, then all.
    pub fn cycle_playbook(&mut self) {
        self.playbook = cycle(self.playbook, &self.playbooks);
        self.refilter();
        self.cursor.reset();
    }

    /// The text typed to narrow the list: an account or words of a title.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Narrows to tasks whose account or title holds `text`; `named` are the accounts
    /// whose names hold it (see `Book::accounts_named`).
    pub fn set_text(&mut self, text: &str, named: Vec<i64>) {
        self.text = text.to_string();
        self.named = named;
        self.refilter();
        self.cursor.reset();
    }

    /// The accounts the typed text names, read again; the list is narrowed by them the
    /// next time it is read or re-read.
    pub(super) fn set_named(&mut self, named: Vec<i64>) {
        self.named = named;
    }

    pub fn is_narrowed(&self) -> bool {
        self.owner.is_some() || self.playbook.is_some() || !self.text.is_empty()
    }

    pub fn clear_filters(&mut self) {
        self.owner = None;
        self.playbook = None;
        self.text.clear();
        self.named.clear();
        self.refilter();
        self.cursor.reset();
    }
}

fn count(counts: &mut Vec<u32>, n: u32) {
    if n == Names::NONE {
        return;
    }
    let n = n as usize;
    if counts.len() <= n {
        counts.resize(n + 1, 0);
    }
    counts[n] += 1;
}

fn uncount(counts: &mut [u32], n: u32) {
    if let Some(c) = counts.get_mut(n as usize) {
        *c = c.saturating_sub(1);
    }
}

/// The numbers with tasks, in their names' order.
fn cycled(counts: &[u32], names: &Names) -> Vec<u32> {
    let mut with: Vec<u32> = (0..counts.len() as u32)
        .filter(|&n| counts[n as usize] > 0)
        .collect();
    with.sort_by(|a, b| names.name(*a).cmp(&names.name(*b)));
    with
}

/// The one after `at` in `order`, then none, then the first again.
fn cycle(at: Option<u32>, order: &[u32]) -> Option<u32> {
    match at.and_then(|n| order.iter().position(|x| *x == n)) {
        None if at.is_none() => order.first().copied(),
        Some(i) => order.get(i + 1).copied(),
        None => None,
    }
}
