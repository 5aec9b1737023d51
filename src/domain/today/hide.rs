//! Dismissed and snoozed items: an item the CSM put away stays away while nothing new
//! happens to it (its fingerprint holds) and, for a snooze, until its day comes.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Item;

/// An item put away: which, in what state, and until when (None: until something new).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dismissal {
    pub key: String,
    pub fingerprint: String,
    pub until: Option<NaiveDate>,
    pub reason: String,
}

impl Dismissal {
    /// Whether this keeps `item` out of the queue on `today`.
    pub fn hides(&self, item: &Item, today: NaiveDate) -> bool {
        self.fingerprint == item.fingerprint && self.until.is_none_or(|u| u > today)
    }
}

/// The items no dismissal keeps away.
pub fn drop_hidden(
    items: Vec<Item>,
    dismissals: &HashMap<String, Dismissal>,
    today: NaiveDate,
) -> Vec<Item> {
    if dismissals.is_empty() {
        return items;
    }
    items
        .into_iter()
        .filter(|i| dismissals.get(&i.key()).is_none_or(|d| !d.hides(i, today)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::today::{Class, ItemKind, Subject};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn item(fingerprint: &str) -> Item {
        Item {
            kind: ItemKind::Renewal,
            subject: Subject::Renewal(7),
            account_id: 1,
            account: "Acme".into(),
            arr: Money::usd(10_000_000),
            what: "health red".into(),
            todo: "set the forecast".into(),
            due: Some(day(20)),
            severity: 3,
            class: Class::Save,
            play: None,
            task: None,
            fingerprint: fingerprint.into(),
            new: false,
            priority: 0.0,
            reason: String::new(),
        }
    }

    fn put_away(fingerprint: &str, until: Option<NaiveDate>) -> HashMap<String, Dismissal> {
        let d = Dismissal {
            key: item(fingerprint).key(),
            fingerprint: fingerprint.into(),
            until,
            reason: String::new(),
        };
        HashMap::from([(d.key.clone(), d)])
    }

    #[test]
    fn a_dismissed_item_stays_away_until_something_new_happens_to_it() {
        let hidden = put_away("30|health red", None);
        assert!(drop_hidden(vec![item("30|health red")], &hidden, day(2)).is_empty());
        let news = drop_hidden(vec![item("30|health red, no forecast")], &hidden, day(2));
        assert_eq!(news.len(), 1, "a new reason brings it back");
    }

    #[test]
    fn a_snoozed_item_comes_back_on_its_day_or_with_news() {
        let hidden = put_away("30|health red", Some(day(5)));
        assert!(drop_hidden(vec![item("30|health red")], &hidden, day(4)).is_empty());
        assert_eq!(
            drop_hidden(vec![item("30|health red")], &hidden, day(5)).len(),
            1
        );
        assert_eq!(
            drop_hidden(vec![item("overdue|health red")], &hidden, day(4)).len(),
            1
        );
    }
}
