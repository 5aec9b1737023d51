//! `csm health`: one account's score explained, every account's, or the backtest of the
//! score against the book's own renewals and churns; text for people, `--json` for
//! scripts.

use std::io::{Write, stdout};

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::bail;
use serde_json::{Value, json};

use super::context::Context;
use super::rescore::ensure_current;
use crate::book::Book;
use crate::book::health::HealthDetail;
use crate::domain::health::{Backtest, HealthRules, backtest};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HealthArgs {
    #[command(subcommand)]
    lab: Option<HealthCommand>,
    /// One account, explained: its id, external id or name
    #[arg(long, value_name = "ID|NAME")]
    account: Option<String>,
    /// Score each contract that ended as it stood --horizon days before its end,
    /// against what the customer did
    #[arg(long, conflicts_with = "account")]
    backtest: bool,
    /// Days before a contract's end that the backtest scores it
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=730))]
    horizon: u32,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum HealthCommand {
    /// Try weights, bands, windows and hard rules against the book's own history
    /// before saving them; --search proposes some, judged on later contracts
    Lab(super::health_lab::LabArgs),
}

/// The backtest as it stands, or today's scores (recomputed first when stale).
pub fn run(ctx: &Context, args: &HealthArgs) -> Result<()> {
    if let Some(HealthCommand::Lab(lab)) = &args.lab {
        return super::health_lab::run(ctx, lab);
    }
    let mut book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let rules = ctx.config.health.rules();
    if args.backtest {
        return run_backtest(&book, &rules, args.horizon, args.json);
    }
    ensure_current(&mut book, &rules, today)?;
    match &args.account {
        Some(what) => account(&book, &rules, today, what, args.json),
        None => all(&book, &rules, today, args.json),
    }
}

/// One account, explained.
fn account(
    book: &Book,
    rules: &HealthRules,
    today: NaiveDate,
    what: &str,
    json: bool,
) -> Result<()> {
    let Some((id, name)) = book.find_account(what)? else {
        bail!("no account is called `{what}`: give its id, external id or name");
    };
    let Some(detail) = book.health_detail(rules, id, today)? else {
        bail!("{name} has churned: it has no health score");
    };
    if json {
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&to_json(&detail))?
        )?;
    } else {
        write!(stdout(), "{}", explain(&detail))?;
    }
    Ok(())
}

/// Every active account, least healthy first.
fn all(book: &Book, rules: &HealthRules, today: NaiveDate, json: bool) -> Result<()> {
    let mut details = Vec::new();
    book.each_health(rules, today, None, |d| {
        details.push(d);
        Ok(())
    })?;
    details.sort_by_key(|d| (d.effective.score.is_none(), d.effective.score, d.id));
    if json {
        let all: Vec<Value> = details.iter().map(to_json).collect();
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&all)?)?;
        return Ok(());
    }
    use std::fmt::Write as _;
    let mut out = format!(
        "{:<28} {:>6} {:<7} {:>5} {:>5}  TOP SIGNAL\n",
        "ACCOUNT", "HEALTH", "BAND", "Δ30D", "Δ90D"
    );
    for d in &details {
        let _ = writeln!(
            out,
            "{:<28} {:>6} {:<7} {:>5} {:>5}  {}",
            crate::text::clip(&d.name, 28),
            d.effective.score.map_or("-".into(), |s| format!(
                "{s}{}",
                if d.effective.overridden { "*" } else { "" }
            )),
            d.effective.band.map_or("-", |b| b.as_str()),
            signed(d.trend.delta_30d),
            signed(d.trend.delta_90d),
            d.signals.first().map_or("", |s| s.reason.as_str()),
        );
    }
    if details.iter().any(|d| d.effective.overridden) {
        out += "* overridden by a CSM: `csm health --account NAME` shows the computed score\n";
    }
    super::emit(&out)
}

/// The backtest: the score `horizon` days before each contract's end against its outcome.
fn run_backtest(book: &Book, rules: &HealthRules, horizon: u32, json: bool) -> Result<()> {
    let cases = book.backtest_cases(rules, horizon)?;
    let result = backtest(cases.cases, horizon);
    if json {
        let mut value = serde_json::to_value(&result)?;
        value["before_history"] = json!(cases.before_history);
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        write!(stdout(), "{}", backtest_text(&result, cases.before_history))?;
    }
    Ok(())
}

