//! `csm tasks`: the open tasks by due date (overdue, today, this week, later), the ones
//! that closed themselves and why (`--closed`), and marking one done, snoozing it with
//! a reason, or adding one.

use std::io::{Write, stdout};

use chrono::{Duration, NaiveDate};
use clap::{Args, Subcommand};
use color_eyre::Result;
use color_eyre::eyre::bail;
use serde_json::json;

use super::context::Context;
use crate::book::tasks::{NewTask, TaskRow};
use crate::book::{Book, Stamp};
use crate::clock;
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

#[derive(Debug, Args)]
pub struct TasksArgs {
    #[command(subcommand)]
    what: Option<TasksCommand>,
    /// Only this team member's tasks (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Which tasks: overdue, due today (or before), this week, or all
    #[arg(long, value_enum, default_value = "all")]
    due: Due,
    /// The tasks that closed themselves instead (done on the renewal checklist, or
    /// moot), the latest first, each with why
    #[arg(long, conflicts_with_all = ["owner", "due"])]
    closed: bool,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// Mark a task done
    Done { id: i64 },
    /// Put a task away until a later day, with the reason
    Snooze {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = clock::parse_date)]
        until: NaiveDate,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Add a task to an account
    Add {
        /// The account: its id, external id or name
        account: String,
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = clock::parse_date)]
        due: NaiveDate,
    },
}

pub fn run(ctx: &Context, args: &TasksArgs) -> Result<()> {
    let mut book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let stamp = ctx.stamp();
    match &args.what {
        None if args.closed => closed(&book, args.json),
        None => {
            let owner = ctx.owner_named(&book, args.owner.as_deref())?;
            list(&book, today, owner.as_deref(), args.due, args.json)
        }
        Some(TasksCommand::Done { id }) => done(&mut book, &stamp, *id, today),
        Some(TasksCommand::Snooze { id, until, reason }) => {
            snooze(&mut book, &stamp, *id, *until, reason, today)
        }
        Some(TasksCommand::Add {
            account,
            title,
            due,
        }) => add(&mut book, &stamp, account, title, *due, today),
    }
}

fn list(book: &Book, today: NaiveDate, owner: Option<&str>, due: Due, json: bool) -> Result<()> {
    let tasks: Vec<TaskRow> = book
        .open_tasks(today)?
        .into_iter()
        .filter(|t| owner.is_none_or(|o| t.owner.as_deref() == Some(o)))
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

/// How many closed tasks `--closed` shows.
const CLOSED_SHOWN: usize = 200;

fn closed(book: &Book, json: bool) -> Result<()> {
    let closed = book.closed_tasks(CLOSED_SHOWN)?;
    if json {
        let rows: Vec<_> = closed
            .iter()
            .map(|(on, c)| {
                json!({
                    "id": c.id,
                    "account": c.account,
                    "title": c.title,
                    "closed_on": on,
                    "status": if c.done { "done" } else { "skipped" },
                    "reason": c.reason,
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({ "closed": rows }))?
        )?;
        return Ok(());
    }
    let mut out = String::new();
    for (on, c) in &closed {
        out.push_str(&format!(
            "  #{:<6} {on}  {:<24} {:<44} {}: {}\n",
            c.id,
            clip(&c.account, 24),
            clip(&c.title, 44),
            if c.done { "done" } else { "closed" },
            c.reason
        ));
    }
    out.push_str(&format!(
        "{} tasks closed themselves{}\n",
        closed.len(),
        if closed.len() == CLOSED_SHOWN {
            " (the latest shown)"
        } else {
            ""
        }
    ));
    super::emit(&out)
}

fn done(book: &mut Book, stamp: &Stamp, id: i64, today: NaiveDate) -> Result<()> {
    let text = match book.finish_task(stamp, id, today)? {
        Some(ripple) => match ripple.words() {
            Some(also) => format!("task #{id} done; {also}\n"),
            None => format!("task #{id} done\n"),
        },
        None => format!("task #{id} was already done\n"),
    };
    super::emit(&text)
}

fn snooze(
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

fn add(
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
