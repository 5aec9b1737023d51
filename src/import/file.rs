//! One file, start to end: read, decoded, parsed, mapped, every row checked, then
//! written by the book in one transaction (or, in a dry run, only counted). What was
//! read and how is described for the person who ran it.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use sha2::{Digest, Sha256};

use super::fields::Kind;
use super::fields::USAGE_EVENTS;
use super::mapping::{CustomMap, Mapping, map, map_fields};
use super::rows::{self, Reading};
use super::table::{self, TableReader};
use super::values::DateOrder;
use super::{Problem, decode, events, records};
use crate::book::import::{
    AccountIn, ChurnIn, ContractIn, Counts, ImportRules, RecordIn, RecordTable, Rows, Source,
    UsageIn,
};
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
    /// The day and the `[segments]` bands the rows are read and written by.
    pub rules: ImportRules,
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

/// The refusal of a file with problems: how it was read (the mapping), then its problems
/// grouped, then that nothing was written.
fn problems(description: &str, name: &str, headers: &[String], mut found: Vec<Problem>) -> Refused {
    found.sort_by_key(|p| (p.line, p.column));
    Refused::Problems(format!(
        "{description}problems:\n{}\n{} problem{} in {name}; nothing was written",
        super::report::grouped(name, headers, &found),
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    ))
}

/// What reading a file needs to know of the book: the key features usage events count,
/// and each subscription's account (events keyed by a subscription resolve through it).
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub key_features: HashSet<String>,
    /// The accounts' external ids.
    pub accounts: HashSet<String>,
    /// Contract (subscription) external id -> account external id.
    pub subscriptions: HashMap<String, String>,
}

impl Known {
    /// What reading a file of `kind` needs: only usage reads anything of the book.
    pub fn for_kind(book: &Book, kind: Kind) -> Result<Known, BookError> {
        match kind {
            Kind::Usage => Known::of(book),
            _ => Ok(Known::default()),
        }
    }

    pub fn of(book: &Book) -> Result<Known, BookError> {
        Ok(Known {
            key_features: book.key_features()?,
            accounts: book.account_external_ids()?,
            subscriptions: book.subscription_accounts()?,
        })
    }
}

/// A file read, mapped and checked, ready for the book to write.
pub struct Prepared {
    pub kind: Kind,
    pub name: String,
    /// What was read and how, for the person.
    pub description: String,
    pub headers: Vec<String>,
    pub rows: Parsed,
    pub source: Source,
    /// Data rows read.
    pub read: usize,
    started: Instant,
}

/// The rows of a file, owned.
pub enum Parsed {
    Accounts(Vec<AccountIn>),
    Contracts(Vec<ContractIn>),
    Usage(Vec<UsageIn>),
    Records(RecordTable, Vec<RecordIn>),
    Churn(Vec<ChurnIn>),
}

impl Parsed {
    pub fn rows(&self) -> Rows<'_> {
        match self {
            Parsed::Accounts(r) => Rows::Accounts(r),
            Parsed::Contracts(r) => Rows::Contracts(r),
            Parsed::Usage(r) => Rows::Usage(r),
            Parsed::Records(t, r) => Rows::Records(*t, r),
            Parsed::Churn(r) => Rows::Churn(r),
        }
    }
}

/// Imports `path` as `kind` into `book`.
pub fn import_file(
    book: &mut Book,
    stamp: &Stamp,
    kind: Kind,
    path: &Path,
    options: &Options,
) -> Result<Imported, Refused> {
    let prepared = prepare(kind, path, options, &Known::for_kind(book, kind)?)?;
    let counts = book
        .import(
            stamp,
            prepared.rows.rows(),
            &prepared.source,
            &options.rules,
            !options.dry_run,
        )?
        .map_err(|found| {
            problems(
                &prepared.description,
                &prepared.name,
                &prepared.headers,
                found,
            )
        })?;
    Ok(prepared.done(counts, options.dry_run))
}

impl Prepared {
    /// What the import did, told after how the file was read.
    pub fn done(self, counts: Counts, dry_run: bool) -> Imported {
        let mut description = self.description;
        for (note, n) in &counts.notes {
            description.push_str(&format!(
                "{n} row{}: {note}\n",
                if *n == 1 { "" } else { "s" }
            ));
        }
        for line in counts.segmented_lines() {
            description.push_str(&format!(
                "{}{line}\n",
                if dry_run { "would have " } else { "" }
            ));
        }
        if !counts.team_added.is_empty() {
            description.push_str(&format!(
                "{} the team as CSMs: {}\n",
                if dry_run { "would add to" } else { "added to" },
                counts.team_added.join(", ")
            ));
        }
        Imported {
            description,
            rows: self.read,
            counts,
            seconds: self.started.elapsed().as_secs_f64(),
        }
    }

    /// The refusal of this file with the book's own problems.
    pub fn refused(&self, found: Vec<Problem>) -> Refused {
        problems(&self.description, &self.name, &self.headers, found)
    }
}

