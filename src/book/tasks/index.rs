//! The open tasks as a long list keeps them: one small key a task (its id, due date and
//! account, and its title, owner and playbook as numbers standing for their names), soonest
//! due first, read from one covering index without touching the table. A list holds the
//! keys of every task and reads whole rows only for the ones on screen, by id.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::TaskRow;
use crate::book::sql::{date, owned_by};
use crate::book::{Book, BookError};

/// What an open task is listed and narrowed by, in 32 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskKey {
    pub id: i64,
    /// `i64::MIN` for a task on no account: see [`TaskKey::account`].
    account: i64,
    pub due_on: NaiveDate,
    /// Numbers into the index's `titles`, `owners` and `playbooks`; [`Names::NONE`] for
    /// none (for a title: not read yet).
    pub title: u32,
    pub owner: u32,
    pub playbook: u32,
}

impl TaskKey {
    /// The task's account, if it has one.
    pub fn account(&self) -> Option<i64> {
        (self.account != i64::MIN).then_some(self.account)
    }

    /// The order tasks are listed in: soonest due first, then the older task.
    pub fn order(&self) -> (NaiveDate, i64) {
        (self.due_on, self.id)
    }
}

/// Names each kept once and stood for by a number.
#[derive(Debug, Clone, Default)]
pub struct Names {
    names: Vec<String>,
    numbers: HashMap<String, u32>,
}

impl Names {
    /// The number of no name.
    pub const NONE: u32 = u32::MAX;

    /// The number standing for `name`, kept the first time it is seen.
    pub fn number(&mut self, name: &str) -> u32 {
        if let Some(n) = self.numbers.get(name) {
            return *n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.to_string());
        self.numbers.insert(name.to_string(), n);
        n
    }

    /// The number of a name that may be missing.
    pub fn number_of(&mut self, name: Option<&str>) -> u32 {
        name.map_or(Names::NONE, |n| self.number(n))
    }

    /// The name a number stands for.
    pub fn name(&self, n: u32) -> Option<&str> {
        self.names.get(n as usize).map(String::as_str)
    }

    /// The number of a name already kept, if it is.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.numbers.get(name).copied()
    }

    /// How many names are kept.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Every open task's key, soonest due first, with the names the keys stand for.
#[derive(Debug, Clone, Default)]
pub struct TaskIndex {
    pub keys: Vec<TaskKey>,
    pub titles: Names,
    pub owners: Names,
    pub playbooks: Names,
}

impl TaskIndex {
    /// The key of a task read whole, its names kept with the others.
    pub fn key_of(&mut self, row: &TaskRow) -> TaskKey {
        TaskKey {
            id: row.id,
            account: row.account_id.unwrap_or(i64::MIN),
            due_on: row.due_on,
            title: self.titles.number(&row.title),
            owner: self.owners.number_of(row.owner.as_deref()),
            playbook: self.playbooks.number_of(row.playbook.as_deref()),
        }
    }
}

/// The owner number of each person, by id: a table when ids are few and close together.
enum Owners {
    Table(Vec<u32>),
    Map(HashMap<i64, u32>),
}

impl Owners {
    fn of(people: Vec<(i64, u32)>) -> Owners {
        let top = people.iter().map(|(id, _)| *id).max().unwrap_or(0);
        if people.iter().all(|(id, _)| *id >= 0) && top < 65_536 {
            let mut table = vec![Names::NONE; top as usize + 1];
            for (id, n) in people {
                table[id as usize] = n;
            }
            Owners::Table(table)
        } else {
            Owners::Map(people.into_iter().collect())
        }
    }

    fn get(&self, id: i64) -> u32 {
        match self {
            Owners::Table(t) => usize::try_from(id)
                .ok()
                .and_then(|i| t.get(i).copied())
                .unwrap_or(Names::NONE),
            Owners::Map(m) => m.get(&id).copied().unwrap_or(Names::NONE),
        }
    }
}

/// Which tasks are open on `today`: open ones, and snoozed ones whose snooze has ended.
/// The first clause lets SQLite read the partial index `tasks_open_by_due`.
pub(super) const OPEN: &str = "t.status IN ('open', 'snoozed')
      AND (t.status = 'open' OR t.snoozed_until <= ?1)";

/// The columns of a whole task row, read by [`row`].
pub(super) const ROW: &str = "SELECT t.id, t.account_id, a.name, m.name, t.title, t.due_on,
            t.status, t.priority, t.playbook_id, t.created_on
     FROM tasks t
     LEFT JOIN accounts a ON a.id = t.account_id
     LEFT JOIN team_members m ON m.id = t.owner_id";

/// A task row from the columns of [`ROW`].
pub(super) fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TaskRow> {
    use crate::book::sql::term;
    Ok(TaskRow {
        id: r.get(0)?,
        account_id: r.get(1)?,
        account: r.get(2)?,
        owner: r.get(3)?,
        title: r.get(4)?,
        due_on: date(r, 5)?,
        status: term(r, 6)?,
        priority: term(r, 7)?,
        playbook: r.get(8)?,
        created_on: date(r, 9)?,
    })
}

