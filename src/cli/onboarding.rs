//! `csm onboarding`: every account in onboarding with its program, the day against the
//! program's length, the phase under way, milestones done, first value and what is next;
//! the stuck first, with why. JSON carries each milestone and phase as well.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::domain::onboarding::Board;
use crate::text::clip;

#[derive(Debug, Args)]
pub struct OnboardingArgs {
    /// One team member's accounts (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &OnboardingArgs) -> Result<()> {
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let owner = ctx.owner_named(&book, args.owner.as_deref())?;
    let rules = &ctx.config.onboarding;
    let journeys = book.journeys(owner.as_deref(), rules.first_value_active_share)?;
    let board = Board::new(journeys, &ctx.catalog().playbooks, rules, today);
    let c = board.counts(today);
    if args.json {
        let rows: Vec<_> = board
            .rows
            .iter()
            .map(|(j, p)| {
                json!({
                    "account_id": j.account_id,
                    "account": &*j.name,
                    "owner": j.owner.as_deref(),
                    "segment": j.segment,
                    "arr_cents": j.arr.cents,
                    "currency": j.arr.currency.code(),
                    "progress": p,
                    "complete": p.complete(),
                    "late_milestones": p.late(today),
                })
            })
            .collect();
        let out = json!({
            "owner": owner,
            "as_of": today,
            "accounts": rows,
            "late": c.late,
            "stuck": c.stuck,
            "median_days_to_first_value": c.median_days_to_value,
            "without_program": board.without_program,
        });
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&out)?)?;
        return Ok(());
    }
    let whose = owner.as_deref().unwrap_or("the whole team");
    if board.rows.is_empty() {
        return super::emit(&format!("No accounts in onboarding for {whose}.\n"));
    }
    let median = c
        .median_days_to_value
        .map_or("none yet".into(), |d| format!("{d} days"));
    let target = c
        .target_days
        .map_or(String::new(), |d| format!(" (target {d})"));
    let mut text = format!(
        "Onboarding for {whose}, as of {today}: {} accounts, {} late, {} stuck; median time to \
         first value {median}{target}\n{:<28} {:>8} {:<8} {:>7} {:<14} {:>6} {:<20} {:<24} next\n",
        c.accounts,
        c.late,
        c.stuck,
        "account",
        "ARR",
        "program",
        "day",
        "phase",
        "done",
        "first value",
        "stuck",
    );
    for (j, p) in &board.rows {
        let phase = p.current_phase().map_or("complete", |ph| ph.key.as_str());
        let late = p
            .current_phase()
            .and_then(|ph| ph.days_late(today))
            .map_or(String::new(), |_| " (late)".into());
        let stuck: Vec<String> = p.stuck.iter().map(|s| s.words()).collect();
        text.push_str(&format!(
            "{:<28} {:>8} {:<8} {:>7} {:<14} {:>6} {:<20} {:<24} {}\n",
            clip(&j.name, 28),
            j.arr.short(),
            format!("{} days", p.days),
            format!("{}/{}", p.day, p.days),
            clip(&format!("{phase}{late}"), 14),
            format!("{}/{}", p.done(), p.milestones.len()),
            p.first_value.words(),
            clip(&stuck.join(", "), 24),
            p.next_milestone().map_or("—", |m| m.title.as_str()),
        ));
    }
    if board.without_program > 0 {
        text.push_str(&format!(
            "{} more in onboarding without a start day or a program for their segment.\n",
            board.without_program
        ));
    }
    super::emit(&text)
}
