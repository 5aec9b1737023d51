//! `csm sync`: this book's changes pushed to its team book and the team's pulled, and
//! what moved said.

use clap::Args;
use color_eyre::Result;

use super::context::Context;
use crate::book::team_sync::apply::rescore;
use crate::team_book::{connect, sync::sync};

#[derive(Debug, Args)]
pub struct SyncArgs {}

pub fn run(ctx: &Context, _args: &SyncArgs) -> Result<()> {
    let mut book = ctx.open_book()?;
    let address = super::team_book::linked(&book)?;
    let started = std::time::Instant::now();
    let mut client = connect(&address)?;
    let synced = sync(&mut client, &mut book, &address.to_string())?;
    let today = ctx.today_for(&book)?;
    rescore(
        &mut book,
        &ctx.config.health.rules(),
        today,
        &synced.applied.accounts,
    )?;
    let mut text = format!(
        "synced with {address} in {:.1} s: pushed {} changes, pulled {} ({} rows changed here)\n",
        started.elapsed().as_secs_f64(),
        synced.pushed,
        synced.pulled,
        synced.applied.rows
    );
    if synced.already > 0 {
        text += &format!(
            "  {} changes the team book had from an earlier try\n",
            synced.already
        );
    }
    if synced.applied.kept_mine > 0 {
        text += &format!(
            "  {} fields you changed since kept as yours (they go with the next push)\n",
            synced.applied.kept_mine
        );
    }
    if !synced.refused.is_empty() {
        let mut by_table: std::collections::BTreeMap<&str, usize> = Default::default();
        for op in &synced.refused {
            *by_table.entry(op.entity.as_str()).or_default() += 1;
        }
        let tables: Vec<String> = by_table.iter().map(|(t, n)| format!("{n} {t}")).collect();
        text += &format!(
            "  refused: {} changes to rows that are not yours to change (other CSMs' accounts): {}; put back as the team has them\n",
            synced.refused.len(),
            tables.join(", ")
        );
    }
    for (op, why) in &synced.invalid {
        text += &format!(
            "  not taken by the team book: a change to {} ({why}); kept here as it is\n",
            op.entity
        );
    }
    for why in &synced.applied.skipped {
        text += &format!("  not taken here: {why}\n");
    }
    for c in &synced.conflicts {
        text += &format!(
            "  conflict: {} {}: {} had {}, yours {} won\n",
            c.entity,
            c.field,
            c.their_actor.as_deref().unwrap_or("the team"),
            c.theirs,
            c.mine
        );
    }
    if !synced.conflicts.is_empty() {
        text += "  see them with csm team-book conflicts\n";
    }
    super::emit(&text)
}
