//! `csm expansion`: the expansion pipeline and the signals to grow. The open
//! opportunities most worth working first (ARR x chance x timing), the weighted pipeline
//! per quarter of close and per CSM, and the accounts that look ready to grow, each with
//! the opportunity it suggests. JSON carries every row, money in cents.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::domain::Money;
use crate::domain::expansion::{
    Deal, ExpansionRules, Rollup, by_owner, by_quarter, largest_first, ranked,
    signals as expansion_signals,
};
use crate::text::clip;

#[derive(Debug, Args)]
pub struct ExpansionArgs {
    /// One team member's accounts (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// How many opportunities and signals to list (JSON lists them all)
    #[arg(long, default_value_t = 30)]
    limit: usize,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

fn deal_json(d: &Deal, rules: &ExpansionRules, today: chrono::NaiveDate) -> serde_json::Value {
    json!({
        "id": d.id,
        "account_id": d.account_id,
        "account": d.account,
        "owner": d.owner,
        "kind": d.kind,
        "title": d.title,
        "arr_cents": d.arr.cents,
        "currency": d.arr.currency.code(),
        "stage": d.stage,
        "close_on": d.close_on,
        "chance": d.chance(rules),
        "weighted_cents": d.weighted_cents(rules),
        "score_cents": d.score(rules, today),
        "past_close": d.past_close(today),
    })
}

fn rollup_text(title: &str, rows: &[Rollup]) -> String {
    let mut text = format!(
        "\n{title:<22} {:>5} {:>10} {:>10} {:>5} {:>10}\n",
        "open", "ARR", "weighted", "won", "won ARR"
    );
    for r in rows {
        text.push_str(&format!(
            "  {:<20} {:>5} {:>10} {:>10} {:>5} {:>10}\n",
            clip(&r.name, 20),
            r.open,
            Money::usd(r.arr_cents).short(),
            Money::usd(r.weighted_cents).short(),
            r.won,
            Money::usd(r.won_arr_cents).short(),
        ));
    }
    text
}

pub fn run(ctx: &Context, args: &ExpansionArgs) -> Result<()> {
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let owner = ctx.owner_named(&book, args.owner.as_deref())?;
    let rules = &ctx.config.expansion;
    let deals = book.deals(owner.as_deref())?;
    let open = ranked(&deals, rules, today);
    let quarters = by_quarter(&deals, rules, today);
    let owners = by_owner(&deals, rules, today);
    let mut signals = Vec::new();
    book.each_growth(owner.as_deref(), today, rules.recent_days, |g| {
        signals.extend(expansion_signals(&g, rules))
    })?;
    largest_first(&mut signals);
    if args.json {
        let out = json!({
            "owner": owner,
            "as_of": today,
            "pipeline": open.iter().map(|d| deal_json(d, rules, today)).collect::<Vec<_>>(),
            "by_quarter": quarters,
            "by_owner": owners,
            "signals": signals.iter().map(|s| json!({
                "account_id": s.account_id,
                "account": s.account.as_ref(),
                "owner": s.owner.as_deref(),
                "signal": s.kind,
                "seen": s.words,
                "suggests": s.suggests,
                "title": s.title,
                "arr_cents": s.arr.cents,
            })).collect::<Vec<_>>(),
        });
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&out)?)?;
        return Ok(());
    }
    let whose = owner.as_deref().unwrap_or("the whole team");
    let arr: i64 = open.iter().map(|d| d.arr.cents).sum();
    let weighted: i64 = open.iter().map(|d| d.weighted_cents(rules)).sum();
    let mut text = format!(
        "Expansion for {whose}, as of {today}: {} open, {} ARR, {} weighted; {} signals on {} accounts\n",
        open.len(),
        Money::usd(arr).short(),
        Money::usd(weighted).short(),
        signals.len(),
        {
            let mut ids: Vec<i64> = signals.iter().map(|s| s.account_id).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        },
    );
    text.push_str(&rollup_text("By quarter of close", &quarters));
    if owner.is_none() {
        text.push_str(&rollup_text("By CSM", &owners));
    }
    text.push_str(&format!(
        "\nOpen opportunities, most worth working first\n  {:<24} {:<26} {:<10} {:<10} {:>6} {:>9} {:>9} {:<11}\n",
        "account", "opportunity", "kind", "stage", "chance", "ARR", "weighted", "close"
    ));
    for d in open.iter().take(args.limit) {
        text.push_str(&format!(
            "  {:<24} {:<26} {:<10} {:<10} {:>5}% {:>9} {:>9} {}\n",
            clip(&d.account, 24),
            clip(&d.title, 26),
            d.kind.label(),
            d.stage.label(),
            d.chance(rules),
            d.arr.short(),
            d.weighted(rules).short(),
            d.close_text(today),
        ));
    }
    if open.len() > args.limit {
        text.push_str(&format!("  and {} more\n", open.len() - args.limit));
    }
    text.push_str(&format!(
        "\nSignals to grow, the largest first\n  {:<24} {:<17} {:<44} {:>9}\n",
        "account", "signal", "seen", "about"
    ));
    for s in signals.iter().take(args.limit) {
        text.push_str(&format!(
            "  {:<24} {:<17} {:<44} {:>9}\n",
            clip(&s.account, 24),
            s.kind.label(),
            clip(&s.words, 44),
            s.arr.short(),
        ));
    }
    if signals.len() > args.limit {
        text.push_str(&format!("  and {} more\n", signals.len() - args.limit));
    }
    super::emit(&text)
}
