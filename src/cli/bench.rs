//! `csm bench`: the cockpit measured on demo, 5k and 50k-account books (built once,
//! then cached), each in fresh processes, and the import of a million rows of usage;
//! `--one BOOK` is the measuring child.

use std::io::{Write, stdout};
use std::path::{Path, PathBuf};

use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::eyre;

use super::context::Context;
use crate::bench::{self, BenchReport};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Scales to run: demo (400), 5k, 50k, 200k, or a number of accounts; `import` for
    /// the import benchmark; `team` for the team book's (on the PostgreSQL server the
    /// PG* variables name, and not run by default)
    #[arg(long, value_delimiter = ',', default_value = "demo,5k,50k,200k,import")]
    scales: Vec<String>,
    /// Where benchmark books are kept [default: bench/ in the data directory]
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Fresh processes per scale; the report gives the median run
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=50))]
    runs: u64,
    /// Print JSON
    #[arg(long)]
    json: bool,
    /// Measure one book in this process (the benchmark runs each book in its own)
    #[arg(long, hide = true, value_name = "BOOK")]
    one: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &BenchArgs) -> Result<()> {
    match &args.one {
        Some(book) => {
            writeln!(
                stdout(),
                "{}",
                serde_json::to_string(&bench::measure(book)?)?
            )?;
            Ok(())
        }
        None => {
            let dir = args
                .dir
                .clone()
                .unwrap_or_else(|| ctx.paths.data_dir.join("bench"));
            run_bench(&args.scales, &dir, args.runs, args.json)
        }
    }
}

fn run_bench(scales: &[String], dir: &Path, runs: u64, json: bool) -> Result<()> {
    let mut reports: Vec<BenchReport> = Vec::new();
    let mut imports = Vec::new();
    let mut teams = Vec::new();
    for scale in scales {
        if scale.trim().eq_ignore_ascii_case("team") {
            let (book, _) = bench::ensure_book(dir, 5_000)?;
            let report = bench::team::measure(dir, &book)?;
            if !json {
                write!(stdout(), "{}", report.render())?;
            }
            teams.push(report);
            continue;
        }
        if scale.trim().eq_ignore_ascii_case("import") {
            let (book, _) = bench::ensure_book(dir, 5_000)?;
            let report = bench::import::measure(dir, &book, (runs as usize).min(3))?;
            if !json {
                write!(stdout(), "{}", report.render())?;
            }
            imports.push(report);
            continue;
        }
        let accounts = bench::parse_scale(scale).map_err(|e| eyre!(e))?;
        let (book, built) = bench::ensure_book(dir, accounts)?;
        if let Some(secs) = built {
            eprintln!("built the {accounts}-account book in {secs:.1}s");
        }
        let mut report = bench::measure_in_children(&book, runs as usize)?;
        report.build_seconds = built;
        if !json {
            write!(stdout(), "{}", report.render())?;
        }
        reports.push(report);
    }
    if !json && reports.len() > 1 {
        write!(stdout(), "{}", bench::growth(&reports))?;
    }
    if json {
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "scales": reports,
                "import": imports,
                "team": teams,
            }))?
        )?;
    }
    Ok(())
}
