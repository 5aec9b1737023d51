//! `csm health lab`: weights, bands, windows and hard rules tried against the book's
//! own history before they are saved: the backtest they give, beside the rules in
//! force, today's accounts that would change band and the ARR at risk; `--search`
//! proposes rules found on the earlier contracts and judged on the later ones;
//! `--save` writes the rules tried into the config with a note of what was tried.

mod args;
mod save;
mod text;

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::domain::health::lab::{search, try_rules};

#[derive(Debug, Args)]
pub struct LabArgs {
    /// Weights to try, like usage=50,adoption=30,support=10,engagement=10 (those left
    /// out stay as in force; together they add up to 100)
    #[arg(long, value_name = "NAME=PCT,...")]
    weights: Option<String>,
    /// The score at which an account is green
    #[arg(long, value_name = "SCORE")]
    green_at: Option<u8>,
    /// The score at which an account is yellow rather than red
    #[arg(long, value_name = "SCORE")]
    yellow_at: Option<u8>,
    /// A hard rule to try: champion_left=DAYS|off, escalation_at=p1..p4|off
    #[arg(long = "rule", value_name = "NAME=VALUE")]
    rules: Vec<String>,
    /// Try without any hard rule (then add some back with --rule)
    #[arg(long)]
    no_rules: bool,
    /// A window to try, by its [health.windows] name, like support_days=60
    #[arg(long = "window", value_name = "NAME=VALUE")]
    windows: Vec<String>,
    /// Days before each contract's end that it is scored
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=730))]
    horizon: u32,
    /// Search weights and hard rules on the earlier contracts, judged on the later ones
    #[arg(long)]
    search: bool,
    /// Write the rules tried (with --search: the proposal) into the config file
    #[arg(long)]
    save: bool,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, a: &LabArgs) -> Result<()> {
    let in_force = ctx.config.health.rules();
    let asked = args::Asked {
        weights: a.weights.clone(),
        green_at: a.green_at,
        yellow_at: a.yellow_at,
        no_rules: a.no_rules,
        rules: a.rules.clone(),
        windows: a.windows.clone(),
    };
    let mut trying = args::trial_rules(&in_force, &asked)?;
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let lab = book.health_lab(&in_force, a.horizon, today)?;
    // Other windows give other points: the rules tried are scored on their own gathering.
    let trial_lab = if trying.windows == in_force.windows {
        None
    } else {
        Some(book.health_lab(&trying, a.horizon, today)?)
    };
    let base = try_rules(&lab, &in_force, &in_force);
    let proposal = if a.search {
        search(trial_lab.as_ref().unwrap_or(&lab), &trying)
    } else {
        None
    };
    if let Some(p) = &proposal {
        trying = p.rules(&trying);
    }
    let trial = match &trial_lab {
        Some(own) => try_rules(own, &trying, &trying).against(own, &trying, &lab, &in_force),
        None => try_rules(&lab, &trying, &in_force),
    };
    if a.json {
        let value = json!({
            "as_of": today.to_string(),
            "horizon_days": a.horizon,
            "before_history": lab.before_history,
            "in_force": { "rules": in_force, "backtest": base.backtest },
            "trying": { "rules": trying, "backtest": trial.backtest, "today": trial.standing },
            "search": proposal,
        });
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        let mut out = text::comparison(today, &lab, &in_force, &base, &trying, &trial);
        if a.search {
            out += &text::proposal(proposal.as_ref(), &in_force);
        }
        super::emit(&out)?;
    }
    if a.save {
        let note = text::saved_note(today, &in_force, &base, &trying, &trial);
        save::health(&ctx.config_path, &in_force, &trying, &note)?;
        eprintln!("saved to {}: {note}", ctx.config_path.display());
    }
    Ok(())
}
