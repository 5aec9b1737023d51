//! One account up close, for its detail screen: the open contract, its people, the
//! latest touches and the open tasks, read on demand; and logging a touch, which lands
//! on the timeline and moves the contact's last touch in one journaled change.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::sql::{date, money, opt_date, term};
use super::write::{Entity, Stamp};
use super::{Book, BookError};
use crate::domain::Money;
use crate::domain::vocab::{
    ContactRole, ForecastCategory, ForecastConfidence, Influence, InteractionKind, Priority,
    Sentiment, TaskStatus,
};

/// The contract whose end is the next renewal.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenContract {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub arr: Money,
    pub forecast: Option<(ForecastCategory, Option<ForecastConfidence>)>,
}

/// A stakeholder, as the detail lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    pub role: ContactRole,
    pub sentiment: Sentiment,
    pub influence: Influence,
    pub last_touch_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

/// A touch on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Touch {
    pub on: NaiveDate,
    pub kind: InteractionKind,
    pub with: Option<String>,
    pub summary: String,
}

/// An open task.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenTask {
    pub id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub status: TaskStatus,
    pub priority: Priority,
    pub playbook: Option<String>,
}

/// A task that closed itself lately: when, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosedTask {
    pub on: NaiveDate,
    pub title: String,
    pub reason: String,
}

/// What the account detail shows beside health.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccountOverview {
    pub contract: Option<OpenContract>,
    pub people: Vec<Person>,
    pub touches: Vec<Touch>,
    pub tasks: Vec<OpenTask>,
    /// Tasks that closed themselves, the latest first (a few).
    pub closed: Vec<ClosedTask>,
}

/// A touch a CSM logs.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTouch {
    pub contact: Option<i64>,
    pub kind: InteractionKind,
    pub on: NaiveDate,
    pub summary: String,
}

impl Book {
    /// The account's contract, people (most senior roles first), last `touches` touches,
    /// open tasks (soonest due first) and the last few that closed themselves.
    pub fn account_overview(
        &self,
        account: i64,
        touches: usize,
    ) -> Result<AccountOverview, BookError> {
        let conn = self.conn();
        let contract = conn
            .query_row(
                "SELECT starts_on, ends_on, arr_cents, currency, forecast_category, forecast_confidence
                 FROM contracts WHERE account_id = ?1 AND outcome IS NULL
                 ORDER BY ends_on LIMIT 1",
                [account],
                |r| {
                    let category: Option<String> = r.get(4)?;
                    let confidence: Option<String> = r.get(5)?;
                    Ok(OpenContract {
                        starts_on: date(r, 0)?,
                        ends_on: date(r, 1)?,
                        arr: money(r, 2, 3)?,
                        forecast: category.and_then(|c| c.parse().ok()).map(|c| {
                            (c, confidence.and_then(|c| c.parse().ok()))
                        }),
                    })
                },
            )
            .optional()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, title, role, sentiment, influence, last_touch_on, left_on
             FROM contacts WHERE account_id = ?1
             ORDER BY CASE role WHEN 'executive_sponsor' THEN 0 WHEN 'economic_buyer' THEN 1
                      WHEN 'decision_maker' THEN 2 WHEN 'champion' THEN 3 WHEN 'influencer' THEN 4
                      WHEN 'detractor' THEN 5 ELSE 6 END, name",
        )?;
        let people = stmt
            .query_map([account], |r| {
                Ok(Person {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    title: r.get(2)?,
                    role: term(r, 3)?,
                    sentiment: term(r, 4)?,
                    influence: term(r, 5)?,
                    last_touch_on: opt_date(r, 6)?,
                    left_on: opt_date(r, 7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT i.occurred_on, i.kind, c.name, i.summary FROM interactions i
             LEFT JOIN contacts c ON c.id = i.contact_id
             WHERE i.account_id = ?1 ORDER BY i.occurred_on DESC, i.id DESC LIMIT ?2",
        )?;
        let touches = stmt
            .query_map(params![account, touches as i64], |r| {
                Ok(Touch {
                    on: date(r, 0)?,
                    kind: term(r, 1)?,
                    with: r.get(2)?,
                    summary: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, title, due_on, status, priority, playbook_id FROM tasks
             WHERE account_id = ?1 AND status IN ('open', 'snoozed')
             ORDER BY due_on, id",
        )?;
        let tasks = stmt
            .query_map([account], |r| {
                Ok(OpenTask {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    due_on: date(r, 2)?,
                    status: term(r, 3)?,
                    priority: term(r, 4)?,
                    playbook: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT completed_on, title, closed_reason FROM tasks
             WHERE account_id = ?1 AND closed_reason IS NOT NULL AND completed_on IS NOT NULL
             ORDER BY completed_on DESC, id DESC LIMIT 3",
        )?;
        let closed = stmt
            .query_map([account], |r| {
                Ok(ClosedTask {
                    on: date(r, 0)?,
                    title: r.get(1)?,
                    reason: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(AccountOverview {
            contract,
            people,
            touches,
            tasks,
            closed,
        })
    }

    /// Logs a touch on the account's timeline and, when it was with a contact, moves
    /// their last touch; one journaled change.
    pub fn log_touch(
        &mut self,
        stamp: &Stamp,
        account: i64,
        touch: &NewTouch,
    ) -> Result<i64, BookError> {
        let summary = touch.summary.trim();
        let who: Option<(String, Option<String>)> = match touch.contact {
            Some(id) => Some(
                self.conn()
                    .query_row(
                        "SELECT name, last_touch_on FROM contacts WHERE id = ?1 AND account_id = ?2",
                        params![id, account],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        BookError::Invalid(format!("contact {id} is not in account {account}"))
                    })?,
            ),
            None => None,
        };
        let on = touch.on.to_string();
        // The journal names the account, so a touch logged elsewhere is told with it.
        let account_name: String =
            self.conn()
                .query_row("SELECT name FROM accounts WHERE id = ?1", [account], |r| {
                    r.get(0)
                })?;
        self.write(stamp, |change| {
            let what = match &who {
                Some((name, _)) => format!("{} with {name}", touch.kind.label()),
                None => touch.kind.label().to_string(),
            };
            let id = change.insert(
                Entity::Interaction,
                &[
                    ("account_id", &account),
                    ("contact_id", &touch.contact),
                    ("kind", &touch.kind.as_str()),
                    ("occurred_on", &on),
                    ("summary", &summary),
                ],
                &format!("logged a {what} on {account_name}"),
            )?;
            // A note names whom it is about without being a touch with them.
            if let (Some(contact), Some((name, last))) = (touch.contact, &who)
                && touch.kind.is_touch()
                && last.as_deref().is_none_or(|last| last < on.as_str())
            {
                change.update(
                    Entity::Contact,
                    contact,
                    &[
                        ("last_touch_on", &on),
                        ("last_touch_kind", &touch.kind.as_str()),
                    ],
                    &format!("last touch with {name}"),
                )?;
            }
            Ok(id)
        })
    }
}