/// Reads `path` as `kind`: decoded, mapped, every row checked; nothing written.
pub fn prepare(
    kind: Kind,
    path: &Path,
    options: &Options,
    known: &Known,
) -> Result<Prepared, Refused> {
    let name = path.display().to_string();
    let started = Instant::now();
    let unreadable = |e: String| Refused::Unreadable(format!("{name}: {e}"));
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let decoded = decode::decode(&bytes, options.encoding.as_deref()).map_err(unreadable)?;
    drop(bytes);
    let table = TableReader::open(&decoded.text, options.delimiter).map_err(unreadable)?;
    let mut recognised = None;
    let (mapping, is_events) = match mapping_for(kind, &table.headers, &options.custom) {
        Ok(found) => found,
        Err(errs) => {
            let by_content = (kind == Kind::Usage && options.custom == CustomMap::default())
                .then(|| super::sniff::events_by_content(&decoded.text, options.delimiter, known))
                .flatten();
            match by_content {
                Some((mapping, said)) => {
                    recognised = Some(said);
                    (mapping, true)
                }
                None => {
                    return Err(Refused::Unreadable(format!(
                        "{name} is not a {} file csm can read:\n  {}",
                        kind.as_str(),
                        errs.join("\n  ")
                    )));
                }
            }
        }
    };
    // A file that reads better as another kind was most likely given the wrong one.
    let used = mapping.used.len();
    if used * 2 <= table.headers.len()
        && let Some((n, other)) = better_kind(kind, &table.headers, used)
    {
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
    let how = Reading {
        map: &mapping,
        dates: options.dates,
        currency: options.currency.unwrap_or_default(),
        today: options.rules.today,
    };
    let (headers, delimiter) = (table.headers.clone(), table.delimiter);
    let (rows, summary) = match kind {
        Kind::Accounts => {
            let (r, s) = rows::accounts(table, how).map_err(unreadable)?;
            (Parsed::Accounts(r), s)
        }
        Kind::Contracts => {
            let (r, s) = rows::contracts(table, how).map_err(unreadable)?;
            (Parsed::Contracts(r), s)
        }
        Kind::Usage if is_events => {
            let (r, s) = events::weeks(table, how, &known.key_features, &known.subscriptions)
                .map_err(unreadable)?;
            (Parsed::Usage(r), s)
        }
        Kind::Usage => {
            let (r, s) = rows::usage(table, how).map_err(unreadable)?;
            (Parsed::Usage(r), s)
        }
        Kind::Churn => {
            let (r, s) = rows::churn(table, how).map_err(unreadable)?;
            (Parsed::Churn(r), s)
        }
        other => {
            let (spec, r, s) = records::read(other, table, how)
                .expect("every other kind is a record kind")
                .map_err(unreadable)?;
            (Parsed::Records(spec, r), s)
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
    if let Some(said) = recognised {
        description.push_str(&said);
        description.push('\n');
    }
    if !summary.problems.is_empty() {
        return Err(problems(&description, &name, &headers, summary.problems));
    }
    Ok(Prepared {
        kind,
        source: Source {
            kind: kind.as_str().into(),
            file: name.clone(),
            sha256,
        },
        name,
        description,
        headers,
        rows,
        read: summary.rows,
        started,
    })
}

/// The mapping of `headers` to `kind`, and whether the file is usage events rather than
/// weeks: weekly usage first, then events, the one that reads more of the file winning.
pub fn mapping_for(
    kind: Kind,
    headers: &[String],
    custom: &CustomMap,
) -> Result<(Mapping, bool), Vec<String>> {
    let direct = map(kind, headers, custom);
    if kind != Kind::Usage {
        return direct.map(|m| (m, false));
    }
    let events = map_fields(kind, USAGE_EVENTS, headers, custom);
    match (direct, events) {
        (Ok(w), Ok(e)) if e.used.len() > w.used.len() => Ok((e, true)),
        (Ok(w), _) => Ok((w, false)),
        (Err(_), Ok(e)) => Ok((e, true)),
        (Err(weekly), Err(events)) => {
            let mut why = vec!["as weekly usage:".to_string()];
            why.extend(weekly.into_iter().map(|e| format!("  {e}")));
            why.push("as usage events (a row per day, feature and count):".into());
            why.extend(events.into_iter().map(|e| format!("  {e}")));
            Err(why)
        }
    }
}

/// Another kind that reads more of these headers than `used`, with how many it reads.
fn better_kind(kind: Kind, headers: &[String], used: usize) -> Option<(usize, Kind)> {
    <Kind as clap::ValueEnum>::value_variants()
        .iter()
        .filter(|k| **k != kind)
        .filter_map(|k| {
            let (m, _) = mapping_for(*k, headers, &CustomMap::default()).ok()?;
            (m.used.len() > used).then_some((m.used.len(), *k))
        })
        .max_by_key(|(n, _)| *n)
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
    for (note, n) in &read.notes {
        out.push_str(&format!(
            "{n} row{}: {note}\n",
            if *n == 1 { "" } else { "s" }
        ));
    }
    out
}
