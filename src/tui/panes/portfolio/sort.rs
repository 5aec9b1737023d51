//! The orders the Portfolio can be listed in, most urgent first by default: red before
//! yellow before green, larger ARR first. Churned accounts go last whatever the order:
//! they are history.

use std::cmp::Ordering;

use crate::book::portfolio::PortfolioAccount;
use crate::domain::vocab::HealthBand;

/// The columns the list can be sorted by, in the order `s` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Urgency,
    Health,
    Change,
    Renewal,
    Arr,
    Name,
    Owner,
    Segment,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Urgency => "urgency",
            SortKey::Health => "health, lowest first",
            SortKey::Change => "30-day change, biggest drop first",
            SortKey::Renewal => "next renewal",
            SortKey::Arr => "ARR, largest first",
            SortKey::Name => "name",
            SortKey::Owner => "owner",
            SortKey::Segment => "segment",
        }
    }

    pub fn next(self) -> SortKey {
        match self {
            SortKey::Urgency => SortKey::Health,
            SortKey::Health => SortKey::Change,
            SortKey::Change => SortKey::Renewal,
            SortKey::Renewal => SortKey::Arr,
            SortKey::Arr => SortKey::Name,
            SortKey::Name => SortKey::Owner,
            SortKey::Owner => SortKey::Segment,
            SortKey::Segment => SortKey::Urgency,
        }
    }
}

/// Red first, then yellow, green, and accounts without a score.
fn band_rank(a: &PortfolioAccount) -> u8 {
    match a.health.as_ref().and_then(|h| h.band) {
        Some(HealthBand::Red) => 0,
        Some(HealthBand::Yellow) => 1,
        Some(HealthBand::Green) => 2,
        None => 3,
    }
}

/// Which of two rows (places in the book's order) comes first by a column: a total
/// order, the book's order breaking ties.
pub fn compare(rows: &[PortfolioAccount], key: SortKey, a: u32, b: u32) -> Ordering {
    let (x, y) = (&rows[a as usize], &rows[b as usize]);
    let churned = |p: &PortfolioAccount| p.churned_on.is_some();
    let arr_desc = |p: &PortfolioAccount| std::cmp::Reverse(p.arr.cents);
    let score = |p: &PortfolioAccount| p.health.as_ref().and_then(|h| h.score);
    let change = |p: &PortfolioAccount| p.health.as_ref().and_then(|h| h.delta_30d);
    let by = match key {
        SortKey::Urgency => {
            let k = |p| (churned(p), band_rank(p), arr_desc(p));
            k(x).cmp(&k(y))
        }
        SortKey::Health => {
            let k = |p| (churned(p), score(p).is_none(), score(p), arr_desc(p));
            k(x).cmp(&k(y))
        }
        SortKey::Change => {
            let k = |p| (churned(p), change(p).is_none(), change(p), arr_desc(p));
            k(x).cmp(&k(y))
        }
        SortKey::Renewal => {
            let k = |p: &PortfolioAccount| {
                (
                    churned(p),
                    p.renewal_on.is_none(),
                    p.renewal_on,
                    arr_desc(p),
                )
            };
            k(x).cmp(&k(y))
        }
        SortKey::Arr => (churned(x), arr_desc(x)).cmp(&(churned(y), arr_desc(y))),
        SortKey::Name => {
            (churned(x), x.name.to_lowercase()).cmp(&(churned(y), y.name.to_lowercase()))
        }
        SortKey::Owner => (
            churned(x),
            x.owner.is_none(),
            x.owner.as_deref(),
            arr_desc(x),
        )
            .cmp(&(
                churned(y),
                y.owner.is_none(),
                y.owner.as_deref(),
                arr_desc(y),
            )),
        SortKey::Segment => {
            let k = |p: &PortfolioAccount| (churned(p), p.segment, arr_desc(p));
            k(x).cmp(&k(y))
        }
    };
    by.then(a.cmp(&b))
}

/// Puts `row` back in its place in `order` after its account changed: taken out and
/// put in again where `compare` says, without sorting the rest.
pub fn reposition(order: &mut Vec<u32>, rows: &[PortfolioAccount], key: SortKey, row: u32) {
    if let Some(at) = order.iter().position(|&i| i == row) {
        order.remove(at);
    }
    let at = order.partition_point(|&i| compare(rows, key, i, row) == Ordering::Less);
    order.insert(at, row);
}

/// The order of `rows` by a column. Keys are computed once per row, not per comparison.
pub fn sort_order(rows: &[PortfolioAccount], key: SortKey) -> Vec<u32> {
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    let account = |i: &u32| &rows[*i as usize];
    let churned = |i: &u32| account(i).churned_on.is_some();
    let arr_desc = |i: &u32| std::cmp::Reverse(account(i).arr.cents);
    let score = |i: &u32| account(i).health.as_ref().and_then(|h| h.score);
    let change = |i: &u32| account(i).health.as_ref().and_then(|h| h.delta_30d);
    match key {
        SortKey::Urgency => order.sort_unstable_by_key(|i| {
            (
                churned(i),
                band_rank(account(i)),
                arr_desc(i),
                account(i).id,
            )
        }),
        SortKey::Health => order.sort_unstable_by_key(|i| {
            (
                churned(i),
                score(i).is_none(),
                score(i),
                arr_desc(i),
                account(i).id,
            )
        }),
        SortKey::Change => order.sort_unstable_by_key(|i| {
            (
                churned(i),
                change(i).is_none(),
                change(i),
                arr_desc(i),
                account(i).id,
            )
        }),
        // Soonest first; accounts without an open contract last; larger ARR first.
        SortKey::Renewal => order.sort_unstable_by_key(|i| {
            let a = account(i);
            (
                churned(i),
                a.renewal_on.is_none(),
                a.renewal_on,
                arr_desc(i),
                a.id,
            )
        }),
        SortKey::Arr => order.sort_unstable_by_key(|i| (churned(i), arr_desc(i), account(i).id)),
        SortKey::Name => {
            order.sort_by_cached_key(|i| (churned(i), account(i).name.to_lowercase(), *i))
        }
        SortKey::Owner => order.sort_by(|a, b| {
            let key = |i: &u32| {
                (
                    churned(i),
                    account(i).owner.is_none(),
                    account(i).owner.clone(),
                    arr_desc(i),
                    *i,
                )
            };
            key(a).cmp(&key(b))
        }),
        SortKey::Segment => order
            .sort_unstable_by_key(|i| (churned(i), account(i).segment, arr_desc(i), account(i).id)),
    }
    order
}
