//! The cockpit: a synchronous loop that waits for the next terminal event, turns it into
//! an action through the keymap, updates the app and draws only when something changed;
//! between events it looks, on a short tick, for changes made to the book elsewhere.
//! The terminal is restored on every way out, panics included.

pub mod account_detail;
pub mod action;
pub mod app;
mod brief_app;
pub mod contact_forms;
mod elsewhere;
pub mod goal_forms;
pub mod headless;
pub mod keymap;
pub mod pane;
pub mod portfolio_list;
pub mod portfolio_search;
pub mod portfolio_sort;
pub mod prompt;
pub mod renewal_forms;
pub mod renewal_list;
mod renewals_app;
pub mod stakeholder_pane;
mod stakeholders_app;
pub mod task_list;
mod tasks_app;
mod team_app;
pub mod team_list;
pub mod theme;
mod today_app;
pub mod today_list;
pub mod views;

use color_eyre::Result;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind,
};
use ratatui::crossterm::execute;

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use chrono::NaiveDate;

use crate::book::{Book, Stamp};
use crate::domain::health::HealthRules;
use crate::domain::playbook::Playbook;
use action::Action;
use app::App;

/// Restores the terminal when dropped, whichever way `run` leaves.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// A health recompute running on its own connection while the cockpit shows the last
/// scores.
pub struct Recompute {
    done: Receiver<Result<Opened, String>>,
}

/// What the work on opening did.
struct Opened {
    recomputed: bool,
    tasks: usize,
}

/// What the cockpit does in the background as it opens.
pub struct OnOpen {
    pub path: PathBuf,
    pub rules: HealthRules,
    pub today: NaiveDate,
    /// Health is stale and is recomputed first.
    pub recompute: bool,
    /// Then these playbooks run, signed with this stamp.
    pub playbooks: Vec<Playbook>,
    pub stamp: Stamp,
}

impl Recompute {
    /// Recomputes stale health, then runs the playbooks, on a connection of its own.
    pub fn start(work: OnOpen) -> Recompute {
        let (tx, done) = mpsc::channel();
        std::thread::spawn(move || {
            let result = Book::open(&work.path)
                .and_then(|mut book| {
                    if work.recompute {
                        book.recompute_health(&work.rules, &[work.today])?;
                    }
                    let run = book.run_playbooks(
                        &work.stamp,
                        &work.playbooks,
                        &work.rules,
                        work.today,
                        PLAYBOOK_LOOKBACK_DAYS,
                    )?;
                    Ok(Opened {
                        recomputed: work.recompute,
                        tasks: run.tasks,
                    })
                })
                .map_err(|e| e.to_string());
            let _ = tx.send(result);
        });
        Recompute { done }
    }
}

/// How far back the playbooks run on opening look for events.
pub const PLAYBOOK_LOOKBACK_DAYS: u32 = 30;

/// How often the cockpit asks whether another process changed the book.
const LOOK_ELSEWHERE_EVERY: Duration = Duration::from_millis(250);

thread_local! {
    /// A wait for the book wrote over the status bar outside ratatui: the next frame is
    /// drawn whole.
    static WAITED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Says on the status bar that a write is waiting for another process to finish writing.
/// Called from inside the write, on the loop's thread, so it writes the line itself.
fn show_waiting() {
    use ratatui::crossterm::{cursor, style, terminal};
    use std::io::Write;
    let Ok((width, height)) = terminal::size() else {
        return;
    };
    let text = " waiting for the book: another program is writing to it...";
    let line: String = format!("{text:<w$}", w = width as usize)
        .chars()
        .take(width as usize)
        .collect();
    let mut out = std::io::stdout();
    let _ = ratatui::crossterm::queue!(
        out,
        cursor::SavePosition,
        cursor::MoveTo(0, height.saturating_sub(1)),
        style::SetAttribute(style::Attribute::Reverse),
        style::Print(line),
        style::SetAttribute(style::Attribute::Reset),
        cursor::RestorePosition
    );
    let _ = out.flush();
    WAITED.with(|w| w.set(true));
}

/// Runs the cockpit until the person quits.
pub fn run(mut app: App, mut recompute: Option<Recompute>) -> Result<()> {
    // ratatui's hook restores the screen on a panic; mouse reporting is ours to undo.
    let mut terminal = ratatui::init();
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let _guard = TerminalGuard;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    crate::book::wait::tell_when_noticeable(show_waiting);
    let mut dirty = true;
    let mut looked = std::time::Instant::now();
    loop {
        if WAITED.with(|w| w.replace(false)) {
            terminal.clear()?;
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| app.viewport = views::draw(frame, &app))?;
        }
        if let Some(r) = &recompute {
            app.recomputing = true;
            match r.done.try_recv() {
                Ok(result) => {
                    recompute = None;
                    app.recomputing = false;
                    app.message = match result {
                        Ok(opened) => {
                            let reloaded = app.reload_portfolio();
                            app.reload_tasks();
                            app.refresh_today();
                            // What the cockpit's own background work wrote is not news.
                            app.mark_seen();
                            let health = opened
                                .recomputed
                                .then(|| format!("Health recomputed as of {}", app.today));
                            let tasks = (opened.tasks > 0)
                                .then(|| format!("playbooks added {} tasks", opened.tasks));
                            match reloaded {
                                Err(e) => Some(format!("could not read the portfolio: {e}")),
                                Ok(()) => match (health, tasks) {
                                    (Some(h), Some(t)) => Some(format!("{h}; {t}")),
                                    (h, t) => h.or(t),
                                },
                            }
                        }
                        Err(e) => Some(format!("Background work failed: {e}")),
                    };
                    dirty = true;
                    continue;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => recompute = None,
            }
        }
        if app.poll_today() {
            dirty = true;
            continue;
        }
        if recompute.is_none() && looked.elapsed() >= LOOK_ELSEWHERE_EVERY {
            looked = std::time::Instant::now();
            if app.notice_elsewhere() {
                dirty = true;
                continue;
            }
        }
        let wait = if recompute.is_some() || app.today_pending() {
            Duration::from_millis(100)
        } else {
            LOOK_ELSEWHERE_EVERY
        };
        if !event::poll(wait)? {
            dirty = false;
            continue;
        }
        dirty = match event::read()? {
            Event::Key(key) => app.on_key(&key),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => app.update(Action::ScrollDown),
                MouseEventKind::ScrollUp => app.update(Action::ScrollUp),
                MouseEventKind::Down(_) => click(&mut app, mouse.column, mouse.row),
                _ => false,
            },
            Event::Resize(..) => true,
            _ => false,
        };
        if app.quit {
            return Ok(());
        }
    }
}

/// A click on the tab bar switches pane; a click on a list row selects it.
fn click(app: &mut App, column: u16, row: u16) -> bool {
    match row {
        1 => {
            // Tabs are drawn as " N Title " with one space between, after one space.
            let mut x = 1u16;
            for pane in pane::Pane::ALL {
                let width = pane.title().len() as u16 + 4;
                if column >= x && column < x + width {
                    return app.update(Action::GoTo(pane));
                }
                x += width + 1;
            }
            false
        }
        // Header, tabs, the pane's border, its summary and column headings come first.
        r if r >= 5 => app.update(Action::SelectVisibleRow((r - 5) as usize)),
        _ => false,
    }
}
