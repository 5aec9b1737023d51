//! `csm today`: the morning triage queue, one row per account (or, `--flat`, every item),
//! most pressing first, each item with its class, kind, account, reason, what to do,
//! priority, due day and the cockpit keys that act on it.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::domain::Money;
use crate::domain::today::Item;
use crate::text::{clip, count, minutes};
use crate::tui::keys::Keymap;
use crate::tui::panes::today::item_keys;

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// This team member's queue (part of the name will do) [default: yours, if
    /// `[user] name` is on the team, else the whole team's; `all` for the whole team's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// How many accounts (or, with --flat, items) [default: all]
    #[arg(long)]
    limit: Option<usize>,
    /// Every item in one list, most pressing first, instead of one row per account
    #[arg(long)]
    flat: bool,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

/// What can be done to an item in the cockpit, with the keys as the config spells them.
fn actions(item: &Item, keys: &Keymap) -> Vec<String> {
    item_keys(item, keys)
        .into_iter()
        .map(|action| match action.split_once(' ') {
            Some((key, word)) if key.chars().count() > 1 => {
                format!("{} {word}", key.to_lowercase())
            }
            _ => action,
        })
        .collect()
}

/// The queue of the person asked for (or of whoever runs it), with health current.
pub fn run(ctx: &Context, args: &TodayArgs) -> Result<()> {
    let (book, today, rules) = ctx.current_book()?;
    let catalog = ctx.catalog();
    let owner = ctx.owner_named(&book, args.owner.as_deref())?;
    let last_looked = book.last_looked(owner.as_deref(), today)?;
    let mut scope = catalog.today_scope(owner, last_looked);
    ctx.config.growth_rules(&mut scope.growth);
    let keys = Keymap::from_config(&ctx.config).map_err(|e| color_eyre::eyre::eyre!(e))?;
    let queue = book.today_queue(&rules, &ctx.config.today, &scope, today)?;
    let limit = args.limit.unwrap_or(usize::MAX);
    let item_json = |i: &Item| {
        json!({
            "kind": i.kind.as_str(),
            "class": i.class.label(),
            "key": i.key(),
            "account_id": i.account_id,
            "account": i.account,
            "reason": i.reason,
            "todo": i.todo,
            "priority": i.priority,
            "severity": i.severity,
            "due": i.due,
            "new": i.new,
            "arr_cents": i.arr.cents,
            "actions": actions(i, &keys),
        })
    };
    if args.json {
        let flat: Vec<_> = queue
            .flat()
            .into_iter()
            .take(limit)
            .map(item_json)
            .collect();
        let rows: Vec<_> = queue
            .rows
            .iter()
            .take(limit)
            .map(|r| {
                json!({
                    "account_id": r.account_id,
                    "account": r.account,
                    "arr_cents": r.arr.cents,
                    "class": r.head().class.label(),
                    "backlog": r.backlog,
                    "more": r.more(),
                    "items": r.items.iter().map(item_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({
                "today": today,
                "owner": scope.owner,
                "last_looked": scope.last_looked,
                "rows": rows,
                "items": flat,
                "left": queue.total,
                "accounts": queue.accounts,
                "arr_covered_cents": queue.arr_cents,
                "put_away": queue.put_away,
                "backlog_accounts": queue.backlog,
                "minutes_to_clear": queue.minutes,
            }))?
        )?;
        return Ok(());
    }
    let mut out = format!(
        "Today for {}: {}, {}, {} ARR at stake, about {} to clear{}, as of {today}{}\n",
        scope.owner.as_deref().unwrap_or("the whole team"),
        count(queue.accounts, "account", "accounts"),
        count(queue.total, "item", "items"),
        Money::usd(queue.arr_cents).short(),
        minutes(queue.minutes),
        match queue.backlog {
            0 => String::new(),
            n => format!(" (backlog: {})", count(n, "account", "accounts")),
        },
        match queue.put_away {
            0 => String::new(),
            n => format!(" ({n} put away)"),
        }
    );
    let line = |n: usize, i: &Item, name: &str| {
        format!(
            "{:>3}. {:>6.1} {}{:<24} {:<7} {}\n{:>46}→ {}\n",
            n + 1,
            i.priority,
            if i.new { "•" } else { " " },
            clip(name, 24),
            i.class.label(),
            i.reason,
            "",
            i.todo
        )
    };
    if args.flat {
        for (n, i) in queue.flat().into_iter().take(limit).enumerate() {
            out.push_str(&line(n, i, &i.account));
        }
        return super::emit(&out);
    }
    let mut heading = false;
    for (n, row) in queue.rows.iter().take(limit).enumerate() {
        if row.backlog && !heading {
            out.push_str(&format!(
                "── backlog: owed over {} days, nothing new ──\n",
                ctx.config.today.backlog_days
            ));
            heading = true;
        }
        out.push_str(&line(n, row.head(), &row.account));
        if let Some(more) = row.more() {
            out.push_str(&format!("{:>46}{}\n", "", clip(&more, 100)));
        }
    }
    super::emit(&out)
}
