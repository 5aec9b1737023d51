//! The queue by account: every item of an account on one row, led by its most pressing,
//! the rest named after it ("+3: champion left, NPS 5, usage down 26%"). A risk signal and
//! the task of the play that answers it are one item, and so are a renewal and its
//! stage's task. Rows whose every item is older than
//! the look-back and untouched wait in the backlog, after the rest. Items are offered one
//! by one as the book is read; the counts (items, kinds, accounts and the ARR they cover,
//! each account once) take in every one, while only the most pressing rows are kept.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};

use super::rank::{explain, pressing_first, priority};
use super::{Class, Item, ItemKind, Subject, TodayRules};
use crate::domain::Money;
use crate::domain::health::SignalKind;

/// One account's items.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub account_id: i64,
    pub account: String,
    pub arr: Money,
    /// Most pressing first: the first leads the row. Never empty.
    pub items: Vec<Item>,
    /// Every item is older than the look-back and untouched.
    pub backlog: bool,
}

impl AccountRow {
    /// The item that leads the row.
    pub fn head(&self) -> &Item {
        &self.items[0]
    }

    /// The rest, named after the lead: "+3: champion left, NPS 5, usage down 26%";
    /// None when the lead is alone.
    pub fn more(&self) -> Option<String> {
        let rest = &self.items[1..];
        if rest.is_empty() {
            return None;
        }
        let gists: Vec<String> = rest.iter().map(gist).collect();
        Some(format!("+{}: {}", rest.len(), gists.join(", ")))
    }

    /// The queue's order of rows: the backlog last, else as their leads.
    pub fn first(a: &AccountRow, b: &AccountRow) -> Ordering {
        a.backlog
            .cmp(&b.backlog)
            .then_with(|| pressing_first(a.head(), b.head()))
    }
}

/// What an account's row adds to a queue's counts, kept for the rows the queue does not
/// list: a write on such an account takes its share out again and puts the fresh one in,
/// without reading the whole queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    /// The kind of each of its items.
    pub kinds: Vec<ItemKind>,
    pub arr_cents: i64,
    pub backlog: bool,
    /// The minutes its items add to clear (none when it waits in the backlog).
    pub minutes: u32,
}

impl Share {
    pub fn of(row: &AccountRow) -> Share {
        Share {
            kinds: row.items.iter().map(|i| i.kind).collect(),
            arr_cents: row.arr.cents,
            backlog: row.backlog,
            minutes: if row.backlog {
                0
            } else {
                row.items.iter().map(minutes).sum()
            },
        }
    }
}

/// An item in a few words, for the row it does not lead.
pub fn gist(item: &Item) -> String {
    match item.kind {
        ItemKind::Task => item.todo.clone(),
        ItemKind::Signal => item.what.clone(),
        ItemKind::Renewal => format!("renewal: {}", item.what),
        ItemKind::NoTouch => "quiet".into(),
        ItemKind::OverrideExpiring => "override ending".into(),
        ItemKind::Growth => item
            .what
            .split(':')
            .next()
            .unwrap_or(&item.what)
            .to_string(),
    }
}

/// About how long an item takes a CSM, in minutes: what "to clear" adds up.
pub fn minutes(item: &Item) -> u32 {
    match item.kind {
        ItemKind::Renewal => 20,
        ItemKind::Task | ItemKind::Signal => 15,
        ItemKind::NoTouch => 10,
        ItemKind::OverrideExpiring => 5,
        ItemKind::Growth => 10,
    }
}

/// Whether an item waits in the backlog on `today`: not new, not a save, and something
/// that has been owed (a task, a quiet account) for longer than `days`.
pub fn in_backlog(item: &Item, since: Option<NaiveDate>, today: NaiveDate, days: u32) -> bool {
    !item.new
        && item.class != Class::Save
        && matches!(item.kind, ItemKind::Task | ItemKind::NoTouch)
        && since.is_some_and(|d| d < today - Duration::days(i64::from(days)))
}

/// What answers what: the playbooks answering each risk signal, and the renewal stages'
/// playbooks, whose tasks answer the renewal.
#[derive(Debug, Clone, Copy)]
pub struct Answering<'a> {
    pub signals: &'a HashMap<SignalKind, Vec<String>>,
    pub stages: &'a HashMap<String, u32>,
}

impl Answering<'_> {
    /// Whether the task `t` answers the item `about`.
    fn answers(&self, t: &Item, about: &Item) -> bool {
        let Some(play) = t
            .play
            .as_ref()
            .filter(|_| matches!(t.subject, Subject::Task(_)))
        else {
            return false;
        };
        match about.subject {
            Subject::Signal(kind) => self.signals.get(&kind).is_some_and(|ps| ps.contains(play)),
            Subject::Renewal(_) => self.stages.contains_key(play),
            _ => false,
        }
    }
}

