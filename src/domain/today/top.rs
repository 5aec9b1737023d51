//! The most pressing items of a queue too long to hold: items are offered one by one,
//! ranked as they come, and only the first `keep` are kept, while the counts (items,
//! kinds, accounts and the ARR they cover) take in every one.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use chrono::NaiveDate;

use super::rank::{explain, pressing_first, priority};
use super::{Item, ItemKind, TodayRules};

/// An item ordered so the heap's top is the least pressing: the one to drop.
struct LeastFirst(Item);

impl PartialEq for LeastFirst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for LeastFirst {}

impl PartialOrd for LeastFirst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for LeastFirst {
    fn cmp(&self, other: &Self) -> Ordering {
        pressing_first(&self.0, &other.0)
    }
}

/// The first `keep` items by pressure, and counts of all offered.
pub struct TopItems<'a> {
    rules: &'a TodayRules,
    today: NaiveDate,
    keep: usize,
    heap: BinaryHeap<LeastFirst>,
    pub total: usize,
    pub by_kind: BTreeMap<ItemKind, usize>,
    /// Each account with an item, and its ARR in cents.
    pub accounts: HashMap<i64, i64>,
}

impl<'a> TopItems<'a> {
    pub fn new(rules: &'a TodayRules, today: NaiveDate, keep: usize) -> TopItems<'a> {
        TopItems {
            rules,
            today,
            keep,
            heap: BinaryHeap::new(),
            total: 0,
            by_kind: BTreeMap::new(),
            accounts: HashMap::new(),
        }
    }

    /// Counts the item and keeps it if it is among the most pressing so far.
    pub fn offer(&mut self, mut item: Item) {
        self.total += 1;
        *self.by_kind.entry(item.kind).or_default() += 1;
        self.accounts.insert(item.account_id, item.arr.cents);
        item.priority = priority(&item, self.rules, self.today);
        if self.heap.len() < self.keep {
            self.heap.push(LeastFirst(item));
        } else if let Some(least) = self.heap.peek()
            && pressing_first(&item, &least.0) == Ordering::Less
        {
            self.heap.pop();
            self.heap.push(LeastFirst(item));
        }
    }

    /// The kept items, most pressing first, each with its reason.
    pub fn into_ranked(self) -> Vec<Item> {
        let today = self.today;
        let mut items: Vec<Item> = self.heap.into_iter().map(|l| l.0).collect();
        items.sort_by(pressing_first);
        for item in &mut items {
            item.reason = explain(item, today);
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::today::{Subject, rank};

    fn item(account: i64, arr_k: i64, late: i64) -> Item {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        Item {
            kind: ItemKind::Task,
            subject: Subject::Task(account),
            account_id: account,
            account: format!("Account {account}"),
            arr: Money::usd(arr_k * 100_000),
            what: "x".into(),
            todo: "y".into(),
            due: Some(today - chrono::Duration::days(late)),
            severity: 2,
            fingerprint: String::new(),
            new: false,
            priority: 0.0,
            reason: String::new(),
        }
    }

    #[test]
    fn keeps_the_same_first_items_as_ranking_everything_and_counts_all() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let rules = TodayRules::default();
        let items: Vec<Item> = (0..200)
            .map(|i| item(i % 70, (i * 37) % 500 + 1, (i * 13) % 40))
            .collect();
        let mut top = TopItems::new(&rules, today, 25);
        for i in items.clone() {
            top.offer(i);
        }
        assert_eq!(top.total, 200);
        assert_eq!(top.accounts.len(), 70);
        let kept = top.into_ranked();
        let all = rank(items, &rules, today);
        assert_eq!(kept, all[..25].to_vec());
    }
}
