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
use crate::domain::Money;
use crate::domain::churn::{ByReason, Loss, by_reason};
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

/// One period: its metrics, and its losses by reason.
struct Measured {
    period: Period,
    metrics: Vec<Metric>,
    losses: Vec<Loss>,
}

/// Each period and its metrics, oldest first.
fn compute(
    book: &Book,
    owner: Option<&str>,
    grain: Grain,
    periods: usize,
    today: NaiveDate,
) -> Result<Vec<Measured>> {
    let facts = book.metric_facts(owner)?;
    Ok(Period::last(grain, today, periods.max(1))
        .into_iter()
        .map(|p| {
            let r = Retention::over(&facts.customers, p, today);
            let nps = Nps::over(&facts.answers, p);
            let csat = Csat::over(&facts.answers, p);
            let ttv = time_to_value(&facts.launches, p);
            Measured {
                period: p,
                metrics: metrics(&r, &nps, &csat, &ttv),
                losses: Retention::losses(&facts.customers, p, today),
            }
        })
        .collect())
}

/// The losses by reason as JSON rows, money in cents.
fn reasons_json(by: &[ByReason]) -> serde_json::Value {
    serde_json::to_value(by).unwrap_or_default()
}

/// The table of losses by reason over every period shown, with each reason's share of
/// the ARR lost.
fn reasons_text(by: &[ByReason], periods: &str) -> String {
    let total: i64 = by.iter().map(|b| b.lost_arr_cents()).sum();
    if total == 0 {
        return format!("\nNo churn or contraction over {periods}.\n");
    }
    let mut text = format!(
        "\nChurn and contraction by reason over {periods} (each period's cohort):\n  \
         {:<16} {:>8} {:>10} {:>11} {:>12} {:>6}\n",
        "reason", "churned", "ARR", "contracted", "ARR", "share"
    );
    for b in by {
        text.push_str(&format!(
            "  {:<16} {:>8} {:>10} {:>11} {:>12} {:>5.0}%\n",
            b.reason,
            b.churned,
            Money::usd(b.churned_arr_cents).short(),
            b.contracted,
            Money::usd(b.contraction_arr_cents).short(),
            b.lost_arr_cents() as f64 * 100.0 / total as f64,
        ));
    }
    text
}

fn shown(m: &Metric) -> String {
    match (m.value, m.unit) {
        (None, _) => "—".into(),
        (Some(v), "%") => format!("{v:.1}%"),
        (Some(v), "$") => Money::usd((v * 100.0).round() as i64).short(),
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
    let reasons = &ctx.config.churn;
    let every_loss: Vec<Loss> = all.iter().flat_map(|m| m.losses.clone()).collect();
    let window = by_reason(&every_loss, reasons);
    if args.json {
        let out: Vec<_> = all
            .iter()
            .map(|m| {
                let p = m.period;
                json!({
                    "period": p.name(),
                    "start": p.start,
                    "end": p.end,
                    "metrics": m.metrics,
                    "losses_by_reason": reasons_json(&by_reason(&m.losses, reasons)),
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
                "losses_by_reason": reasons_json(&window),
            }))?
        )?;
        return Ok(());
    }
    let mut text = format!(
        "Metrics for {}, as of {today} (the current period is still running)\n{:<28}",
        owner.as_deref().unwrap_or("the whole team"),
        ""
    );
    for m in &all {
        text.push_str(&format!("{:>10}", m.period.name()));
    }
    text.push('\n');
    let names: Vec<&str> = all[0].metrics.iter().map(|m| m.name).collect();
    for (i, name) in names.iter().enumerate() {
        text.push_str(&format!("{name:<28}"));
        for m in &all {
            text.push_str(&format!("{:>10}", shown(&m.metrics[i])));
        }
        text.push('\n');
    }
    let last = &all[all.len() - 1];
    text.push_str(&format!("\nHow {} was worked out:\n", last.period.name()));
    for m in &last.metrics {
        text.push_str(&format!("  {}\n", m.workings));
    }
    let span = match all.len() {
        1 => last.period.name(),
        _ => format!("{} to {}", all[0].period.name(), last.period.name()),
    };
    text.push_str(&reasons_text(&window, &span));
    super::emit(&text)
}
