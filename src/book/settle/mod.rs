//! Tasks kept in step with the rest of the book. A task from a playbook keeps the step
//! it is (tasks that came without one, imported or from the demo, are given theirs by
//! playbook id and title); doing it ticks the renewal steps it completes, ticking them
//! does it, and a task whose reason is gone closes itself with a line saying why. A
//! sweep of the whole book (on opening, after an import) is one pass of SQL and one
//! journal entry listing what closed; a person's change that settles tasks (a champion
//! named, a step ticked) closes them in that same change, so undoing it opens them
//! again.

use chrono::NaiveDate;
use rusqlite::{Row, Transaction, params};
use serde_json::json;

mod checklist;

use super::sql::{opt_date, term};
use super::write::{Change, Entity, Stamp};
use super::{Book, BookError};
use crate::domain::playbook::{
    Completes, Moot, Playbook, RenewalStanding, Settled, Standing, adopt, settle, stored, unstored,
};
use crate::domain::renewal::Step;

/// A task that closed itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedTask {
    pub id: i64,
    pub account: String,
    pub title: String,
    /// Why, in a CSM's words: "Jordan Lee named champion".
    pub reason: String,
    /// Done (what it completes was recorded), not merely moot.
    pub done: bool,
}

/// What else a person's change settled: renewal steps its task ticked, tasks it closed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ripple {
    pub ticked: Vec<Step>,
    pub closed: Vec<ClosedTask>,
}

