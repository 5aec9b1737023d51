//! Keeping health scores current for the commands that read them: today's scores
//! recomputed when stale, and a first import given a year of weekly history; each says
//! on stderr what it did and how long it took.

use std::time::Instant;

use chrono::NaiveDate;
use color_eyre::Result;

use crate::book::Book;
use crate::domain::health::HealthRules;

/// Recomputes today's scores unless they are current; says so on stderr.
pub fn ensure_current(book: &mut Book, rules: &HealthRules, today: NaiveDate) -> Result<()> {
    if book.health_is_current(rules, today)? {
        return Ok(());
    }
    let started = Instant::now();
    let done = book.recompute_health(rules, &[today])?;
    eprintln!(
        "recomputed the health of {} accounts as of {today} in {:.2}s",
        done.accounts,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Weeks of health history scored when a book has none yet (a first import): a year,
/// as the demo book starts with, so trends, sparklines and the backtest mean something
/// from the first day.
pub const FIRST_HISTORY_WEEKS: i64 = 52;

/// After an import: a book without a history of scores gets one, scored week by week
/// from what it now holds; else today's scores are brought up to date.
pub fn after_import(book: &mut Book, rules: &HealthRules, today: NaiveDate) -> Result<()> {
    let history_from = today - chrono::Duration::weeks(FIRST_HISTORY_WEEKS);
    let has_history = book
        .first_scored_day()?
        .is_some_and(|first| first <= today - chrono::Duration::days(30));
    if has_history {
        return ensure_current(book, rules, today);
    }
    let started = Instant::now();
    let days: Vec<NaiveDate> = (0..=FIRST_HISTORY_WEEKS)
        .rev()
        .map(|w| today - chrono::Duration::weeks(w))
        .collect();
    let done = book.recompute_health(rules, &days)?;
    eprintln!(
        "scored the health of {} accounts week by week from {history_from} to {today} (the book had no history yet) in {:.2}s",
        done.accounts,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
