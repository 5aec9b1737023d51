//! The cockpit: a loop over one queue of events (keys, mouse, resizes, ticks and the
//! results of background work), each handed to the app, drawing only when something
//! changed; on each tick it looks for changes made to the book elsewhere. The terminal is
//! restored on every way out, panics included.

pub mod action;
pub mod app;
pub mod context;
mod elsewhere;
pub mod events;
pub mod headless;
pub mod keys;
pub mod overlays;
pub mod pane;
pub mod panes;
pub mod team_sync;
pub mod views;
pub mod widgets;

use color_eyre::Result;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, MouseEventKind};
use ratatui::crossterm::execute;

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

use chrono::NaiveDate;

use crate::book::{Book, Stamp};
use crate::domain::health::HealthRules;
use crate::domain::playbook::Playbook;
use action::Action;
use app::App;
use events::Event;

/// Restores the terminal when dropped, whichever way `run` leaves.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// What the work on opening did.
pub struct Opened {
    recomputed: bool,
    tasks: usize,
    /// Tasks that closed themselves (done on the renewal checklist, or moot).
    closed: usize,
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

/// Recomputes stale health, lets the tasks whose reason is gone close themselves, then
/// runs the playbooks, on a connection of its own; the result arrives on the loop's
/// queue. The settling and the run are skipped when nothing happened since the last
/// opening's on the same day.
fn start_on_open(work: OnOpen, events: Sender<Event>) {
    std::thread::spawn(move || {
        let result = events::reported(|| {
            Book::open(&work.path)
                .and_then(|mut book| {
                    if work.recompute {
                        book.recompute_health(&work.rules, &[work.today])?;
                    }
                    // Nothing new since the last opening's run today: leave them be.
                    let mark = |book: &Book| -> Result<String, crate::book::BookError> {
                        Ok(format!(
                            "{}|{}|{}",
                            work.today,
                            book.last_journal_id()?,
                            playbooks_fingerprint(&work.playbooks)
                        ))
                    };
                    let (mut tasks, mut closed) = (0, 0);
                    if !book.playbooks_settled(&mark(&book)?)? {
                        let sweep = book.settle_tasks(&work.stamp, &work.playbooks, work.today)?;
                        let run = book.run_playbooks(
                            &work.stamp,
                            &work.playbooks,
                            &work.rules,
                            work.today,
                            PLAYBOOK_LOOKBACK_DAYS,
                        )?;
                        (tasks, closed) = (run.tasks, sweep.closed.len());
                        let now = mark(&book)?;
                        book.mark_playbooks_settled(&now)?;
                    }
                    Ok(Opened {
                        recomputed: work.recompute,
                        tasks,
                        closed,
                    })
                })
                .map_err(|e| e.to_string())
        });
        let _ = events.send(Event::Opened(result));
    });
}

/// A fingerprint of the playbooks in force: a change to any of them is something new.
fn playbooks_fingerprint(playbooks: &[Playbook]) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    serde_json::to_string(playbooks)
        .unwrap_or_default()
        .hash(&mut h);
    h.finish()
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
pub fn run(mut app: App, on_open: Option<OnOpen>) -> Result<()> {
    // ratatui's hook restores the screen on a panic; mouse reporting is ours to undo. A
    // panic in background work comes back on the status bar instead (`events::reported`),
    // so it leaves the screen as it is.
    let mut terminal = ratatui::init();
    let ratatui_hook = std::panic::take_hook();
    let ui = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != ui {
            return;
        }
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let _guard = TerminalGuard;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    crate::book::wait::tell_when_noticeable(show_waiting);
    let (tx, events) = events::start(LOOK_ELSEWHERE_EVERY);
    app.cx.events = Some(tx.clone());
    // A cockpit opened before its accounts were read reads them now, beside Today.
    app.begin();
    let mut opening = on_open.is_some();
    if let Some(work) = on_open {
        app.cx.recomputing = true;
        start_on_open(work, tx.clone());
    }
    if let Some((path, address)) = app.team_book_address() {
        let work = team_sync::Syncing {
            path,
            address,
            rules: app.cx.rules.clone(),
            today: app.cx.today,
        };
        team_sync::start(work, tx.clone());
    }
    // The first pane reads its queue now that results have somewhere to go.
    app.go_to(app.pane);
    let mut dirty = true;
    loop {
        // The waiting notice was written over the bottom line behind ratatui's back. A
        // frame with that line filled with figure spaces (blank, but unlike any cell drawn
        // before) makes the next frame write every cell of it again. (`Terminal::clear`
        // would ask the terminal where its cursor is, and the key reader takes the answer.)
        if WAITED.with(|w| w.replace(false)) {
            terminal.draw(|frame| {
                let area = frame.area();
                let bottom = ratatui::layout::Rect {
                    y: area.bottom().saturating_sub(1),
                    height: 1,
                    ..area
                };
                let blank = "\u{2007}".repeat(area.width as usize);
                frame.render_widget(ratatui::widgets::Paragraph::new(blank), bottom);
            })?;
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| app.cx.viewport = views::draw(frame, &app))?;
        }
        let Ok(event) = events.recv() else {
            return Ok(());
        };
        dirty = match event {
            Event::Key(key) => app.on_key(&key),
            // The mouse works the rooms; over a form, the palette or the help it waits.
            Event::Mouse(_) if app.typing_or_reading() => false,
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => app.update(Action::ScrollDown),
                MouseEventKind::ScrollUp => app.update(Action::ScrollUp),
                MouseEventKind::Down(_) => click(&mut app, mouse.column, mouse.row),
                _ => false,
            },
            Event::Resize => true,
            Event::Opened(_) => {
                opening = false;
                app.take_background(event)
            }
            Event::Today(..)
            | Event::Portfolio(..)
            | Event::TodayFirstRows(..)
            | Event::TodayAccounts(..)
            | Event::Renewals(..)
            | Event::Tasks(..)
            | Event::Stakeholders(..)
            | Event::Team(..)
            | Event::Trends(..)
            | Event::Expansion(..)
            | Event::Onboarding(..)
            | Event::Advocacy(..) => app.take_background(event),
            // While the work on opening writes, its commits are not news.
            Event::Tick if opening => false,
            // The palette numbers the accounts as they were read: the book is looked at
            // again once it closes.
            Event::Tick if app.mode() == app::Mode::Palette => false,
            Event::Tick => {
                app.warm_palette();
                app.notice_elsewhere()
            }
            Event::Synced(state) => app.synced(state),
            Event::Failed(e) => return Err(color_eyre::eyre::eyre!("the terminal: {e}")),
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
        // Below them, the room says where its rows begin.
        r => match app.top_room().first_row() {
            Some(first) if r >= first => app.update(Action::SelectRow((r - first) as usize)),
            _ => false,
        },
    }
}
