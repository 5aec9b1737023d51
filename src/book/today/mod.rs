//! The morning triage queue from the book, one row per account: tasks due or late (one
//! item per play), risk signals raised since the CSM last looked, renewals that need a
//! move (unsigned inside 30 days, past their date, a new window, behind their motion,
//! red or yellow, no forecast near the date, earlier-stage tasks still open), accounts
//! gone without a touch past their segment's cadence, and overrides about to expire,
//! less what the CSM put away. The book reads the rows;
//! `domain::today` decides which become items, in what words, and how grave each is.

mod dismiss;
mod gather;
mod growth;
mod read;
mod rows;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{Book, BookError};
use crate::domain::health::SignalKind;
use crate::domain::today::{AccountRow, Class, Item, ItemKind, Share, minutes, pressing_first};

pub use dismiss::last_looked_key;
pub use growth::GrowthRules;
pub use read::Slicing;

/// Whose queue, and what they last saw.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// One team member's queue (their accounts and tasks); None for everyone's.
    pub owner: Option<String>,
    /// One account's items only: what a write on it may have changed.
    pub account: Option<i64>,
    /// The day they last looked: what happened since is new.
    pub last_looked: Option<NaiveDate>,
    /// Renewal playbooks by id, and the window (in days) each belongs to: their tasks
    /// lapse into the renewal's item once the renewal has moved on.
    pub stages: HashMap<String, u32>,
    /// The playbooks that answer each risk signal: a signal whose answer has a task open
    /// on the account is left to that task's line.
    pub answers: HashMap<SignalKind, Vec<String>>,
    /// The class of each playbook's tasks (renewal stages take their renewal's).
    pub classes: HashMap<String, Class>,
    /// The onboarding programs and the rules the growth items are judged by.
    pub growth: GrowthRules,
}

/// The most accounts a queue lists; the counts cover them all. A morning's work is a
/// few dozen accounts; a whole team's queue on a big book runs to tens of thousands.
pub const LISTED_AT_MOST: usize = 1_000;

/// The ranked queue and what it covers.
#[derive(Debug, Clone)]
pub struct Queue {
    /// One row per account, most pressing first, the backlog last; at most
    /// [`LISTED_AT_MOST`].
    pub rows: Vec<AccountRow>,
    /// Items in the queue, listed or not, and how many of each kind.
    pub total: usize,
    pub by_kind: BTreeMap<ItemKind, usize>,
    /// Distinct accounts with an item, and their ARR in cents, each account once.
    pub accounts: usize,
    pub arr_cents: i64,
    /// Items hidden because the CSM dismissed or snoozed them, and on which accounts.
    pub put_away: usize,
    pub put_away_on: HashMap<i64, usize>,
    /// Accounts whose every item is old and untouched: they wait in the backlog.
    pub backlog: usize,
    /// About how many minutes the rest would take to clear.
    pub minutes: u32,
    /// What each account counted but not listed adds to the counts.
    pub off_list: HashMap<i64, Share>,
    /// The most rows it lists: [`LISTED_AT_MOST`], less in tests.
    pub listed_at_most: usize,
}

impl Default for Queue {
    fn default() -> Queue {
        Queue {
            rows: Vec::new(),
            total: 0,
            by_kind: BTreeMap::new(),
            accounts: 0,
            arr_cents: 0,
            put_away: 0,
            put_away_on: HashMap::new(),
            backlog: 0,
            minutes: 0,
            off_list: HashMap::new(),
            listed_at_most: LISTED_AT_MOST,
        }
    }
}

