//! Gathers each account's health evidence in one pass over the book: one ordered scan
//! per table (usage, tickets, surveys, contacts, touches), merged here by account, so a
//! recompute reads each row it needs once and only the span of dates it needs.

use std::collections::HashMap;
use std::iter::Peekable;

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, Row, params};

use super::recent_usage::RecentUsage;
use crate::book::BookError;
use crate::book::sql::{date, opt_date, term};
use crate::domain::health::{Evidence, HealthRules, PersonFact, SurveyFact, TicketFact};
use crate::domain::records::UsageWeek;
use crate::domain::vocab::Segment;

/// Which days the evidence must cover: scores will be asked for as of days in
/// `from..=to`. With `touch_history`, the days each contact was in touch come from the
/// interactions timeline (needed for days in the past); without it, from each contact's
/// last touch only (enough for today).
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub touch_history: bool,
}

/// One account's identity and next renewal, with its evidence.
#[derive(Debug, Clone)]
pub struct AccountEvidence {
    pub id: i64,
    pub name: String,
    pub segment: Segment,
    /// The day the customer started; before it there is nothing to score.
    pub started_on: Option<NaiveDate>,
    pub churned_on: Option<NaiveDate>,
    pub renewal_on: Option<NaiveDate>,
    pub usage: Vec<UsageWeek>,
    pub tickets: Vec<TicketFact>,
    pub surveys: Vec<SurveyFact>,
    pub people: Vec<PersonFact>,
    pub key_features: u32,
}

impl AccountEvidence {
    pub fn evidence(&self) -> Evidence<'_> {
        Evidence {
            segment: self.segment,
            usage: &self.usage,
            key_features: self.key_features,
            tickets: &self.tickets,
            surveys: &self.surveys,
            people: &self.people,
            renewal_on: self.renewal_on,
            started_on: self.started_on,
        }
    }
}

/// Calls `each` with every account (churned ones only if they left after `span.from`)
/// and its evidence, in id order; `only` limits it to one account.
pub fn for_each_account(
    conn: &Connection,
    rules: &HealthRules,
    span: Span,
    only: Option<i64>,
    each: impl FnMut(&AccountEvidence) -> Result<(), BookError>,
) -> Result<(), BookError> {
    let ids = only.map_or((i64::MIN, i64::MAX), |id| (id, id));
    for_each_account_in(conn, rules, span, ids, each)
}