impl Ripple {
    /// In a CSM's words, for the status line: "ticked contract sent, contract signed;
    /// closed itself: Escalate if unsigned (contract signed)"; None when nothing rippled.
    pub fn words(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.ticked.is_empty() {
            let steps: Vec<&str> = self.ticked.iter().map(|s| s.label()).collect();
            parts.push(format!("ticked {} on the renewal", steps.join(", ")));
        }
        for c in &self.closed {
            parts.push(format!(
                "{}: {} ({})",
                if c.done { "done too" } else { "closed itself" },
                c.title,
                c.reason
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// What a sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sweep {
    /// Tasks given the step they are.
    pub adopted: usize,
    pub closed: Vec<ClosedTask>,
}

/// The renewal a task belongs to: its account's first contract ending on or after the
/// day the task was made.
pub(crate) const TASK_RENEWAL: &str = "(SELECT c2.id FROM contracts c2
      WHERE c2.account_id = t.account_id AND c2.ends_on >= t.created_on
      ORDER BY c2.ends_on LIMIT 1)";

/// Who still holds `role` at the task's account, when the task's moot asks.
fn holder(role: &str, word: &str) -> String {
    format!(
        "CASE WHEN instr(t.moot, '{word}') > 0 THEN
           (SELECT p.name FROM contacts p
            WHERE p.account_id = t.account_id AND p.role = '{role}'
              AND (p.left_on IS NULL OR p.left_on > ?1)
            ORDER BY p.id DESC LIMIT 1) END"
    )
}

impl Book {
    /// Gives tasks without a step theirs, then closes every task done on the renewal
    /// checklist or moot as of `today`: one journal entry for what closed.
    pub fn settle_tasks(
        &mut self,
        stamp: &Stamp,
        catalog: &[Playbook],
        today: NaiveDate,
    ) -> Result<Sweep, BookError> {
        // In a team, a CSM's book closes tasks on their own accounts (or given to them).
        let me = self.works_only_on()?;
        self.write(stamp, |change| {
            let adopted = adopt_tasks(change.tx(), catalog)?;
            let mut found = unsettled(change.tx(), None, today)?;
            if let Some(me) = me {
                let mine: std::collections::HashSet<i64> = change
                    .tx()
                    .prepare(
                        "SELECT t.id FROM tasks t LEFT JOIN accounts a ON a.id = t.account_id
                         WHERE a.owner_id = ?1 OR t.owner_id = ?1",
                    )?
                    .query_map([me], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                found.retain(|(c, _)| mine.contains(&c.id));
            }
            let mut close = change.tx().prepare(
                "UPDATE tasks SET status = ?2, completed_on = ?3, closed_reason = ?4
                 WHERE id = ?1",
            )?;
            for (c, _) in &found {
                close.execute(params![
                    c.id,
                    if c.done { "done" } else { "skipped" },
                    today.to_string(),
                    c.reason
                ])?;
            }
            drop(close);
            let closed: Vec<ClosedTask> = found.into_iter().map(|(c, _)| c).collect();
            if !closed.is_empty() {
                let rows: Vec<_> = closed
                    .iter()
                    .map(|c| {
                        json!({"task": c.id, "account": c.account, "title": c.title,
                               "reason": c.reason, "done": c.done})
                    })
                    .collect();
                change.record_bulk("tasks", &sweep_summary(&closed, today), &json!(rows))?;
            }
            Ok(Sweep { adopted, closed })
        })
    }

    /// Tasks that closed themselves, the latest first, at most `limit`.
    pub fn closed_tasks(&self, limit: usize) -> Result<Vec<(NaiveDate, ClosedTask)>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT t.completed_on, t.id, coalesce(a.name, ''), t.title, t.closed_reason,
                    t.status = 'done'
             FROM tasks t LEFT JOIN accounts a ON a.id = t.account_id
             WHERE t.closed_reason IS NOT NULL AND t.completed_on IS NOT NULL
             ORDER BY t.completed_on DESC, t.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                super::sql::date(r, 0)?,
                ClosedTask {
                    id: r.get(1)?,
                    account: r.get(2)?,
                    title: r.get(3)?,
                    reason: r.get(4)?,
                    done: r.get(5)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// "3 tasks closed themselves on 2026-03-04: Acme Anvils: Find a new champion (Jordan
/// Lee named champion); ..."; the first few by name, then how many more.
fn sweep_summary(closed: &[ClosedTask], today: NaiveDate) -> String {
    const NAMED: usize = 5;
    let named: Vec<String> = closed
        .iter()
        .take(NAMED)
        .map(|c| format!("{}: {} ({})", c.account, c.title, c.reason))
        .collect();
    let more = closed.len().saturating_sub(NAMED);
    format!(
        "{} task{} closed themselves on {today}: {}{}",
        closed.len(),
        if closed.len() == 1 { "" } else { "s" },
        named.join("; "),
        if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        }
    )
}

/// Gives each open task that has a playbook id but no step the step its title names
/// (or, naming none, its playbook's moot); returns how many.
pub(crate) fn adopt_tasks(tx: &Transaction<'_>, catalog: &[Playbook]) -> Result<usize, BookError> {
    let mut stmt = tx.prepare(
        "SELECT id, playbook_id, title FROM tasks
         WHERE step IS NULL AND playbook_id IS NOT NULL AND status IN ('open', 'snoozed')",
    )?;
    let found: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut set =
        tx.prepare("UPDATE tasks SET step = ?2, completes = ?3, moot = ?4 WHERE id = ?1")?;
    let mut n = 0;
    for (id, playbook, title) in found {
        let Some((p, step)) = adopt(catalog, &playbook, &title) else {
            continue;
        };
        let mut moot = p.moot.clone();
        let mut completes = Vec::new();
        if let Some(s) = step {
            moot.extend(s.moot.iter().copied());
            completes = s.completes.clone();
        }
        set.execute(params![
            id,
            step.map_or("", |s| s.key.as_str()),
            stored(&completes, Completes::as_str),
            stored(&moot, Moot::as_str)
        ])?;
        n += 1;
    }
    Ok(n)
}

/// Every open task (of `account`, or of the book) that settles itself as of `today`,
/// with its account's id.
fn unsettled(
    tx: &Transaction<'_>,
    account: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<(ClosedTask, i64)>, BookError> {
    let sql = format!(
        "SELECT t.id, t.account_id, a.name, t.title, t.completes, t.moot,
                {champion}, {sponsor}, a.went_live_on, a.lifecycle_stage, h.band,
                c.id, c.outcome, c.outcome_on,
                (SELECT group_concat(s.step) FROM renewal_steps s WHERE s.contract_id = c.id)
         FROM tasks t
         JOIN accounts a ON a.id = t.account_id
         LEFT JOIN account_health h ON h.account_id = t.account_id
         LEFT JOIN contracts c ON c.id = {TASK_RENEWAL}
         WHERE t.status IN ('open', 'snoozed')
           AND (t.completes IS NOT NULL OR t.moot IS NOT NULL) {only}
         ORDER BY t.id",
        champion = holder("champion", "champion_named"),
        sponsor = holder("executive_sponsor", "sponsor_named"),
        only = if account.is_some() {
            "AND t.account_id = ?2"
        } else {
            "AND ?2 IS NULL"
        },
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query(params![today.to_string(), account])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let completes: Option<String> = r.get(4)?;
        let moot: Option<String> = r.get(5)?;
        let completes = unstored(completes.as_deref(), Completes::parse);
        let moot = unstored(moot.as_deref(), Moot::parse);
        let standing = standing(r)?;
        if let Some(s) = settle(&completes, &moot, &standing, today) {
            out.push((
                ClosedTask {
                    id: r.get(0)?,
                    account: r.get(2)?,
                    title: r.get(3)?,
                    reason: s.reason().to_string(),
                    done: matches!(s, Settled::Done(_)),
                },
                r.get(1)?,
            ));
        }
    }
    Ok(out)
}

fn standing(r: &Row<'_>) -> rusqlite::Result<Standing> {
    let renewal = match r.get::<_, Option<i64>>(11)? {
        None => None,
        Some(_) => {
            let outcome = match (r.get::<_, Option<String>>(12)?, opt_date(r, 13)?) {
                (Some(kind), Some(on)) => kind.parse().ok().map(|k| (k, on)),
                _ => None,
            };
            Some(RenewalStanding {
                outcome,
                ticked: unstored(r.get_ref(14)?.as_str_or_null()?, Step::parse),
            })
        }
    };
    Ok(Standing {
        champion: r.get(6)?,
        sponsor: r.get(7)?,
        went_live_on: opt_date(r, 8)?,
        stage: match r.get_ref(9)?.as_str_or_null()? {
            Some(_) => Some(term(r, 9)?),
            None => None,
        },
        band: r.get::<_, Option<String>>(10)?.and_then(|b| b.parse().ok()),
        renewal,
    })
}

impl Change<'_> {
    /// Closes the open tasks of `account` that settle themselves as of `today`, each
    /// journaled in this change (undone with it); returns them.
    pub(crate) fn settle_account(
        &mut self,
        account: i64,
        today: NaiveDate,
    ) -> Result<Vec<ClosedTask>, BookError> {
        let found = unsettled(self.tx(), Some(account), today)?;
        for (c, _) in &found {
            self.update(
                Entity::Task,
                c.id,
                &[
                    ("status", &if c.done { "done" } else { "skipped" }),
                    ("completed_on", &today.to_string()),
                    ("closed_reason", &c.reason),
                ],
                &format!("task closed itself: {} ({})", c.title, c.reason),
            )?;
        }
        Ok(found.into_iter().map(|(c, _)| c).collect())
    }
}