/// Joins a risk signal, or a renewal, with the task of a play answering it, so they are
/// one item, as grave as the graver of the two. A signal joins the task's item (the task
/// is what to do); a renewal keeps its own (its keys tick the motion and set the
/// forecast) and takes the task in, so marking it done marks the task done.
pub fn join_answers(items: &mut Vec<Item>, answering: Answering) {
    let mut taken = vec![false; items.len()];
    for i in 0..items.len() {
        if !matches!(items[i].subject, Subject::Signal(_) | Subject::Renewal(_)) {
            continue;
        }
        let Some(t) = (0..items.len())
            .find(|&t| !taken[t] && t != i && answering.answers(&items[t], &items[i]))
        else {
            continue;
        };
        taken[t] = true;
        let task = items[t].clone();
        let about = &mut items[i];
        let (class, severity, new) = (
            about.class.min(task.class),
            about.severity.max(task.severity),
            about.new || task.new,
        );
        if let Subject::Signal(_) = about.subject {
            let what = format!("{} · {}", about.what, task.what);
            *about = Item { what, ..task };
        } else {
            about.what = format!("{} · {}: {}", about.what, task.what, task.todo);
            if let Subject::Task(id) = task.subject {
                about.task = Some(id);
            }
        }
        about.class = class;
        about.severity = severity;
        about.new = new;
    }
    let mut at = 0;
    items.retain(|_| {
        at += 1;
        !taken[at - 1]
    });
}

/// The rows of a queue, gathered as items are offered.
pub struct ByAccount<'a> {
    rules: &'a TodayRules,
    answering: Answering<'a>,
    today: NaiveDate,
    /// The look-back: what has been owed longer, new to no one, waits in the backlog.
    backlog_days: u32,
    accounts: HashMap<i64, Gathering>,
}

struct Gathering {
    items: Vec<Item>,
    /// The day each item has been owed since, beside it.
    since: Vec<Option<NaiveDate>>,
}

/// The rows kept and the counts of all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// The most pressing rows, at most as many as asked for, in the queue's order.
    pub rows: Vec<AccountRow>,
    /// Items in the queue, listed or not, and how many of each kind.
    pub total: usize,
    pub by_kind: BTreeMap<ItemKind, usize>,
    /// Accounts with an item, and their ARR in cents, each account once.
    pub accounts: usize,
    pub arr_cents: i64,
    /// Accounts waiting in the backlog, and about how many minutes the rest would take.
    pub backlog: usize,
    pub minutes: u32,
    /// The share of each account counted but not kept.
    pub off_list: HashMap<i64, Share>,
}

