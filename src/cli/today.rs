//! `csm today`: the morning triage queue, most pressing first, each item with its kind,
//! account, reason, what to do, priority, due day and the cockpit keys that act on it.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::book::today::Scope;
use crate::domain::Money;
use crate::domain::today::ItemKind;
use crate::text::clip;
use crate::tui::keys::Keymap;
use crate::tui::panes::today::item_keys;

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// This team member's queue (part of the name will do) [default: yours, if
    /// `[user] name` is on the team, else the whole team's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// How many items [default: all]
    #[arg(long)]
    limit: Option<usize>,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

/// The keys that act on an item of this kind in the cockpit's Today pane.
/// What can be done to an item in the cockpit, with the keys as the config spells them.
fn actions(kind: ItemKind, keys: &Keymap) -> Vec<String> {
    item_keys(kind, keys)
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
    let owner = match &args.owner {
        Some(name) => Some(book.team_member_named(name)?.name),
        None => book.default_queue_owner(&ctx.config.user.actor())?,
    };
    let scope = Scope {
        last_looked: book.last_looked(owner.as_deref(), today)?,
        owner,
        stages: catalog.renewal_stages(),
        answers: catalog.signal_answers(),
    };
    let keys = Keymap::from_config(&ctx.config).map_err(|e| color_eyre::eyre::eyre!(e))?;
    let mut queue = book.today_queue(&rules, &ctx.config.today, &scope, today)?;
    let left = queue.total;
    queue.items.truncate(args.limit.unwrap_or(usize::MAX));
    if args.json {
        let rows: Vec<_> = queue
            .items
            .iter()
            .map(|i| {
                json!({
                    "kind": i.kind.as_str(),
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
                    "actions": actions(i.kind, &keys),
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
                "items": rows,
                "left": left,
                "accounts": queue.accounts,
                "arr_covered_cents": queue.arr_cents,
                "put_away": queue.put_away,
            }))?
        )?;
        return Ok(());
    }
    let mut out = format!(
        "Today for {}: {left} items on {} accounts, {} ARR at stake, as of {today}{}\n",
        scope.owner.as_deref().unwrap_or("the whole team"),
        queue.accounts,
        Money::usd(queue.arr_cents).short(),
        match queue.put_away {
            0 => String::new(),
            n => format!(" ({n} put away)"),
        }
    );
    for (n, i) in queue.items.iter().enumerate() {
        out.push_str(&format!(
            "{:>3}. {:>6.1} {}{:<24} {}\n{:>38}→ {}\n",
            n + 1,
            i.priority,
            if i.new { "•" } else { " " },
            clip(&i.account, 24),
            i.reason,
            "",
            i.todo
        ));
    }
    super::emit(&out)
}
