//! The benchmark's walk through every pane, as a person makes it after opening: the
//! pane's key to its rows on screen (background reads included), keys that move through
//! it, and a write made from it then undone, each timed to the frame that answers it.

use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{KeyTimes, key_times, ms};
use crate::tui::events::Event;
use crate::tui::headless::Headless;
use crate::tui::pane::Pane;

/// What one pane measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaneFigures {
    pub pane: String,
    /// From its key (from opening, for Today) to its rows on screen.
    pub rows_ms: f64,
    /// Moving through it: down, half pages, the bottom and back.
    pub keys: KeyTimes,
    /// A write from it and its undo, key to frame; None where the pane makes none.
    pub write: Option<KeyTimes>,
    /// What the write was, as a person would say it.
    #[serde(default)]
    pub write_what: String,
}

/// A write the walk makes from a pane: keys that lead to it (untimed), the
/// keys timed, and what it is.
struct Write {
    lead: &'static [&'static str],
    timed: &'static [&'static str],
    what: &'static str,
}

fn write_keys(pane: Pane) -> Option<Write> {
    let w = |lead, timed, what| Some(Write { lead, timed, what });
    match pane {
        Pane::Today => w(&[], &["d", "u"], "done or dismiss, then undo"),
        Pane::Renewals => w(&[], &["x", "X"], "the next step ticked, then unticked"),
        Pane::Stakeholders => w(&["L"], &["enter", "u"], "a contact left, then undo"),
        Pane::Tasks => w(&[], &["d", "u"], "a task done, then undo"),
        Pane::Expansion => w(&[], &["x", "u"], "the top opportunity lost, then undo"),
        Pane::Onboarding => w(
            &["x"],
            &["enter", "u"],
            "the next milestone ticked, then undo",
        ),
        Pane::Advocacy => w(
            &["a", "enter"],
            &["enter", "u"],
            "the best fit asked, then undo",
        ),
        Pane::Portfolio | Pane::Team => None,
    }
}

/// Takes what background work sent, waiting for it while the shown pane is reading.
pub fn settle(cockpit: &mut Headless, events: &Receiver<Event>) {
    loop {
        let event = if cockpit.app.reading() {
            events.recv_timeout(Duration::from_secs(600)).ok()
        } else {
            events.try_recv().ok()
        };
        let Some(event) = event else {
            return;
        };
        if cockpit.app.take_background(event) {
            cockpit.draw();
        }
    }
}

/// Takes what background work sends until `done` says the cockpit has what it waits
/// for, or nothing more is under way for it.
fn take_until(cockpit: &mut Headless, events: &Receiver<Event>, done: impl Fn(&Headless) -> bool) {
    while !done(cockpit) {
        let Ok(event) = events.recv_timeout(Duration::from_secs(600)) else {
            return;
        };
        if cockpit.app.take_background(event) {
            cockpit.draw();
        }
    }
}

/// Until Today shows rows (the first of a whole team's queue, or all of a small one).
pub fn first_rows(cockpit: &mut Headless, events: &Receiver<Event>) {
    take_until(cockpit, events, |c| {
        c.app.panes.today.list.is_some() || !c.app.reading()
    });
}

/// Until the accounts are read (or their read failed).
pub fn accounts_read(cockpit: &mut Headless, events: &Receiver<Event>) {
    take_until(cockpit, events, |c| {
        let p = &c.app.panes.portfolio;
        p.loaded || !p.reading
    });
}

/// Until no pane reads anything in the background: what is measured next (the
/// recompute) then has the machine to itself.
pub fn quiet(cockpit: &mut Headless, events: &Receiver<Event>) {
    take_until(cockpit, events, |c| !c.app.busy());
}

/// Presses a key and waits for the frame that answers it, background reads included.
pub fn press(cockpit: &mut Headless, events: &Receiver<Event>, key: &str) -> Duration {
    let started = Instant::now();
    cockpit.press(key);
    settle(cockpit, events);
    started.elapsed()
}

/// Walks every pane after Today, then back to Today: each pane's rows, its keys and a
/// write from it. `today_ms` is Today's first rows from opening, already measured.
pub fn walk(cockpit: &mut Headless, events: &Receiver<Event>, today_ms: f64) -> Vec<PaneFigures> {
    let mut figures = Vec::new();
    for pane in Pane::ALL.iter().skip(1).chain(&[Pane::Today]) {
        let key = (pane.index() + 1).to_string();
        let rows_ms = match pane {
            Pane::Today => today_ms,
            _ => ms(press(cockpit, events, &key)),
        };
        if *pane == Pane::Today {
            press(cockpit, events, &key);
        }
        rss(&format!("  {} rows on screen", pane.title()));
        let mut moves = Vec::new();
        for _ in 0..3 {
            for k in ["j"; 20].iter().chain(&["ctrl-d"; 3]).chain(&["G", "g"]) {
                moves.push(press(cockpit, events, k));
            }
        }
        rss(&format!("  {} moved through", pane.title()));
        let writes =
            write_keys(*pane).filter(|_| std::env::var_os("CSM_BENCH_NO_WRITES").is_none());
        let (write, write_what) = match writes {
            Some(write) => {
                let mut samples = Vec::new();
                for _ in 0..3 {
                    // A different row each round, so nothing is cached.
                    press(cockpit, events, "j");
                    for k in write.lead {
                        press(cockpit, events, k);
                    }
                    for k in write.timed {
                        samples.push(press(cockpit, events, k));
                        rss(&format!("    {} {k}", pane.title()));
                    }
                }
                (Some(key_times(samples)), write.what.to_string())
            }
            None => (None, String::new()),
        };
        if std::env::var_os("CSM_BENCH_RSS").is_some() {
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let rss = status
                .lines()
                .find(|l| l.starts_with("VmRSS"))
                .unwrap_or("")
                .to_string();
            eprintln!("after {}: {rss} rows {rows_ms:.0}", pane.title());
        }
        figures.push(PaneFigures {
            pane: pane.title().to_string(),
            rows_ms,
            keys: key_times(moves),
            write,
            write_what,
        });
        if *pane == Pane::Team {
            figures.push(team_metrics(cockpit, events));
        }
    }
    figures
}

/// The Team pane's Metrics view: from its key to the pictures on screen, then each
/// key to the next (or last) CSM's pictures, read afresh, and back to the table.
fn team_metrics(cockpit: &mut Headless, events: &Receiver<Event>) -> PaneFigures {
    press(cockpit, events, "g");
    let rows_ms = ms(press(cockpit, events, "m"));
    let mut moves = Vec::new();
    for k in ["j"; 5].iter().chain(&["k"; 5]) {
        moves.push(press(cockpit, events, k));
    }
    press(cockpit, events, "m");
    rss("  Team metrics moved through");
    PaneFigures {
        pane: "Team metrics".into(),
        rows_ms,
        keys: key_times(moves),
        write: None,
        write_what: String::new(),
    }
}

/// With CSM_BENCH_RSS set, says on stderr how much memory the process holds now: where
/// the peak comes from.
pub fn rss(at: &str) {
    if std::env::var_os("CSM_BENCH_RSS").is_some() {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let rss: Vec<String> = status
            .lines()
            .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        eprintln!("{at}: {}", rss.join(", "));
    }
}