impl Queue {
    /// Takes the item with `key` off the queue, keeping the counts true; the item.
    pub fn remove(&mut self, key: &str) -> Option<Item> {
        let (r, i) = self.rows.iter().enumerate().find_map(|(r, row)| {
            row.items
                .iter()
                .position(|i| i.key() == key)
                .map(|i| (r, i))
        })?;
        let row = &mut self.rows[r];
        let gone = row.items.remove(i);
        self.total -= 1;
        if let Some(n) = self.by_kind.get_mut(&gone.kind) {
            *n -= 1;
        }
        if !row.backlog {
            self.minutes = self.minutes.saturating_sub(minutes(&gone));
        }
        if row.items.is_empty() {
            if row.backlog {
                self.backlog = self.backlog.saturating_sub(1);
            }
            self.rows.remove(r);
            self.accounts = self.accounts.saturating_sub(1);
            self.arr_cents -= gone.arr.cents;
        }
        Some(gone)
    }

    /// Puts `fresh`, `account`'s queue read alone after a change to it, in place of what
    /// the queue held of it, listed or not, the counts following.
    pub fn patch(&mut self, account: i64, fresh: Queue) {
        let old = match self.rows.iter().position(|r| r.account_id == account) {
            Some(r) => Some(Share::of(&self.rows.remove(r))),
            None => self.off_list.remove(&account),
        };
        if let Some(old) = old {
            self.total -= old.kinds.len();
            for kind in &old.kinds {
                if let Some(n) = self.by_kind.get_mut(kind) {
                    *n -= 1;
                }
            }
            self.accounts -= 1;
            self.arr_cents -= old.arr_cents;
            if old.backlog {
                self.backlog -= 1;
            }
            self.minutes = self.minutes.saturating_sub(old.minutes);
        }
        // The account's put-away items are counted afresh.
        let before = self.put_away_on.remove(&account).unwrap_or(0);
        self.put_away = self.put_away.saturating_sub(before);
        self.absorb(fresh);
    }

    /// The queue listing at most `listed` rows, the rest counted off the list.
    pub fn listing(mut self, listed: usize) -> Queue {
        self.listed_at_most = listed;
        self.absorb(Queue::default());
        self
    }

    /// Adds the queue of other accounts: the counts sum, and the most pressing rows of
    /// both stay listed.
    pub(super) fn absorb(&mut self, other: Queue) {
        self.total += other.total;
        for (kind, n) in other.by_kind {
            *self.by_kind.entry(kind).or_default() += n;
        }
        self.accounts += other.accounts;
        self.arr_cents += other.arr_cents;
        self.put_away += other.put_away;
        self.put_away_on.extend(other.put_away_on);
        self.backlog += other.backlog;
        self.minutes += other.minutes;
        self.off_list.extend(other.off_list);
        self.rows.extend(other.rows);
        let keep = self.listed_at_most;
        if self.rows.len() > keep {
            self.rows.select_nth_unstable_by(keep, AccountRow::first);
            let cut = self.rows.drain(keep..);
            self.off_list
                .extend(cut.map(|r| (r.account_id, Share::of(&r))));
        }
        self.rows.sort_by(AccountRow::first);
    }

    /// How many items of `kind` the queue holds.
    pub fn count(&self, kind: ItemKind) -> usize {
        self.by_kind.get(&kind).copied().unwrap_or(0)
    }

    /// The listed rows' items in one list, most pressing first, owned.
    pub fn into_flat(self) -> Vec<Item> {
        let mut items: Vec<Item> = self.rows.into_iter().flat_map(|r| r.items).collect();
        items.sort_by(pressing_first);
        items
    }

    /// The listed rows' items in one list, most pressing first: the flat view.
    pub fn flat(&self) -> Vec<&Item> {
        let mut items: Vec<&Item> = self.rows.iter().flat_map(|r| &r.items).collect();
        items.sort_by(|a, b| pressing_first(a, b));
        items
    }
}

impl Book {
    /// Whose queue the person named `user` sees by default: theirs if they are on the
    /// team by that exact name, else everyone's.
    pub fn default_queue_owner(&self, user: &str) -> Result<Option<String>, BookError> {
        let user = user.trim().to_lowercase();
        Ok(self
            .team_members()?
            .into_iter()
            .find(|m| m.name.to_lowercase() == user)
            .map(|m| m.name))
    }
}
