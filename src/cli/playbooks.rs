//! `csm playbooks`: check playbook files (every problem with its file, line and column),
//! list the playbooks in force, show one in full, and run them.

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
    /// The playbooks in force: id, trigger, segments, the need each answers, steps
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// One playbook in full: when it runs, and each step with its key, due day, owner,
    /// whom it is addressed to, what it comes after, completes and goes moot on
    Show {
        /// The playbook's id
        id: String,
    },
}

pub fn run(ctx: &Context, args: &PlaybooksArgs) -> Result<()> {
    let dir = ctx.playbooks_dir();
    match &args.what {
        PlaybooksCommand::Check { file } => check(file.as_deref(), &dir),
        PlaybooksCommand::List { json } => list(&dir, *json),
        PlaybooksCommand::Run { lookback } => fire(ctx, &dir, *lookback),
        PlaybooksCommand::Show { id } => show(&dir, id),
    }
}

/// One playbook in full.
fn show(dir: &Path, id: &str) -> Result<()> {
    let catalog = Catalog::load(dir);
    let Some(p) = catalog.playbooks.iter().find(|p| p.id == id) else {
        let ids: Vec<&str> = catalog.playbooks.iter().map(|p| p.id.as_str()).collect();
        bail!(
            "no playbook `{id}`: the playbooks in force are {}",
            ids.join(", ")
        );
    };
    let words = |items: Vec<&str>| items.join(", ");
    let mut out = format!("{}: {}\n", p.id, p.name);
    if let Some(d) = &p.description {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!("  trigger: {}", p.trigger.kind()));
    if p.answers != p.id {
        out.push_str(&format!("; answers: {}", p.answers));
    }
    out.push('\n');
    for (label, c) in [("only if", &p.only_if), ("unless", &p.unless)] {
        if !c.is_empty() {
            out.push_str(&format!("  {label}: {}\n", c.describe().join("; ")));
        }
    }
    if !p.moot.is_empty() {
        out.push_str(&format!(
            "  every task moot on: {}\n",
            words(p.moot.iter().map(|m| m.as_str()).collect())
        ));
    }
    for s in &p.steps {
        out.push_str(&format!(
            "  {:<18} day {:<3} {:<7} {:<6} {}\n",
            s.key,
            s.due_days,
            s.owner_word(),
            s.priority.as_str(),
            s.title
        ));
        let mut notes = Vec::new();
        if let Some(role) = s.to {
            notes.push(format!("to the {}", role.label()));
        }
        if let Some(a) = &s.after {
            notes.push(match &a.playbook {
                Some(other) => format!("after {other}/{}", a.key),
                None => format!("after {}", a.key),
            });
        }
        if !s.completes.is_empty() {
            notes.push(format!(
                "completes {}",
                words(s.completes.iter().map(|c| c.as_str()).collect())
            ));
        }
        if !s.moot.is_empty() {
            notes.push(format!(
                "moot on {}",
                words(s.moot.iter().map(|m| m.as_str()).collect())
            ));
        }
        if let Some(w) = &s.without_manager {
            notes.push(format!("with nobody above the owner: {w}"));
        }
        for (label, c) in [("only if", &s.only_if), ("unless", &s.unless)] {
            if !c.is_empty() {
                notes.push(format!("{label} {}", c.describe().join("; ")));
            }
        }
        if !notes.is_empty() {
            out.push_str(&format!("  {:<18} {}\n", "", notes.join(" · ")));
        }
    }
    super::emit(&out)
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

/// The playbooks in force: id, trigger, segments, the need each answers, steps.
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
        let reads = if p.only_if.is_empty() && p.unless.is_empty() {
            ""
        } else {
            ", reads the room"
        };
        out.push_str(&format!(
            "{:<24} {:<16} {:<11} {:<12} {} step{}{reads}{mine}\n",
            p.id,
            p.trigger.kind(),
            segments,
            if p.answers == p.id { "" } else { &p.answers },
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
    if !sweep.closed.is_empty() {
        out.push_str(&format!(
            "{} tasks closed themselves (csm tasks --closed says why)\n",
            sweep.closed.len()
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
