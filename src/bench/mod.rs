//! The benchmark behind `csm bench`: builds demo books at several scales once and keeps
//! them, then measures each in a fresh process: open to first frame (drawn at 120x40),
//! key to frame while scrolling and while typing a filter (median and p99), and peak memory.

pub mod import;
pub mod panes;
pub mod team;
pub mod waits;

use crate::domain::health::HealthRules;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::demo::{self, DemoSpec};
use crate::tui::app::App;
use crate::tui::headless::Headless;
use crate::tui::keys::Keymap;

/// The date benchmark books are made for; fixed so cached books stay valid.
const BENCH_TODAY: (i32, u32, u32) = (2026, 3, 1);
const BENCH_SEED: u64 = 42;

/// Targets for the 50,000-account book.
pub const TARGET_FIRST_FRAME_MS: f64 = 100.0;
pub const TARGET_KEY_P99_MS: f64 = 5.0;
/// The jump palette, from the key that opens it to each letter typed: one frame at 60 Hz.
pub const TARGET_PALETTE_P99_MS: f64 = 16.0;
pub const TARGET_PEAK_MB: f64 = 100.0;
/// A pane's rows on screen, from its key (Today's from opening).
pub const TARGET_PANE_MS: f64 = 100.0;
/// Every key in a pane, writes included: one frame at 60 Hz.
pub const TARGET_FRAME_MS: f64 = 16.0;

/// What one book measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BenchReport {
    pub accounts: usize,
    pub book_mb: f64,
    pub build_seconds: Option<f64>,
    /// How many fresh processes measured the book; figures are their medians.
    pub runs: usize,
    pub open_to_first_frame_ms: f64,
    pub open_to_first_frame_min_ms: f64,
    pub open_to_first_frame_max_ms: f64,
    /// From opening to the whole team's Today queue on screen (it is read in the
    /// background while the first frame shows).
    #[serde(default)]
    pub today_queue_ms: f64,
    /// From opening to Today's first rows on screen (the book's first slice, shown
    /// while the rest is read).
    #[serde(default)]
    pub today_first_rows_ms: f64,
    /// From the Portfolio's key, pressed as soon as Today's first rows are on screen
    /// (before the accounts are read, as a person quick on the keys would), to its
    /// first rows.
    #[serde(default)]
    pub portfolio_early_ms: f64,
    /// One CSM's Today queue read again, as after an action on it.
    #[serde(default)]
    pub today_one_csm_ms: f64,
    /// One account's part of the queue read alone, as after a write on it.
    #[serde(default)]
    pub today_one_account_ms: f64,
    pub scroll: KeyTimes,
    pub filter: KeyTimes,
    /// Opening the jump palette and typing into it.
    #[serde(default)]
    pub palette: KeyTimes,
    pub peak_memory_mb: Option<f64>,
    /// A full health recompute of every account as of the bench day.
    #[serde(default)]
    pub recompute_ms: f64,
    /// One plain scan of every usage row, by SQLite itself: what the recompute must not
    /// be slower than.
    #[serde(default)]
    pub usage_scan_ms: f64,
    #[serde(default)]
    pub usage_rows: i64,
    /// Every pane visited after opening, in tab order, Today last.
    #[serde(default)]
    pub panes: Vec<panes::PaneFigures>,
}

/// No keys measured.
const NO_KEYS: KeyTimes = KeyTimes {
    keys: 0,
    median_ms: 0.0,
    p99_ms: 0.0,
    max_ms: 0.0,
};

/// Key-to-frame times over many keys.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KeyTimes {
    pub keys: usize,
    pub median_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// Reads `demo`, `5k`, `50k` or a plain number of accounts.
