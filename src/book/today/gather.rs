//! Gathering the queue's items: one read of each source (accounts, last touches, tasks,
//! renewals, the evidence behind the signals, overrides), kept to the scope's accounts,
//! each row handed to `domain::today`, whose rules make it an item or leave it out.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::Scope;
use crate::book::health::evidence::{Span, for_each_account};
use crate::book::sql::{date, money, term};
use crate::book::{Book, BookError};
use crate::domain::health::{HealthRules, assess, signals};
use crate::domain::renewal::Window;
use crate::domain::today::{
    Answers, DueTask, Item, ItemAccount, News, Plays, RenewalFacts, TodayRules, lapsed,
    override_item, quiet_item, renewal_item, signal_item, task_item,
};

/// An account still a customer, and whose it is.
struct QueueAccount {
    owner: Option<String>,
    account: ItemAccount,
}

/// A task due by today, and whose it is.
struct DueRow {
    account_id: Option<i64>,
    owner: Option<String>,
    task: DueTask,
}

impl Book {
    /// Every item that needs the scope's owner (or anyone) on `today`, unranked and
    /// with nothing put away taken out.
    pub fn triage(
        &self,
        rules: &HealthRules,
        today_rules: &TodayRules,
        scope: &Scope,
        today: NaiveDate,
        mut sink: impl FnMut(Item),
    ) -> Result<(), BookError> {
        let owner = scope.owner.as_deref();
        let accounts = self.queue_accounts()?;
        let mine = |id: i64| {
            accounts
                .get(&id)
                .filter(|a| owner.is_none_or(|o| a.owner.as_deref() == Some(o)))
                .map(|a| &a.account)
        };
        let news = News::new(today_rules, scope.last_looked, today);
        let touched = self.last_touches(today)?;

        // Where each account's renewal stands, for the tasks of stages gone by.
        let mut coming: Vec<RenewalFacts> = Vec::new();
        self.each_renewal(rules, today, Some(today + Duration::days(120)), |r| {
            if mine(r.account_id).is_none() {
                return;
            }
            let (Some(window), Some(on), Some(motion), Some(contract)) =
                (r.window, r.renewal_on, &r.motion, r.contract_id)
            else {
                return;
            };
            let band = r.health.and_then(|h| h.band);
            coming.push(RenewalFacts::new(
                r.account_id,
                contract,
                window,
                on,
                band,
                motion,
                &r.warnings,
            ));
        })?;
        let window_of: HashMap<i64, Window> =
            coming.iter().map(|r| (r.account_id, r.window)).collect();

        // Tasks due by today, one item per play; a renewal stage's tasks lapse into the
        // renewal's item once the renewal has moved on.
        let mut stale: HashMap<i64, usize> = HashMap::new();
        let mut plays = Plays::default();
        self.each_due_task(today, |row| {
            let Some(account) = row.account_id.filter(|a| accounts.contains_key(a)) else {
                return;
            };
            if owner.is_some() && row.owner.as_deref() != owner {
                return;
            }
            let stage = row.task.playbook.as_ref().and_then(|p| scope.stages.get(p));
            if lapsed(stage.copied(), window_of.get(&account).copied()) {
                *stale.entry(account).or_default() += 1;
            } else {
                plays.add(account, row.task);
            }
        })?;
        for play in plays.into_vec() {
            sink(task_item(&accounts[&play.account_id].account, &play, &news));
        }

        // Renewals that need a move.
        for r in &coming {
            let lapsed = stale.get(&r.account_id).copied().unwrap_or(0);
            if let Some(item) = renewal_item(&accounts[&r.account_id].account, r, lapsed, &news) {
                sink(item);
            }
        }

        // Risk signals raised lately and not yet answered with a touch, or by a play
        // under way (its task stands for the signal).
        let open = self.open_plays()?;
        let answers = Answers {
            by_signal: &scope.answers,
            open: &open,
        };
        let span = Span {
            from: today,
            to: today,
            touch_history: false,
        };
        for_each_account(self.conn(), rules, span, None, |a| {
            let Some(account) = mine(a.id) else {
                return Ok(());
            };
            let evidence = a.evidence();
            let assessment = assess(&evidence, rules, today);
            let last_touch = touched.get(&a.id).copied();
            for s in signals(&evidence, &assessment, rules, today) {
                if let Some(item) =
                    signal_item(account, s, &rules.signals, last_touch, &answers, &news)
                {
                    sink(item);
                }
            }
            Ok(())
        })?;

        // Accounts gone without a touch past their segment's cadence.
        for account in accounts.values().filter_map(|a| mine(a.account.id)) {
            let last = touched.get(&account.id).copied();
            if let Some(item) = quiet_item(account, last, today_rules, &news) {
                sink(item);
            }
        }

        // Overrides about to end.
        for (id, o) in self.active_overrides(today)? {
            let Some(account) = mine(id) else { continue };
            if let Some(item) = override_item(account, &o, &news) {
                sink(item);
            }
        }
        Ok(())
    }

