//! `csm demo`: a deterministic demo book of business (the same seed and today give the
//! same book), written where asked or to demo.db in the data directory; never over a
//! book that is not a demo book, nor over a demo book without `--force`.

use std::path::{Path, PathBuf};

use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::{WrapErr, bail};

use super::context::Context;
use super::progress;
use crate::book::Book;
use crate::clock;
use crate::demo::{self, DemoSpec};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many accounts
    #[arg(long, default_value_t = 400)]
    accounts: usize,
    /// How many CSMs own them (one manager leads them)
    #[arg(long, default_value_t = 6)]
    csms: usize,
    /// The same seed and today give the same book
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Replace an existing demo book at the path
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Context, args: &DemoArgs) -> Result<()> {
    let path = ctx.db.clone().unwrap_or_else(|| ctx.paths.demo_book());
    let today = clock::today(ctx.today);
    write_demo(
        &path,
        &DemoSpec {
            accounts: args.accounts,
            csms: args.csms,
            seed: args.seed,
            today,
        },
        args.force,
    )
}

/// Writes the demo book `spec` describes to `path`, replacing a demo book there only
/// with `force`; says on stderr what it writes and what it wrote.
pub(super) fn write_demo(path: &Path, spec: &DemoSpec, force: bool) -> Result<()> {
    if path.exists() {
        let existing = Book::open(path)?;
        if !existing.is_demo()? {
            bail!(
                "{} holds a book that is not a demo book; csm will not replace it",
                path.display()
            );
        }
        if !force {
            bail!(
                "{} already holds a demo book; pass --force to replace it",
                path.display()
            );
        }
        drop(existing);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(e)
                        .wrap_err_with(|| format!("removing {}", PathBuf::from(p).display()));
                }
                _ => {}
            }
        }
    }
    let started = std::time::Instant::now();
    eprintln!(
        "writing a demo book of {} accounts ({} CSMs, seed {}, today {}) to {}",
        spec.accounts,
        spec.csms,
        spec.seed,
        spec.today,
        path.display()
    );
    let mut book = Book::open(path)?;
    let progress = progress::Progress::start(&format!(
        "writing {} accounts and a year of their health",
        spec.accounts
    ));
    let counts = demo::write_demo(&mut book, spec)?;
    drop(progress);
    eprintln!(
        "wrote {} rows ({} accounts, {} usage weeks) in {:.1}s",
        counts.total(),
        counts.accounts,
        counts.usage_weeks,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
