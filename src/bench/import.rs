//! The import benchmark: a million rows of weekly usage (every account of the 5,000-
//! account book, week after week) imported with every check on, against `sqlite3`'s own
//! `.import` of the same file in the same run: into a table keyed like `usage_weeks`
//! (the fair comparison, and the target: at least half its rate) and into a bare table.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::book::{Book, Stamp};
use crate::import::Kind;
use crate::import::file::{Options, import_file};

/// Rows in the benchmark's usage file.
pub const IMPORT_ROWS: usize = 1_000_000;

/// What the import benchmark measured; times are medians.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportReport {
    pub rows: usize,
    pub file_mb: f64,
    pub runs: usize,
    /// `csm import usage`: read, checked and written.
    pub csm_seconds: f64,
    pub inserted: usize,
    pub updated: usize,
    /// `sqlite3 .import` into a table with `usage_weeks`' primary key; None without
    /// `sqlite3` on the PATH.
    pub sqlite_keyed_seconds: Option<f64>,
    /// `sqlite3 .import` into a table without a key.
    pub sqlite_bare_seconds: Option<f64>,
    /// How long a cockpit write waited while the import ran.
    pub cockpit_write_waits: Option<super::waits::WriteWaits>,
}

/// The usage file, written once beside the cached books.
fn usage_file(dir: &Path, book: &Path) -> color_eyre::Result<PathBuf> {
    let path = dir.join(format!("usage-{IMPORT_ROWS}.csv"));
    if path.exists() {
        return Ok(path);
    }
    let conn = rusqlite::Connection::open(book)?;
    let ids: Vec<String> = conn
        .prepare("SELECT external_id FROM accounts ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let partial = dir.join("usage.partial.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&partial)?);
    writeln!(
        out,
        "account,week_start,active_users,licensed_seats,sessions,key_features_used"
    )?;
    let first = NaiveDate::from_ymd_opt(2022, 1, 3).expect("a real date");
    let mut rng = fastrand::Rng::with_seed(7);
    'weeks: for week in 0.. {
        let day = first + Duration::weeks(week);
        for (n, id) in ids.iter().enumerate() {
            if (week as usize) * ids.len() + n >= IMPORT_ROWS {
                break 'weeks;
            }
            writeln!(
                out,
                "{id},{day},{},100,{},{}",
                rng.u32(0..80),
                rng.u32(0..500),
                rng.u32(0..8)
            )?;
        }
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&partial, &path)?;
    Ok(path)
}

/// A fresh copy of `book` to import into.
fn copy_of(book: &Path, to: &Path) -> color_eyre::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = to.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(&p);
    }
    std::fs::copy(book, to)?;
    Ok(())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `sqlite3 COPY ".import"` into a table made by `create`; seconds, or None without it.
fn sqlite_import(book: &Path, copy: &Path, csv: &Path, create: &str) -> Option<f64> {
    copy_of(book, copy).ok()?;
    let made = Command::new("sqlite3")
        .arg(copy)
        .arg(create)
        .output()
        .ok()?;
    if !made.status.success() {
        return None;
    }
    let started = Instant::now();
    let out = Command::new("sqlite3")
        .arg(copy)
        .arg(format!(".import --csv --skip 1 {} staging", csv.display()))
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| started.elapsed().as_secs_f64())
}

/// Runs the import benchmark `runs` times on copies of the 5,000-account `book`.
pub fn measure(dir: &Path, book: &Path, runs: usize) -> color_eyre::Result<ImportReport> {
    let csv = usage_file(dir, book)?;
    let copy = dir.join("import-run.db");
    let stamp = Stamp {
        actor: "bench".into(),
        at: crate::clock::now_utc(),
    };
    let (mut csm, mut keyed, mut bare) = (Vec::new(), Vec::new(), Vec::new());
    let mut counts = (0, 0);
    for _ in 0..runs.max(1) {
        copy_of(book, &copy)?;
        let mut target = Book::open(&copy)?;
        let done = import_file(&mut target, &stamp, Kind::Usage, &csv, &Options::default())?;
        counts = (done.counts.inserted, done.counts.updated);
        csm.push(done.seconds);
        drop(target);
        let columns = "account TEXT, week_start TEXT, active_users INTEGER, licensed_seats INTEGER, \
                       sessions INTEGER, key_features_used INTEGER";
        keyed.extend(sqlite_import(
            book,
            &copy,
            &csv,
            &format!(
                "CREATE TABLE staging ({columns}, PRIMARY KEY (account, week_start)) WITHOUT ROWID"
            ),
        ));
        bare.extend(sqlite_import(
            book,
            &copy,
            &csv,
            &format!("CREATE TABLE staging ({columns})"),
        ));
    }
    copy_of(book, &copy)?;
    let waits = super::waits::measure(&copy, &csv, &stamp)?;
    copy_of(book, &copy)?;
    let _ = std::fs::remove_file(&copy);
    Ok(ImportReport {
        rows: IMPORT_ROWS,
        file_mb: std::fs::metadata(&csv).map_or(0.0, |m| m.len() as f64 / 1e6),
        runs: runs.max(1),
        csm_seconds: median(csm),
        inserted: counts.0,
        updated: counts.1,
        sqlite_keyed_seconds: (!keyed.is_empty()).then(|| median(keyed)),
        sqlite_bare_seconds: (!bare.is_empty()).then(|| median(bare)),
        cockpit_write_waits: Some(waits),
    })
}

impl ImportReport {
    /// The report as a person reads it, the target checked against the keyed import.
    pub fn render(&self) -> String {
        let rate = |s: f64| self.rows as f64 / s.max(1e-9);
        let mut out = format!(
            "import of {} weekly usage rows ({:.0} MB CSV), median of {} runs\n  csm import usage      {:>8.2} s  {:>9.0} rows/s  ({} new, {} updated; every row checked)\n",
            self.rows,
            self.file_mb,
            self.runs,
            self.csm_seconds,
            rate(self.csm_seconds),
            self.inserted,
            self.updated
        );
        match (self.sqlite_keyed_seconds, self.sqlite_bare_seconds) {
            (Some(keyed), bare) => {
                let share = rate(self.csm_seconds) / rate(keyed);
                out.push_str(&format!(
                    "  sqlite3 .import, keyed {:>6.2} s  {:>9.0} rows/s  (a table with usage_weeks' primary key)   target at least half its rate: {} ({:.0}%)\n",
                    keyed,
                    rate(keyed),
                    if share >= 0.5 { "ok" } else { "UNDER TARGET" },
                    share * 100.0
                ));
                if let Some(bare) = bare {
                    out.push_str(&format!(
                        "  sqlite3 .import, bare  {:>6.2} s  {:>9.0} rows/s  (a table without a key: text in, nothing checked)\n",
                        bare,
                        rate(bare)
                    ));
                }
            }
            (None, _) => out.push_str("  sqlite3 is not on the PATH: nothing to compare with\n"),
        }
        if let Some(w) = &self.cockpit_write_waits {
            out.push_str(&format!(
                "  a cockpit write while it runs: {} touches logged, every one kept; median {:.1} ms, longest {:.0} ms (the import took {:.2} s)\n",
                w.writes, w.median_ms, w.longest_ms, w.import_seconds
            ));
        }
        out
    }
}
