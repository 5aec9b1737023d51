//! `csm stakeholders`: one account's map (its org chart, gaps and advocacy) or every
//! account with a coverage gap, largest ARR first; text for people, JSON for scripts.

use std::io::{Write, stdout};

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::bail;
use serde_json::{Value, json};

use super::context::Context;
use crate::book::Book;
use crate::domain::stakeholders::{CoverageRules, Stakeholder, advocacy_ladder, chart, gaps};
use crate::text::clip;

#[derive(Debug, Args)]
pub struct StakeholdersArgs {
    /// The account: its id, external id or name
    #[arg(value_name = "ACCOUNT", required_unless_present = "gaps")]
    account: Option<String>,
    /// Every account with a coverage gap instead
    #[arg(long, conflicts_with = "account")]
    gaps: bool,
    /// With --gaps: only this team member's accounts (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME", requires = "gaps")]
    owner: Option<String>,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

/// One account's map, or every account with a gap.
pub fn run(ctx: &Context, args: &StakeholdersArgs) -> Result<()> {
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let rules = &ctx.config.stakeholders;
    match &args.account {
        Some(what) if !args.gaps => account(&book, rules, today, what, args.json),
        _ => {
            let owner = ctx.owner_named(&book, args.owner.as_deref())?;
            all_gaps(&book, rules, today, owner.as_deref(), args.json)
        }
    }
}

/// One account's map.
fn account(
    book: &Book,
    rules: &CoverageRules,
    today: NaiveDate,
    what: &str,
    json: bool,
) -> Result<()> {
    let Some((id, name)) = book.find_account(what)? else {
        bail!("no account is called `{what}`: give its id, external id or name");
    };
    let segment = book.segment_of(id)?;
    let people = book.stakeholders(id)?;
    let found = gaps(segment, &people, rules, today);
    if json {
        let value = json!({
            "id": id,
            "name": name,
            "segment": segment.as_str(),
            "contacts": people.iter().map(|p| contact_json(p, today)).collect::<Vec<_>>(),
            "gaps": found,
            "advocacy": advocacy_ladder(&people).iter().map(|(t, n)| json!({"tier": t.as_str(), "count": n})).collect::<Vec<_>>(),
        });
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    let mut out = format!("{name} · {} · {} people\n", segment.label(), people.len());
    for line in chart(&people) {
        let p = &people[line.person];
        let touch = match (p.left_on.filter(|l| *l <= today), p.days_since_touch(today)) {
            (Some(left), _) => format!("left {left}"),
            (None, Some(d)) => format!("{d}d ago"),
            (None, None) => "never touched".into(),
        };
        out.push_str(&format!(
            "  {:<38} {:<15} {:<9} {:<7} {}\n",
            clip(&format!("{}{}", line.prefix, p.name), 38),
            p.role.label(),
            p.sentiment.label(),
            p.influence.label(),
            touch
        ));
    }
    if found.is_empty() {
        out.push_str("No coverage gap.\n");
    }
    for g in &found {
        out.push_str(&format!("  ✗ {}\n", g.reason));
    }
    let ladder: Vec<String> = advocacy_ladder(&people)
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label()))
        .collect();
    out.push_str(&format!("Advocacy: {}\n", ladder.join(" · ")));
    super::emit(&out)
}

/// Every account with a gap, largest ARR first.
fn all_gaps(
    book: &Book,
    rules: &CoverageRules,
    today: NaiveDate,
    owner: Option<&str>,
    json: bool,
) -> Result<()> {
    let mut accounts = book.coverage_gaps(rules, today)?;
    if let Some(owner) = owner {
        accounts.retain(|a| a.owner.as_deref() == Some(owner));
    }
    if json {
        let value: Vec<Value> = accounts
            .iter()
            .map(|a| {
                json!({
                    "account_id": a.account_id,
                    "account": a.account,
                    "owner": a.owner,
                    "segment": a.segment.as_str(),
                    "arr_cents": a.arr.cents,
                    "gaps": a.gaps,
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({ "accounts": value }))?
        )?;
        return Ok(());
    }
    let mut out = format!("{} accounts with a coverage gap\n", accounts.len());
    for a in &accounts {
        let reasons: Vec<&str> = a.gaps.iter().map(|g| g.reason.as_str()).collect();
        out.push_str(&format!(
            "{:<28} {:<4} {:>8}  {}\n",
            clip(&a.account, 28),
            a.segment.short(),
            a.arr.short(),
            reasons.join("; ")
        ));
    }
    super::emit(&out)
}

fn contact_json(p: &Stakeholder, today: NaiveDate) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "title": p.title,
        "role": p.role.as_str(),
        "sentiment": p.sentiment.as_str(),
        "influence": p.influence.as_str(),
        "reports_to": p.reports_to,
        "last_touch": p.last_touch.map(|(on, _)| on),
        "last_touch_kind": p.last_touch.and_then(|(_, k)| k).map(|k| k.as_str()),
        "days_since_touch": p.days_since_touch(today),
        "left_on": p.left_on,
        "advocacy": p.advocacy.map(|a| a.as_str()),
        "referenceable": p.referenceable,
        "last_reference_on": p.last_reference_on,
    })
}
