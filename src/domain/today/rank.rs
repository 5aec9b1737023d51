//! The priority of a triage item and the words that explain it.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Class, TodayRules};
use crate::domain::Money;
use crate::domain::health::SignalKind;

/// What kind of thing needs the CSM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Task,
    Signal,
    Renewal,
    NoTouch,
    OverrideExpiring,
    /// The growth half: onboarding, expansion, advocacy, win-back.
    Growth,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Task => "task",
            ItemKind::Signal => "signal",
            ItemKind::Renewal => "renewal",
            ItemKind::NoTouch => "no_touch",
            ItemKind::OverrideExpiring => "override_expiring",
            ItemKind::Growth => "growth",
        }
    }
}

impl TodayRules {
    fn weight(&self, kind: ItemKind) -> f64 {
        match kind {
            ItemKind::Task => self.task,
            ItemKind::Signal => self.signal,
            ItemKind::Renewal => self.renewal,
            ItemKind::NoTouch => self.no_touch,
            ItemKind::OverrideExpiring => self.override_expiring,
            ItemKind::Growth => self.growth,
        }
    }
}

/// What the keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Subject {
    /// A task (the first of its play's tasks due).
    Task(i64),
    /// A renewal: the contract renewing.
    Renewal(i64),
    /// A risk signal on the account.
    Signal(SignalKind),
    /// The account, gone without a touch.
    Quiet,
    /// The account's health override.
    Override,
    /// The account's onboarding, behind its program.
    Onboarding,
    /// An expansion opportunity closing.
    Opportunity(i64),
    /// A reference ask awaiting its answer.
    ReferenceAsk(i64),
    /// A churned customer due a win-back try.
    WinBack,
}

/// One thing that needs the CSM.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    pub subject: Subject,
    pub account_id: i64,
    pub account: String,
    /// The ARR at stake: the account's.
    #[serde(skip)]
    pub arr: Money,
    /// Why it is here, in a CSM's words ("proposal not sent", "usage down 41%").
    pub what: String,
    /// What to do about it ("send the proposal", "log a touch").
    pub todo: String,
    /// The day it is due or the deadline it runs to; None for no deadline.
    pub due: Option<NaiveDate>,
    /// 1 (low) to 3 (high): a task's priority, a signal's or renewal's gravity.
    pub severity: u8,
    /// The kind of trouble: a save, a risk or routine work. It orders before priority.
    pub class: Class,
    /// A task's playbook, if one made it: the signal it answers is read from it.
    #[serde(skip)]
    pub play: Option<String>,
    /// The task a renewal's item took in (its stage's): marking the item done marks it.
    pub task: Option<i64>,
    /// The item's state: when it changes, something new has happened, and a dismissal
    /// made before no longer holds.
    #[serde(skip)]
    pub fingerprint: String,
    /// It happened since the CSM last looked.
    pub new: bool,
    /// Filled by `rank`.
    pub priority: f64,
    /// Filled by `rank`: "$240K renewal in 28 days: proposal not sent".
    pub reason: String,
}

impl Item {
    /// Who the item is about, stable while it lasts: what a dismissal is filed under.
    pub fn key(&self) -> String {
        match self.subject {
            Subject::Task(id) => format!("task:{id}"),
            Subject::Renewal(id) => format!("renewal:{id}"),
            Subject::Signal(kind) => format!("signal:{}:{}", self.account_id, kind.as_str()),
            Subject::Quiet => format!("no_touch:{}", self.account_id),
            Subject::Override => format!("override:{}", self.account_id),
            Subject::Onboarding => format!("onboarding:{}", self.account_id),
            Subject::Opportunity(id) => format!("opportunity:{id}"),
            Subject::ReferenceAsk(id) => format!("reference_ask:{id}"),
            Subject::WinBack => format!("win_back:{}", self.account_id),
        }
    }
}

/// How pressing a deadline is: 1 with none or far off, rising to 3 on the day and
/// further the longer it is overdue (up to 5).
fn urgency(due: Option<NaiveDate>, today: NaiveDate) -> f64 {
    let Some(due) = due else { return 1.0 };
    let days = (due - today).num_days();
    match days {
        ..0 => (3.0 + (-days) as f64 / 14.0).min(5.0),
        0 => 3.0,
        1..=30 => 1.0 + 2.0 * (30 - days) as f64 / 30.0,
        _ => 1.0,
    }
}

/// When, in words.
fn when(due: Option<NaiveDate>, today: NaiveDate) -> String {
    match due.map(|d| (d - today).num_days()) {
        None => String::new(),
        Some(0) => " today".into(),
        Some(1) => " tomorrow".into(),
        Some(-1) => " 1 day late".into(),
        Some(d) if d < 0 => format!(" {} days late", -d),
        Some(d) => format!(" in {d} days"),
    }
}

/// An item's priority: ARR in $K, square-rooted so a big account counts more without
/// drowning the rest, times urgency, times severity and the kind's weight.
pub fn priority(item: &Item, rules: &TodayRules, today: NaiveDate) -> f64 {
    let arr_k = (item.arr.cents.max(0) as f64 / 100_000.0).max(1.0);
    let u = urgency(item.due, today);
    let s = f64::from(item.severity.clamp(1, 3)) * rules.weight(item.kind);
    (arr_k.sqrt() * u * s * 10.0).round() / 10.0
}

