//! `csm today`: the morning triage queue, most pressing first, each item with its kind,
//! account, reason, priority, due day and the cockpit keys that act on it.

use std::io::{Write, stdout};

use chrono::NaiveDate;
use color_eyre::Result;
use serde_json::json;

use crate::book::Book;
use crate::config::Config;
use crate::domain::Money;
use crate::domain::health::HealthRules;
use crate::domain::today::{ItemKind, rank};
use crate::text::clip;

/// The keys that act on an item of this kind in the cockpit.
fn actions(kind: ItemKind) -> &'static [&'static str] {
    match kind {
        ItemKind::Task => &["enter open", "d done", "z snooze", "t log touch"],
        ItemKind::Signal | ItemKind::NoTouch => &["enter open", "t log touch"],
        ItemKind::Renewal => &["enter open", "x step done", "f forecast"],
        ItemKind::OverrideExpiring => &["enter open", "e override"],
    }
}

pub fn queue(
    book: &Book,
    config: &Config,
    rules: &HealthRules,
    today: NaiveDate,
    owner: Option<&str>,
    limit: Option<usize>,
    json: bool,
) -> Result<()> {
    let wanted = owner.map(str::to_lowercase);
    let items: Vec<_> = book
        .triage(rules, &config.stakeholders, today)?
        .into_iter()
        .filter(|o| {
            wanted.as_deref().is_none_or(|w| {
                o.owner
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(w))
            })
        })
        .map(|o| o.item)
        .collect();
    let mut ranked = rank(items, &config.today, today);
    let total = ranked.len();
    let mut accounts: Vec<(i64, i64)> =
        ranked.iter().map(|i| (i.account_id, i.arr.cents)).collect();
    accounts.sort_unstable();
    accounts.dedup();
    let covered: i64 = accounts.iter().map(|(_, c)| c).sum();
    ranked.truncate(limit.unwrap_or(usize::MAX));
    if json {
        let rows: Vec<_> = ranked
            .iter()
            .map(|i| {
                json!({
                    "kind": i.kind.as_str(),
                    "account_id": i.account_id,
                    "account": i.account,
                    "reason": i.reason,
                    "priority": i.priority,
                    "due": i.due,
                    "arr_cents": i.arr.cents,
                    "actions": actions(i.kind),
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({
                "today": today,
                "items": rows,
                "left": total,
                "arr_covered_cents": covered,
            }))?
        )?;
        return Ok(());
    }
    let mut out = format!(
        "{total} items on {} accounts, {} ARR, as of {today}\n",
        accounts.len(),
        Money::usd(covered).short()
    );
    for (n, i) in ranked.iter().enumerate() {
        out.push_str(&format!(
            "{:>3}. {:>6.1}  {:<8} {:<24} {}\n",
            n + 1,
            i.priority,
            i.kind.as_str(),
            clip(&i.account, 24),
            i.reason
        ));
    }
    super::emit(&out)
}
