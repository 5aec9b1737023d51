//! One file, start to end: read, decoded, parsed, mapped, every row checked, then
//! written by the book in one transaction (or, in a dry run, only counted). What was
//! read and how is described for the person who ran it.

use std::path::Path;
use std::time::Instant;

use sha2::{Digest, Sha256};

use super::fields::Kind;
use super::fields::USAGE_EVENTS;
use super::mapping::{CustomMap, Mapping, map, map_fields};
use super::rows::{self, Reading};
use super::table::{self, TableReader};
use super::values::DateOrder;
use super::{Problem, decode, events, records, report};
use crate::book::import::{Counts, Rows, Source};
use crate::book::{Book, BookError, Stamp};
use crate::domain::money::Currency;

/// How to read a file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub custom: CustomMap,
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
    pub dates: Option<DateOrder>,
    /// Amounts without a currency of their own; USD when None.
    pub currency: Option<Currency>,
    pub dry_run: bool,
}

/// An import done (or, dry, counted).
#[derive(Debug, Clone)]
pub struct Imported {
    /// What was read and how, for the person.
    pub description: String,
    pub counts: Counts,
    pub rows: usize,
    pub seconds: f64,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum Refused {
    /// The file cannot be read as this kind at all: one line (or a few).
    Unreadable(String),
    /// Rows with problems, each at its line and column.
    Problems(String),
    Book(BookError),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Unreadable(why) | Refused::Problems(why) => f.write_str(why),
            Refused::Book(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Refused {}

impl From<BookError> for Refused {
    fn from(e: BookError) -> Self {
        Refused::Book(e)
    }
}

fn problems(name: &str, mut found: Vec<Problem>) -> Refused {
    found.sort_by_key(|p| (p.line, p.column));
    Refused::Problems(format!(
        "{}\n{} problem{} in {name}; nothing was written",
        report(name, &found),
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    ))
}

/// Imports `path` as `kind` into `book`.
pub fn import_file(
    book: &mut Book,
    stamp: &Stamp,
    kind: Kind,
    path: &Path,
    options: &Options,
) -> Result<Imported, Refused> {
    let name = path.display().to_string();
    let started = Instant::now();
    let unreadable = |e: String| Refused::Unreadable(format!("{name}: {e}"));
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let decoded = decode::decode(&bytes, options.encoding.as_deref()).map_err(unreadable)?;
    drop(bytes);
    let table = TableReader::open(&decoded.text, options.delimiter).map_err(unreadable)?;
    // Usage comes weekly, or as raw events to roll up.
    let weekly = map(kind, &table.headers, &options.custom);
    let events = match (&weekly, kind) {
        (Err(_), Kind::Usage) => {
            map_fields(kind, USAGE_EVENTS, &table.headers, &options.custom).ok()
        }
        _ => None,
    };
    let is_events = events.is_some();
    let mapping = match (weekly, events) {
        (_, Some(events)) => events,
        (Ok(m), None) => m,
        (Err(errs), None) => {
            return Err(Refused::Unreadable(format!(
                "{name} is not a {} file csm can read:\n  {}",
                kind.as_str(),
                errs.join("\n  ")
            )));
        }
    };
    // A file that reads better as another kind was most likely given the wrong one.
    let used = mapping.used.len();
    if used * 2 <= table.headers.len() {
        let better = <Kind as clap::ValueEnum>::value_variants()
            .iter()
            .filter(|k| **k != kind)
            .filter_map(|k| {
                let m = map(*k, &table.headers, &CustomMap::default()).ok()?;
                (m.used.len() > used).then_some((m.used.len(), *k))
            })
            .max_by_key(|(n, _)| *n);
        if let Some((n, other)) = better {
            return Err(Refused::Unreadable(format!(
                "{name} looks like a {} file, not {} ({n} of its {} columns are {} fields, {used} are {}): try csm import {} {name}",
                other.as_str(),
                kind.as_str(),
                table.headers.len(),
                other.as_str(),
                kind.as_str(),
                other.as_str()
            )));
        }
    }
    let how = Reading {
        map: &mapping,
        dates: options.dates,
        currency: options.currency.unwrap_or_default(),
    };
    let (headers, delimiter) = (table.headers.clone(), table.delimiter);
    let (accounts, contracts, usage, others);
    let (rows, summary) = match kind {
        Kind::Accounts => {
            let (r, s) = rows::accounts(table, how).map_err(unreadable)?;
            accounts = r;
            (Rows::Accounts(&accounts), s)
        }
        Kind::Contracts => {
            let (r, s) = rows::contracts(table, how).map_err(unreadable)?;
            contracts = r;
            (Rows::Contracts(&contracts), s)
        }
        Kind::Usage if is_events => {
            let (r, s) = events::weeks(table, how, &book.key_features()?).map_err(unreadable)?;
            usage = r;
            (Rows::Usage(&usage), s)
        }
        Kind::Usage => {
            let (r, s) = rows::usage(table, how).map_err(unreadable)?;
            usage = r;
            (Rows::Usage(&usage), s)
        }
        other => {
            let (spec, r, s) = records::read(other, table, how)
                .expect("every other kind is a record kind")
                .map_err(unreadable)?;
            others = r;
            (Rows::Records(spec, &others), s)
        }
    };
    let mut description = describe(
        if is_events {
            "usage events"
        } else {
            kind.as_str()
        },
        &name,
        decoded.encoding,
        &headers,
        delimiter,
        &summary,
        &mapping,
    );
    if !summary.problems.is_empty() {
        return Err(problems(&name, summary.problems));
    }
    let source = Source {
        kind: kind.as_str().into(),
        file: name.clone(),
        sha256,
    };
    let counts = book
        .import(stamp, rows, &source, !options.dry_run)?
        .map_err(|found| problems(&name, found))?;
    if !counts.team_added.is_empty() {
        description.push_str(&format!(
            "{} the team as CSMs: {}\n",
            if options.dry_run {
                "would add to"
            } else {
                "added to"
            },
            counts.team_added.join(", ")
        ));
    }
    Ok(Imported {
        description,
        rows: summary.rows,
        counts,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// What was read and how: encoding, delimiter, rows, what was left out, and each
/// field's column.
fn describe(
    kind: &str,
    name: &str,
    encoding: &str,
    headers: &[String],
    delimiter: u8,
    read: &table::Summary,
    m: &Mapping,
) -> String {
    let delimiter = match delimiter {
        b'\t' => "tab".to_string(),
        d => format!("`{}`", d as char),
    };
    let mut out = format!(
        "{kind} from {name}: {} rows ({encoding}, {delimiter}-separated",
        read.rows
    );
    if read.duplicates > 0 {
        out.push_str(&format!(
            "; {} repeated row{} left out",
            read.duplicates,
            if read.duplicates == 1 { "" } else { "s" }
        ));
    }
    if read.footer > 0 {
        out.push_str(&format!("; a {}-line report footer left out", read.footer));
    }
    out.push_str(")\ncolumns:\n");
    for (f, c) in &m.used {
        out.push_str(&format!("  {:<16} <- {}\n", f.name, headers[*c]));
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
    if kind == "accounts" && m.column("external_id").is_none() {
        out.push_str("no id column: each account is known by its name\n");
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
