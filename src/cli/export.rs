//! `csm export`: the book's tables as CSV or JSON that `csm import` reads back (or
//! other tools read), health and the renewal timeline as they stand today, and renewals
//! and tasks as calendars.

use std::io::{BufWriter, Write, stdout};
use std::path::PathBuf;

use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};

use super::context::Context;
use crate::export::{ExportError, Format, export};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// accounts, contracts, usage, contacts, tickets, surveys, interactions, goals,
    /// tasks, health or renewals
    what: String,
    /// csv, json, or ics (renewals and tasks)
    #[arg(long, value_enum, default_value = "csv")]
    format: Format,
    /// Write to this new file instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Writes `what` to `out` (a new file) or to standard output, with health current.
pub fn run(ctx: &Context, args: &ExportArgs) -> Result<()> {
    let (book, today, _) = ctx.current_book()?;
    let (what, format) = (args.what.as_str(), args.format);
    let rules = ctx.config.health.rules();
    match args.out.as_deref() {
        Some(path) => {
            let file = std::fs::File::create_new(path).map_err(|e| {
                eyre!(
                    "{}: {e} (csm never overwrites a file: name a new one)",
                    path.display()
                )
            })?;
            let mut w = BufWriter::new(file);
            let rows = export(&book, what, format, &rules, today, &mut w);
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
            export(&book, what, format, &rules, today, &mut w).map_err(io)?;
            w.flush()?;
            Ok(())
        }
    }
}
