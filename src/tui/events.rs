//! The loop's one queue: keys, mouse, resizes, ticks and the results of background work
//! all arrive here, so a result is drawn the moment it lands.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self as term, KeyEvent, MouseEvent};

use super::Opened;
use crate::book::today::Queue;

pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize,
    /// Time to look whether the book changed elsewhere.
    Tick,
    /// Today's queue, read on a connection of its own: which read, and what it found.
    Today(u64, Result<Queue, String>),
    /// Every account as the Portfolio lists it, read on a connection of its own: which
    /// read, and the list built from it.
    Portfolio(
        u64,
        Result<Box<crate::tui::panes::portfolio::PortfolioList>, String>,
    ),
    /// The first rows of a whole team's queue, while the rest of the book is read.
    TodayFirstRows(u64, Queue),
    /// Some accounts' part of Today's queue, each read alone after a change to them.
    TodayAccounts(u64, Result<Vec<(i64, Queue)>, String>),
    /// The Renewals pane's next 120 days read whole, on a connection of its own: which
    /// read, and what it found.
    Renewals(u64, Result<Box<crate::tui::panes::renewals::Whole>, String>),
    /// Every open task's key, read on a connection of its own: which read, and the
    /// list made of them.
    Tasks(u64, Result<Box<crate::tui::panes::tasks::TaskList>, String>),
    /// Every account with a coverage gap, read on a connection of its own: which read,
    /// and what it found.
    Stakeholders(u64, Result<Vec<crate::book::stakeholders::GapRow>, String>),
    /// The Team pane's figures, read on a connection of its own: which read, and what
    /// it found.
    Team(u64, Result<crate::tui::panes::team::TeamFound, String>),
    /// The Team pane's pictures over time for one CSM or the team, read on a connection
    /// of its own: which read, and what it found.
    Trends(u64, Result<Box<crate::domain::trends::Trends>, String>),
    /// The Expansion pane's pipeline and signals, read on a connection of its own:
    /// which read, and what it found.
    Expansion(u64, Result<crate::tui::panes::expansion::Found, String>),
    /// The Onboarding pane's board, read on a connection of its own: which read, and
    /// the accounts in onboarding it found.
    Onboarding(u64, Result<Vec<crate::domain::onboarding::Journey>, String>),
    /// The Advocacy pane's reference pool and latest asks, read on a connection of its
    /// own: which read, and what it found.
    Advocacy(u64, Result<crate::tui::panes::advocacy::Found, String>),
    /// The work done on opening (a recompute, the playbooks) is done.
    Opened(Result<Opened, String>),
    /// Where the team book stands after a background sync.
    Synced(crate::tui::team_sync::TeamState),
    /// The terminal could not be read.
    Failed(String),
}

/// Runs background work so that a panic in it comes back as an error to show, never as
/// a result that does not arrive.
pub fn reported<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|_| Err("the background work stopped unexpectedly".into()))
}

/// Reads from the book on a connection of its own when the book is a file and the loop
/// is running, the result coming back on the loop's queue as `event` makes it (None
/// returned: it is under way); else reads at once and returns what it found.
pub fn read_aside<T: Send + 'static>(
    book: &crate::book::Book,
    events: Option<&Sender<Event>>,
    work: impl FnOnce(&crate::book::Book) -> Result<T, String> + Send + 'static,
    event: impl FnOnce(Result<T, String>) -> Event + Send + 'static,
) -> Option<Result<T, String>> {
    read_on_the_side(book, events, work, event, true)
}

/// [`read_aside`] at the loop's own priority: for what the screen shows at once (the
/// accounts behind the header's counts).
pub fn read_beside<T: Send + 'static>(
    book: &crate::book::Book,
    events: Option<&Sender<Event>>,
    work: impl FnOnce(&crate::book::Book) -> Result<T, String> + Send + 'static,
    event: impl FnOnce(Result<T, String>) -> Event + Send + 'static,
) -> Option<Result<T, String>> {
    read_on_the_side(book, events, work, event, false)
}

/// [`read_aside`] (`behind`) or [`read_beside`], as the caller decides.
pub(crate) fn read_on_the_side<T: Send + 'static>(
    book: &crate::book::Book,
    events: Option<&Sender<Event>>,
    work: impl FnOnce(&crate::book::Book) -> Result<T, String> + Send + 'static,
    event: impl FnOnce(Result<T, String>) -> Event + Send + 'static,
    behind: bool,
) -> Option<Result<T, String>> {
    let (Some(path), Some(events)) = (book.path(), events) else {
        return Some(work(book));
    };
    let (path, events) = (path.to_path_buf(), events.clone());
    std::thread::spawn(move || {
        if behind {
            behind_the_screen();
        }
        let found = reported(|| {
            crate::book::Book::open(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| work(&b))
        });
        let _ = events.send(event(found));
    });
    None
}

/// Lowers this thread's priority (and that of the threads it starts): a read in the
/// background gives way to the keys a person presses meanwhile, which read panes of
/// their own on the same cores.
pub(crate) fn behind_the_screen() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take and return plain integers; a refusal leaves
    // the priority as it was.
    unsafe {
        let thread = libc::gettid() as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, thread, 10);
    }
}

/// Starts the threads that feed the queue: one reads the terminal, one ticks.
pub fn start(tick: Duration) -> (Sender<Event>, Receiver<Event>) {
    let (tx, rx) = mpsc::channel();
    let input = tx.clone();
    std::thread::spawn(move || {
        loop {
            let event = match term::read() {
                Ok(term::Event::Key(k)) => Event::Key(k),
                Ok(term::Event::Mouse(m)) => Event::Mouse(m),
                Ok(term::Event::Resize(..)) => Event::Resize,
                Ok(_) => continue,
                Err(e) => Event::Failed(e.to_string()),
            };
            let failed = matches!(event, Event::Failed(_));
            if input.send(event).is_err() || failed {
                return;
            }
        }
    });
    let ticks = tx.clone();
    std::thread::spawn(move || {
        while ticks.send(Event::Tick).is_ok() {
            std::thread::sleep(tick);
        }
    });
    (tx, rx)
}
