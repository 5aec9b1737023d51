//! `csm import`: a file checked row by row, then written in one transaction (or, with
//! `--dry-run`, only reported): which column went to which field, what was ignored and
//! why, what the file lacks, and how many rows are new, changed or unchanged. After a
//! real import, health is recomputed and the playbooks run. `--template` and `--fields`
//! say what a file should hold.

use std::io::{Write, stdout};
use std::path::PathBuf;

use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};

use super::context::Context;
use super::progress::Progress;
use super::rescore;
use crate::book::import::ImportRules;
use crate::domain::money::Currency;
use crate::import::fields::{Kind, fields, template};
use crate::import::file::{Options, import_file};
use crate::import::folder::{import_folder, kind_of};
use crate::import::mapping::CustomMap;
use crate::import::suggest::suggest_map;
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
    /// What the file holds (accounts, contracts, contacts, usage, tickets, surveys,
    /// interactions, goals, churn), then the file; or just a file, or a folder of exports,
    /// whose kinds csm recognises
    #[arg(value_name = "KIND|FILE|FOLDER", required_unless_present_any = ["template", "fields"])]
    what: Option<String>,
    /// The CSV export to read, after its kind
    file: Option<PathBuf>,
    /// Print a documented header and one example row for this kind, and stop
    #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["what", "file", "fields"])]
    template: Option<Kind>,
    /// List every field of this kind: its type, whether required, what it means
    #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["what", "file"])]
    fields: Option<Kind>,
    /// Write a map file for this kind from the file's headers (every guess spelled out,
    /// every column csm does not read listed), ready to edit and pass back with --map
    #[arg(long, value_enum, value_name = "KIND")]
    suggest_map: Option<Kind>,
    /// Where --suggest-map writes the map [default: standard output]
    #[arg(long, value_name = "FILE.toml", requires = "suggest_map")]
    out: Option<PathBuf>,
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

/// What the person asked to import.
enum Asked {
    One(Kind, PathBuf),
    /// A file whose kind csm is to recognise.
    Unnamed(PathBuf),
    Folder(PathBuf),
}

impl ImportArgs {
    fn asked(&self) -> Result<Asked> {
        let Some(what) = &self.what else {
            bail!("say what to import: csm import KIND FILE, csm import FILE or csm import FOLDER");
        };
        if let Ok(kind) = <Kind as clap::ValueEnum>::from_str(what, true) {
            let Some(file) = &self.file else {
                bail!("say which file holds the {what}: csm import {what} FILE");
            };
            return Ok(Asked::One(kind, file.clone()));
        }
        let path = PathBuf::from(what);
        if self.file.is_some() {
            bail!(
                "`{what}` is not a kind of file csm imports: accounts, contracts, contacts, usage, tickets, surveys, interactions, goals or churn"
            );
        }
        if path.is_dir() {
            Ok(Asked::Folder(path))
        } else if path.is_file() {
            Ok(Asked::Unnamed(path))
        } else {
            bail!("`{what}` is neither a kind of file csm imports nor a file or folder that exists")
        }
    }
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

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<()> {
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
    if let Some(kind) = args.suggest_map {
        return write_map(kind, args, &options);
    }
    let asked = args.asked()?;
    let mut book = ctx.open_book()?;
    let options = Options {
        rules: ImportRules {
            today: ctx.today_for(&book)?,
            tiers: ctx.config.segments,
        },
        ..options
    };
    let stamp = ctx.stamp();
    let progress = Progress::start("reading, checking and writing the rows");
    let (mut out, imports) = match asked {
        Asked::One(kind, file) => {
            let done =
                import_file(&mut book, &stamp, kind, &file, &options).map_err(|e| eyre!("{e}"))?;
            (String::new(), vec![done])
        }
        Asked::Unnamed(file) => {
            let (kind, why) = kind_of(&file, &options);
            let Some(kind) = kind else {
                bail!(
                    "{}: {why}; name its kind: csm import KIND {}",
                    file.display(),
                    file.display()
                );
            };
            let done =
                import_file(&mut book, &stamp, kind, &file, &options).map_err(|e| eyre!("{e}"))?;
            let said = format!("{} read as {}: {why}\n", file.display(), kind.as_str());
            (said, vec![done])
        }
        Asked::Folder(dir) => {
            let (found, done) =
                import_folder(&mut book, &stamp, &dir, &options).map_err(|e| eyre!("{e}"))?;
            let mut out = format!("{}: {} files\n", dir.display(), found.len());
            for r in &found {
                match r.kind {
                    Some(kind) => out.push_str(&format!(
                        "  {} -> {}: {}\n",
                        r.path.display(),
                        kind.as_str(),
                        r.why
                    )),
                    None => out.push_str(&format!("  {} left out: {}\n", r.path.display(), r.why)),
                }
            }
            out.push('\n');
            (out, done)
        }
    };
    let (mut rows, mut seconds) = (0, 0.0_f64);
    for done in &imports {
        out.push_str(&done.description);
        let c = &done.counts;
        out.push_str(&format!(
            "{}: {} new, {} updated, {} unchanged\n",
            if args.dry_run { "dry run" } else { "imported" },
            c.inserted,
            c.updated,
            c.unchanged
        ));
        rows += done.rows;
        seconds = seconds.max(done.seconds);
    }
    if args.dry_run {
        drop(progress);
        out.push_str("nothing was written (a dry run)\n");
        return super::emit(&out);
    }
    out.push_str(&format!(
        "{rows} rows in {seconds:.2}s ({:.0} rows/s)\n",
        rows as f64 / seconds.max(1e-9)
    ));
    progress.aside(|| write!(stdout(), "{out}"))?;
    // What the import changed feeds health and the playbooks.
    let today = ctx.today_for(&book)?;
    let rules = ctx.config.health.rules();
    progress.aside(|| rescore::after_import(&mut book, &rules, today))?;
    progress.say("running the playbooks");
    let catalog = ctx.catalog();
    // Tasks the import settled close first, so the playbooks see what is really open.
    let sweep = book.settle_tasks(&stamp, &catalog.playbooks, today)?;
    let run = book.run_playbooks(
        &stamp,
        &catalog.playbooks,
        &rules,
        today,
        crate::tui::PLAYBOOK_LOOKBACK_DAYS,
    )?;
    drop(progress);
    if run.tasks > 0 {
        writeln!(stdout(), "playbooks added {} tasks", run.tasks)?;
    }
    if !sweep.closed.is_empty() {
        writeln!(
            stdout(),
            "{} tasks closed themselves (csm tasks --closed says why)",
            sweep.closed.len()
        )?;
    }
    Ok(())
}

/// `--suggest-map KIND FILE`: the map to standard output, or to `--out` (never over a
/// file that exists).
fn write_map(kind: Kind, args: &ImportArgs, options: &Options) -> Result<()> {
    let file = match (&args.file, &args.what) {
        (Some(f), _) => f.clone(),
        (None, Some(w)) => PathBuf::from(w),
        (None, None) => bail!(
            "say which export to write a map for: csm import --suggest-map {} FILE",
            kind.as_str()
        ),
    };
    let map = suggest_map(kind, &file, options).map_err(|e| eyre!(e))?;
    let Some(out) = &args.out else {
        return super::emit(&map);
    };
    if out.exists() {
        bail!("{} exists; csm will not write over it", out.display());
    }
    std::fs::write(out, map)?;
    eprintln!(
        "wrote a map for {} to {}: edit it, then csm import {} {} --map {}",
        file.display(),
        out.display(),
        kind.as_str(),
        file.display(),
        out.display()
    );
    Ok(())
}
