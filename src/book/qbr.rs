//! What a QBR brief says of one account over a period: who and what it is, its success
//! plan, its weekly usage (the period and the one before), the period's tickets, survey
//! answers and touches, its expansion opportunities. Health, the renewal, the people and
//! the open tasks come from their own readers.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::sql::{date, money, opt_date, term};
use super::{Book, BookError};
use crate::domain::Money;
use crate::domain::vocab::{
    GoalStatus, InteractionKind, OpportunityKind, OpportunityStage, Segment, SurveyKind,
    TicketPriority,
};

/// The account as the brief names it.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefAccount {
    pub id: i64,
    pub name: String,
    pub segment: Segment,
    pub owner: Option<String>,
    pub arr: Money,
    pub licensed_seats: Option<i64>,
    pub started_on: Option<NaiveDate>,
    pub went_live_on: Option<NaiveDate>,
}

/// A success-plan goal.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefGoal {
    pub id: i64,
    pub title: String,
    pub metric: String,
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub due_on: Option<NaiveDate>,
    pub owner: Option<String>,
    pub status: GoalStatus,
    pub updated_on: Option<NaiveDate>,
}

/// A week of usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BriefWeek {
    pub week_start: NaiveDate,
    pub active_users: i64,
    pub licensed_seats: i64,
    pub key_features_used: i64,
}

/// A support ticket opened in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefTicket {
    pub subject: String,
    pub priority: TicketPriority,
    pub escalated: bool,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub csat: Option<i64>,
}

/// A survey answer in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefAnswer {
    pub kind: SurveyKind,
    pub score: i64,
    pub on: NaiveDate,
    pub comment: Option<String>,
}

/// An expansion opportunity.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefOpportunity {
    pub kind: OpportunityKind,
    pub title: String,
    pub arr: Money,
    pub stage: OpportunityStage,
    pub expected_close_on: Option<NaiveDate>,
}

/// The period's facts.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefFacts {
    pub account: BriefAccount,
    pub goals: Vec<BriefGoal>,
    /// The period's weeks and the period before's, oldest first.
    pub weeks: Vec<BriefWeek>,
    pub key_features: i64,
    pub tickets: Vec<BriefTicket>,
    pub answers: Vec<BriefAnswer>,
    /// Touches in the period by kind, and the last QBR held on or before today.
    pub touches: Vec<(InteractionKind, i64)>,
    pub last_qbr: Option<NaiveDate>,
    pub opportunities: Vec<BriefOpportunity>,
}

impl Book {
    /// The facts of `account` from `from` (inclusive) to `to` (exclusive), as the book
    /// stands on `today`; the usage reaches back one more period of the same length, for
    /// the comparison.
    pub fn brief_facts(
        &self,
        account: i64,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Option<BriefFacts>, BookError> {
        let conn = self.conn();
        let Some(acc) = conn
            .query_row(
                "SELECT a.id, a.name, a.segment, t.name, a.arr_cents, a.currency, a.licensed_seats,
                        a.started_on, a.went_live_on
                 FROM accounts a LEFT JOIN team_members t ON t.id = a.owner_id WHERE a.id = ?1",
                [account],
                |r| {
                    Ok(BriefAccount {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        segment: term(r, 2)?,
                        owner: r.get(3)?,
                        arr: money(r, 4, 5)?,
                        licensed_seats: r.get(6)?,
                        started_on: opt_date(r, 7)?,
                        went_live_on: opt_date(r, 8)?,
                    })
                },
            )
            .optional()?
        else {
            return Ok(None);
        };
        let (f, t) = (from.to_string(), to.to_string());
        let before = (from - (to - from)).to_string();
        let goals = conn
            .prepare(
                "SELECT g.title, g.metric, g.baseline, g.current, g.target, g.due_on, m.name,
                        g.status, g.updated_on, g.id
                 FROM goals g LEFT JOIN team_members m ON m.id = g.owner_id
                 WHERE g.account_id = ?1 ORDER BY g.due_on IS NULL, g.due_on, g.id",
            )?
            .query_map([account], |r| {
                Ok(BriefGoal {
                    id: r.get(9)?,
                    title: r.get(0)?,
                    metric: r.get(1)?,
                    baseline: r.get(2)?,
                    current: r.get(3)?,
                    target: r.get(4)?,
                    due_on: opt_date(r, 5)?,
                    owner: r.get(6)?,
                    status: term(r, 7)?,
                    updated_on: opt_date(r, 8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let weeks = conn
            .prepare(
                "SELECT week_start, active_users, licensed_seats, key_features_used FROM usage_weeks
                 WHERE account_id = ?1 AND week_start >= ?2 AND week_start < ?3 ORDER BY week_start",
            )?
            .query_map(rusqlite::params![account, before, t], |r| {
                Ok(BriefWeek {
                    week_start: date(r, 0)?,
                    active_users: r.get(1)?,
                    licensed_seats: r.get(2)?,
                    key_features_used: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let key_features: i64 =
            conn.query_row("SELECT count(*) FROM features WHERE is_key = 1", [], |r| {
                r.get(0)
            })?;
        let tickets = conn
            .prepare(
                "SELECT subject, priority, escalated, opened_on, closed_on, csat FROM tickets
                 WHERE account_id = ?1 AND opened_on >= ?2 AND opened_on < ?3 ORDER BY opened_on",
            )?
            .query_map(rusqlite::params![account, f, t], |r| {
                Ok(BriefTicket {
                    subject: r.get(0)?,
                    priority: term(r, 1)?,
                    escalated: r.get::<_, i64>(2)? != 0,
                    opened_on: date(r, 3)?,
                    closed_on: opt_date(r, 4)?,
                    csat: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let answers = conn
            .prepare(
                "SELECT kind, score, responded_on, comment FROM survey_responses
                 WHERE account_id = ?1 AND responded_on >= ?2 AND responded_on < ?3
                 ORDER BY responded_on",
            )?
            .query_map(rusqlite::params![account, f, t], |r| {
                Ok(BriefAnswer {
                    kind: term(r, 0)?,
                    score: r.get(1)?,
                    on: date(r, 2)?,
                    comment: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let touches = conn
            .prepare(
                "SELECT kind, count(*) FROM interactions
                 WHERE account_id = ?1 AND occurred_on >= ?2 AND occurred_on < ?3
                 GROUP BY kind ORDER BY count(*) DESC",
            )?
            .query_map(rusqlite::params![account, f, t], |r| {
                Ok((term(r, 0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        let last_qbr = conn
            .query_row(
                "SELECT max(occurred_on) FROM interactions
                 WHERE account_id = ?1 AND kind = 'qbr' AND occurred_on <= ?2",
                rusqlite::params![account, today.to_string()],
                |r| r.get::<_, Option<String>>(0),
            )?
            .and_then(|d| d.parse().ok());
        let opportunities = conn
            .prepare(
                "SELECT kind, title, arr_cents, currency, stage, expected_close_on FROM opportunities
                 WHERE account_id = ?1 ORDER BY arr_cents DESC",
            )?
            .query_map([account], |r| {
                Ok(BriefOpportunity {
                    kind: term(r, 0)?,
                    title: r.get(1)?,
                    arr: money(r, 2, 3)?,
                    stage: term(r, 4)?,
                    expected_close_on: opt_date(r, 5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(BriefFacts {
            account: acc,
            goals,
            weeks,
            key_features,
            tickets,
            answers,
            touches,
            last_qbr,
            opportunities,
        }))
    }
}
