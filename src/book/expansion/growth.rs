//! Each account's growth facts for the expansion signals, read set by set: seats and
//! weekly active users from the packed latest weeks of usage (as the last recompute
//! packed them), people first met lately, recent tickets, goals achieved lately,
//! promoters, and the kinds of opportunity open or won lately (a win shows in the
//! licence only at the next usage import). Churned accounts are left out.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::super::health::recent_usage::RecentUsage;
use rusqlite::Row;

use super::super::sql::{money, owned_by, term};
use super::super::{Book, BookError};
use crate::domain::expansion::Growth;
use crate::domain::records::UsageWeek;

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

impl Book {
    /// The growth facts of `owner`'s accounts (a team member's exact name), or
    /// everyone's, as of `today`, counting the `recent_days` before it.
    pub fn growth(
        &self,
        owner: Option<&str>,
        today: NaiveDate,
        recent_days: u32,
    ) -> Result<Vec<Growth>, BookError> {
        let mine = owned_by("a.owner_id", "?1");
        let since = (today - Duration::days(i64::from(recent_days))).to_string();
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.id, a.name, m.name, a.arr_cents, a.currency, r.weeks, r.complete,
                    a.lifecycle_stage = 'onboarding'
             FROM accounts a LEFT JOIN team_members m ON m.id = a.owner_id
             LEFT JOIN usage_recent r ON r.account_id = a.id
             WHERE a.churned_on IS NULL AND {mine} ORDER BY a.id"
        ))?;
        let mut rows = stmt.query([owner])?;
        let mut all = Vec::new();
        let mut weeks = Vec::new();
        while let Some(r) = rows.next()? {
            let mut g = Growth {
                account_id: r.get(0)?,
                account: r.get(1)?,
                owner: r.get(2)?,
                arr: money(r, 3, 4)?,
                onboarding: r.get(7)?,
                ..Growth::default()
            };
            let packed: Option<Vec<u8>> = r.get(5)?;
            weeks.clear();
            if let Some(packed) = packed {
                let recent = RecentUsage {
                    packed,
                    complete: r.get::<_, i64>(6)? == 1,
                };
                let first = today - Duration::days(BEFORE_DAYS.0);
                if recent.weeks_in(first, today, &mut weeks) {
                    g.seats = weeks.last().map(|w| (w.active_users, w.licensed_seats));
                    g.active_now = average(&weeks, today - Duration::days(NOW_DAYS), today);
                    g.active_before = average(&weeks, first, today - Duration::days(BEFORE_DAYS.1));
                }
            }
            all.push(g);
        }
        let at: HashMap<i64, usize> = all
            .iter()
            .enumerate()
            .map(|(i, g)| (g.account_id, i))
            .collect();
        let mut each =
            |sql: &str, f: &mut dyn FnMut(&mut Growth, &Row<'_>) -> rusqlite::Result<()>| {
                let mut stmt = self.conn().prepare(sql)?;
                let mut rows = stmt.query([&since])?;
                while let Some(r) = rows.next()? {
                    if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                        f(&mut all[i], r)?;
                    }
                }
                Ok::<_, BookError>(())
            };
        each(
            "SELECT c.account_id, count(*) FROM (
                 SELECT contact_id, min(occurred_on) AS first FROM interactions
                 WHERE contact_id IS NOT NULL GROUP BY contact_id) f
             JOIN contacts c ON c.id = f.contact_id
             WHERE f.first > ?1 GROUP BY c.account_id",
            &mut |g, r| {
                g.new_people = r.get(1)?;
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, subject FROM tickets WHERE opened_on > ?1
             ORDER BY account_id, opened_on",
            &mut |g, r| {
                g.recent_tickets.push(r.get(1)?);
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, count(*) FROM goals WHERE status = 'achieved'
               AND coalesce(updated_on, due_on) > ?1 GROUP BY account_id",
            &mut |g, r| {
                g.goals_met = r.get(1)?;
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, count(*) FROM survey_responses
             WHERE kind = 'nps' AND score >= 9 AND responded_on > ?1 GROUP BY account_id",
            &mut |g, r| {
                g.promoters = r.get(1)?;
                Ok(())
            },
        )?;
        each(
            "SELECT account_id, kind FROM opportunities
             WHERE stage NOT IN ('won', 'lost') OR (stage = 'won' AND closed_on > ?1)",
            &mut |g, r| {
                g.working_kinds.push(term(r, 1)?);
                Ok(())
            },
        )?;
        Ok(all)
    }
}
