//! `csm backup`: a consistent copy of the whole book, taken while it may be in use, to
//! a new file (by default in `backups/` beside the book, named with the time).

use std::io::{Write, stdout};
use std::path::{Path, PathBuf};

use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::bail;

use super::context::Context;
use crate::book::Book;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write (a new file)
    file: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &BackupArgs) -> Result<()> {
    let book = ctx.open_book()?;
    backup(&book, &ctx.book_path(), args.file.clone())
}

/// Copies the book, consistent as of one moment, to `to` (a new file): by default
/// `backups/` beside the book, named with the time.
fn backup(book: &Book, book_path: &Path, to: Option<PathBuf>) -> Result<()> {
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
