//! Waiting for the book. Other processes write the same file (a scheduled import, the
//! command line, a second cockpit, `sqlite3`), so a write that finds the book locked waits
//! for the lock, polling often, for as long as the longest normal write takes; only past
//! a generous limit does it give up, and then it says so in one plain sentence.
//!
//! Every connection of a book calls [`for_lock`] when SQLite finds the book busy. The limit
//! is one for the whole process (`--wait`); a thread can ask to be told once a wait has
//! gone on long enough for a person to notice (the cockpit shows "waiting for the book").

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a write waits for another writer by default: a million-row import holds the
/// lock for a few seconds, so a minute is generous.
pub const DEFAULT_LIMIT: Duration = Duration::from_secs(60);

/// A wait this long is one a person notices.
const NOTICEABLE: Duration = Duration::from_millis(150);

static LIMIT_MS: AtomicU64 = AtomicU64::new(DEFAULT_LIMIT.as_millis() as u64);

thread_local! {
    /// When the wait under way on this thread began.
    static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Called once per noticeable wait on this thread.
    static ON_NOTICEABLE: Cell<Option<fn()>> = const { Cell::new(None) };
    static TOLD: Cell<bool> = const { Cell::new(false) };
}

/// Sets how long a write waits for the lock before giving up, for the whole process.
pub fn set_limit(limit: Duration) {
    LIMIT_MS.store(limit.as_millis() as u64, Ordering::Relaxed);
}

/// How long a write waits for the lock before giving up.
pub fn limit() -> Duration {
    Duration::from_millis(LIMIT_MS.load(Ordering::Relaxed))
}

/// Asks to have `notice` called, on this thread, whenever a wait for the book goes on
/// long enough to notice (once per wait).
pub fn tell_when_noticeable(notice: fn()) {
    ON_NOTICEABLE.with(|n| n.set(Some(notice)));
}

/// The busy handler of every connection: `count` is how many times SQLite has called it
/// for the lock it is after. Returns whether to try again.
pub(crate) fn for_lock(count: i32) -> bool {
    keep_waiting(count, limit())
}

fn keep_waiting(count: i32, limit: Duration) -> bool {
    let now = Instant::now();
    if count == 0 {
        STARTED.with(|s| s.set(Some(now)));
        TOLD.with(|t| t.set(false));
    }
    let started = STARTED.with(|s| s.get()).unwrap_or(now);
    let waited = now - started;
    if waited >= limit {
        return false;
    }
    if waited >= NOTICEABLE
        && !TOLD.with(|t| t.replace(true))
        && let Some(notice) = ON_NOTICEABLE.with(|n| n.get())
    {
        notice();
    }
    // Short sleeps at first: most writes by others take a few milliseconds.
    let pause = match count {
        0..=2 => Duration::from_millis(1),
        3..=5 => Duration::from_millis(5),
        6..=10 => Duration::from_millis(10),
        _ => Duration::from_millis(20),
    };
    std::thread::sleep(pause.min(limit - waited));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_up_only_past_the_limit() {
        let started = Instant::now();
        let mut count = 0;
        while keep_waiting(count, Duration::from_millis(60)) {
            count += 1;
        }
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(60), "{waited:?}");
        assert!(count > 3, "polled {count} times");
    }
}
