//! `csm team`: one row per CSM and a team total, for the manager's review: the book,
//! its health by ARR, the ARR at risk, renewals by window, the quarter's forecast gross
//! retention with its workings, and who is falling behind.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;

use super::context::Context;
use crate::book::forecast_review::Calls;
use crate::book::team::{OLD_OVERRIDE_DAYS, grr_text, grr_workings, lane_text};
use crate::domain::Money;
use crate::text::clip;

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// The forecast review: this quarter's and next quarter's renewals per CSM, by
    /// forecast category, the ones with no forecast, and the expected GRR and NRR with
    /// their workings
    #[arg(long)]
    forecast: bool,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

fn share(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// The team's rows, with health current.
pub fn run(ctx: &Context, args: &TeamArgs) -> Result<()> {
    let (book, today, rules) = ctx.current_book()?;
    if args.forecast {
        let calls = book.calls_review(today)?;
        return forecast_review(
            &book.forecast_review(&rules, today)?,
            &calls,
            today,
            args.json,
        );
    }
    let rows = book.team(&ctx.config.today, &rules, today)?;
    if args.json {
        let out: Vec<_> = rows
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["forecast_grr_workings"] = grr_workings(r).into();
                v
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "as_of": today,
                "rows": out,
            }))?
        )?;
        return Ok(());
    }
    let mut text = format!(
        "{:<18} {:>5} {:>8}  {:>5} {:>5} {:>5}  {:>8}  {:>10} {:>10} {:>10} {:>10} {:>10}  {:>6}  {:>4} {:>5} {:>4}\n",
        "CSM",
        "accts",
        "ARR",
        "green",
        "yell.",
        "red",
        "at risk",
        "overdue",
        "30d",
        "60d",
        "90d",
        "120d",
        "GRR q",
        "late",
        "quiet",
        "ovr"
    );
    for r in &rows {
        text.push_str(&format!(
            "{:<18} {:>5} {:>8}  {:>5} {:>5} {:>5}  {:>8}  {:>10} {:>10} {:>10} {:>10} {:>10}  {:>6}  {:>4} {:>5} {:>4}\n",
            clip(&r.name, 18),
            r.accounts,
            Money::usd(r.arr_cents).short(),
            share(r.green_cents, r.arr_cents),
            share(r.yellow_cents, r.arr_cents),
            share(r.red_cents, r.arr_cents),
            Money::usd(r.at_risk_cents).short(),
            lane_text(r.renewals[0]),
            lane_text(r.renewals[1]),
            lane_text(r.renewals[2]),
            lane_text(r.renewals[3]),
            lane_text(r.renewals[4]),
            grr_text(r),
            r.late_tasks,
            r.quiet_accounts,
            r.old_overrides,
        ));
    }
    if let Some(total) = rows.last() {
        text.push_str(&format!(
            "\ngreen/yellow/red: share of ARR by health band. at risk: red ARR, and yellow renewing within 90 days.\n\
             GRR q: this quarter's forecast gross retention = (ARR at the quarter's start - lost so far - what the open renewals' forecasts lose) / ARR at the start;\n\
             for the team: {}.\n\
             late: open tasks past due. quiet: accounts without a touch past their segment's cadence. ovr: health overrides standing over {OLD_OVERRIDE_DAYS} days.\n",
            grr_workings(total)
        ));
    }
    super::emit(&text)
}

/// The forecast review, as text or JSON.
fn forecast_review(
    quarters: &[crate::book::forecast_review::QuarterReview; 2],
    calls: &[Calls],
    today: chrono::NaiveDate,
    json: bool,
) -> Result<()> {
    let pct = |v: Option<f64>| v.map_or("—".into(), |v| format!("{:.1}%", v * 100.0));
    if json {
        let out: Vec<_> = quarters
            .iter()
            .map(|q| {
                let rows: Vec<_> = q
                    .rows
                    .iter()
                    .map(|r| {
                        let mut v = serde_json::to_value(r).unwrap_or_default();
                        v["grr"] = r.grr().into();
                        v["nrr"] = r.nrr().into();
                        v["workings"] = r.workings().into();
                        v
                    })
                    .collect();
                serde_json::json!({ "quarter": q.quarter.name(), "rows": rows })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "as_of": today,
                "quarters": out,
                "calls": calls,
            }))?
        )?;
        return Ok(());
    }
    let mut text = String::new();
    for q in quarters {
        text.push_str(&format!(
            "Forecast review, {} as of {today}\n{:<18} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>7} {:>7}\n",
            q.quarter.name(),
            "CSM",
            "due",
            "commit",
            "likely",
            "at risk",
            "churn",
            "no forecast",
            "GRR",
            "NRR"
        ));
        for r in &q.rows {
            text.push_str(&format!(
                "{:<18} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>7} {:>7}\n",
                clip(r.owner.as_deref().unwrap_or("Team"), 18),
                r.due.words(),
                r.commit.words(),
                r.likely.words(),
                r.at_risk.words(),
                r.churn.words(),
                r.no_forecast.words(),
                pct(r.grr()),
                pct(r.nrr()),
            ));
        }
        if let Some(team) = q.rows.last() {
            text.push_str(&format!("  {}\n\n", team.workings()));
        }
    }
    text += &calls_text(calls);
    super::emit(&text)
}

/// How each CSM's frozen forecasts turned out, month by month.
fn calls_text(calls: &[Calls]) -> String {
    let pct = |v: Option<f64>| v.map_or("—".into(), |v| format!("{:.0}%", v * 100.0));
    let Some(team) = calls.last() else {
        return String::new();
    };
    if team.recent.closed == 0 {
        return "Forecast calls: no month before this one has a frozen forecast with its outcome yet.\n".into();
    }
    let mut text = format!(
        "Forecast calls, the {} months before this one ({} to {})\n{:<18} {:>8} {:>12} {:>9} {:>7}  CALLED RIGHT BY MONTH\n",
        team.months.len(),
        team.months.first().map_or("", |m| m.period.as_str()),
        team.months.last().map_or("", |m| m.period.as_str()),
        "CSM",
        "closed",
        "called right",
        "ARR acc.",
        "lean"
    );
    for c in calls {
        let months: Vec<String> = team
            .months
            .iter()
            .map(|t| {
                let mine = c.months.iter().find(|m| m.period == t.period);
                format!("{:>4}", pct(mine.and_then(|m| m.hit_rate())))
            })
            .collect();
        text += &format!(
            "{:<18} {:>8} {:>12} {:>9} {:>7}  {}\n",
            clip(c.owner.as_deref().unwrap_or("Team"), 18),
            c.recent.closed,
            pct(c.recent.hit_rate()),
            pct(c.recent.arr_accuracy),
            c.recent
                .lean()
                .map_or("—".into(), |l| format!("{:+.0}%", l * 100.0)),
            months.join(" ")
        );
    }
    text += "called right: renewals whose outcome was the category forecast when the month began. \
             ARR acc.: 1 - |forecast - actual| / actual. lean: forecast ARR over (+) or under (-) what came in.\n";
    text
}
