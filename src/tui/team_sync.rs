//! Syncing in the background while the cockpit is open: a thread of its own, with a
//! book connection of its own, pushes as soon as this cockpit (or anyone on this
//! machine) changes the book, pulls as soon as the team book says someone pushed
//! (PostgreSQL's LISTEN), and otherwise every few seconds; while the team book cannot be
//! reached it tries again and the cockpit works on unchanged. Each sync's outcome goes
//! to the loop's queue for the status bar; what it pulled reaches the panes as any
//! change made elsewhere does.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;

use super::events::{Event, behind_the_screen};
use crate::book::Book;
use crate::book::team_sync::apply::rescore;
use crate::book::team_sync::outbox;
use crate::domain::health::HealthRules;
use crate::team_book::{Address, connect, sync::sync};

/// The longest a cockpit goes without asking the team book, and how often it looks
/// whether the book changed here or the team book spoke.
const AT_LEAST_EVERY: Duration = Duration::from_secs(15);
const LOOK_EVERY: Duration = Duration::from_millis(50);

/// Where the team book stands, as the status bar tells it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TeamState {
    /// When the last sync ended (local time, HH:MM:SS), if one has.
    pub synced_at: Option<String>,
    /// Why the team book cannot be reached now, if it cannot.
    pub offline: Option<String>,
    /// Rows changed here waiting to be pushed.
    pub pending: i64,
    /// Conflicts waiting for a choice.
    pub conflicts: usize,
    /// What the last sync moved: pushed, and the team's changes pulled.
    pub moved: (usize, usize),
}

/// The counts the status bar shows, read from the book.
fn counts(book: &Book, state: &mut TeamState) {
    state.pending = outbox::pending(book).unwrap_or(state.pending);
    state.conflicts = book
        .open_conflicts()
        .map(|c| c.len())
        .unwrap_or(state.conflicts);
}

/// What the thread needs besides the book: where the team book is, and what to score
/// the accounts the team's changes touch with.
pub struct Syncing {
    pub path: PathBuf,
    pub address: Address,
    pub rules: HealthRules,
    pub today: NaiveDate,
}

/// Starts syncing the book at `path` with the team book at `address`.
pub fn start(work: Syncing, events: Sender<Event>) {
    let Syncing {
        path,
        address,
        rules,
        today,
    } = work;
    std::thread::spawn(move || {
        behind_the_screen();
        let mut book = match Book::open(&path) {
            Ok(book) => book,
            Err(e) => {
                let _ = events.send(Event::Synced(TeamState {
                    offline: Some(e.to_string()),
                    ..TeamState::default()
                }));
                return;
            }
        };
        let shown = address.to_string();
        let mut client: Option<Client> = None;
        let mut state = TeamState::default();
        loop {
            // Read before the sync: a change made here while it runs is then still news.
            let seen = book.data_version().ok();
            if client.is_none() {
                match connect(&address) {
                    Ok(mut c) => {
                        let _ = c.batch_execute("LISTEN csm_changes");
                        client = Some(c);
                    }
                    Err(e) => state.offline = Some(e.to_string()),
                }
            }
            if let Some(c) = client.as_mut() {
                match sync(c, &mut book, &shown) {
                    Ok(s) => {
                        state.offline = None;
                        state.synced_at = Some(Local::now().format("%H:%M:%S").to_string());
                        state.moved = (s.pushed, s.pulled);
                        if let Err(e) = rescore(&mut book, &rules, today, &s.applied.accounts) {
                            state.offline = Some(format!("scoring the team's changes: {e}"));
                        }
                    }
                    Err(e) => {
                        state.offline = Some(e.to_string());
                        client = None;
                    }
                }
            }
            counts(&book, &mut state);
            if events.send(Event::Synced(state.clone())).is_err() {
                return;
            }
            wait(&book, seen, client.as_mut());
        }
    });
}

/// Waits until the book changes here (since `seen`), the team book says someone pushed,
/// or long enough has passed.
fn wait(book: &Book, seen: Option<i64>, mut client: Option<&mut Client>) {
    let until = Instant::now() + AT_LEAST_EVERY;
    while Instant::now() < until {
        match client.as_deref_mut() {
            Some(c) => {
                let mut heard = c.notifications();
                let mut told = heard.timeout_iter(LOOK_EVERY);
                // Someone pushed, or the connection is gone: sync now either way.
                if !matches!(told.next(), Ok(None)) {
                    return;
                }
            }
            None => std::thread::sleep(LOOK_EVERY),
        }
        if book.data_version().ok() != seen {
            return;
        }
    }
}
