//! `csm metrics`: retention and customer metrics for the last N months, quarters or
//! years, one column a period, then the latest period's workings; JSON carries each
//! metric's value, inputs and formula.

use std::io::{Write, stdout};

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;
use serde_json::json;

use super::context::Context;
use crate::book::Book;
use crate::domain::metrics::{Csat, Grain, Metric, Nps, Period, Retention, metrics, time_to_value};

#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// The length of a period
    #[arg(long, value_enum, default_value = "quarter")]
    period: Grain,
    /// How many periods, up to the current one
    #[arg(long, default_value_t = 8)]
    periods: usize,
    /// One team member's accounts (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Print JSON: each metric's value, inputs and formula
    #[arg(long)]
    json: bool,
}

/// Each period and its metrics, oldest first.
fn compute(
    book: &Book,
    owner: Option<&str>,
    grain: Grain,
    periods: usize,
    today: NaiveDate,
) -> Result<Vec<(Period, Vec<Metric>)>> {
    let facts = book.metric_facts(owner)?;
    Ok(Period::last(grain, today, periods.max(1))
        .into_iter()
        .map(|p| {
            let r = Retention::over(&facts.customers, p, today);
            let nps = Nps::over(&facts.answers, p);
            let csat = Csat::over(&facts.answers, p);
            let ttv = time_to_value(&facts.launches, p);
            (p, metrics(&r, &nps, &csat, &ttv))
        })
        .collect())
}

fn shown(m: &Metric) -> String {
    match (m.value, m.unit) {
        (None, _) => "—".into(),
        (Some(v), "%") => format!("{v:.1}%"),
        (Some(v), "$") => crate::domain::Money::usd((v * 100.0).round() as i64).short(),
        (Some(v), "points") => format!("{v:+.0}"),
        (Some(v), "of 5") => format!("{v:.2}"),
        (Some(v), _) => format!("{v:.0}"),
    }
}

pub fn run(ctx: &Context, args: &MetricsArgs) -> Result<()> {
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let owner = ctx.owner_named(&book, args.owner.as_deref())?;
    let all = compute(&book, owner.as_deref(), args.period, args.periods, today)?;
    if args.json {
        let out: Vec<_> = all
            .iter()
            .map(|(p, ms)| {
                json!({
                    "period": p.name(),
                    "start": p.start,
                    "end": p.end,
                    "metrics": ms,
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({
                "owner": owner,
                "as_of": today,
                "periods": out,
            }))?
        )?;
        return Ok(());
    }
    let mut text = format!(
        "Metrics for {}, as of {today} (the current period is still running)\n{:<28}",
        owner.as_deref().unwrap_or("the whole team"),
        ""
    );
    for (p, _) in &all {
        text.push_str(&format!("{:>10}", p.name()));
    }
    text.push('\n');
    let names: Vec<&str> = all[0].1.iter().map(|m| m.name).collect();
    for (i, name) in names.iter().enumerate() {
        text.push_str(&format!("{name:<28}"));
        for (_, ms) in &all {
            text.push_str(&format!("{:>10}", shown(&ms[i])));
        }
        text.push('\n');
    }
    let (last, ms) = &all[all.len() - 1];
    text.push_str(&format!("\nHow {} was worked out:\n", last.name()));
    for m in ms {
        text.push_str(&format!("  {}\n", m.workings));
    }
    super::emit(&text)
}
