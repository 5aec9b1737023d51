//! The rows the queue reads, each in one statement: the accounts still customers (and
//! whose they are), the tasks due by today, the plays under way, each account's last
//! touch, and the risk signals kept with today's health.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::book::health::read_signals;
use crate::book::sql::{date, money, term};
use crate::book::{Book, BookError};
use crate::domain::health::Signal;
use crate::domain::today::{DueTask, ItemAccount};

/// Which accounts a read covers: one team member's (their accounts, their tasks), those
/// whose ids lie in a range (one account's, a slice of the book's), or the whole book's.
/// Each read puts it in its own SQL, so a narrow queue reads only its own rows.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Within<'a> {
    pub owner: Option<&'a str>,
    pub ids: Option<(i64, i64)>,
}

impl Within<'_> {
    /// `AND ...` keeping rows whose account (the column `account`) is within.
    fn accounts(&self, account: &str) -> String {
        let mut sql = String::new();
        if let Some((first, last)) = self.ids {
            sql.push_str(&format!(" AND {account} BETWEEN {first} AND {last}"));
        }
        if let Some(owner) = self.owner {
            sql.push_str(&format!(
                " AND {account} IN (SELECT a.id FROM accounts a JOIN team_members m
                     ON m.id = a.owner_id WHERE m.name = {})",
                quoted(owner)
            ));
        }
        sql
    }

    /// [`Within::accounts`], for the queue's other readers.
    pub(super) fn accounts_sql(&self, account: &str) -> String {
        self.accounts(account)
    }

    /// `AND ...` keeping tasks within: on the account, owned by the owner (the column
    /// `owner` holds the owner's name).
    fn tasks(&self, account: &str, owner: &str) -> String {
        let mut sql = String::new();
        if let Some((first, last)) = self.ids {
            sql.push_str(&format!(" AND {account} BETWEEN {first} AND {last}"));
        }
        if let Some(name) = self.owner {
            sql.push_str(&format!(" AND {owner} = {}", quoted(name)));
        }
        sql
    }
}

/// A text as an SQL literal.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// An account still a customer, and whose it is.
pub(super) struct QueueAccount {
    pub owner: Option<String>,
    pub account: ItemAccount,
}

/// A task due by today, and whose it is.
pub(super) struct DueRow {
    pub account_id: Option<i64>,
    pub owner: Option<String>,
    pub task: DueTask,
}

impl Book {
    /// Open tasks due by `today` (and snoozed ones whose day has come), soonest first,
    /// one at a time; without the account's name, which the queue has already.
    pub(super) fn each_due_task(
        &self,
        today: NaiveDate,
        within: Within,
        mut each: impl FnMut(DueRow),
    ) -> Result<(), BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT t.id, t.account_id, m.name, t.title, t.due_on, t.priority,
                    t.playbook_id, t.created_on
             FROM tasks t LEFT JOIN team_members m ON m.id = t.owner_id
             WHERE (t.status = 'open' OR (t.status = 'snoozed' AND t.snoozed_until <= ?1))
               AND t.due_on <= ?1 {}
             ORDER BY t.due_on, t.id",
            within.tasks("t.account_id", "m.name")
        ))?;
        let mut rows = stmt.query([today.to_string()])?;
        while let Some(r) = rows.next()? {
            each(DueRow {
                account_id: r.get(1)?,
                owner: r.get(2)?,
                task: DueTask {
                    id: r.get(0)?,
                    title: r.get(3)?,
                    due_on: date(r, 4)?,
                    priority: term(r, 5)?,
                    playbook: r.get(6)?,
                    created_on: date(r, 7)?,
                },
            });
        }
        Ok(())
    }

    /// Every (account, playbook) with a task open or snoozed.
    pub(super) fn open_plays(&self, within: Within) -> Result<HashSet<(i64, String)>, BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT DISTINCT account_id, playbook_id FROM tasks
             WHERE status IN ('open', 'snoozed') AND playbook_id IS NOT NULL
               AND account_id IS NOT NULL {}",
            within.accounts("account_id")
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lowest and highest account ids ((0, -1) for a book without accounts).
    pub(crate) fn account_id_span(&self) -> Result<(i64, i64), BookError> {
        Ok(self.conn().query_row(
            "SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM accounts",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The accounts still customers, by id: what an item shows of them.
    pub(super) fn queue_accounts(
        &self,
        within: Within,
    ) -> Result<HashMap<i64, QueueAccount>, BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.id, a.name, t.name, a.segment, a.arr_cents, a.currency
             FROM accounts a LEFT JOIN team_members t ON t.id = a.owner_id
             WHERE a.churned_on IS NULL {}",
            within.tasks("a.id", "t.name")
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(QueueAccount {
                owner: r.get(2)?,
                account: ItemAccount {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    segment: term(r, 3)?,
                    arr: money(r, 4, 5)?,
                },
            })
        })?;
        let mut out = HashMap::new();
        for a in rows {
            let a = a?;
            out.insert(a.account.id, a);
        }
        Ok(out)
    }

    /// Each account's latest touch on or before `today`: a logged interaction (a note is
    /// no touch), or a contact's last touch as the CRM recorded it. Two streamed scans of covering
    /// indexes (a UNION under one GROUP BY would sort every touch in memory).
    pub(crate) fn last_touches(
        &self,
        today: NaiveDate,
    ) -> Result<HashMap<i64, NaiveDate>, BookError> {
        self.last_touches_within(today, Within::default())
    }

    /// [`Book::last_touches`] of the accounts within.
    pub(super) fn last_touches_within(
        &self,
        today: NaiveDate,
        within: Within,
    ) -> Result<HashMap<i64, NaiveDate>, BookError> {
        let mut out: HashMap<i64, NaiveDate> = HashMap::new();
        let only = within.accounts("account_id");
        for sql in [
            format!(
                "SELECT account_id, max(occurred_on) FROM interactions
                 WHERE occurred_on <= ?1 AND kind <> 'note' {only} GROUP BY account_id"
            ),
            format!(
                "SELECT account_id, max(last_touch_on) FROM contacts
                 WHERE last_touch_on <= ?1 {only} GROUP BY account_id"
            ),
        ] {
            let mut stmt = self.conn().prepare(&sql)?;
            let mut rows = stmt.query([today.to_string()])?;
            while let Some(r) = rows.next()? {
                let (account, day): (i64, NaiveDate) = (r.get(0)?, r.get(1)?);
                let last = out.entry(account).or_insert(day);
                *last = (*last).max(day);
            }
        }
        Ok(out)
    }
}

impl Book {
    /// The risk signals kept with each account's health as recomputed on `today` that
    /// began on or after `from` (the rest cannot be news), handed to `each`; the accounts
    /// it covered. An account whose health is older, or kept before signals were, is not
    /// covered: its evidence must be read.
    pub(super) fn stored_signals_on(
        &self,
        today: NaiveDate,
        from: NaiveDate,
        within: Within,
        mut each: impl FnMut(i64, Vec<Signal>),
    ) -> Result<HashSet<i64>, BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT account_id, signals FROM account_health
             WHERE computed_on = ?1 AND signals IS NOT NULL {}",
            within.accounts("account_id")
        ))?;
        let mut rows = stmt.query([today.to_string()])?;
        let mut covered = HashSet::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text = r.get_ref(1)?.as_str().unwrap_or_default();
            covered.insert(id);
            let found = read_signals(text, from);
            if !found.is_empty() {
                each(id, found);
            }
        }
        Ok(covered)
    }
}
