//! `csm qbr ACCOUNT`: the QBR brief for a quarter, as Markdown or one HTML file, to
//! standard output or a new file.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};

use crate::book::Book;
use crate::config::Config;
use crate::domain::health::HealthRules;
use crate::report::qbr::{Brief, html, markdown, parse_period};

/// How the brief is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BriefFormat {
    Md,
    Html,
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    book: &Book,
    config: &Config,
    rules: &HealthRules,
    today: NaiveDate,
    account: &str,
    period: &str,
    format: BriefFormat,
    out: Option<&Path>,
) -> Result<()> {
    let Some((id, _)) = book.find_account(account)? else {
        bail!("no account is called `{account}`: give its id, external id or name");
    };
    let period = parse_period(period, today).map_err(|e| eyre!(e))?;
    let started = std::time::Instant::now();
    let brief = Brief::gather(book, rules, &config.stakeholders, id, period, today)?
        .ok_or_else(|| eyre!("no account {id}"))?;
    let text = match format {
        BriefFormat::Md => markdown(&brief),
        BriefFormat::Html => html(&brief),
    };
    match out {
        Some(path) => {
            let mut file = std::fs::File::create_new(path).map_err(|e| {
                eyre!(
                    "{}: {e} (csm never overwrites a file: name a new one)",
                    path.display()
                )
            })?;
            file.write_all(text.as_bytes())?;
            eprintln!(
                "wrote the {} brief of {} to {} in {:.0} ms",
                period.name(),
                brief.facts.account.name,
                path.display(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            Ok(())
        }
        None => super::emit(&text),
    }
}
