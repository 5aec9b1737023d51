//! The backtest's cases: every contract in the book that ended, renewed or churned, with
//! the account's score as it stood `horizon` days before the end, rebuilt from what the
//! book knew on that day.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::evidence::{AccountEvidence, Span, for_each_account};
use crate::book::sql::{date, term};
use crate::book::{Book, BookError};
use crate::domain::health::{BacktestCase, Explain, HealthRules, assess_as};
use crate::domain::vocab::RenewalOutcome;

/// The cases, and the contracts that could not be scored because the book's history
/// does not reach back to `horizon` days before their end.
pub struct Cases {
    pub cases: Vec<BacktestCase>,
    pub before_history: usize,
}

impl Book {
    /// Scores every ended contract as of `horizon_days` before its end.
    pub fn backtest_cases(
        &self,
        rules: &HealthRules,
        horizon_days: u32,
    ) -> Result<Cases, BookError> {
        let mut cases = Vec::new();
        let before_history = for_each_ended(
            self,
            rules,
            horizon_days,
            |account, ended_on, churned, as_of| {
                let a = assess_as(&account.evidence(), rules, as_of, Explain::ScoresOnly);
                cases.push(BacktestCase {
                    account: account.name.clone(),
                    ended_on,
                    score: a.score,
                    band: a.band,
                    churned,
                });
            },
        )?;
        Ok(Cases {
            cases,
            before_history,
        })
    }
}

/// Calls `each` with every contract that ended, renewed or churned: its account's
/// evidence, its end, whether the customer churned, and the day `horizon_days` before
/// the end. Returns how many ended too soon after the book's history began to score.
pub(super) fn for_each_ended(
    book: &Book,
    rules: &HealthRules,
    horizon_days: u32,
    mut each: impl FnMut(&AccountEvidence, NaiveDate, bool, NaiveDate),
) -> Result<usize, BookError> {
    let horizon = Duration::days(i64::from(horizon_days));
    let mut ended: HashMap<i64, Vec<(NaiveDate, bool)>> = HashMap::new();
    let mut stmt = book.conn().prepare(
        "SELECT account_id, ends_on, outcome FROM contracts
         WHERE outcome IS NOT NULL ORDER BY account_id, ends_on",
    )?;
    let mut rows = stmt.query([])?;
    let (mut first, mut last) = (NaiveDate::MAX, NaiveDate::MIN);
    while let Some(r) = rows.next()? {
        let ends_on = date(r, 1)?;
        let outcome: RenewalOutcome = term(r, 2)?;
        first = first.min(ends_on);
        last = last.max(ends_on);
        ended
            .entry(r.get(0)?)
            .or_default()
            .push((ends_on, outcome == RenewalOutcome::Churned));
    }
    let mut before_history = 0;
    if ended.is_empty() {
        return Ok(before_history);
    }
    let span = Span {
        from: first - horizon,
        to: last - horizon,
        touch_history: true,
    };
    let recent = Duration::days(i64::from(rules.windows.usage_days));
    for_each_account(book.conn(), rules, span, None, |account| {
        let Some(contracts) = ended.get(&account.id) else {
            return Ok(());
        };
        let history_starts = account.usage.first().map(|w| w.week_start + recent);
        for &(ends_on, churned) in contracts {
            let as_of = ends_on - horizon;
            if history_starts.is_none_or(|start| as_of < start) {
                before_history += 1;
                continue;
            }
            each(account, ends_on, churned, as_of);
        }
        Ok(())
    })?;
    Ok(before_history)
}
