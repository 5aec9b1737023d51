//! `csm journal`: the latest entries of the book's change journal (when, who, what
//! was done to which row), newest first; `--json` for scripts.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;

use super::context::Context;
use crate::book::Book;

#[derive(Debug, Args)]
pub struct JournalArgs {
    /// How many entries
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &JournalArgs) -> Result<()> {
    show(&ctx.open_book()?, args.limit, args.json)
}

fn show(book: &Book, limit: usize, json: bool) -> Result<()> {
    let entries = book.journal(limit)?;
    if json {
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "entries": entries }))?
        )?;
        return Ok(());
    }
    if entries.is_empty() {
        writeln!(
            stdout(),
            "The journal is empty: nothing has changed in this book yet."
        )?;
    }
    for e in &entries {
        let row = e.entity_id.map(|id| format!(" #{id}")).unwrap_or_default();
        writeln!(
            stdout(),
            "#{:<6} {}  {:<12} {:<7} {}{}  {}",
            e.id,
            e.at,
            e.actor,
            e.action,
            e.entity,
            row,
            e.summary
        )?;
    }
    Ok(())
}
