//! `csm qbr ACCOUNT`: the QBR brief for a quarter, internal or for the customer, as
//! Markdown or one HTML file, to standard output or a new file.

use std::path::PathBuf;

use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};

use super::context::Context;
use crate::report::qbr::{Audience, Brief, html, markdown, parse_period};

/// How the brief is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BriefFormat {
    Md,
    Html,
}

/// Who the brief is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BriefAudience {
    Internal,
    Customer,
}

#[derive(Debug, Args)]
pub struct QbrArgs {
    /// The account: its id, external id or name
    account: String,
    /// last-quarter, this-quarter or YYYY-Qn
    #[arg(long, default_value = "last-quarter")]
    period: String,
    /// md (Markdown) or html (one self-contained file that prints well)
    #[arg(long, value_enum, default_value = "md")]
    format: BriefFormat,
    /// internal (everything, for the team) or customer (to share: no internal asks,
    /// forecasts or health internals; risks said as plans)
    #[arg(long, value_enum, default_value = "internal")]
    audience: BriefAudience,
    /// Write to this new file instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Gathers the brief (health current first) and writes it.
pub fn run(ctx: &Context, args: &QbrArgs) -> Result<()> {
    let (book, today, rules) = ctx.current_book()?;
    let account = &args.account;
    let Some((id, _)) = book.find_account(account)? else {
        bail!("no account is called `{account}`: give its id, external id or name");
    };
    let period = parse_period(&args.period, today).map_err(|e| eyre!(e))?;
    let started = std::time::Instant::now();
    let mut growth = ctx.catalog().today_scope(None, None).growth;
    ctx.config.growth_rules(&mut growth);
    let brief = Brief::gather(
        &book,
        &rules,
        &ctx.config.stakeholders,
        &growth,
        id,
        period,
        today,
    )?
    .ok_or_else(|| eyre!("no account {id}"))?;
    let audience = match args.audience {
        BriefAudience::Internal => Audience::Internal,
        BriefAudience::Customer => Audience::Customer,
    };
    let text = match args.format {
        BriefFormat::Md => markdown(&brief, audience),
        BriefFormat::Html => html(&brief, audience),
    };
    match args.out.as_deref() {
        Some(path) => {
            super::output::write_new(path, &text)?;
            eprintln!(
                "wrote the {} {} brief of {} to {} in {:.0} ms",
                period.name(),
                audience.as_str(),
                brief.facts.account.name,
                path.display(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            Ok(())
        }
        None => super::emit(&text),
    }
}
