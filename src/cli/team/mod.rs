//! `csm team`: one row per CSM and a team total, for the manager's review: the book,
//! its health by ARR, the ARR at risk, renewals by window, the quarter's forecast gross
//! retention with its workings, and who is falling behind.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;

mod forecast;
mod table;
mod trends;

use super::context::Context;
use crate::book::forecast_kept::KeptReview;
use crate::book::team::grr_workings;

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// The forecast review: this quarter's and next quarter's renewals per CSM, by
    /// forecast category, the ones with no forecast, and the expected GRR and NRR with
    /// their workings
    #[arg(long)]
    forecast: bool,
    /// The figures behind the pictures: GRR and NRR per quarter against the targets, ARR
    /// by health band and at risk per week, forecast against actual per month, and each
    /// CSM's touches, tasks closed and accounts gone quiet per week
    #[arg(long)]
    trends: bool,
    /// Only this CSM's book (their exact name), for the trends
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

pub(super) fn share(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// The team's rows, with health current.
pub fn run(ctx: &Context, args: &TeamArgs) -> Result<()> {
    let (mut book, today, rules) = ctx.current_book()?;
    if args.trends {
        let t = book.trends(
            &ctx.config.today,
            ctx.config.team,
            args.owner.as_deref(),
            today,
        )?;
        let text = if args.json {
            trends::json(&t)?
        } else {
            trends::text(&t)
        };
        return super::emit(&text);
    }
    if args.forecast {
        let calls = book.calls_review(today)?;
        let review = book.forecast_review(&rules, today)?;
        // Kept for next week's review to say what moved, if the book is free.
        let _ = book.keep_review(KeptReview::of(today, &review));
        return forecast::review(&review, &calls, today, args.json);
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
    super::emit(&table::text(&rows))
}
