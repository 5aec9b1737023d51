//! `csm win-back`: the customers who left, with why, when, the ARR lost, the last contact
//! and when to try them again; due ones first. JSON carries the same, money in cents.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::domain::churn::{Standing, win_back};
use crate::text::clip;

#[derive(Debug, Args)]
pub struct WinBackArgs {
    /// One team member's accounts (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &WinBackArgs) -> Result<()> {
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let owner = ctx.owner_named(&book, args.owner.as_deref())?;
    let churned = book.churned_customers(owner.as_deref())?;
    let rules = &ctx.config.churn;
    let list = win_back(&churned, rules, today);
    if args.json {
        let rows: Vec<_> = list
            .iter()
            .map(|w| {
                let c = w.customer;
                json!({
                    "account_id": c.account_id,
                    "account": c.name,
                    "owner": c.owner,
                    "segment": c.segment,
                    "churned_on": c.churned_on,
                    "arr_lost_cents": c.arr_lost.cents,
                    "currency": c.arr_lost.currency.code(),
                    "reason": w.reason.map(|r| r.name.as_str()),
                    "said": c.said,
                    "note": c.note,
                    "last_contact": c.last_contact,
                    "try_on": w.try_on,
                    "standing": w.standing.label(),
                })
            })
            .collect();
        let out = json!({ "owner": owner, "as_of": today, "customers": rows });
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&out)?)?;
        return Ok(());
    }
    let whose = owner.as_deref().unwrap_or("the whole team");
    if list.is_empty() {
        return super::emit(&format!("No churned customers for {whose}.\n"));
    }
    let due = list.iter().filter(|w| w.standing == Standing::Due).count();
    let mut text = format!(
        "Win-back for {whose}, as of {today}: {} churned, {due} due a try\n\
         {:<28} {:>8} {:<11} {:<14} {:<11} {:<11} {:<8} said\n",
        list.len(),
        "account",
        "ARR lost",
        "churned",
        "reason",
        "last touch",
        "try on",
        "status",
    );
    for w in &list {
        let c = w.customer;
        let said = c.note.as_deref().or(c.said.as_deref()).unwrap_or("");
        text.push_str(&format!(
            "{:<28} {:>8} {:<11} {:<14} {:<11} {:<11} {:<8} {}\n",
            clip(&c.name, 28),
            c.arr_lost.short(),
            c.churned_on.to_string(),
            clip(w.reason_name(), 14),
            c.last_contact.map_or("never".into(), |d| d.to_string()),
            w.try_on.map_or("—".into(), |d| d.to_string()),
            w.standing.word(),
            clip(said, 60),
        ));
    }
    super::emit(&text)
}
