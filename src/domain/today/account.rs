//! What a queue item needs of its account (who it is, its segment, its ARR), and the
//! one way an item about it is begun, before each rule fills in the rest.

use super::{Class, Item, ItemKind, Subject};
use crate::domain::Money;
use crate::domain::vocab::Segment;

/// An account as the queue sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemAccount {
    pub id: i64,
    pub name: String,
    pub segment: Segment,
    pub arr: Money,
}

impl ItemAccount {
    /// An item about this account saying `what` and what to do: unranked, with no
    /// deadline, severity 1, routine, no fingerprint and not new until the rule says
    /// otherwise.
    pub fn item(&self, kind: ItemKind, subject: Subject, what: String, todo: String) -> Item {
        Item {
            kind,
            subject,
            account_id: self.id,
            account: self.name.clone(),
            arr: self.arr,
            what,
            todo,
            due: None,
            severity: 1,
            class: Class::Routine,
            play: None,
            task: None,
            fingerprint: String::new(),
            new: false,
            priority: 0.0,
            reason: String::new(),
        }
    }
}

/// An account for the rules' tests.
#[cfg(test)]
pub(super) fn acme(segment: Segment) -> ItemAccount {
    ItemAccount {
        id: 1,
        name: "Acme".into(),
        segment,
        arr: Money::usd(12_000_000),
    }
}