fn backtest_text(b: &Backtest, before_history: usize) -> String {
    let mut out = format!(
        "Health {} days before each contract ended, against what the customer did\n",
        b.horizon_days
    );
    out += &format!(
        "  contracts scored    {} ({} churned)\n",
        b.contracts, b.churned
    );
    if before_history + b.unscored > 0 {
        out += &format!(
            "  not scored          {} (the book's history does not reach back that far, or no data)\n",
            before_history + b.unscored
        );
    }
    match b.auc {
        Some(auc) => {
            out += &format!(
                "  ROC AUC             {auc:.2}  (0.5 is a coin toss, 1.0 ranks every churn below every renewal)\n"
            )
        }
        None => out += "  ROC AUC             - (it needs both renewals and churns)\n",
    }
    out += &format!("  churned while green {}\n", b.green_churned.len());
    for case in b.green_churned.iter().take(10) {
        out += &format!(
            "    {} (ended {}, health {})\n",
            case.account,
            case.ended_on,
            case.score.map_or("-".into(), |s| s.to_string())
        );
    }
    if b.green_churned.len() > 10 {
        out += &format!("    ... and {} more\n", b.green_churned.len() - 10);
    }
    out
}

fn explain(d: &HealthDetail) -> String {
    let a = &d.assessment;
    let score = |s: Option<u8>| s.map_or("-".to_string(), |s| s.to_string());
    let band = |b: Option<crate::domain::vocab::HealthBand>| b.map_or("no data", |b| b.as_str());
    let mut out = format!(
        "{} · health {} {}",
        d.name,
        score(d.effective.score),
        band(d.effective.band)
    );
    if d.effective.overridden {
        out += &format!(
            " (overridden; computed {} {})",
            score(a.score),
            band(a.band)
        );
    }
    out += &format!(
        " · Δ30d {} · Δ90d {}\n",
        signed(d.trend.delta_30d),
        signed(d.trend.delta_90d)
    );
    if let Some(note) = a.confidence_note() {
        out += &format!("  {note}\n");
    }
    for c in &a.components {
        let points = c
            .score
            .map_or("missing".to_string(), |s| format!("{s}/100"));
        out += &format!(
            "  {:<17} {:>3}% of the score  {:>7}  {}\n",
            c.kind.label(),
            c.effective_weight.round(),
            points,
            c.facts.join("; ")
        );
    }
    if let Some(note) = a.cap_note() {
        out += &format!("  {note}\n");
    }
    if let Some(note) = a.top_negative_note() {
        out += &format!("  {note}\n");
    }
    if d.signals.is_empty() {
        out += "Signals: none\n";
    } else {
        out += "Signals:\n";
        for s in &d.signals {
            let since = s.since.map_or(String::new(), |d| format!("  since {d}"));
            out += &format!("  ! {}{since}\n", s.reason);
        }
    }
    match &d.override_ {
        Some(o) => {
            out += &format!(
                "Override: {} by {} on {}, until {}: {}\n",
                o.score
                    .map(|s| s.to_string())
                    .or(o.band.map(|b| b.as_str().to_string()))
                    .unwrap_or_default(),
                o.set_by,
                o.set_on,
                o.expires_on,
                o.reason
            )
        }
        None => out += "Override: none\n",
    }
    out
}

/// The JSON an account's health is printed as.
pub fn to_json(d: &HealthDetail) -> Value {
    let a = &d.assessment;
    json!({
        "id": d.id,
        "name": d.name,
        "as_of": a.as_of.to_string(),
        "score": d.effective.score,
        "band": d.effective.band.map(|b| b.as_str()),
        "overridden": d.effective.overridden,
        "computed": { "score": a.score, "band": a.band.map(|b| b.as_str()) },
        "confidence": a.confidence.as_str(),
        "missing": a.missing.iter().map(|k| k.name()).collect::<Vec<_>>(),
        "components": a.components.iter().map(|c| json!({
            "name": c.kind.name(),
            "weight": c.weight,
            "effective_weight": (c.effective_weight * 10.0).round() / 10.0,
            "score": c.score,
            "facts": c.facts,
        })).collect::<Vec<_>>(),
        "top_negative": a.top_negative.map(|k| k.name()),
        "caps": a.caps,
        "trend_30d": d.trend.delta_30d,
        "trend_90d": d.trend.delta_90d,
        "signals": d.signals.iter().map(|s| json!({
            "kind": s.kind.as_str(),
            "reason": s.reason,
            "since": s.since.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "override": d.override_.as_ref().map(|o| json!({
            "score": o.score,
            "band": o.band.map(|b| b.as_str()),
            "reason": o.reason,
            "set_by": o.set_by,
            "set_on": o.set_on.to_string(),
            "expires": o.expires_on.to_string(),
        })),
    })
}

fn signed(delta: Option<i16>) -> String {
    delta.map_or("-".into(), |d| format!("{d:+}"))
}