/// The reason shown: "$240K renewal in 28 days: proposal not sent".
pub fn explain(item: &Item, today: NaiveDate) -> String {
    let label = match item.kind {
        ItemKind::Task => "task",
        ItemKind::Signal => "risk",
        ItemKind::Renewal => "renewal",
        ItemKind::NoTouch => "no touch",
        ItemKind::OverrideExpiring => "override",
        ItemKind::Growth => match item.subject {
            Subject::Onboarding => "onboarding",
            Subject::Opportunity(_) => "expansion",
            Subject::ReferenceAsk(_) => "advocacy",
            _ => "win-back",
        },
    };
    format!(
        "{} {label}{}: {}",
        item.arr.short(),
        when(item.due, today),
        item.what
    )
}

/// The queue's order: the graver class first (a save before a risk before routine work,
/// however large the account), then higher priority, then the sooner deadline, then by
/// account, then by what the item is about, so the same book always gives the same order.
pub fn pressing_first(a: &Item, b: &Item) -> Ordering {
    a.class
        .cmp(&b.class)
        .then(b.priority.total_cmp(&a.priority))
        .then(a.due.cmp(&b.due))
        .then(a.account.cmp(&b.account))
        .then_with(|| a.key().cmp(&b.key()))
}

/// Fills each item's priority and reason, and sorts the most pressing first.
pub fn rank(mut items: Vec<Item>, rules: &TodayRules, today: NaiveDate) -> Vec<Item> {
    for item in &mut items {
        item.priority = priority(item, rules, today);
        item.reason = explain(item, today);
    }
    items.sort_by(pressing_first);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn item(
        kind: ItemKind,
        account: &str,
        arr_k: i64,
        due: Option<i64>,
        severity: u8,
        what: &str,
    ) -> Item {
        Item {
            kind,
            subject: Subject::Quiet,
            account_id: 1,
            account: account.into(),
            arr: Money::usd(arr_k * 100_000),
            what: what.into(),
            todo: String::new(),
            due: due.map(|d| today() + Duration::days(d)),
            severity,
            class: Class::Risk,
            play: None,
            task: None,
            fingerprint: String::new(),
            new: false,
            priority: 0.0,
            reason: String::new(),
        }
    }

    #[test]
    fn a_big_renewal_near_its_date_outranks_a_small_overdue_task() {
        let ranked = rank(
            vec![
                item(ItemKind::Task, "Acme", 10, Some(-3), 2, "send the deck"),
                item(
                    ItemKind::Renewal,
                    "Northwind",
                    240,
                    Some(28),
                    3,
                    "health red, proposal not sent",
                ),
                item(
                    ItemKind::NoTouch,
                    "Hooli",
                    50,
                    None,
                    1,
                    "champion quiet 60 days",
                ),
            ],
            &TodayRules::default(),
            today(),
        );
        let order: Vec<&str> = ranked.iter().map(|i| i.account.as_str()).collect();
        assert_eq!(order, ["Northwind", "Acme", "Hooli"]);
        assert_eq!(
            ranked[0].reason,
            "$240K renewal in 28 days: health red, proposal not sent"
        );
        assert_eq!(ranked[1].reason, "$10K task 3 days late: send the deck");
    }

    #[test]
    fn the_same_item_rises_as_its_date_comes_and_passes() {
        let w = TodayRules::default();
        let at = |d: i64| {
            rank(
                vec![item(ItemKind::Task, "A", 100, Some(d), 2, "x")],
                &w,
                today(),
            )[0]
            .priority
        };
        assert!(at(20) < at(5));
        assert!(at(5) < at(0));
        assert!(at(0) < at(-10));
        assert_eq!(at(-100), at(-200), "overdue urgency is capped");
    }

    #[test]
    fn a_save_on_a_small_account_comes_before_routine_work_on_a_large_one() {
        let chore = Item {
            class: Class::Routine,
            ..item(
                ItemKind::Task,
                "Globex",
                2_000,
                Some(-5),
                3,
                "release notes",
            )
        };
        let overdue = Item {
            class: Class::Save,
            ..item(ItemKind::Renewal, "Acme", 20, Some(-8), 1, "past its date")
        };
        let risk = Item {
            class: Class::Risk,
            ..item(ItemKind::Signal, "Hooli", 500, None, 3, "usage down")
        };
        let ranked = rank(vec![chore, risk, overdue], &TodayRules::default(), today());
        assert!(
            ranked[2].priority > ranked[0].priority,
            "the chore scores higher"
        );
        let order: Vec<&str> = ranked.iter().map(|i| i.account.as_str()).collect();
        assert_eq!(order, ["Acme", "Hooli", "Globex"]);
    }

    #[test]
    fn weights_change_the_order() {
        let items = vec![
            item(ItemKind::Task, "Task", 100, Some(0), 2, "x"),
            item(ItemKind::Signal, "Signal", 100, Some(0), 2, "y"),
        ];
        let first = |w: &TodayRules| rank(items.clone(), w, today())[0].account.clone();
        assert_eq!(first(&TodayRules::default()), "Signal");
        let tasks_first = TodayRules {
            task: 2.0,
            ..TodayRules::default()
        };
        assert_eq!(first(&tasks_first), "Task");
    }
}
