//! `csm tasks`: the open tasks by due date (overdue, today, this week, later), and
//! marking one done, snoozing it with a reason, or adding one.

use std::io::{Write, stdout};

use chrono::{Duration, NaiveDate};
use color_eyre::Result;
use color_eyre::eyre::bail;
use serde_json::json;

use crate::book::tasks::{NewTask, TaskRow};
use crate::book::{Book, Stamp};
use crate::domain::due::due_group;
use crate::domain::vocab::Priority;
use crate::text::clip;

/// Which tasks `csm tasks` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Due {
    Overdue,
    Today,
    Week,
    All,
}

pub fn list(
    book: &Book,
    today: NaiveDate,
    owner: Option<&str>,
    due: Due,
    json: bool,
) -> Result<()> {
    let wanted = owner.map(str::to_lowercase);
    let tasks: Vec<TaskRow> = book
        .open_tasks(today)?
        .into_iter()
        .filter(|t| {
            wanted.as_deref().is_none_or(|w| {
                t.owner
                    .as_deref()
                    .is_some_and(|o| o.to_lowercase().contains(w))
            })
        })
        .filter(|t| match due {
            Due::Overdue => t.due_on < today,
            Due::Today => t.due_on <= today,
            Due::Week => t.due_on < today + Duration::days(7),
            Due::All => true,
        })
        .collect();
    if json {
        let rows: Vec<_> = tasks
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "account_id": t.account_id,
                    "account": t.account,
                    "owner": t.owner,
                    "title": t.title,
                    "due": t.due_on,
                    "group": due_group(t.due_on, today),
                    "status": t.status.as_str(),
                    "priority": t.priority.as_str(),
                    "playbook": t.playbook,
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({ "tasks": rows }))?
        )?;
        return Ok(());
    }
    let mut out = String::new();
    let mut current = "";
    for t in &tasks {
        let g = due_group(t.due_on, today);
        if g != current {
            out.push_str(&format!("{g}\n"));
            current = g;
        }
        out.push_str(&format!(
            "  #{:<6} {}  {:<6} {:<24} {:<44} {}\n",
            t.id,
            t.due_on,
            t.priority.as_str(),
            clip(t.account.as_deref().unwrap_or("—"), 24),
            clip(&t.title, 44),
            t.playbook.as_deref().unwrap_or("")
        ));
    }
    out.push_str(&format!("{} open tasks\n", tasks.len()));
    super::emit(&out)
}

pub fn done(book: &mut Book, stamp: &Stamp, id: i64, today: NaiveDate) -> Result<()> {
    let changed = book.complete_task(stamp, id, today)?;
    let text = if changed {
        format!("task #{id} done\n")
    } else {
        format!("task #{id} was already done\n")
    };
    super::emit(&text)
}

pub fn snooze(
    book: &mut Book,
    stamp: &Stamp,
    id: i64,
    until: NaiveDate,
    reason: &str,
    today: NaiveDate,
) -> Result<()> {
    book.snooze_task(stamp, id, until, reason, today)?;
    super::emit(&format!("task #{id} snoozed until {until}\n"))
}

pub fn add(
    book: &mut Book,
    stamp: &Stamp,
    account: &str,
    title: &str,
    due: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let Some((id, name)) = book.find_account(account)? else {
        bail!("no account is called `{account}`: give its id, external id or name");
    };
    let task = book.add_task(
        stamp,
        &NewTask {
            account: id,
            title: title.to_string(),
            due_on: due,
            priority: Priority::Medium,
            playbook: None,
        },
        today,
    )?;
    super::emit(&format!("task #{task} added to {name}, due {due}\n"))
}
