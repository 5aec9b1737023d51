//! `csm renewals`: the renewal timeline as text or JSON, and the accuracy of each
//! month's frozen forecast.

use std::io::{Write, stdout};

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;
use serde_json::{Value, json};

use super::context::Context;
use crate::book::Book;
use crate::book::renewals::{Renewal, lanes};
use crate::domain::Money;
use crate::domain::health::HealthRules;
use crate::domain::renewal::Window;
use crate::text::clip;

#[derive(Debug, Args)]
pub struct RenewalsArgs {
    /// Only renewals at most this many days away (overdue ones included)
    #[arg(long, value_name = "DAYS")]
    within: Option<i64>,
    /// Only this team member's accounts (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Each frozen month's forecast against its outcomes, instead of the timeline
    #[arg(long)]
    accuracy: bool,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

/// Freezes this month's forecasts if not yet, then the timeline or the accuracy.
pub fn run(ctx: &Context, args: &RenewalsArgs) -> Result<()> {
    let (mut book, today, rules) = ctx.current_book()?;
    book.freeze_forecasts(today)?;
    if args.accuracy {
        return accuracy(&book, args.json);
    }
    let filter = Filter {
        within: args.within,
        owner: ctx.owner_named(&book, args.owner.as_deref())?,
    };
    timeline(&book, &rules, today, &filter, args.json)
}

/// Which renewals to list.
struct Filter {
    within: Option<i64>,
    owner: Option<String>,
}

impl Filter {
    fn keeps(&self, r: &Renewal) -> bool {
        let near = match (self.within, r.days_until) {
            (None, _) => true,
            (Some(max), Some(days)) => days <= max,
            (Some(_), None) => false,
        };
        let owned = self
            .owner
            .as_deref()
            .is_none_or(|wanted| r.owner.as_deref() == Some(wanted));
        near && owned
    }
}

fn timeline(
    book: &Book,
    rules: &HealthRules,
    today: NaiveDate,
    filter: &Filter,
    json: bool,
) -> Result<()> {
    let renewals: Vec<Renewal> = book
        .renewals(rules, today)?
        .into_iter()
        .filter(|r| filter.keeps(r))
        .collect();
    let lanes = lanes(renewals.iter());
    if json {
        let value = json!({
            "today": today,
            "renewals": renewals.iter().map(to_json).collect::<Vec<_>>(),
            "windows": lanes.iter().map(|l| json!({
                "window": l.window.as_str(), "count": l.count, "arr_cents": l.arr_cents,
            })).collect::<Vec<_>>(),
        });
        writeln!(stdout(), "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    let mut out = String::new();
    let summary: Vec<String> = lanes
        .iter()
        .map(|l| {
            format!(
                "{} {} · {}",
                l.window.label(),
                l.count,
                Money::usd(l.arr_cents).short()
            )
        })
        .collect();
    out.push_str(&summary.join("  |  "));
    out.push('\n');
    out.push_str(&format!(
        "{:<8} {:<28} {:<18} {:>8} {:>7} {:<22} {:<22} {:>5}  {}\n",
        "WINDOW", "ACCOUNT", "OWNER", "ARR", "HEALTH", "FORECAST", "MOTION", "DAYS", "WARNINGS"
    ));
    for r in &renewals {
        let health = match r.health.and_then(|h| Some((h.score?, h.band?))) {
            Some((s, b)) => format!("{s} {}", b.as_str()),
            None => "—".into(),
        };
        let forecast = match &r.forecast {
            Some(f) => format!("{} · {}", f.category.label(), f.confidence.label()),
            None => format!("({} ?)", r.suggestion.category.label()),
        };
        let motion = match &r.motion {
            Some(m) => match m.stage {
                Some(stage) => {
                    let (done, due) = m.progress();
                    format!("{done}/{due} {}", stage.short())
                }
                None => "not yet".into(),
            },
            None => "—".into(),
        };
        let warnings: Vec<&str> = r.warnings.iter().map(|w| w.reason.as_str()).collect();
        out.push_str(&format!(
            "{:<8} {:<28} {:<18} {:>8} {:>7} {:<22} {:<22} {:>5}  {}\n",
            r.window.map_or("none", Window::as_str),
            clip(&r.account, 28),
            clip(r.owner.as_deref().unwrap_or("unassigned"), 18),
            r.arr.short(),
            health,
            clip(&forecast, 22),
            clip(&motion, 22),
            r.days_until.map_or(String::new(), |d| d.to_string()),
            warnings.join("; ")
        ));
    }
    super::emit(&out)
}

fn to_json(r: &Renewal) -> Value {
    json!({
        "account_id": r.account_id,
        "account": r.account,
        "owner": r.owner,
        "contract_id": r.contract_id,
        "renewal_date": r.renewal_on,
        "days_until": r.days_until,
        "window": r.window.map(Window::as_str),
        "arr": r.arr.cents,
        "arr_cents": r.arr.cents,
        "currency": r.arr.currency.code(),
        "health": r.health.map(|h| json!({
            "score": h.score,
            "band": h.band.map(|b| b.as_str()),
            "signals": h.signals,
            "overridden": r.overridden,
        })),
        "forecast": r.forecast.as_ref().map(|f| json!({
            "category": f.category.as_str(),
            "confidence": f.confidence.as_str(),
            "arr": f.arr.cents,
        })),
        "suggested_forecast": json!({
            "category": r.suggestion.category.as_str(),
            "confidence": r.suggestion.confidence.as_str(),
            "arr": r.suggestion.arr.cents,
            "why": r.suggestion.why,
        }),
        "motion": r.motion.as_ref().map(|m| json!({
            "stage": m.stage.map(|s| s.as_str()),
            "done": m.done.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "behind": !m.behind.is_empty(),
            "behind_stages": m.behind.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "next_step": m.next_step().map(|s| s.as_str()),
        })),
        "warnings": r.warnings.iter().map(|w| json!({
            "kind": w.kind, "reason": w.reason,
        })).collect::<Vec<_>>(),
    })
}

/// Each frozen month's forecast against what happened.
fn accuracy(book: &Book, json: bool) -> Result<()> {
    let months = book.forecast_accuracy()?;
    if json {
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&json!({ "periods": months }))?
        )?;
        return Ok(());
    }
    let mut out = String::new();
    if months.is_empty() {
        out.push_str("No forecast frozen yet: a month's forecasts are frozen the first time the cockpit or `csm renewals` runs in it.\n");
    }
    for m in &months {
        let arr = m.arr_accuracy.map_or("no outcomes yet".to_string(), |a| {
            format!("ARR {:.0}% accurate", a * 100.0)
        });
        out.push_str(&format!(
            "{}  {} forecast, {} closed, {} called right · forecast {} vs actual {} · {arr}\n",
            m.period,
            m.forecast,
            m.closed,
            m.category_hits,
            Money::usd(m.forecast_arr_cents).short(),
            Money::usd(m.actual_arr_cents).short(),
        ));
    }
    super::emit(&out)
}