    /// Open tasks due by `today` (and snoozed ones whose day has come), soonest first,
    /// one at a time; without the account's name, which the queue has already.
    fn each_due_task(
        &self,
        today: NaiveDate,
        mut each: impl FnMut(DueRow),
    ) -> Result<(), BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT t.id, t.account_id, m.name, t.title, t.due_on, t.priority,
                    t.playbook_id, t.created_on
             FROM tasks t LEFT JOIN team_members m ON m.id = t.owner_id
             WHERE (t.status = 'open' OR (t.status = 'snoozed' AND t.snoozed_until <= ?1))
               AND t.due_on <= ?1
             ORDER BY t.due_on, t.id",
        )?;
        let mut rows = stmt.query([today.to_string()])?;
        while let Some(r) = rows.next()? {
            each(DueRow {
                account_id: r.get(1)?,
                owner: r.get(2)?,
                task: DueTask {
                    id: r.get(0)?,
                    title: r.get(3)?,
                    due_on: date(r, 4)?,
                    priority: term(r, 5)?,
                    playbook: r.get(6)?,
                    created_on: date(r, 7)?,
                },
            });
        }
        Ok(())
    }

    /// Every (account, playbook) with a task open or snoozed.
    fn open_plays(&self) -> Result<HashSet<(i64, String)>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT DISTINCT account_id, playbook_id FROM tasks
             WHERE status IN ('open', 'snoozed') AND playbook_id IS NOT NULL
               AND account_id IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The accounts still customers, by id: what an item shows of them.
    fn queue_accounts(&self) -> Result<HashMap<i64, QueueAccount>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.name, t.name, a.segment, a.arr_cents, a.currency
             FROM accounts a LEFT JOIN team_members t ON t.id = a.owner_id
             WHERE a.churned_on IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(QueueAccount {
                owner: r.get(2)?,
                account: ItemAccount {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    segment: term(r, 3)?,
                    arr: money(r, 4, 5)?,
                },
            })
        })?;
        let mut out = HashMap::new();
        for a in rows {
            let a = a?;
            out.insert(a.account.id, a);
        }
        Ok(out)
    }

    /// Each account's latest touch on or before `today`: a logged interaction, or a
    /// contact's last touch as the CRM recorded it. Two streamed scans of covering
    /// indexes (a UNION under one GROUP BY would sort every touch in memory).
    pub(crate) fn last_touches(
        &self,
        today: NaiveDate,
    ) -> Result<HashMap<i64, NaiveDate>, BookError> {
        let mut out: HashMap<i64, NaiveDate> = HashMap::new();
        for sql in [
            "SELECT account_id, max(occurred_on) FROM interactions
             WHERE occurred_on <= ?1 GROUP BY account_id",
            "SELECT account_id, max(last_touch_on) FROM contacts
             WHERE last_touch_on <= ?1 GROUP BY account_id",
        ] {
            let mut stmt = self.conn().prepare(sql)?;
            let mut rows = stmt.query([today.to_string()])?;
            while let Some(r) = rows.next()? {
                let (account, day): (i64, NaiveDate) = (r.get(0)?, r.get(1)?);
                let last = out.entry(account).or_insert(day);
                *last = (*last).max(day);
            }
        }
        Ok(out)
    }
}
