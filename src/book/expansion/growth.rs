//! Each account's growth facts for the expansion signals. The few accounts with news
//! are read set by set first (people first met lately, recent tickets, goals achieved
//! lately, NPS answers, and the kinds of opportunity open or won in those days: a win
//! shows in the licence only once usage is imported again); then every account streams by with its
//! seats and weekly active users from the packed latest weeks of usage (as the last
//! recompute packed them), one at a time, so a big book is never held whole. Churned
//! accounts are left out.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use rusqlite::Row;

use super::super::health::recent_usage::RecentUsage;
use super::super::sql::{money, owned_by, term};
use super::super::{Book, BookError};
use crate::domain::expansion::Growth;
use crate::domain::records::UsageWeek;
use crate::domain::vocab::OpportunityKind;

/// The 4 weeks now, and the 4 weeks 12 weeks before, for usage growing.
const NOW_DAYS: i64 = 28;
const BEFORE_DAYS: (i64, i64) = (112, 84);

fn average(weeks: &[UsageWeek], after: NaiveDate, to: NaiveDate) -> Option<f64> {
    let users: Vec<i64> = weeks
        .iter()
        .filter(|w| w.week_start > after && w.week_start <= to)
        .map(|w| w.active_users)
        .collect();
    (!users.is_empty()).then(|| users.iter().sum::<i64>() as f64 / users.len() as f64)
}

/// The news of the accounts that have some, by account.
#[derive(Default)]
struct News {
    new_people: HashMap<i64, u32>,
    tickets: HashMap<i64, Vec<String>>,
    goals_met: HashMap<i64, u32>,
    nps: HashMap<i64, Vec<i64>>,
    working: HashMap<i64, Vec<OpportunityKind>>,
}

impl Book {
    /// The growth facts of `owner`'s accounts (a team member's exact name), or
    /// everyone's, as of `today`, counting the `recent_days` before it.
    pub fn growth(
        &self,
        owner: Option<&str>,
        today: NaiveDate,
        recent_days: u32,
    ) -> Result<Vec<Growth>, BookError> {
        let mut all = Vec::new();
        self.each_growth(owner, today, recent_days, |g| all.push(g))?;
        Ok(all)
    }

    /// [`Book::growth`], handed to `f` one account at a time, in id order.
    pub fn each_growth(
        &self,
        owner: Option<&str>,
        today: NaiveDate,
        recent_days: u32,
        mut f: impl FnMut(Growth),
    ) -> Result<(), BookError> {
        let since = (today - Duration::days(i64::from(recent_days))).to_string();
        let mut news = self.news(&since)?;
        let mine = owned_by("a.owner_id", "?1");
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.id, a.name, m.name, a.arr_cents, a.currency, r.weeks, r.complete,
                    a.lifecycle_stage
             FROM accounts a LEFT JOIN team_members m ON m.id = a.owner_id
             LEFT JOIN usage_recent r ON r.account_id = a.id
             WHERE a.churned_on IS NULL AND {mine} ORDER BY a.id"
        ))?;
        let mut rows = stmt.query([owner])?;
        let mut weeks = Vec::new();
        // One name per owner, shared by all their accounts' signals.
        let mut owners: HashMap<String, Arc<str>> = HashMap::new();
        let first = today - Duration::days(BEFORE_DAYS.0);
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let owner: Option<String> = r.get(2)?;
            let mut g = Growth {
                account_id: id,
                account: Arc::from(r.get::<_, String>(1)?),
                owner: owner.map(|o| {
                    owners
                        .entry(o)
                        .or_insert_with_key(|o| Arc::from(o.as_str()))
                        .clone()
                }),
                arr: money(r, 3, 4)?,
                stage: Some(term(r, 7)?),
                new_people: news.new_people.remove(&id).unwrap_or(0),
                recent_tickets: news.tickets.remove(&id).unwrap_or_default(),
                goals_met: news.goals_met.remove(&id).unwrap_or(0),
                nps_scores: news.nps.remove(&id).unwrap_or_default(),
                working_kinds: news.working.remove(&id).unwrap_or_default(),
                ..Growth::default()
            };
            weeks.clear();
            if let Some(packed) = r.get::<_, Option<Vec<u8>>>(5)? {
                let recent = RecentUsage {
                    packed,
                    complete: r.get::<_, i64>(6)? == 1,
                };
                if recent.weeks_in(first, today, &mut weeks) {
                    g.seats = weeks.last().map(|w| (w.active_users, w.licensed_seats));
                    g.active_now = average(&weeks, today - Duration::days(NOW_DAYS), today);
                    g.active_before = average(&weeks, first, today - Duration::days(BEFORE_DAYS.1));
                }
            }
            f(g);
        }
        Ok(())
    }

    /// What happened lately at the accounts where something did.
    fn news(&self, since: &str) -> Result<News, BookError> {
        let mut news = News::default();
        let each = |sql: &str, f: &mut dyn FnMut(i64, &Row<'_>) -> rusqlite::Result<()>| {
            let mut stmt = self.conn().prepare(sql)?;
            let mut rows = stmt.query([since])?;
            while let Some(r) = rows.next()? {
                f(r.get(0)?, r)?;
            }
            Ok::<_, BookError>(())
        };
        each(
            "SELECT c.account_id, count(*) FROM (
                 SELECT contact_id, min(occurred_on) AS first FROM interactions
                 WHERE contact_id IS NOT NULL AND kind <> 'note' GROUP BY contact_id) f
             JOIN contacts c ON c.id = f.contact_id
             WHERE f.first > ?1 GROUP BY c.account_id",
            &mut |id, r| {
                news.new_people.insert(id, r.get(1)?);
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, subject FROM tickets WHERE opened_on > ?1
             ORDER BY account_id, opened_on",
            &mut |id, r| {
                news.tickets.entry(id).or_default().push(r.get(1)?);
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, count(*) FROM goals WHERE status = 'achieved'
               AND coalesce(updated_on, due_on) > ?1 GROUP BY account_id",
            &mut |id, r| {
                news.goals_met.insert(id, r.get(1)?);
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, score FROM survey_responses
             WHERE kind = 'nps' AND responded_on > ?1",
            &mut |id, r| {
                news.nps.entry(id).or_default().push(r.get(1)?);
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, kind FROM opportunities
             WHERE stage NOT IN ('won', 'lost') OR (stage = 'won' AND closed_on > ?1)",
            &mut |id, r| {
                news.working.entry(id).or_default().push(term(r, 1)?);
                Ok(())
            },
        )?;
        Ok(news)
    }
}
