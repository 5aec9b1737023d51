//! What a CSM records about a renewal, each through the journaled write path: a motion
//! step done (and the task that completes it with it), the forecast, and the outcome
//! (which closes the term and opens the next, or marks the account churned).

use chrono::{Months, NaiveDate};
use rusqlite::OptionalExtension;

use crate::book::settle::ClosedTask;
use crate::book::write::{Entity, Stamp};
use crate::book::{Book, BookError};
use crate::domain::records::{Forecast, Outcome};
use crate::domain::renewal::Step;
use crate::domain::vocab::RenewalOutcome;

/// The contract's account, name, renewal date and currency.
struct Term {
    account_id: i64,
    account: String,
    ends_on: String,
    currency: String,
    outcome: Option<String>,
}

impl Book {
    fn term(&self, contract: i64) -> Result<Term, BookError> {
        self.conn()
            .query_row(
                "SELECT c.account_id, a.name, c.ends_on, c.currency, c.outcome
                 FROM contracts c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?1",
                [contract],
                |r| {
                    Ok(Term {
                        account_id: r.get(0)?,
                        account: r.get(1)?,
                        ends_on: r.get(2)?,
                        currency: r.get(3)?,
                        outcome: r.get(4)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| BookError::Invalid(format!("no contract #{contract}")))
    }

    /// Ticks a motion step of a contract's renewal, in the same change doing the open
    /// task that completes it and closing the tasks it makes moot; false if it was
    /// already done.
    pub fn mark_step(
        &mut self,
        stamp: &Stamp,
        contract: i64,
        step: Step,
        today: NaiveDate,
    ) -> Result<bool, BookError> {
        Ok(self.tick_step(stamp, contract, step, today)?.is_some())
    }

    /// Ticks a motion step as `mark_step` does, and returns the tasks that closed with
    /// it; None if it was already done.
    pub fn tick_step(
        &mut self,
        stamp: &Stamp,
        contract: i64,
        step: Step,
        today: NaiveDate,
    ) -> Result<Option<Vec<ClosedTask>>, BookError> {
        let term = self.term(contract)?;
        let done: bool = self.conn().query_row(
            "SELECT count(*) > 0 FROM renewal_steps WHERE contract_id = ?1 AND step = ?2",
            rusqlite::params![contract, step.as_str()],
            |r| r.get(0),
        )?;
        if done {
            return Ok(None);
        }
        self.write(stamp, |change| {
            change.insert(
                Entity::RenewalStep,
                &[
                    ("contract_id", &contract),
                    ("step", &step.as_str()),
                    ("done_on", &today.to_string()),
                    ("done_by", &stamp.actor),
                ],
                &format!("{}: renewal step done: {}", term.account, step.label()),
            )?;
            // The task that completes it is done; tasks it leaves behind close.
            change.settle_account(term.account_id, today)
        })
        .map(Some)
    }

    /// Unticks the motion step of a contract's renewal ticked last (a slip of the
    /// finger); returns it, or None when none was ticked.
    pub fn untick_last_step(
        &mut self,
        stamp: &Stamp,
        contract: i64,
    ) -> Result<Option<Step>, BookError> {
        let term = self.term(contract)?;
        let last: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT id, step FROM renewal_steps WHERE contract_id = ?1
                 ORDER BY id DESC LIMIT 1",
                [contract],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, step)) = last else {
            return Ok(None);
        };
        let step = Step::parse(&step);
        let label = step.map_or("a step", Step::label);
        self.write(stamp, |change| {
            change.delete(
                Entity::RenewalStep,
                id,
                &format!("{}: renewal step undone: {label}", term.account),
            )?;
            // A task done by ticking it is open again.
            if let Some(step) = step {
                change.reopen_for_unticked(term.account_id, step)?;
            }
            Ok(())
        })?;
        Ok(step)
    }

    /// Sets the CSM's forecast of a contract's renewal.
    pub fn set_forecast(
        &mut self,
        stamp: &Stamp,
        contract: i64,
        forecast: &Forecast,
    ) -> Result<(), BookError> {
        let term = self.term(contract)?;
        if forecast.arr.cents < 0 {
            return Err(BookError::Invalid(
                "a forecast's ARR cannot be negative".into(),
            ));
        }
        let summary = format!(
            "{}: forecast {} {}",
            term.account,
            forecast.category.label(),
            forecast.confidence.label()
        );
        self.write(stamp, |change| {
            change.update(
                Entity::Contract,
                contract,
                &[
                    ("forecast_category", &forecast.category.as_str()),
                    ("forecast_confidence", &forecast.confidence.as_str()),
                    ("forecast_arr_cents", &forecast.arr.cents),
                ],
                &summary,
            )
        })
    }

    /// Records what a renewal did. A renewal that kept the customer closes this term
    /// and opens the next (a year from the renewal date, at the new ARR, which becomes
    /// the account's); a churn marks the account churned on the outcome's date. The
    /// renewal's tasks still open close themselves, as of `today`.
    /// Returns the next term's contract id, if one was opened.
    pub fn record_outcome(
        &mut self,
        stamp: &Stamp,
        contract: i64,
        outcome: &Outcome,
        today: NaiveDate,
    ) -> Result<Option<i64>, BookError> {
        let term = self.term(contract)?;
        if let Some(done) = &term.outcome {
            return Err(BookError::Invalid(format!(
                "{}'s renewal already has its outcome ({done})",
                term.account
            )));
        }
        if outcome.arr.cents < 0 {
            return Err(BookError::Invalid(
                "an outcome's ARR cannot be negative".into(),
            ));
        }
        let starts: NaiveDate = term
            .ends_on
            .parse()
            .map_err(|_| BookError::Invalid(format!("contract #{contract} has no valid end")))?;
        let summary = format!(
            "{}: renewal {} on {}",
            term.account,
            outcome.kind.label(),
            outcome.on
        );
        let (reason, note) = match outcome.kind.is_loss() {
            true => (outcome.reason.as_deref(), outcome.note.as_deref()),
            false => (None, None),
        };
        let summary = match reason {
            Some(reason) => format!("{summary} ({reason})"),
            None => summary,
        };
        self.write(stamp, |change| {
            change.update(
                Entity::Contract,
                contract,
                &[
                    ("outcome", &outcome.kind.as_str()),
                    ("outcome_on", &outcome.on.to_string()),
                    ("outcome_arr_cents", &outcome.arr.cents),
                    ("outcome_reason", &reason),
                    ("outcome_note", &note),
                ],
                &summary,
            )?;
            if outcome.kind == RenewalOutcome::Churned {
                change.set(
                    Entity::Account,
                    term.account_id,
                    "churned_on",
                    &outcome.on.to_string(),
                    &summary,
                )?;
                change.settle_account(term.account_id, today)?;
                return Ok(None);
            }
            change.set(
                Entity::Account,
                term.account_id,
                "arr_cents",
                &outcome.arr.cents,
                &summary,
            )?;
            let ends = starts + Months::new(12);
            let next = change.insert(
                Entity::Contract,
                &[
                    ("account_id", &term.account_id),
                    ("starts_on", &starts.to_string()),
                    ("ends_on", &ends.to_string()),
                    ("arr_cents", &outcome.arr.cents),
                    ("currency", &term.currency),
                ],
                &format!("{}: next term to {ends}", term.account),
            )?;
            // The renewal's tasks still open close: it has its outcome.
            change.settle_account(term.account_id, today)?;
            Ok(Some(next))
        })
    }
}
