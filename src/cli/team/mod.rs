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
use crate::report::team::TeamReport;

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
    /// html: the weekly team report as one self-contained file that prints well (the
    /// table, the forecast review with the week's moves, the calls, the pictures)
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<TeamFormat>,
    /// Write the report to this new file instead of standard output
    #[arg(long, value_name = "FILE", requires = "format")]
    out: Option<std::path::PathBuf>,
}

/// How the weekly team report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamFormat {
    Html,
}

/// The weekly team report, to a new file or standard output.
fn report(
    ctx: &Context,
    book: &mut crate::book::Book,
    rules: &crate::domain::health::HealthRules,
    today: chrono::NaiveDate,
    out: Option<&std::path::Path>,
) -> Result<()> {
    let started = std::time::Instant::now();
    let report = TeamReport::gather(book, rules, &ctx.config.today, ctx.config.team, today)?;
    let _ = book.keep_review(KeptReview::of(today, &report.review));
    let html = report.html();
    match out {
        Some(path) => {
            crate::cli::output::write_new(path, &html)?;
            eprintln!(
                "wrote the team report as of {today} to {} in {:.0} ms",
                path.display(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            Ok(())
        }
        None => super::emit(&html),
    }
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
    if let Some(TeamFormat::Html) = args.format {
        return report(ctx, &mut book, &rules, today, args.out.as_deref());
    }
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
    let mut text = table::text(&rows);
    // The team's book, as fresh as this book's last sync with it.
    if let Some(link) = book.team_link()? {
        let pending = crate::book::team_sync::outbox::pending(&book)?;
        text += &format!(
            "\nthe team's book as of the last sync with {}: {}{}\n",
            link.address,
            link.synced_at
                .as_deref()
                .unwrap_or("never synced yet (csm sync)"),
            if pending > 0 {
                format!(", {pending} changes here not yet pushed")
            } else {
                String::new()
            }
        );
    }
    super::emit(&text)
}
