//! `csm import`: a file checked row by row, then written in one transaction (or, with
//! `--dry-run`, only reported): which column went to which field, what was ignored and
//! why, what the file lacks, and how many rows are new, changed or unchanged. After a
//! real import, health is recomputed and the playbooks run. `--template` and `--fields`
//! say what a file should hold.

use std::io::{Write, stdout};
use std::path::{Path, PathBuf};

use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};
use sha2::{Digest, Sha256};

use super::{Cli, Paths, health, open_book, stamp, today_for};
use crate::book::import::{Rows, Source};
use crate::config::Config;
use crate::domain::money::Currency;
use crate::import::fields::{Kind, fields, template};
use crate::import::mapping::{CustomMap, Mapping, map};
use crate::import::values::DateOrder;
use crate::import::{decode, report, rows, table};

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
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| eyre!("{name}: {e}"))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let decoded =
        decode::decode(&bytes, args.encoding.as_deref()).map_err(|e| eyre!("{name}: {e}"))?;
    let given = args.delimiter.as_deref().map(delimiter).transpose()?;
    let (table, mut problems) =
        table::parse(&decoded.text, given).map_err(|e| eyre!("{name}: {e}"))?;
    let custom = match &args.map {
        Some(path) => CustomMap::load(path).map_err(|e| eyre!(e))?,
        None => CustomMap::default(),
    };
    let mapping = map(kind, &table.headers, &custom).map_err(|errs| {
        eyre!(
            "{name} is not a {} file csm can read:\n  {}",
            kind.as_str(),
            errs.join("\n  ")
        )
    })?;
    let currency = Currency::parse(&args.currency.to_uppercase())
        .ok_or_else(|| eyre!("--currency `{}`: expected a code like USD", args.currency))?;
    let how = rows::Reading {
        map: &mapping,
        dates: args.dates.map(|d| match d {
            Dates::Mdy => DateOrder::MonthFirst,
            Dates::Dmy => DateOrder::DayFirst,
        }),
        currency,
    };
    let (accounts, contracts, usage);
    let rows = match kind {
        Kind::Accounts => {
            accounts = rows::accounts(&table, how, &mut problems);
            Rows::Accounts(&accounts)
        }
        Kind::Contracts => {
            contracts = rows::contracts(&table, how, &mut problems);
            Rows::Contracts(&contracts)
        }
        Kind::Usage => {
            usage = rows::usage(&table, how, &mut problems);
            Rows::Usage(&usage)
        }
    };
    let mut out = describe(kind, &name, decoded.encoding, &table, &mapping);
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        bail!(
            "{}\n{} problem{} in {name}; nothing was written",
            report(&name, &problems),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
    }
    let mut book = open_book(cli, paths)?;
    let source = Source {
        kind: kind.as_str().into(),
        file: name.clone(),
        sha256,
    };
    let stamp = stamp(config);
    let counts = match book.import(&stamp, rows, &source, !args.dry_run)? {
        Ok(counts) => counts,
        Err(mut problems) => {
            problems.sort_by_key(|p| (p.line, p.column));
            bail!(
                "{}\n{} problem{} in {name}; nothing was written",
                report(&name, &problems),
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
        }
    };
    if !counts.team_added.is_empty() {
        out.push_str(&format!(
            "{} the team as CSMs: {}\n",
            if args.dry_run {
                "would add to"
            } else {
                "added to"
            },
            counts.team_added.join(", ")
        ));
    }
    if args.dry_run {
        out.push_str(&format!(
            "dry run: {} new, {} updated, {} unchanged; nothing was written\n",
            counts.inserted, counts.updated, counts.unchanged
        ));
        return super::emit(&out);
    }
    out.push_str(&format!(
        "imported: {} new, {} updated, {} unchanged\n",
        counts.inserted, counts.updated, counts.unchanged
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

/// What was read and how: encoding, delimiter, rows, what was left out, and each
/// field's column.
fn describe(kind: Kind, name: &str, encoding: &str, t: &table::Table, m: &Mapping) -> String {
    let delimiter = match t.delimiter {
        b'\t' => "tab".to_string(),
        d => format!("`{}`", d as char),
    };
    let mut out = format!(
        "{} from {name}: {} rows ({encoding}, {delimiter}-separated",
        kind.as_str(),
        t.rows.len()
    );
    if t.duplicates > 0 {
        out.push_str(&format!(
            "; {} repeated row{} left out",
            t.duplicates,
            if t.duplicates == 1 { "" } else { "s" }
        ));
    }
    if t.footer > 0 {
        out.push_str(&format!("; a {}-line report footer left out", t.footer));
    }
    out.push_str(")\ncolumns:\n");
    for (f, c) in &m.used {
        out.push_str(&format!("  {:<16} <- {}\n", f.name, t.headers[*c]));
    }
    if !m.ignored.is_empty() {
        out.push_str("ignored:\n");
        for (h, why) in &m.ignored {
            out.push_str(&format!(
                "  {h}{}\n",
                why.map(|w| format!(": {w}")).unwrap_or_default()
            ));
        }
    }
    if !m.missing.is_empty() {
        let names: Vec<&str> = m.missing.iter().map(|f| f.name).collect();
        out.push_str(&format!(
            "not in the file (kept as the book has them): {}\n",
            names.join(", ")
        ));
    }
    out
}
