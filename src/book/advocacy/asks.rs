//! The reference asks: each one logged as a journaled change, its answer another, and a
//! given one moving the person up the advocacy ladder and dating their last reference
//! in the same change; and the log read back, latest first.

use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::super::sql::{date, opt_date, owned_by, term};
use super::super::write::{Entity, Stamp};
use super::super::{Book, BookError};
use crate::domain::advocacy::after_given;
use crate::domain::vocab::{AdvocacyTier, AskKind, AskOutcome};

/// An ask a CSM makes of a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAsk {
    pub contact_id: i64,
    pub kind: AskKind,
    /// What it is for, in the requester's words.
    pub request: String,
    /// When sales needs the answer.
    pub due_on: Option<NaiveDate>,
}

/// One ask in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskRow {
    pub id: i64,
    pub contact_id: i64,
    pub contact: String,
    pub account_id: i64,
    pub account: String,
    pub owner: Option<Arc<str>>,
    pub kind: AskKind,
    pub request: String,
    pub asked_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub outcome: Option<AskOutcome>,
    pub outcome_on: Option<NaiveDate>,
}

impl Book {
    /// Logs an ask of a reference on `today`; returns its id.
    pub fn ask_reference(
        &mut self,
        stamp: &Stamp,
        ask: &NewAsk,
        today: NaiveDate,
    ) -> Result<i64, BookError> {
        let (name, account, account_name, referenceable): (String, i64, String, bool) = self
            .conn()
            .query_row(
                "SELECT c.name, a.id, a.name, c.referenceable FROM contacts c
                 JOIN accounts a ON a.id = c.account_id WHERE c.id = ?1",
                [ask.contact_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| BookError::Invalid(format!("there is no contact {}", ask.contact_id)))?;
        if !referenceable {
            return Err(BookError::Invalid(format!(
                "{name} has not agreed to be a reference: ask them first, then mark them referenceable"
            )));
        }
        if ask.due_on.is_some_and(|d| d < today) {
            return Err(BookError::Invalid("an ask is due today or later".into()));
        }
        let actor = stamp.actor.clone();
        self.write(stamp, |change| {
            change.insert(
                Entity::ReferenceAsk,
                &[
                    ("contact_id", &ask.contact_id),
                    ("account_id", &account),
                    ("kind", &ask.kind.as_str()),
                    ("request", &ask.request.trim()),
                    ("asked_on", &today.to_string()),
                    ("due_on", &ask.due_on.map(|d| d.to_string())),
                    ("asked_by", &actor),
                ],
                &format!("{account_name}: {name} asked for a {}", ask.kind.label()),
            )
        })
    }

    /// Records how an ask went on `today`. A given one moves the person up the ladder
    /// and dates their last reference, in the same change. An ask answered already is
    /// refused.
    pub fn answer_ask(
        &mut self,
        stamp: &Stamp,
        ask: i64,
        outcome: AskOutcome,
        today: NaiveDate,
    ) -> Result<Option<AdvocacyTier>, BookError> {
        // The contact, their name, the account's, the kind, any answer, their tier.
        type Asked = (i64, String, String, String, Option<String>, Option<String>);
        let found: Option<Asked> = self
            .conn()
            .query_row(
                "SELECT c.id, c.name, a.name, r.kind, r.outcome, c.advocacy
                 FROM reference_asks r JOIN contacts c ON c.id = r.contact_id
                 JOIN accounts a ON a.id = r.account_id WHERE r.id = ?1",
                [ask],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((contact, name, account, kind, answered, tier)) = found else {
            return Err(BookError::Invalid(format!(
                "there is no reference ask {ask}"
            )));
        };
        if let Some(was) = answered {
            return Err(BookError::Invalid(format!(
                "{name}'s ask was answered already: {was}"
            )));
        }
        let kind: AskKind = kind
            .parse()
            .map_err(|e: crate::domain::vocab::UnknownTerm| BookError::Invalid(e.to_string()))?;
        let tier: Option<AdvocacyTier> = tier.and_then(|t| t.parse().ok());
        self.write(stamp, |change| {
            change.update(
                Entity::ReferenceAsk,
                ask,
                &[
                    ("outcome", &outcome.as_str()),
                    ("outcome_on", &today.to_string()),
                ],
                &format!("{account}: {name}'s {} {}", kind.label(), outcome.label()),
            )?;
            if outcome != AskOutcome::Given {
                return Ok(None);
            }
            let up = after_given(tier, kind);
            change.update(
                Entity::Contact,
                contact,
                &[
                    ("advocacy", &up.as_str()),
                    ("last_reference_on", &today.to_string()),
                ],
                &format!(
                    "{account}: {name} is now {} on the advocacy ladder",
                    up.label()
                ),
            )?;
            Ok(Some(up))
        })
    }

    /// The asks of `owner`'s accounts (or everyone's), latest first, at most `limit`.
    pub fn reference_asks(
        &self,
        owner: Option<&str>,
        limit: usize,
    ) -> Result<Vec<AskRow>, BookError> {
        self.asks_where(owner, "1", limit)
    }

    /// How many asks of `owner`'s accounts (or everyone's) await an answer.
    pub fn asks_awaited(&self, owner: Option<&str>) -> Result<usize, BookError> {
        let n: i64 = self.conn().query_row(
            &format!(
                "SELECT count(*) FROM reference_asks r JOIN accounts a ON a.id = r.account_id
                 WHERE r.outcome IS NULL AND {}",
                owned_by("a.owner_id", "?1")
            ),
            [owner],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// The asks awaiting an answer due by `by`, soonest first.
    pub fn asks_due(&self, owner: Option<&str>, by: NaiveDate) -> Result<Vec<AskRow>, BookError> {
        self.asks_where(
            owner,
            &format!("r.outcome IS NULL AND r.due_on <= '{by}'"),
            10_000,
        )
    }

    fn asks_where(
        &self,
        owner: Option<&str>,
        filter: &str,
        limit: usize,
    ) -> Result<Vec<AskRow>, BookError> {
        let order = if filter == "1" {
            "r.asked_on DESC, r.id DESC"
        } else {
            "r.due_on, r.id"
        };
        let sql = format!(
            "SELECT r.id, c.id, c.name, a.id, a.name, m.name, r.kind, r.request, r.asked_on,
                    r.due_on, r.outcome, r.outcome_on
             FROM reference_asks r JOIN contacts c ON c.id = r.contact_id
             JOIN accounts a ON a.id = r.account_id
             LEFT JOIN team_members m ON m.id = a.owner_id
             WHERE {filter} AND {} ORDER BY {order} LIMIT ?2",
            owned_by("a.owner_id", "?1")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![owner, limit as i64], |r| {
            Ok(AskRow {
                id: r.get(0)?,
                contact_id: r.get(1)?,
                contact: r.get(2)?,
                account_id: r.get(3)?,
                account: r.get(4)?,
                owner: r.get::<_, Option<String>>(5)?.map(Arc::from),
                kind: term(r, 6)?,
                request: r.get(7)?,
                asked_on: date(r, 8)?,
                due_on: opt_date(r, 9)?,
                outcome: match r.get_ref(10)?.as_str_or_null()? {
                    Some(_) => Some(term(r, 10)?),
                    None => None,
                },
                outcome_on: opt_date(r, 11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
