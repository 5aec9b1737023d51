//! `csm playbooks`: check playbook files (every problem with its file, line and column)
//! and list the playbooks in force.

use std::io::{Write, stdout};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use color_eyre::Result;
use color_eyre::eyre::bail;
use serde_json::json;

use super::context::Context;
use crate::playbooks::{Catalog, check_file};

#[derive(Debug, Args)]
pub struct PlaybooksArgs {
    #[command(subcommand)]
    what: PlaybooksCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlaybooksCommand {
    /// Check one playbook file, or every playbook in force; each problem with its
    /// file, line and column
    Check {
        /// The file to check [default: the built-ins and your playbooks folder]
        file: Option<PathBuf>,
    },
    /// Fire every playbook on what happened in the last days and create their tasks;
    /// each event fires once, so running again creates nothing new
    Run {
        /// How far back an event may lie and still fire
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=365))]
        lookback: u32,
    },
    /// The playbooks in force: id, trigger, segments, steps
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, args: &PlaybooksArgs) -> Result<()> {
    let dir = ctx.playbooks_dir();
    match &args.what {
        PlaybooksCommand::Check { file } => check(file.as_deref(), &dir),
        PlaybooksCommand::List { json } => list(&dir, *json),
        PlaybooksCommand::Run { lookback } => fire(ctx, &dir, *lookback),
    }
}

/// Checks one file, or the built-ins and every file in `dir`.
fn check(file: Option<&Path>, dir: &Path) -> Result<()> {
    let (count, problems) = match file {
        Some(path) => match check_file(path) {
            Ok(_) => (1, Vec::new()),
            Err(problems) => (0, problems),
        },
        None => {
            let catalog = Catalog::load(dir);
            (catalog.playbooks.len(), catalog.problems)
        }
    };
    let mut out = String::new();
    for p in &problems {
        out.push_str(&format!("{p}\n"));
    }
    if problems.is_empty() {
        out.push_str(&format!(
            "{count} playbook{} read, no problem\n",
            if count == 1 { "" } else { "s" }
        ));
        return super::emit(&out);
    }
    super::emit(&out)?;
    bail!(
        "{} problem{} in playbook files; those files are skipped",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )
}

/// The playbooks in force: id, trigger, segments, steps.
fn list(dir: &Path, json: bool) -> Result<()> {
    let catalog = Catalog::load(dir);
    if json {
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({
                "playbooks": catalog.playbooks,
                "overridden": catalog.overridden,
                "problems": catalog.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            }))?
        )?;
        return Ok(());
    }
    let mut out = String::new();
    for p in &catalog.playbooks {
        let segments = p.segments.as_ref().map_or("all".to_string(), |s| {
            s.iter().map(|s| s.short()).collect::<Vec<_>>().join(",")
        });
        let mine = if catalog.overridden.contains(&p.id) {
            " (yours)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{:<24} {:<16} {:<11} {} step{}{mine}\n",
            p.id,
            p.trigger.kind(),
            segments,
            p.steps.len(),
            if p.steps.len() == 1 { "" } else { "s" }
        ));
    }
    for problem in &catalog.problems {
        out.push_str(&format!("skipped: {problem}\n"));
    }
    super::emit(&out)
}

/// Closes the tasks that settled themselves, then fires the playbooks in force (after
/// bringing health up to date) and says what each created.
fn fire(ctx: &Context, dir: &Path, lookback: u32) -> Result<()> {
    let (mut book, today, rules) = ctx.current_book()?;
    let stamp = ctx.stamp();
    let catalog = Catalog::load(dir);
    let mut out = String::new();
    for problem in &catalog.problems {
        out.push_str(&format!("skipped: {problem}\n"));
    }
    // Tasks whose reason is gone close first, so the playbooks see what is really open.
    let sweep = book.settle_tasks(&stamp, &catalog.playbooks, today)?;
    for c in &sweep.closed {
        out.push_str(&format!(
            "closed: {}: {} ({})\n",
            c.account, c.title, c.reason
        ));
    }
    let report = book.run_playbooks(&stamp, &catalog.playbooks, &rules, today, lookback)?;
    if report.tasks == 0 {
        out.push_str(&format!(
            "Nothing new in the last {lookback} days: no task created.\n"
        ));
    }
    for (id, (events, tasks)) in &report.by_playbook {
        out.push_str(&format!("{id:<24} {events:>4} fired  {tasks:>5} tasks\n"));
    }
    if report.tasks > 0 {
        out.push_str(&format!("{} tasks created as of {today}\n", report.tasks));
    }
    if report.in_hand > 0 {
        out.push_str(&format!(
            "{} events already under way (a task of their playbook still open, or of its need made since): none added\n",
            report.in_hand
        ));
    }
    if report.held_back > 0 {
        out.push_str(&format!(
            "{} events held back by their playbook's only_if or unless\n",
            report.held_back
        ));
    }
    if report.steps_merged > 0 || report.steps_held > 0 {
        out.push_str(&format!(
            "{} steps merged into work already open, {} left out for the room (a condition, nobody to address, moot)\n",
            report.steps_merged, report.steps_held
        ));
    }
    super::emit(&out)
}
