//! Opening an opportunity and moving it through its stages, each one journaled change. A
//! won opportunity joins the account's contract from the day it was won: the term's ARR
//! and the account's grow by its ARR, and an `arr_changes` row says from when, so NRR and
//! expansion ARR count it from that day and not before.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::super::write::{Entity, Stamp};
use super::super::{Book, BookError};
use crate::domain::Money;
use crate::domain::vocab::{OpportunityKind, OpportunityStage};

/// An opportunity a person opens.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOpportunity {
    pub account_id: i64,
    pub kind: OpportunityKind,
    pub title: String,
    pub arr: Money,
    pub close_on: Option<NaiveDate>,
    /// The signal it answers, if it came from one (`seats_nearly_used`, ...).
    pub signal: Option<String>,
}

impl Book {
    /// Opens an opportunity at `identified`, as of `today`; returns its id.
    pub fn open_opportunity(
        &mut self,
        stamp: &Stamp,
        new: &NewOpportunity,
        today: NaiveDate,
    ) -> Result<i64, BookError> {
        if new.title.trim().is_empty() {
            return Err(BookError::Invalid("an opportunity needs a title".into()));
        }
        if new.arr.cents <= 0 {
            return Err(BookError::Invalid(
                "an opportunity's ARR must be more than nothing".into(),
            ));
        }
        let account: String = self
            .conn()
            .query_row(
                "SELECT name FROM accounts WHERE id = ?1",
                [new.account_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| BookError::Invalid(format!("there is no account {}", new.account_id)))?;
        let summary = format!(
            "{account}: opportunity opened, {} ({})",
            new.title.trim(),
            new.arr.short()
        );
        self.write(stamp, |change| {
            change.insert(
                Entity::Opportunity,
                &[
                    ("account_id", &new.account_id),
                    ("kind", &new.kind.as_str()),
                    ("title", &new.title.trim()),
                    ("arr_cents", &new.arr.cents),
                    ("currency", &new.arr.currency.code()),
                    ("stage", &OpportunityStage::Identified.as_str()),
                    ("expected_close_on", &new.close_on.map(|d| d.to_string())),
                    ("opened_on", &today.to_string()),
                    ("signal", &new.signal),
                ],
                &summary,
            )
        })
    }

    /// Moves an opportunity to `stage` on `on`. Won and lost close it on that day; a won
    /// one joins the account's contract in force from then (or the last one, past its end
    /// with its renewal undecided), refused when there is none or its currency differs.
    /// A closed opportunity stays closed: an undo takes a mistaken close back.
    pub fn move_opportunity(
        &mut self,
        stamp: &Stamp,
        id: i64,
        stage: OpportunityStage,
        on: NaiveDate,
    ) -> Result<(), BookError> {
        let deal = self
            .deal(id)?
            .ok_or_else(|| BookError::Invalid(format!("there is no opportunity {id}")))?;
        if !deal.is_open() {
            return Err(BookError::Invalid(format!(
                "{} is already {}: undo (u) takes a mistaken close back",
                deal.title, deal.stage
            )));
        }
        if deal.stage == stage {
            return Err(BookError::Invalid(format!(
                "{} is already {stage}",
                deal.title
            )));
        }
        let closes = matches!(stage, OpportunityStage::Won | OpportunityStage::Lost);
        // The term a won expansion joins: the one in force that day, else one past
        // its end whose renewal is undecided (its ARR still paid), the latest to start.
        let contract: Option<(i64, i64)> = if stage == OpportunityStage::Won {
            let found: Option<(i64, i64, String)> = self
                .conn()
                .query_row(
                    "SELECT id, arr_cents, currency FROM contracts
                     WHERE account_id = ?1 AND starts_on <= ?2
                       AND (ends_on > ?2 OR outcome IS NULL)
                     ORDER BY ends_on > ?2 DESC, starts_on DESC, id DESC LIMIT 1",
                    rusqlite::params![deal.account_id, on.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (id, arr, currency) = found.ok_or_else(|| {
                BookError::Invalid(format!(
                    "{} has no contract in force on {on} for the expansion to join: add its contract first",
                    deal.account
                ))
            })?;
            if currency != deal.arr.currency.code() {
                return Err(BookError::Invalid(format!(
                    "{} is in {} but {}'s contract is in {currency}: set its ARR in {currency} first",
                    deal.title,
                    deal.arr.currency.code(),
                    deal.account
                )));
            }
            Some((id, arr))
        } else {
            None
        };
        let summary = format!(
            "{}: {} {} ({})",
            deal.account,
            deal.title,
            stage.label(),
            deal.arr.short()
        );
        self.write(stamp, |change| {
            change.update(
                Entity::Opportunity,
                id,
                &[
                    ("stage", &stage.as_str()),
                    ("closed_on", &closes.then(|| on.to_string())),
                ],
                &summary,
            )?;
            if let Some((contract, arr)) = contract {
                let grown = format!("{}: ARR up {} from {on}", deal.account, deal.arr.short());
                change.set(
                    Entity::Contract,
                    contract,
                    "arr_cents",
                    &(arr + deal.arr.cents),
                    &grown,
                )?;
                let account_arr: i64 = change.tx().query_row(
                    "SELECT arr_cents FROM accounts WHERE id = ?1",
                    [deal.account_id],
                    |r| r.get(0),
                )?;
                change.set(
                    Entity::Account,
                    deal.account_id,
                    "arr_cents",
                    &(account_arr + deal.arr.cents),
                    &grown,
                )?;
                change.insert(
                    Entity::ArrChange,
                    &[
                        ("account_id", &deal.account_id),
                        ("contract_id", &contract),
                        ("effective_on", &on.to_string()),
                        ("arr_delta_cents", &deal.arr.cents),
                        ("opportunity_id", &id),
                    ],
                    &grown,
                )?;
            }
            Ok(())
        })
    }
}