impl<'a> ByAccount<'a> {
    pub fn new(
        rules: &'a TodayRules,
        answering: Answering<'a>,
        today: NaiveDate,
        backlog_days: u32,
    ) -> ByAccount<'a> {
        ByAccount {
            rules,
            answering,
            today,
            backlog_days,
            accounts: HashMap::new(),
        }
    }

    /// Takes an item in, owed since `since` (a task's due day, the day a quiet account
    /// ran past its cadence).
    pub fn offer(&mut self, item: Item, since: Option<NaiveDate>) {
        let g = self
            .accounts
            .entry(item.account_id)
            .or_insert_with(|| Gathering {
                items: Vec::new(),
                since: Vec::new(),
            });
        g.items.push(item);
        g.since.push(since);
    }

    /// The `keep` most pressing rows, and the counts of all.
    pub fn into_rows(self, keep: usize) -> Rows {
        let mut out = Rows::default();
        let mut rows: Vec<AccountRow> = Vec::with_capacity(self.accounts.len());
        for (account_id, g) in self.accounts {
            let backlog = g
                .items
                .iter()
                .zip(&g.since)
                .all(|(i, s)| in_backlog(i, *s, self.today, self.backlog_days));
            let mut items = g.items;
            join_answers(&mut items, self.answering);
            // Ranked once joined: a joined item is as grave as the graver of the two.
            for item in &mut items {
                item.priority = priority(item, self.rules, self.today);
            }
            items.sort_by(pressing_first);
            out.total += items.len();
            for i in &items {
                *out.by_kind.entry(i.kind).or_default() += 1;
            }
            if backlog {
                out.backlog += 1;
            } else {
                out.minutes += items.iter().map(minutes).sum::<u32>();
            }
            let head = &items[0];
            out.accounts += 1;
            out.arr_cents += head.arr.cents;
            rows.push(AccountRow {
                account_id,
                account: head.account.clone(),
                arr: head.arr,
                items,
                backlog,
            });
        }
        if rows.len() > keep {
            rows.select_nth_unstable_by(keep, AccountRow::first);
            out.off_list = rows
                .drain(keep..)
                .map(|r| (r.account_id, Share::of(&r)))
                .collect();
        }
        rows.sort_by(AccountRow::first);
        for row in &mut rows {
            for item in &mut row.items {
                item.reason = explain(item, self.today);
            }
        }
        out.rows = rows;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::today::{ItemAccount, rank};
    use crate::domain::vocab::Segment;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn account(id: i64, arr_k: i64) -> ItemAccount {
        ItemAccount {
            id,
            name: format!("Account {id}"),
            segment: Segment::MidMarket,
            arr: Money::usd(arr_k * 100_000),
        }
    }

    fn task(a: &ItemAccount, id: i64, late: i64, play: Option<&str>, class: Class) -> Item {
        Item {
            due: Some(today() - Duration::days(late)),
            severity: 2,
            class,
            play: play.map(str::to_string),
            ..a.item(
                ItemKind::Task,
                Subject::Task(id),
                format!("{} play", play.unwrap_or("by hand")),
                format!("task {id}"),
            )
        }
    }

    fn signal(a: &ItemAccount, kind: SignalKind, what: &str) -> Item {
        Item {
            severity: 3,
            class: Class::of_signal(kind),
            ..a.item(
                ItemKind::Signal,
                Subject::Signal(kind),
                what.into(),
                "x".into(),
            )
        }
    }

    fn rows(items: Vec<Item>, answers: &HashMap<SignalKind, Vec<String>>, keep: usize) -> Rows {
        let rules = TodayRules::default();
        let stages = HashMap::from([("renewal-30".to_string(), 30)]);
        let answering = Answering {
            signals: answers,
            stages: &stages,
        };
        let mut by = ByAccount::new(&rules, answering, today(), 30);
        for i in items {
            let since = i.due;
            by.offer(i, since);
        }
        by.into_rows(keep)
    }

    #[test]
    fn one_row_per_account_led_by_its_most_pressing_item_the_rest_named_after_it() {
        let big = account(1, 900);
        let small = account(2, 40);
        let found = rows(
            vec![
                task(&big, 1, 2, None, Class::Routine),
                signal(&big, SignalKind::ChampionLeft, "champion left"),
                signal(&big, SignalKind::UsageDrop, "usage down 26%"),
                task(&small, 2, 1, None, Class::Routine),
            ],
            &HashMap::new(),
            10,
        );
        assert_eq!((found.total, found.accounts), (4, 2));
        assert_eq!(
            found.arr_cents,
            Money::usd(94_000_000).cents,
            "each account once"
        );
        let big_row = &found.rows[0];
        assert_eq!(big_row.head().what, "champion left");
        assert_eq!(
            big_row.more().as_deref(),
            Some("+2: usage down 26%, task 1")
        );
        assert_eq!(found.rows[1].more(), None);
    }

    #[test]
    fn a_signal_and_the_task_of_the_play_answering_it_are_one_item() {
        let a = account(1, 100);
        let answers = HashMap::from([(SignalKind::UsageDrop, vec!["usage-drop".to_string()])]);
        let found = rows(
            vec![
                task(&a, 1, 0, Some("usage-drop"), Class::Routine),
                signal(&a, SignalKind::UsageDrop, "usage down 36%"),
                signal(&a, SignalKind::NpsDetractor, "NPS 3"),
            ],
            &answers,
            10,
        );
        let row = &found.rows[0];
        assert_eq!(row.items.len(), 2);
        assert_eq!(found.total, 2);
        let joined = row
            .items
            .iter()
            .find(|i| i.subject == Subject::Task(1))
            .unwrap();
        assert_eq!(joined.what, "usage down 36% · usage-drop play");
        assert_eq!((joined.class, joined.severity), (Class::Risk, 3));
    }

    #[test]
    fn rows_of_old_untouched_work_wait_in_the_backlog_after_the_rest() {
        let old = account(1, 5_000);
        let fresh = account(2, 10);
        let found = rows(
            vec![
                task(&old, 1, 86, Some("qbr-quarterly"), Class::Routine),
                task(&old, 2, 40, None, Class::Routine),
                task(&fresh, 3, 3, None, Class::Routine),
            ],
            &HashMap::new(),
            10,
        );
        let order: Vec<(i64, bool)> = found
            .rows
            .iter()
            .map(|r| (r.account_id, r.backlog))
            .collect();
        assert_eq!(order, [(2, false), (1, true)]);
        assert_eq!((found.backlog, found.minutes), (1, 15));
        // A save never waits, however old.
        let save = rows(
            vec![task(&old, 1, 86, Some("champion-left"), Class::Save)],
            &HashMap::new(),
            10,
        );
        assert!(!save.rows[0].backlog);
    }

    #[test]
    fn keeps_the_most_pressing_rows_and_counts_every_one() {
        let items: Vec<Item> = (0..200)
            .map(|i| {
                let a = account(i % 70, (i * 37) % 500 + 1);
                task(&a, i, (i * 13) % 25, None, Class::Routine)
            })
            .collect();
        let all = rows(items.clone(), &HashMap::new(), usize::MAX);
        let kept = rows(items.clone(), &HashMap::new(), 25);
        assert_eq!((kept.total, kept.accounts), (200, 70));
        assert_eq!(kept.rows, all.rows[..25].to_vec());
        let ranked = rank(items, &TodayRules::default(), today());
        assert_eq!(kept.rows[0].head().key(), ranked[0].key());
    }
}