impl Book {
    /// The key of every task open on `today` (see [`Book::open_tasks`]), soonest due
    /// first, without their titles: those are read when a list is first narrowed by
    /// text ([`Book::read_task_titles`]).
    pub fn open_task_index(&self, today: NaiveDate) -> Result<TaskIndex, BookError> {
        self.task_index(today, None, None)
    }

    /// The keys of the first `n` tasks open on `today` in the list's order, `owner`'s
    /// alone when named: what the Tasks pane shows while the rest is read, one range of
    /// the open tasks' index however big the book.
    pub fn open_task_index_first(
        &self,
        today: NaiveDate,
        owner: Option<&str>,
        n: usize,
    ) -> Result<TaskIndex, BookError> {
        self.task_index(today, owner, Some(n))
    }

    fn task_index(
        &self,
        today: NaiveDate,
        owner: Option<&str>,
        limit: Option<usize>,
    ) -> Result<TaskIndex, BookError> {
        let mut index = TaskIndex::default();
        // Owners by person: two people of one name are one owner, as the list shows them.
        let mut people: Vec<(i64, u32)> = Vec::new();
        {
            let mut stmt = self.conn().prepare("SELECT id, name FROM team_members")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let name = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                people.push((r.get(0)?, index.owners.number(name)));
            }
        }
        let owners = Owners::of(people);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT t.id, t.account_id, t.due_on, t.owner_id, t.playbook_id
             FROM tasks t INDEXED BY tasks_open_by_due
             WHERE {OPEN}
               AND {}
             ORDER BY t.due_on, t.id
             LIMIT ?3",
            owned_by("t.owner_id", "?2")
        ))?;
        // A negative limit is none.
        let limit = limit.map_or(-1, |n| n as i64);
        let mut rows = stmt.query(rusqlite::params![today.to_string(), owner, limit])?;
        while let Some(r) = rows.next()? {
            let key = TaskKey {
                id: r.get(0)?,
                account: r.get::<_, Option<i64>>(1)?.unwrap_or(i64::MIN),
                due_on: date(r, 2)?,
                title: Names::NONE,
                owner: r
                    .get::<_, Option<i64>>(3)?
                    .map_or(Names::NONE, |o| owners.get(o)),
                playbook: match r
                    .get_ref(4)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?
                {
                    Some(p) => index.playbooks.number(p),
                    None => Names::NONE,
                },
            };
            index.keys.push(key);
        }
        index.keys.shrink_to_fit();
        Ok(index)
    }

    /// The titles of the tasks in `index` read on `today`, for narrowing them by text.
    pub fn read_task_titles(
        &self,
        index: &mut TaskIndex,
        today: NaiveDate,
    ) -> Result<(), BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT t.id, t.due_on, t.title
             FROM tasks t INDEXED BY tasks_open_by_due
             WHERE {OPEN}
             ORDER BY t.due_on, t.id"
        ))?;
        let mut rows = stmt.query([today.to_string()])?;
        // Both in list order: one walk. A task changed since the keys were read is left
        // as it is; the list re-reads it whole.
        let mut at = 0;
        while let Some(r) = rows.next()? {
            let order = (date(r, 1)?, r.get::<_, i64>(0)?);
            while at < index.keys.len() && index.keys[at].order() < order {
                at += 1;
            }
            if let Some(key) = index.keys.get_mut(at)
                && key.order() == order
                && key.title == Names::NONE
            {
                let title = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
                key.title = index.titles.number(title);
            }
        }
        Ok(())
    }

    /// These tasks whole, by id, whatever their status; those gone are left out.
    pub fn tasks_by_id(&self, ids: &[i64]) -> Result<Vec<TaskRow>, BookError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "{ROW} WHERE t.id IN (SELECT value FROM json_each(?1))"
        ))?;
        let rows = stmt.query_map([ids_json(ids)], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Of these tasks, and every task of these accounts, the ones open on `today`: what a
    /// list re-reads after a change to them.
    pub fn open_tasks_among(
        &self,
        ids: &[i64],
        accounts: &[i64],
        today: NaiveDate,
    ) -> Result<Vec<TaskRow>, BookError> {
        if ids.is_empty() && accounts.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "{ROW} WHERE {OPEN}
               AND (t.id IN (SELECT value FROM json_each(?2))
                    OR t.account_id IN (SELECT value FROM json_each(?3)))"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![today.to_string(), ids_json(ids), ids_json(accounts)],
            row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Ids as a JSON array, for `json_each`.
fn ids_json(ids: &[i64]) -> String {
    let mut s = String::with_capacity(ids.len() * 8 + 2);
    s.push('[');
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&id.to_string());
    }
    s.push(']');
    s
}
