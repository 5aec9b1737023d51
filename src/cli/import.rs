//! `csm import`: a file checked row by row, then written in one transaction (or, with
//! `--dry-run`, only reported): which column went to which field, what was ignored and
//! why, what the file lacks, and how many rows are new, changed or unchanged. After a
//! real import, health is recomputed and the playbooks run. `--template` and `--fields`
//! say what a file should hold.

use std::io::{Write, stdout};
use std::path::{Path, PathBuf};

use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};

use super::{Cli, Paths, health, open_book, stamp, today_for};
use crate::book::import::ImportRules;
use crate::config::Config;
use crate::domain::money::Currency;
use crate::import::fields::{Kind, fields, template};
use crate::import::file::{Options, import_file};
use crate::import::mapping::CustomMap;
use crate::import::values::DateOrder;

/// How slashed dates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dates {
    /// MM/DD/YYYY
    Mdy,
    /// DD/MM/YYYY
    Dmy,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(value_enum, required_unless_present_any = ["template", "fields"])]
    kind: Option<Kind>,
    /// The CSV export to read
    #[arg(required_unless_present_any = ["template", "fields"])]
    file: Option<PathBuf>,
    /// Print a documented header and one example row for this kind, and stop
    #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["kind", "file", "fields"])]
    template: Option<Kind>,
    /// List every field of this kind: its type, whether required, what it means
    #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["kind", "file"])]
    fields: Option<Kind>,
    /// Check and report, write nothing
    #[arg(long)]
    dry_run: bool,
    /// A TOML file: [columns] our field = their header; [values.<field>] theirs = ours
    #[arg(long, value_name = "FILE.toml")]
    map: Option<PathBuf>,
    /// The file's encoding [default: from its byte-order mark, else UTF-8, else Windows-1252]
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// The delimiter: , ; | or tab [default: sniffed]
    #[arg(long, value_name = "C")]
    delimiter: Option<String>,
    /// How slashed dates are ordered [default: only when the day is over 12]
    #[arg(long, value_enum)]
    dates: Option<Dates>,
    /// The currency of amounts that carry none
    #[arg(long, value_name = "CODE", default_value = "USD")]
    currency: String,
}

fn delimiter(text: &str) -> Result<u8> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" | "," => Ok(b','),
        "semicolon" | ";" => Ok(b';'),
        "pipe" | "|" => Ok(b'|'),
        other => bail!("--delimiter `{other}`: expected , ; | or tab"),
    }
}

pub fn run(
    cli: &Cli,
    paths: &Paths,
    config: &Config,
    config_path: &Path,
    args: &ImportArgs,
) -> Result<()> {
    if let Some(kind) = args.template {
        return super::emit(&template(kind));
    }
    if let Some(kind) = args.fields {
        let mut out = String::new();
        for f in fields(kind) {
            out.push_str(&format!(
                "{:<16} {:<13} {:<9} {}\n",
                f.name,
                f.kind.label(),
                if f.required { "required" } else { "" },
                f.meaning
            ));
        }
        return super::emit(&out);
    }
    let (Some(kind), Some(file)) = (args.kind, &args.file) else {
        bail!("say what to import: csm import KIND FILE");
    };
    let options = Options {
        custom: match &args.map {
            Some(path) => CustomMap::load(path).map_err(|e| eyre!(e))?,
            None => CustomMap::default(),
        },
        encoding: args.encoding.clone(),
        delimiter: args.delimiter.as_deref().map(delimiter).transpose()?,
        dates: args.dates.map(|d| match d {
            Dates::Mdy => DateOrder::MonthFirst,
            Dates::Dmy => DateOrder::DayFirst,
        }),
        currency: Some(
            Currency::parse(&args.currency.to_uppercase())
                .ok_or_else(|| eyre!("--currency `{}`: expected a code like USD", args.currency))?,
        ),
        dry_run: args.dry_run,
        rules: ImportRules::default(),
    };
    let mut book = open_book(cli, paths)?;
    let options = Options {
        rules: ImportRules {
            today: today_for(cli, &book)?,
            tiers: config.segments,
        },
        ..options
    };
    let stamp = stamp(config);
    let done = import_file(&mut book, &stamp, kind, file, &options).map_err(|e| eyre!("{e}"))?;
    let mut out = done.description;
    let c = &done.counts;
    if args.dry_run {
        out.push_str(&format!(
            "dry run: {} new, {} updated, {} unchanged; nothing was written\n",
            c.inserted, c.updated, c.unchanged
        ));
        return super::emit(&out);
    }
    out.push_str(&format!(
        "imported: {} new, {} updated, {} unchanged, in {:.2}s ({:.0} rows/s)\n",
        c.inserted,
        c.updated,
        c.unchanged,
        done.seconds,
        done.rows as f64 / done.seconds.max(1e-9)
    ));
    write!(stdout(), "{out}")?;
    // What the import changed feeds health and the playbooks.
    let today = today_for(cli, &book)?;
    let rules = config.health.rules();
    health::ensure_current(&mut book, &rules, today)?;
    let catalog = crate::playbooks::Catalog::load(&crate::playbooks::user_dir(config_path));
    let run = book.run_playbooks(
        &stamp,
        &catalog.playbooks,
        &rules,
        today,
        crate::tui::PLAYBOOK_LOOKBACK_DAYS,
    )?;
    if run.tasks > 0 {
        writeln!(stdout(), "playbooks added {} tasks", run.tasks)?;
    }
    Ok(())
}
