//! `csm check`: the book looked over: SQLite's integrity check, the schema version
//! against the one this csm writes, and the rows in each table; fails when the book is
//! damaged.

use std::io::{Write, stdout};

use color_eyre::Result;
use color_eyre::eyre::bail;

use super::context::Context;

pub fn run(ctx: &Context) -> Result<()> {
    let book = ctx.open_book()?;
    let path = book
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let integrity = book.integrity_check()?.join("; ");
    writeln!(stdout(), "book       {path}")?;
    writeln!(
        stdout(),
        "version    {} (this csm writes {})",
        book.schema_version()?,
        crate::book::migrations::LATEST
    )?;
    writeln!(stdout(), "integrity  {integrity}")?;
    for (table, n) in book.row_counts()? {
        writeln!(stdout(), "{table:<18} {n:>10}")?;
    }
    if integrity != "ok" {
        bail!("the book failed SQLite's integrity check");
    }
    Ok(())
}
