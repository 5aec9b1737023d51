//! A whole export folder at once: each file's kind recognised from its headers (and its
//! name, when two kinds read it as well), the files read in dependency order (accounts,
//! contracts, contacts, usage, tickets, surveys, interactions, goals, churn), and all of
//! them written in one transaction: every file lands, or none does.

use std::path::{Path, PathBuf};

use super::decode;
use super::fields::Kind;
use super::file::{Imported, Known, Options, Prepared, Refused, mapping_for, prepare};
use super::mapping::CustomMap;
use super::table::TableReader;
use crate::book::{Book, Stamp};

/// A file of the folder and what csm made of it.
#[derive(Debug, Clone)]
pub struct Recognised {
    pub path: PathBuf,
    /// The kind it reads as, or None when no kind reads it.
    pub kind: Option<Kind>,
    /// Why: the fields its columns feed, or why no kind reads it.
    pub why: String,
}

/// The files of `dir` that look like exports (.csv, .tsv, .txt), each with its kind.
pub fn recognise(dir: &Path, options: &Options) -> Result<Vec<Recognised>, Refused> {
    let unreadable = |e: std::io::Error| Refused::Unreadable(format!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_lowercase().as_str(), "csv" | "tsv" | "txt"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Refused::Unreadable(format!(
            "{} holds no export files (.csv, .tsv or .txt)",
            dir.display()
        )));
    }
    Ok(paths
        .into_iter()
        .map(|path| {
            let (kind, why) = kind_of(&path, options);
            Recognised { path, kind, why }
        })
        .collect())
}

/// The kind whose fields a file's headers feed best; a kind its name says breaks a tie.
pub fn kind_of(path: &Path, options: &Options) -> (Option<Kind>, String) {
    let headers = match headers_of(path, options) {
        Ok(h) => h,
        Err(e) => return (None, e),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut best: Option<(usize, bool, Kind, Vec<&'static str>)> = None;
    for kind in Kind::IN_ORDER {
        let Ok((mapping, _)) = mapping_for(kind, &headers, &CustomMap::default()) else {
            continue;
        };
        let named = named_for(kind, &stem);
        let fields: Vec<&'static str> = mapping.used.iter().map(|(f, _)| f.name).collect();
        let better = match &best {
            None => true,
            Some((n, was_named, ..)) => (fields.len(), named) > (*n, *was_named),
        };
        if better {
            best = Some((fields.len(), named, kind, fields));
        }
    }
    match best {
        Some((n, named, kind, fields)) => (
            Some(kind),
            format!(
                "{n} of its {} columns feed {} fields ({}){}",
                headers.len(),
                kind.as_str(),
                fields.join(", "),
                if named { ", as its name says" } else { "" }
            ),
        ),
        None => (
            None,
            "no kind of file csm reads has the columns it needs (csm import --fields KIND lists them)"
                .into(),
        ),
    }
}

/// How much of a file is read to find its header: the whole file is read once, to import.
const HEAD_BYTES: u64 = 64 * 1024;

/// The header row of a file, as the import would read it, from the file's first lines.
fn headers_of(path: &Path, options: &Options) -> Result<Vec<String>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 == HEAD_BYTES
        && let Some(end) = bytes.iter().rposition(|b| *b == b'\n')
    {
        bytes.truncate(end + 1); // whole lines only
    }
    let text = decode::decode(&bytes, options.encoding.as_deref())?;
    Ok(TableReader::open(&text.text, options.delimiter)?.headers)
}

/// Whether a file's name says it holds `kind`.
fn named_for(kind: Kind, stem: &str) -> bool {
    let words: &[&str] = match kind {
        Kind::Accounts => &["account", "compan", "organi", "customer"],
        Kind::Contracts => &["contract", "subscri", "renewal", "billing", "plan"],
        Kind::Contacts => &["contact", "people", "person", "stakeholder", "user"],
        Kind::Usage => &["usage", "event", "track", "activity", "product"],
        Kind::Tickets => &["ticket", "case", "support", "conversation", "helpdesk"],
        Kind::Surveys => &["nps", "survey", "csat", "response", "feedback"],
        Kind::Interactions => &["interaction", "touch", "engagement", "meeting", "call"],
        Kind::Goals => &["goal", "success", "objective"],
        Kind::Opportunities => &["opportunit", "deal", "pipeline", "expansion"],
        Kind::Churn => &["churn", "cancel", "lost"],
    };
    words.iter().any(|w| stem.contains(w))
}

/// Imports every file of `dir` csm recognises, in dependency order, in one transaction;
/// with `options.dry_run`, counts and writes nothing. Returns what was recognised (files
/// no kind reads are left out and said so) and each file's import.
pub fn import_folder(
    book: &mut Book,
    stamp: &Stamp,
    dir: &Path,
    options: &Options,
) -> Result<(Vec<Recognised>, Vec<Imported>), Refused> {
    let found = recognise(dir, options)?;
    let mut order: Vec<&Recognised> = found.iter().filter(|r| r.kind.is_some()).collect();
    order.sort_by_key(|r| Kind::IN_ORDER.iter().position(|k| Some(*k) == r.kind));
    if order.is_empty() {
        return Err(Refused::Unreadable(format!(
            "no file in {} reads as a kind csm imports:\n{}",
            dir.display(),
            found
                .iter()
                .map(|r| format!("  {}: {}", r.path.display(), r.why))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    let mut known = Known::of(book)?;
    let mut prepared: Vec<Prepared> = Vec::new();
    for r in order {
        let kind = r.kind.expect("only recognised files are ordered");
        let file = prepare(kind, &r.path, options, &known).map_err(|e| in_folder(e, dir))?;
        // Usage keyed by a subscription resolves through the folder's own contracts.
        if let super::file::Parsed::Accounts(rows) = &file.rows {
            known
                .accounts
                .extend(rows.iter().map(|a| a.external_id.clone()));
        }
        if let super::file::Parsed::Contracts(rows) = &file.rows {
            for c in rows {
                known
                    .subscriptions
                    .insert(c.external_id.clone(), c.account.clone());
            }
        }
        prepared.push(file);
    }
    let files: Vec<_> = prepared
        .iter()
        .map(|p| (p.rows.rows(), &p.source))
        .collect();
    let written = book.import_all(stamp, &files, &options.rules, !options.dry_run)?;
    drop(files);
    match written {
        Ok(counts) => Ok((
            found,
            prepared
                .into_iter()
                .zip(counts)
                .map(|(p, c)| p.done(c, options.dry_run))
                .collect(),
        )),
        Err((i, problems)) => Err(in_folder(prepared.swap_remove(i).refused(problems), dir)),
    }
}

/// A file's refusal, told as the whole folder's: nothing of it was written.
fn in_folder(refused: Refused, dir: &Path) -> Refused {
    let note = format!(
        "\nnothing from {} was written: a folder is imported whole or not at all",
        dir.display()
    );
    match refused {
        Refused::Unreadable(why) => Refused::Unreadable(why + &note),
        Refused::Problems(why) => Refused::Problems(why + &note),
        other => other,
    }
}