/// [`for_each_account`] for the accounts whose ids lie in `first..=last`.
pub fn for_each_account_in(
    conn: &Connection,
    rules: &HealthRules,
    span: Span,
    (first, last): (i64, i64),
    mut each: impl FnMut(&AccountEvidence) -> Result<(), BookError>,
) -> Result<(), BookError> {
    let w = &rules.windows;
    let days = |n: u32| Duration::days(i64::from(n));
    let usage_from = span.from - days(w.usage_days + w.usage_prior_days);
    let tickets_from = span.from - days(w.support_days);
    let surveys_from = span.from - days(w.nps_days.max(w.support_days));
    let touches_from = span.from - days(365);
    let to = span.to.to_string();

    let key_features: u32 =
        conn.query_row("SELECT count(*) FROM features WHERE is_key = 1", [], |r| {
            r.get(0)
        })?;

    // One day's recompute reads each account's packed recent weeks in one pass (see
    // `recent_usage.rs`); an account they do not cover, or whose usage changed since
    // they were packed, is sought in `usage_weeks`. Several days (a history, a
    // backtest) walk accounts in id order and seek each one's weeks in the usage key,
    // so only the span's weeks are read, never two years of them.
    let packed = span.from == span.to;
    let mut usage = conn.prepare(
        "SELECT u.account_id, u.week_start, u.active_users, u.licensed_seats, u.sessions,
                u.key_features_used
         FROM accounts a JOIN usage_weeks u
              ON u.account_id = a.id AND u.week_start > ?1 AND u.week_start <= ?2
         WHERE ?5 AND a.id BETWEEN ?3 AND ?4
         ORDER BY a.id, u.week_start",
    )?;
    let mut usage = usage
        .query_map(
            params![usage_from.to_string(), to, first, last, !packed],
            |r| Ok((r.get::<_, i64>(0)?, usage_week(r)?)),
        )?
        .peekable();
    let mut recent = conn.prepare(
        "SELECT account_id, weeks, complete FROM usage_recent
         WHERE ?3 AND account_id BETWEEN ?1 AND ?2 ORDER BY account_id",
    )?;
    let mut recent = recent
        .query_map(params![first, last, packed], |r| {
            let recent = RecentUsage {
                packed: r.get(1)?,
                complete: r.get(2)?,
            };
            Ok((r.get::<_, i64>(0)?, recent))
        })?
        .peekable();
    let mut stale = conn.prepare(
        "SELECT account_id FROM usage_stale
         WHERE ?3 AND account_id BETWEEN ?1 AND ?2 ORDER BY account_id",
    )?;
    let mut stale = stale
        .query_map(params![first, last, packed], |r| {
            Ok((r.get::<_, i64>(0)?, ()))
        })?
        .peekable();
    let mut seek = conn.prepare(
        "SELECT account_id, week_start, active_users, licensed_seats, sessions,
                key_features_used
         FROM usage_weeks WHERE account_id = ?1 AND week_start > ?2 AND week_start <= ?3
         ORDER BY week_start",
    )?;
    let (mut packed_weeks, mut stale_mark) = (Vec::new(), Vec::new());

    let mut tickets = conn.prepare(
        "SELECT account_id, priority, escalated, opened_on, closed_on, csat FROM tickets
         WHERE opened_on <= ?1 AND (closed_on IS NULL OR closed_on > ?2)
               AND account_id BETWEEN ?3 AND ?4
         ORDER BY account_id, opened_on",
    )?;
    let mut tickets = tickets
        .query_map(params![to, tickets_from.to_string(), first, last], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                TicketFact {
                    priority: term(r, 1)?,
                    escalated: r.get(2)?,
                    opened_on: date(r, 3)?,
                    closed_on: opt_date(r, 4)?,
                    csat: r.get::<_, Option<u8>>(5)?,
                },
            ))
        })?
        .peekable();

    let mut surveys = conn.prepare(
        "SELECT account_id, kind, score, responded_on FROM survey_responses
         WHERE responded_on > ?1 AND responded_on <= ?2 AND account_id BETWEEN ?3 AND ?4
         ORDER BY account_id, responded_on",
    )?;
    let mut surveys = surveys
        .query_map(params![surveys_from.to_string(), to, first, last], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                SurveyFact {
                    kind: term(r, 1)?,
                    score: r.get(2)?,
                    on: date(r, 3)?,
                },
            ))
        })?
        .peekable();

    let mut contacts = conn.prepare(
        "SELECT account_id, id, name, role, left_on, last_touch_on, sentiment FROM contacts
         WHERE account_id BETWEEN ?1 AND ?2
         ORDER BY account_id, id",
    )?;
    let mut contacts = contacts
        .query_map(params![first, last], |r| {
            let mut person = PersonFact {
                name: r.get(2)?,
                role: term(r, 3)?,
                left_on: opt_date(r, 4)?,
                sentiment: term(r, 6)?,
                touches: Vec::new(),
            };
            person.touches.extend(opt_date(r, 5)?);
            Ok((r.get::<_, i64>(0)?, (r.get::<_, i64>(1)?, person)))
        })?
        .peekable();

    let mut touches = conn.prepare(
        "SELECT account_id, contact_id, occurred_on FROM interactions
         WHERE ?1 AND contact_id IS NOT NULL AND kind <> 'note'
               AND occurred_on > ?2 AND occurred_on <= ?3
               AND account_id BETWEEN ?4 AND ?5
         ORDER BY account_id",
    )?;
    let mut touches = touches
        .query_map(
            params![
                span.touch_history,
                touches_from.to_string(),
                to,
                first,
                last
            ],
            |r| Ok((r.get::<_, i64>(0)?, (r.get::<_, i64>(1)?, date(r, 2)?))),
        )?
        .peekable();

    let mut accounts = conn.prepare(
        "SELECT a.id, a.name, a.segment, a.churned_on, a.started_on,
                (SELECT min(ends_on) FROM contracts c WHERE c.account_id = a.id AND c.outcome IS NULL)
         FROM accounts a
         WHERE (a.churned_on IS NULL OR a.churned_on > ?1) AND a.id BETWEEN ?2 AND ?3
         ORDER BY a.id",
    )?;
    let mut accounts = accounts.query(params![span.from.to_string(), first, last])?;
    let mut account = AccountEvidence {
        id: 0,
        name: String::new(),
        segment: Segment::Smb,
        started_on: None,
        churned_on: None,
        renewal_on: None,
        usage: Vec::new(),
        tickets: Vec::new(),
        surveys: Vec::new(),
        people: Vec::new(),
        key_features,
    };
    let mut contact_index: HashMap<i64, usize> = HashMap::new();
    let mut people: Vec<(i64, PersonFact)> = Vec::new();
    let mut account_touches = Vec::new();
    while let Some(r) = accounts.next()? {
        let id: i64 = r.get(0)?;
        account.id = id;
        account.name.clear();
        account
            .name
            .push_str(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?);
        account.segment = term(r, 2)?;
        account.churned_on = opt_date(r, 3)?;
        account.started_on = opt_date(r, 4)?;
        account.renewal_on = opt_date(r, 5)?;
        if packed {
            take(&mut recent, id, &mut packed_weeks)?;
            take(&mut stale, id, &mut stale_mark)?;
            account.usage.clear();
            let read = match packed_weeks.first() {
                _ if !stale_mark.is_empty() => false,
                None => true, // no usage at all
                Some(recent) => recent.weeks_in(usage_from, span.to, &mut account.usage),
            };
            if !read {
                let rows = seek.query_map(params![id, usage_from.to_string(), to], usage_week)?;
                for week in rows {
                    account.usage.push(week?);
                }
            }
        } else {
            take(&mut usage, id, &mut account.usage)?;
        }
        take(&mut tickets, id, &mut account.tickets)?;
        take(&mut surveys, id, &mut account.surveys)?;
        take(&mut contacts, id, &mut people)?;
        if span.touch_history {
            contact_index.clear();
            contact_index.extend(people.iter().enumerate().map(|(i, (cid, _))| (*cid, i)));
            take(&mut touches, id, &mut account_touches)?;
            for &(contact, on) in &account_touches {
                if let Some(&i) = contact_index.get(&contact) {
                    people[i].1.touches.push(on);
                }
            }
            for (_, p) in &mut people {
                p.touches.sort_unstable();
                p.touches.dedup();
            }
        }
        account.people.clear();
        account.people.extend(people.drain(..).map(|(_, p)| p));
        each(&account)?;
    }
    Ok(())
}

/// Moves the rows of account `id` from the front of an ordered scan into `out`
/// (cleared first), skipping rows of accounts that are not being read.
fn take<T, I>(rows: &mut Peekable<I>, id: i64, out: &mut Vec<T>) -> Result<(), BookError>
where
    I: Iterator<Item = rusqlite::Result<(i64, T)>>,
{
    out.clear();
    while rows
        .peek()
        .is_some_and(|row| row.as_ref().map_or(true, |(account, _)| *account <= id))
    {
        let Some(row) = rows.next() else { break };
        let (account, row) = row?;
        if account == id {
            out.push(row);
        }
    }
    Ok(())
}

fn usage_week(r: &Row<'_>) -> rusqlite::Result<UsageWeek> {
    Ok(UsageWeek {
        week_start: date(r, 1)?,
        active_users: r.get(2)?,
        licensed_seats: r.get(3)?,
        sessions: r.get(4)?,
        key_features_used: r.get(5)?,
    })
}
