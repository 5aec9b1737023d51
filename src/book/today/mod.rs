//! The morning triage queue from the book: tasks due or late (one item per play), risk
//! signals raised since the CSM last looked, renewals that need a move (a new window,
//! behind their motion, red or yellow, no forecast near the date, earlier-stage tasks
//! still open), accounts gone without a touch past their segment's cadence, and
//! overrides about to expire, less what the CSM put away. The book reads the rows;
//! `domain::today` decides which become items, in what words, and how grave each is.

mod dismiss;
mod gather;
mod rows;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{Book, BookError};
use crate::domain::health::{HealthRules, SignalKind};
use crate::domain::today::{Item, ItemKind, TodayRules, TopItems};

pub use dismiss::last_looked_key;

/// Whose queue, and what they last saw.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// One team member's queue (their accounts and tasks); None for everyone's.
    pub owner: Option<String>,
    /// The day they last looked: what happened since is new.
    pub last_looked: Option<NaiveDate>,
    /// Renewal playbooks by id, and the window (in days) each belongs to: their tasks
    /// lapse into the renewal's item once the renewal has moved on.
    pub stages: HashMap<String, u32>,
    /// The playbooks that answer each risk signal: a signal whose answer has a task open
    /// on the account is left to that task's line.
    pub answers: HashMap<SignalKind, Vec<String>>,
}

/// The most items a queue lists; the counts cover them all. A morning's work is a few
/// dozen; a whole team's queue on a big book runs to tens of thousands.
pub const LISTED_AT_MOST: usize = 1_000;

/// The ranked queue and what it covers.
#[derive(Debug, Clone, Default)]
pub struct Queue {
    /// The most pressing items, at most [`LISTED_AT_MOST`].
    pub items: Vec<Item>,
    /// Items in the queue, listed or not, and how many of each kind.
    pub total: usize,
    pub by_kind: BTreeMap<ItemKind, usize>,
    /// Distinct accounts with an item, and their ARR in cents.
    pub accounts: usize,
    pub arr_cents: i64,
    /// Items hidden because the CSM dismissed or snoozed them.
    pub put_away: usize,
}

impl Queue {
    /// Takes the item with `key` off the queue, keeping the counts true; the item.
    pub fn remove(&mut self, key: &str) -> Option<Item> {
        let at = self.items.iter().position(|i| i.key() == key)?;
        let gone = self.items.remove(at);
        self.total -= 1;
        if let Some(n) = self.by_kind.get_mut(&gone.kind) {
            *n -= 1;
        }
        if !self.items.iter().any(|i| i.account_id == gone.account_id) {
            self.accounts = self.accounts.saturating_sub(1);
            self.arr_cents -= gone.arr.cents;
        }
        Some(gone)
    }

    /// How many items of `kind` the queue holds.
    pub fn count(&self, kind: ItemKind) -> usize {
        self.by_kind.get(&kind).copied().unwrap_or(0)
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

    /// The queue for `scope` on `today`: every item that needs them, less what they put
    /// away, most pressing first.
    pub fn today_queue(
        &self,
        rules: &HealthRules,
        today_rules: &TodayRules,
        scope: &Scope,
        today: NaiveDate,
    ) -> Result<Queue, BookError> {
        let dismissals = self.dismissals()?;
        let mut top = TopItems::new(today_rules, today, LISTED_AT_MOST);
        let mut put_away = 0;
        self.triage(rules, today_rules, scope, today, |item| {
            if dismissals
                .get(&item.key())
                .is_some_and(|d| d.hides(&item, today))
            {
                put_away += 1;
            } else {
                top.offer(item);
            }
        })?;
        Ok(Queue {
            total: top.total,
            by_kind: std::mem::take(&mut top.by_kind),
            accounts: top.accounts.len(),
            arr_cents: top.accounts.values().sum(),
            items: top.into_ranked(),
            put_away,
        })
    }
}
