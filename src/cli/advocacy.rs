//! `csm advocacy`: the reference pool and a request matched to it. With `--industry`,
//! `--segment`, `--use-case` (and `--by`), the best-fitting healthy customers not asked
//! lately come first with why; those resting say until when. Then the asks awaiting an
//! answer and the latest asks. JSON carries the same.

use std::io::{Write, stdout};

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::domain::advocacy::{Request, matches};
use crate::domain::vocab::{AdvocacyTier, Segment};
use crate::text::clip;

#[derive(Debug, Args)]
pub struct AdvocacyArgs {
    /// The prospect's industry, as the book spells it (e.g. Retail)
    #[arg(long)]
    industry: Option<String>,
    /// The prospect's segment: enterprise, mid_market, smb or self_serve
    #[arg(long)]
    segment: Option<Segment>,
    /// What the reference should speak to, in words (e.g. "analytics rollout")
    #[arg(long, value_name = "WORDS")]
    use_case: Option<String>,
    /// When sales needs it (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    by: Option<NaiveDate>,
    /// One team member's accounts (part of the name will do) [default: everyone's: a
    /// reference may come from anywhere in the book]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// How many to list
    #[arg(long, default_value_t = 15)]
    limit: usize,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &AdvocacyArgs) -> Result<()> {
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let owner = match args.owner.as_deref() {
        None => None,
        some => ctx.owner_named(&book, some)?,
    };
    let rules = &ctx.config.advocacy;
    let pool = book.reference_pool(owner.as_deref(), today)?;
    let request = Request {
        industry: args.industry.clone(),
        segment: args.segment,
        use_case: args.use_case.clone(),
        by: args.by,
    };
    let found = matches(&pool, &request, rules, today);
    let due = book.asks_due(owner.as_deref(), today + chrono::Duration::days(3650))?;
    let log = book.reference_asks(owner.as_deref(), 10)?;
    if args.json {
        let people: Vec<_> = found
            .iter()
            .map(|m| {
                let r = &pool[m.at];
                json!({
                    "contact_id": r.contact_id,
                    "name": r.name,
                    "title": r.title,
                    "account_id": r.account_id,
                    "account": r.account,
                    "owner": r.owner.as_deref(),
                    "segment": r.segment,
                    "industry": r.industry,
                    "products": r.products,
                    "tier": r.tier,
                    "health": r.health.map(|(s, _)| s),
                    "last_asked": r.last_asked,
                    "last_given": r.last_given,
                    "given_this_year": r.given_this_year,
                    "fit": (m.fit * 100.0).round() / 100.0,
                    "why": m.why,
                    "resting": m.resting,
                })
            })
            .collect();
        let asks: Vec<_> = log
            .iter()
            .map(|a| {
                json!({
                    "id": a.id, "contact": a.contact, "account": a.account, "kind": a.kind,
                    "request": a.request, "asked_on": a.asked_on, "due_on": a.due_on,
                    "outcome": a.outcome, "outcome_on": a.outcome_on,
                })
            })
            .collect();
        let out = json!({
            "as_of": today,
            "request": request,
            "references": people,
            "awaiting": due.len(),
            "asks": asks,
        });
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&out)?)?;
        return Ok(());
    }
    let offered = found.iter().filter(|m| m.resting.is_none()).count();
    let tiers: Vec<String> = AdvocacyTier::ALL
        .iter()
        .map(|t| {
            format!(
                "{} {}",
                t.label(),
                pool.iter().filter(|r| r.tier == Some(*t)).count()
            )
        })
        .collect();
    let mut text = format!(
        "Reference pool as of {today}: {} people agreed to be references ({}); {offered} can be asked now\n",
        pool.len(),
        tiers.join(" · "),
    );
    text.push_str(&format!("Request: {}\n", request.words()));
    text.push_str(&format!(
        "{:<22} {:<24} {:<4} {:<16} {:<10} {:>6} {:<11} why\n",
        "person", "account", "seg", "industry", "tier", "health", "last asked"
    ));
    for m in found.iter().take(args.limit) {
        let r = &pool[m.at];
        let why = match &m.resting {
            Some(rest) => format!("not now: {}", rest.words()),
            None => m.why.join(", "),
        };
        text.push_str(&format!(
            "{:<22} {:<24} {:<4} {:<16} {:<10} {:>6} {:<11} {}\n",
            clip(&r.name, 22),
            clip(&r.account, 24),
            r.segment.short(),
            clip(r.industry.as_deref().unwrap_or("—"), 16),
            r.tier.map_or("—", |t| t.label()),
            r.health.map_or("—".into(), |(s, _)| s.to_string()),
            r.last_asked.map_or("never".into(), |d| d.to_string()),
            why,
        ));
    }
    if !due.is_empty() {
        text.push_str(&format!("\nAwaiting an answer: {}\n", due.len()));
        for a in &due {
            text.push_str(&format!(
                "  {} at {}: {} asked {}, due {}\n",
                a.contact,
                a.account,
                a.kind.label(),
                a.asked_on,
                a.due_on.map_or("—".into(), |d| d.to_string())
            ));
        }
    }
    if !log.is_empty() {
        text.push_str("\nLatest asks:\n");
        for a in &log {
            text.push_str(&format!(
                "  {} {} at {}: {} — {}\n",
                a.asked_on,
                a.contact,
                a.account,
                a.kind.label(),
                a.outcome
                    .map_or("awaiting".into(), |o| o.label().to_string())
            ));
        }
    }
    super::emit(&text)
}
