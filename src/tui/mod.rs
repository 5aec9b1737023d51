//! The cockpit: a synchronous loop that blocks on the next terminal event, turns it into
//! an action through the keymap, updates the app and draws only when something changed.
//! The terminal is restored on every way out, panics included.

pub mod account_detail;
pub mod action;
pub mod app;
pub mod contact_forms;
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
pub mod team_list;
pub mod theme;
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

use crate::book::Book;
use crate::book::health::Recomputed;
use crate::domain::health::HealthRules;
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
    done: Receiver<Result<Recomputed, String>>,
}

impl Recompute {
    pub fn start(path: PathBuf, rules: HealthRules, today: NaiveDate) -> Recompute {
        let (tx, done) = mpsc::channel();
        std::thread::spawn(move || {
            let result = Book::open(&path)
                .and_then(|mut book| book.recompute_health(&rules, &[today]))
                .map_err(|e| e.to_string());
            let _ = tx.send(result);
        });
        Recompute { done }
    }
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
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| app.viewport = views::draw(frame, &app))?;
        }
        if let Some(r) = &recompute {
            app.recomputing = true;
            match r.done.try_recv() {
                Ok(result) => {
                    recompute = None;
                    app.recomputing = false;
                    app.message = Some(match result.map(|_| app.reload_portfolio()) {
                        Ok(Ok(())) => format!("Health recomputed as of {}", app.today),
                        Ok(Err(e)) => format!("Health not recomputed: {e}"),
                        Err(e) => format!("Health not recomputed: {e}"),
                    });
                    dirty = true;
                    continue;
                }
                Err(mpsc::TryRecvError::Empty) => {
                    if !event::poll(Duration::from_millis(100))? {
                        dirty = false;
                        continue;
                    }
                }
                Err(mpsc::TryRecvError::Disconnected) => recompute = None,
            }
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