pub fn parse_scale(scale: &str) -> Result<usize, String> {
    let s = scale.trim().to_lowercase();
    match s.as_str() {
        "demo" => Ok(DemoSpec::default().accounts),
        _ => {
            let (digits, factor) = match s.strip_suffix('k') {
                Some(d) => (d, 1000),
                None => (s.as_str(), 1),
            };
            digits
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .map(|n| n * factor)
                .ok_or_else(|| {
                    format!(
                        "`{scale}` is not a scale: expected demo, 5k, 50k or a number of accounts"
                    )
                })
        }
    }
}

fn bench_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(BENCH_TODAY.0, BENCH_TODAY.1, BENCH_TODAY.2).expect("a real date")
}

/// The cached book for a scale, built when absent; returns its path and, when it was
/// built now, how many seconds that took.
pub fn ensure_book(dir: &Path, accounts: usize) -> color_eyre::Result<(PathBuf, Option<f64>)> {
    let spec = DemoSpec {
        accounts,
        csms: (accounts / 70).clamp(6, 200),
        seed: BENCH_SEED,
        today: bench_today(),
    };
    let path = dir.join(format!("bench-{accounts}-s{}-{}.db", spec.seed, spec.today));
    if path.exists() {
        // A book cached by an older csm is migrated once here, not in every run.
        Book::open(&path)?;
        return Ok((path, None));
    }
    // Build beside and rename, so an interrupted build never leaves a half book cached.
    let partial = dir.join(format!("bench-{accounts}.partial.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    let started = Instant::now();
    {
        let mut book = Book::open(&partial)?;
        demo::write_demo(&mut book, &spec)?;
        book.checkpoint()?;
    }
    std::fs::rename(&partial, &path)?;
    Ok((path, Some(started.elapsed().as_secs_f64())))
}

/// Measures one book in this process.
pub fn measure(path: &Path) -> color_eyre::Result<BenchReport> {
    let book_mb = std::fs::metadata(path)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);
    let started = Instant::now();
    let book = Book::open(path)?;
    let app = App::open(
        book,
        bench_today(),
        Keymap::defaults(),
        HealthRules::default(),
    )?;
    panes::rss("opened");
    let mut cockpit = Headless::new(app, 120, 40);
    // As in the cockpit, the queue is read in the background and lands on the queue.
    let (tx, events) = std::sync::mpsc::channel();
    cockpit.app.cx.events = Some(tx);
    cockpit.app.begin();
    cockpit.app.start_today(None);
    cockpit.draw();
    let open_to_first_frame_ms = ms(started.elapsed());
    panes::first_rows(&mut cockpit, &events);
    let today_first_rows_ms = ms(started.elapsed());
    // The Portfolio at once, before its accounts are read, and back.
    let portfolio_early_ms = ms(panes::press(&mut cockpit, &events, "2"));
    panes::press(&mut cockpit, &events, "1");
    panes::settle(&mut cockpit, &events);
    let today_queue_ms = ms(started.elapsed());
    panes::accounts_read(&mut cockpit, &events);
    panes::rss("today on screen");
    let accounts = cockpit.app.panes.portfolio.list.len();
    let (today_one_csm_ms, today_one_account_ms) = {
        let book = cockpit
            .app
            .cx
            .book
            .as_ref()
            .expect("the bench opened a book");
        let csm = book
            .team_members()?
            .into_iter()
            .find(|m| m.role == crate::domain::vocab::TeamRole::Csm)
            .map(|m| m.name);
        let scope = crate::book::today::Scope {
            owner: csm,
            ..Default::default()
        };
        let started = Instant::now();
        book.today_queue(
            &HealthRules::default(),
            &crate::domain::today::TodayRules::default(),
            &scope,
            bench_today(),
        )?;
        let one_csm = ms(started.elapsed());
        // What a write on one account costs behind the screen: that account read alone.
        let account = cockpit
            .app
            .panes
            .today
            .list
            .as_ref()
            .and_then(|l| l.queue.rows.first())
            .map(|r| r.account_id);
        let scope = crate::book::today::Scope {
            account,
            ..Default::default()
        };
        let started = Instant::now();
        for _ in 0..5 {
            book.today_queue(
                &HealthRules::default(),
                &crate::domain::today::TodayRules::default(),
                &scope,
                bench_today(),
            )?;
        }
        (one_csm, ms(started.elapsed()) / 5.0)
    };
    cockpit.press("2");

    // Scrolling: down a row at a time, by half pages, to the bottom and back.
    let mut scroll = Vec::new();
    for round in 0..20 {
        for key in ["j"; 40]
            .iter()
            .chain(&["ctrl-d"; 5])
            .chain(&["k"; 10])
            .chain(&["ctrl-u"; 2])
        {
            scroll.push(timed(|| cockpit.press(key)));
        }
        let jump = if round % 2 == 0 { "G" } else { "g" };
        scroll.push(timed(|| cockpit.press(jump)));
    }

    // Filtering: type words from real account names letter by letter, then erase them.
    let words = [
        "north",
        "globex",
        "tech",
        "health",
        "zz",
        "a",
        "logistics",
        "ini",
    ];
    let mut filter = Vec::new();
    for _ in 0..4 {
        for word in words {
            filter.push(timed(|| cockpit.press("/")));
            for c in word.chars() {
                filter.push(timed(|| cockpit.type_text(&c.to_string())));
            }
            for _ in word.chars() {
                filter.push(timed(|| cockpit.press("backspace")));
            }
            filter.push(timed(|| cockpit.press("esc")));
        }
    }

    // The palette: open it, type part of a name, an id or a command, close it.
    let queries = [
        "north",
        "kstrl",
        "acc-0001",
        "dana",
        "export ics",
        "globex log",
        "zz",
    ];
    let mut palette = Vec::new();
    for _ in 0..4 {
        for query in queries {
            palette.push(timed(|| cockpit.press("ctrl-k")));
            for c in query.chars() {
                palette.push(timed(|| cockpit.type_text(&c.to_string())));
            }
            palette.push(timed(|| cockpit.press("backspace")));
            palette.push(timed(|| cockpit.press("esc")));
        }
    }

    let panes = panes::walk(&mut cockpit, &events, today_first_rows_ms);
    let peak_memory_mb = peak_memory_mb();
    panes::quiet(&mut cockpit, &events);
    drop(cockpit);
    let started = Instant::now();
    Book::open(path)?.recompute_health(&HealthRules::default(), &[bench_today()])?;
    let recompute_ms = ms(started.elapsed());
    let conn = rusqlite::Connection::open(path)?;
    let started = Instant::now();
    let usage_rows: i64 = conn.query_row(
        "SELECT count(*), sum(active_users), sum(licensed_seats), sum(key_features_used)
         FROM usage_weeks",
        [],
        |r| r.get(0),
    )?;
    let usage_scan_ms = ms(started.elapsed());

    Ok(BenchReport {
        recompute_ms,
        usage_scan_ms,
        usage_rows,
        accounts,
        book_mb,
        build_seconds: None,
        runs: 1,
        open_to_first_frame_ms,
        open_to_first_frame_min_ms: open_to_first_frame_ms,
        open_to_first_frame_max_ms: open_to_first_frame_ms,
        today_queue_ms,
        today_first_rows_ms,
        portfolio_early_ms,
        today_one_csm_ms,
        today_one_account_ms,
        scroll: key_times(scroll),
        filter: key_times(filter),
        palette: key_times(palette),
        peak_memory_mb,
        panes,
    })
}

/// Measures a book `runs` times, each in a fresh `csm bench --one` process (a cold start
/// is what a person gets), and keeps the median of each figure and the highest memory.
pub fn measure_in_children(book: &Path, runs: usize) -> color_eyre::Result<BenchReport> {
    let exe = std::env::current_exe()?;
    let mut reports = Vec::with_capacity(runs);
    // Each run writes (and undoes) from every pane, and opening remembers the look: it
    // works on a copy, so every run meets the book as it was built.
    let scratch = book.with_extension("run.db");
    // A book cached by an older version is brought up to this schema once, here, so that
    // no run times a migration as part of its opening.
    drop(Book::open(book)?);
    for _ in 0..runs.max(1) {
        std::fs::copy(book, &scratch)?;
        let out = std::process::Command::new(&exe)
            .args(["bench", "--one"])
            .arg(&scratch)
            .env_remove("CSM_CONFIG")
            .output();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
        }
        let out = out?;
        if !out.status.success() {
            color_eyre::eyre::bail!(
                "measuring {}: {}",
                book.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        reports.push(serde_json::from_slice::<BenchReport>(&out.stdout)?);
    }
    Ok(median_report(reports))
}

fn median_report(reports: Vec<BenchReport>) -> BenchReport {
    let median = |f: &dyn Fn(&BenchReport) -> f64| {
        let mut v: Vec<f64> = reports.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let keys = |pick: &dyn Fn(&BenchReport) -> &KeyTimes| KeyTimes {
        keys: reports.iter().map(|r| pick(r).keys).sum(),
        median_ms: median(&|r| pick(r).median_ms),
        p99_ms: median(&|r| pick(r).p99_ms),
        max_ms: reports.iter().map(|r| pick(r).max_ms).fold(0.0, f64::max),
    };
    let opens = reports.iter().map(|r| r.open_to_first_frame_ms);
    BenchReport {
        accounts: reports[0].accounts,
        book_mb: reports[0].book_mb,
        build_seconds: None,
        runs: reports.len(),
        open_to_first_frame_ms: median(&|r| r.open_to_first_frame_ms),
        open_to_first_frame_min_ms: opens.clone().fold(f64::INFINITY, f64::min),
        open_to_first_frame_max_ms: opens.fold(0.0, f64::max),
        today_queue_ms: median(&|r| r.today_queue_ms),
        today_first_rows_ms: median(&|r| r.today_first_rows_ms),
        portfolio_early_ms: median(&|r| r.portfolio_early_ms),
        today_one_csm_ms: median(&|r| r.today_one_csm_ms),
        today_one_account_ms: median(&|r| r.today_one_account_ms),
        scroll: keys(&|r| &r.scroll),
        filter: keys(&|r| &r.filter),
        palette: keys(&|r| &r.palette),
        recompute_ms: median(&|r| r.recompute_ms),
        usage_scan_ms: median(&|r| r.usage_scan_ms),
        usage_rows: reports[0].usage_rows,
        peak_memory_mb: reports
            .iter()
            .filter_map(|r| r.peak_memory_mb)
            .reduce(f64::max),
        panes: (0..reports.iter().map(|r| r.panes.len()).min().unwrap_or(0))
            .map(|i| panes::PaneFigures {
                pane: reports[0].panes[i].pane.clone(),
                rows_ms: median(&|r| r.panes[i].rows_ms),
                keys: keys(&|r| &r.panes[i].keys),
                write: reports[0].panes[i]
                    .write
                    .as_ref()
                    .map(|_| keys(&|r| r.panes[i].write.as_ref().unwrap_or(&NO_KEYS))),
                write_what: reports[0].panes[i].write_what.clone(),
            })
            .collect(),
    }
}

fn timed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub(crate) fn key_times(mut samples: Vec<Duration>) -> KeyTimes {
    samples.sort();
    let at = |q: f64| {
        samples
            .get(((samples.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    KeyTimes {
        keys: samples.len(),
        median_ms: ms(at(0.5)),
        p99_ms: ms(at(0.99)),
        max_ms: ms(at(1.0)),
    }
}

/// The process's peak resident memory, where the platform tells it (Linux).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

impl BenchReport {
    /// The report as a person reads it, with each target checked on the 50k book.
    pub fn render(&self) -> String {
        // Targets are for the 50,000-account book; smaller books just report.
        let target = |what: String, ok: bool| {
            if self.accounts < 50_000 {
                String::new()
            } else {
                format!(
                    "   target {what}: {}",
                    if ok { "ok" } else { "OVER TARGET" }
                )
            }
        };
        let mut s = format!(
            "{} accounts (book {:.0} MB{}), median of {} runs\n",
            self.accounts,
            self.book_mb,
            self.build_seconds
                .map(|b| format!(", built in {b:.1}s"))
                .unwrap_or_default(),
            self.runs
        );
        s.push_str(&format!(
            "  open to first frame   {:>8.1} ms  (runs from {:.1} to {:.1} ms){}\n",
            self.open_to_first_frame_ms,
            self.open_to_first_frame_min_ms,
            self.open_to_first_frame_max_ms,
            target(
                format!("< {TARGET_FIRST_FRAME_MS} ms"),
                self.open_to_first_frame_ms < TARGET_FIRST_FRAME_MS
            )
        ));
        s.push_str(&format!(
            "  Today first rows      {:>8.1} ms  (whole team, from opening, while the rest is read)\n",
            self.today_first_rows_ms
        ));
        s.push_str(&format!(
            "  Portfolio, pressed at once {:>5.1} ms  (its key as Today's first rows land, before the accounts are read){}\n",
            self.portfolio_early_ms,
            target(
                format!("< {TARGET_PANE_MS} ms"),
                self.portfolio_early_ms < TARGET_PANE_MS
            )
        ));
        s.push_str(&format!(
            "  Today queue on screen {:>8.1} ms  (whole team, from opening; one CSM's read again: {:.1} ms; one account's, after a write on it: {:.1} ms)\n",
            self.today_queue_ms, self.today_one_csm_ms, self.today_one_account_ms
        ));
        for (what, t, aim) in [
            ("scroll", &self.scroll, TARGET_KEY_P99_MS),
            ("type a filter", &self.filter, TARGET_KEY_P99_MS),
            ("jump palette", &self.palette, TARGET_PALETTE_P99_MS),
        ] {
            s.push_str(&format!(
                "  key to frame, {what:<14}median {:.2} ms  p99 {:.2} ms  max {:.2} ms  ({} keys){}\n",
                t.median_ms,
                t.p99_ms,
                t.max_ms,
                t.keys,
                target(format!("p99 < {aim} ms"), t.p99_ms < aim)
            ));
        }
        match self.peak_memory_mb {
            Some(mb) => s.push_str(&format!(
                "  peak memory           {mb:>8.1} MB{}\n",
                target(format!("< {TARGET_PEAK_MB} MB"), mb < TARGET_PEAK_MB)
            )),
            None => s.push_str("  peak memory           not measured on this platform\n"),
        }
        if !self.panes.is_empty() {
            s.push_str(&format!(
                "  every pane, visited in turn (target: rows < {TARGET_PANE_MS} ms from the key, every key p99 < {TARGET_FRAME_MS} ms):\n"
            ));
            for p in &self.panes {
                let write = p.write.as_ref().map_or("-".to_string(), |w| {
                    format!("median {:.1} ms p99 {:.1} ms", w.median_ms, w.p99_ms)
                });
                let ok = p.rows_ms < TARGET_PANE_MS
                    && p.keys.p99_ms < TARGET_FRAME_MS
                    && p.write.as_ref().is_none_or(|w| w.p99_ms < TARGET_FRAME_MS);
                s.push_str(&format!(
                    "    {:<13}rows {:>7.1} ms  keys p99 {:>6.2} ms  writes {write}{}\n",
                    p.pane,
                    p.rows_ms,
                    p.keys.p99_ms,
                    match (self.accounts < 50_000, ok) {
                        (true, _) => "",
                        (false, true) => "   ok",
                        (false, false) => "   OVER TARGET",
                    }
                ));
            }
        }
        s.push_str(&format!(
            "  health recompute      {:>8.1} ms  (one SQLite scan of the {} usage rows: {:.1} ms){}\n",
            self.recompute_ms,
            self.usage_rows,
            self.usage_scan_ms,
            target(
                "no slower than the scan".into(),
                self.recompute_ms <= self.usage_scan_ms
            )
        ));
        s
    }
}

/// How each figure grows from one scale to the next, beside how the book grew: a figure
/// growing faster than the book is flagged, and what a pane shows first should not grow.
pub fn growth(reports: &[BenchReport]) -> String {
    let mut by_size: Vec<&BenchReport> = reports.iter().collect();
    by_size.sort_by_key(|r| r.accounts);
    let mut s = String::from(
        "growth, from each scale to the next (x times; the book's own growth first):\n",
    );
    for pair in by_size.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let book = b.accounts as f64 / a.accounts.max(1) as f64;
        let mut figures: Vec<(String, f64, f64)> = vec![
            (
                "first frame".into(),
                a.open_to_first_frame_ms,
                b.open_to_first_frame_ms,
            ),
            (
                "Today first rows".into(),
                a.today_first_rows_ms,
                b.today_first_rows_ms,
            ),
            (
                "Portfolio at once".into(),
                a.portfolio_early_ms,
                b.portfolio_early_ms,
            ),
            ("Today on screen".into(), a.today_queue_ms, b.today_queue_ms),
            (
                "one account's queue".into(),
                a.today_one_account_ms,
                b.today_one_account_ms,
            ),
            ("scroll p99".into(), a.scroll.p99_ms, b.scroll.p99_ms),
            ("filter p99".into(), a.filter.p99_ms, b.filter.p99_ms),
            ("palette p99".into(), a.palette.p99_ms, b.palette.p99_ms),
            ("recompute".into(), a.recompute_ms, b.recompute_ms),
            (
                "peak memory".into(),
                a.peak_memory_mb.unwrap_or(0.0),
                b.peak_memory_mb.unwrap_or(0.0),
            ),
        ];
        for (pa, pb) in a.panes.iter().zip(&b.panes) {
            figures.push((format!("{} rows", pa.pane), pa.rows_ms, pb.rows_ms));
            if let (Some(wa), Some(wb)) = (&pa.write, &pb.write) {
                figures.push((format!("{} write p99", pa.pane), wa.p99_ms, wb.p99_ms));
            }
        }
        s.push_str(&format!(
            "  {} -> {} accounts: book x{book:.1}\n",
            a.accounts, b.accounts
        ));
        for (what, from, to) in figures {
            let times = to / from.max(1e-3);
            let flag = if times > book * 1.1 {
                "  FASTER THAN THE BOOK"
            } else {
                ""
            };
            s.push_str(&format!(
                "    {what:<24}{from:>9.1} -> {to:>9.1}  x{times:.1}{flag}\n"
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_read_as_people_write_them() {
        assert_eq!(parse_scale("demo"), Ok(400));
        assert_eq!(parse_scale("5k"), Ok(5_000));
        assert_eq!(parse_scale("50K"), Ok(50_000));
        assert_eq!(parse_scale("1200"), Ok(1_200));
        assert!(
            parse_scale("lots")
                .unwrap_err()
                .contains("expected demo, 5k, 50k")
        );
        assert!(parse_scale("0").is_err());
    }

    fn report(accounts: usize, first_frame_ms: f64, filter_p99_ms: f64) -> BenchReport {
        let keys = |p99_ms| KeyTimes {
            keys: 100,
            median_ms: 0.5,
            p99_ms,
            max_ms: p99_ms,
        };
        BenchReport {
            accounts,
            book_mb: 300.0,
            build_seconds: None,
            runs: 5,
            open_to_first_frame_ms: first_frame_ms,
            open_to_first_frame_min_ms: first_frame_ms,
            open_to_first_frame_max_ms: first_frame_ms,
            today_queue_ms: 900.0,
            today_first_rows_ms: 90.0,
            portfolio_early_ms: 20.0,
            today_one_csm_ms: 300.0,
            today_one_account_ms: 3.0,
            scroll: keys(0.4),
            filter: keys(filter_p99_ms),
            palette: keys(5.0),
            peak_memory_mb: Some(40.0),
            recompute_ms: 300.0,
            usage_scan_ms: 400.0,
            usage_rows: 4_000_000,
            panes: Vec::new(),
        }
    }

    #[test]
    fn the_big_book_report_checks_each_target_and_small_books_just_report() {
        let text = report(50_000, 120.0, 1.5).render();
        assert!(text.contains("open to first frame      120.0 ms"), "{text}");
        assert!(text.contains("target < 100 ms: OVER TARGET"), "{text}");
        assert!(text.contains("target p99 < 5 ms: ok"), "{text}");
        assert!(text.contains("target < 100 MB: ok"), "{text}");
        assert!(!report(5_000, 120.0, 9.0).render().contains("target"));
    }

    #[test]
    fn each_pane_is_checked_against_its_targets_on_the_big_book() {
        let mut big = report(50_000, 80.0, 1.0);
        let keys = |p99_ms| KeyTimes {
            keys: 10,
            median_ms: p99_ms / 2.0,
            p99_ms,
            max_ms: p99_ms,
        };
        big.panes = vec![
            panes::PaneFigures {
                pane: "Renewals".into(),
                rows_ms: 40.0,
                keys: keys(1.0),
                write: Some(keys(30.0)),
                write_what: "tick".into(),
            },
            panes::PaneFigures {
                pane: "Team".into(),
                rows_ms: 60.0,
                keys: keys(2.0),
                write: None,
                write_what: String::new(),
            },
        ];
        let text = big.render();
        let line = |pane: &str| {
            text.lines()
                .find(|l| l.contains(pane))
                .unwrap_or("")
                .to_string()
        };
        assert!(line("Renewals").ends_with("OVER TARGET"), "{text}");
        assert!(line("Team").ends_with("ok"), "{text}");
    }

    #[test]
    fn growth_flags_a_figure_that_grows_faster_than_the_book() {
        let small = report(5_000, 20.0, 1.0);
        let mut big = report(50_000, 90.0, 1.0);
        big.recompute_ms = small.recompute_ms * 40.0;
        let text = growth(&[big, small]);
        assert!(
            text.contains("5000 -> 50000 accounts: book x10.0"),
            "{text}"
        );
        let line = |what: &str| {
            text.lines()
                .find(|l| l.contains(what))
                .unwrap_or("")
                .to_string()
        };
        assert!(
            line("recompute").ends_with("FASTER THAN THE BOOK"),
            "{text}"
        );
        assert!(!line("first frame").contains("FASTER"), "{text}");
    }

    #[test]
    fn runs_are_combined_by_their_median_and_the_highest_memory() {
        let mut slow = report(50_000, 300.0, 4.0);
        slow.peak_memory_mb = Some(60.0);
        let combined = median_report(vec![
            report(50_000, 70.0, 1.0),
            slow,
            report(50_000, 80.0, 2.0),
        ]);
        assert_eq!(combined.open_to_first_frame_ms, 80.0);
        assert_eq!(
            (
                combined.open_to_first_frame_min_ms,
                combined.open_to_first_frame_max_ms
            ),
            (70.0, 300.0)
        );
        assert_eq!(combined.filter.p99_ms, 2.0);
        assert_eq!(combined.filter.keys, 300);
        assert_eq!(combined.peak_memory_mb, Some(60.0));
        assert_eq!(combined.runs, 3);
    }

    #[test]
    fn percentiles_come_from_the_sorted_samples() {
        let samples: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let t = key_times(samples);
        assert_eq!(
            (t.median_ms.round(), t.p99_ms.round(), t.max_ms.round()),
            (51.0, 99.0, 100.0)
        );
    }
}
