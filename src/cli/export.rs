//! `csm export` and `csm backup`: the book's tables as CSV or JSON that `csm import`
//! reads back (or other tools read), renewals and tasks as calendars, and a consistent
//! copy of the whole book taken while it may be in use.

use std::io::{BufWriter, Write, stdout};
use std::path::{Path, PathBuf};

use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};

use crate::book::Book;
use crate::config::Config;
use crate::export::{ExportError, Format, export};

/// Writes `what` to `out` (a new file) or to standard output.
pub fn run(
    book: &Book,
    config: &Config,
    today: chrono::NaiveDate,
    what: &str,
    format: Format,
    out: Option<&Path>,
) -> Result<()> {
    let rules = config.health.rules();
    match out {
        Some(path) => {
            let file = std::fs::File::create_new(path).map_err(|e| {
                eyre!(
                    "{}: {e} (csm never overwrites a file: name a new one)",
                    path.display()
                )
            })?;
            let mut w = BufWriter::new(file);
            let rows = export(book, what, format, &rules, today, &mut w);
            let rows = match rows {
                Ok(n) => n,
                Err(e) => {
                    drop(w);
                    let _ = std::fs::remove_file(path);
                    bail!("{e}");
                }
            };
            w.flush()?;
            eprintln!("wrote {rows} {what} rows to {}", path.display());
            Ok(())
        }
        None => {
            let stdout = stdout();
            let mut w = BufWriter::new(stdout.lock());
            let io = |e: ExportError| match e {
                // Kept as an I/O error, so a reader that stops early is no error.
                ExportError::Io(io) => color_eyre::Report::new(io),
                other => eyre!("{other}"),
            };
            export(book, what, format, &rules, today, &mut w).map_err(io)?;
            w.flush()?;
            Ok(())
        }
    }
}

/// Copies the book, consistent as of one moment, to `to` (a new file): by default
/// `backups/` beside the book, named with the time.
pub fn backup(book: &Book, book_path: &Path, to: Option<PathBuf>) -> Result<()> {
    let to = match to {
        Some(p) => p,
        None => {
            let dir = book_path
                .parent()
                .map_or_else(|| PathBuf::from("backups"), |d| d.join("backups"));
            std::fs::create_dir_all(&dir)?;
            let stem = book_path
                .file_stem()
                .map_or("book".into(), |s| s.to_string_lossy().into_owned());
            dir.join(format!(
                "{stem}-{}.db",
                crate::clock::now_utc().format("%Y%m%d-%H%M%S")
            ))
        }
    };
    if to.exists() {
        bail!(
            "{} exists: csm never overwrites a file; name a new one",
            to.display()
        );
    }
    book.backup_to(&to)?;
    let mb = std::fs::metadata(&to).map_or(0.0, |m| m.len() as f64 / 1e6);
    writeln!(
        stdout(),
        "backed up the book ({mb:.1} MB) to {}",
        to.display()
    )?;
    Ok(())
}
