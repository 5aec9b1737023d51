//! Gathering the queue's items: one read of each source (accounts, last touches, tasks,
//! renewals, the evidence behind the signals, overrides), kept to the scope's accounts.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::Scope;
use super::plays::Plays;
use crate::book::health::evidence::{Span, for_each_account};
use crate::book::sql::{date, money, term};
use crate::book::tasks::TaskRow;
use crate::book::{Book, BookError};
use crate::domain::Money;
use crate::domain::health::{HealthRules, SignalKind, assess, signals};
use crate::domain::renewal::{Stage, Step, WarningKind, Window};
use crate::domain::today::{Item, ItemKind, Subject, TodayRules};
use crate::domain::vocab::{HealthBand, Segment};

/// Overrides ending within this many days are flagged.
const OVERRIDE_DAYS: i64 = 7;

/// How grave each signal is, 1-3.
fn severity(kind: SignalKind) -> u8 {
    match kind {
        SignalKind::UsageDrop
        | SignalKind::ChampionLeft
        | SignalKind::EscalationOpen
        | SignalKind::RenewalAtRisk => 3,
        SignalKind::NpsDetractor | SignalKind::ChampionQuiet | SignalKind::NegativeBuyer => 2,
        SignalKind::NoExecSponsor | SignalKind::SingleThreaded => 1,
    }
}

/// What to do about a signal.
fn answer(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::UsageDrop => "find out who stopped using it and why",
        SignalKind::ChampionLeft => "find the next champion; meet their successor",
        SignalKind::EscalationOpen => "join the escalation; tell the sponsor what is being done",
        SignalKind::RenewalAtRisk => "build the save plan",
        SignalKind::NpsDetractor => "call the respondent: listen, then follow up",
        SignalKind::ChampionQuiet => "reach the champion",
        SignalKind::NegativeBuyer => "meet the economic buyer",
        SignalKind::NoExecSponsor => "find an executive sponsor",
        SignalKind::SingleThreaded => "meet a second contact",
    }
}

/// The window's first day before the renewal, in days.
fn window_days(window: Window) -> u32 {
    match window {
        Window::Overdue => 0,
        Window::Days30 => 30,
        Window::Days60 => 60,
        Window::Days90 => 90,
        Window::Days120 => 120,
        Window::Later => u32::MAX,
    }
}

/// A renewal due within 120 days, as much of it as the queue needs.
#[derive(Clone, Copy)]
struct Coming {
    account_id: i64,
    contract: i64,
    window: Window,
    on: NaiveDate,
    band: Option<HealthBand>,
    /// The next step, when the motion is behind.
    behind: Option<Step>,
    stage: Option<Stage>,
    /// No forecast, inside 60 days.
    no_forecast: bool,
}

/// What an item needs of its account.
struct QueueAccount {
    id: i64,
    name: String,
    owner: Option<String>,
    segment: Segment,
    arr: Money,
}

/// Builds items about one account.
struct Maker<'a> {
    account: &'a QueueAccount,
}

impl Maker<'_> {
    #[allow(clippy::too_many_arguments)]
    fn item(
        &self,
        kind: ItemKind,
        subject: Subject,
        what: String,
        todo: String,
        due: Option<NaiveDate>,
        severity: u8,
        fingerprint: String,
        new: bool,
    ) -> Item {
        Item {
            kind,
            subject,
            account_id: self.account.id,
            account: self.account.name.clone(),
            arr: self.account.arr,
            what,
            todo,
            due,
            severity,
            fingerprint,
            new,
            priority: 0.0,
            reason: String::new(),
        }
    }
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
        };
        let floor = today - Duration::days(i64::from(today_rules.news_days));
        let news_from = scope.last_looked.map_or(floor, |l| l.min(floor));
        let is_new = |d: NaiveDate| scope.last_looked.is_some_and(|l| d >= l);
        let touched = self.last_touches(today)?;

        // Where each account's renewal stands, for the tasks of stages gone by.
        let mut coming: Vec<Coming> = Vec::new();
        self.each_renewal(rules, today, Some(today + Duration::days(120)), |r| {
            if mine(r.account_id).is_none() {
                return;
            }
            let (Some(window), Some(on), Some(motion), Some(contract)) =
                (r.window, r.renewal_on, &r.motion, r.contract_id)
            else {
                return;
            };
            coming.push(Coming {
                account_id: r.account_id,
                contract,
                window,
                on,
                band: r.health.and_then(|h| h.band),
                behind: motion.next_step().filter(|_| !motion.behind.is_empty()),
                stage: motion.stage,
                no_forecast: r.warnings.iter().any(|w| w.kind == WarningKind::NoForecast)
                    && matches!(window, Window::Overdue | Window::Days30 | Window::Days60),
            });
        })?;
        let window_of: HashMap<i64, Window> =
            coming.iter().map(|r| (r.account_id, r.window)).collect();
        let lapsed = |account: i64, t: &TaskRow| {
            let stage = t.playbook.as_ref().and_then(|p| scope.stages.get(p));
            let now = window_of.get(&account).copied().map(window_days);
            matches!((stage, now), (Some(s), Some(w)) if w < *s)
        };

        // Tasks due by today, one item per play; a renewal stage's tasks lapse into the
        // renewal's item once the renewal has moved on.
        let mut stale: HashMap<i64, usize> = HashMap::new();
        let mut plays = Plays::default();
        self.each_due_task(today, |task| {
            let Some(account) = task.account_id.filter(|a| accounts.contains_key(a)) else {
                return;
            };
            if owner.is_some() && task.owner.as_deref() != owner {
                return;
            }
            if lapsed(account, &task) {
                *stale.entry(account).or_default() += 1;
            } else {
                plays.add(account, task);
            }
        })?;
        for play in plays.into_vec() {
            let make = Maker {
                account: &accounts[&play.account_id],
            };
            let t = &play.head;
            let what = match (&t.playbook, play.more) {
                (Some(p), 0) => format!("{p} play"),
                (Some(p), n) => format!("{p} play, +{n} more due"),
                (None, 0) => "added by hand".into(),
                (None, n) => format!("+{n} more due"),
            };
            sink(make.item(
                ItemKind::Task,
                Subject::Task(t.id),
                what,
                t.title.clone(),
                Some(t.due_on),
                play.severity,
                format!("{}|{}", t.id, t.due_on),
                is_new(t.created_on),
            ));
        }

        // Renewals that need a move.
        for r in &coming {
            let Coming {
                window,
                on,
                band,
                behind,
                no_forecast,
                ..
            } = *r;
            if window == Window::Later {
                continue;
            }
            let make = Maker {
                account: &accounts[&r.account_id],
            };
            let lapsed = stale.get(&r.account_id).copied().unwrap_or(0);
            let opened = on - Duration::days(i64::from(window_days(window)));
            let mut why: Vec<String> = Vec::new();
            if let Some(b) = band.filter(|b| *b != HealthBand::Green) {
                why.push(format!("health {}", b.as_str()));
            }
            if let Some(step) = behind {
                why.push(step.missing().into());
            }
            if no_forecast {
                why.push("no forecast".into());
            }
            if lapsed > 0 {
                why.push(format!(
                    "{lapsed} task{} of an earlier stage open",
                    if lapsed == 1 { "" } else { "s" }
                ));
            }
            let entered = opened >= news_from && opened <= today;
            if why.is_empty() && !entered {
                continue;
            }
            if why.is_empty() {
                why.push(format!("entered the {} window", window.label()));
            }
            let todo = if let Some(step) = behind {
                step.to_do().into()
            } else if no_forecast {
                "set the forecast".into()
            } else if band == Some(HealthBand::Red) {
                "agree the save plan with the sponsor".into()
            } else if lapsed > 0 {
                "close or skip the earlier stage's tasks".into()
            } else if let Some(stage) = r.stage {
                format!("start the {}", stage.label())
            } else {
                "review the renewal".into()
            };
            let severity = match band {
                Some(HealthBand::Red) => 3,
                _ if behind.is_some() => 3,
                Some(HealthBand::Yellow) => 2,
                _ => 1,
            };
            let fingerprint = format!(
                "{}|{}|{}|{no_forecast}|{}",
                window.as_str(),
                band.map_or("", |b| b.as_str()),
                behind.map_or("", |s| s.as_str()),
                lapsed > 0
            );
            sink(make.item(
                ItemKind::Renewal,
                Subject::Renewal(r.contract),
                why.join(", "),
                todo,
                Some(on),
                severity,
                fingerprint,
                is_new(opened),
            ));
        }

        // Risk signals raised lately and not yet answered with a touch, or by a play
        // under way (its task stands for the signal).
        let in_play = self.open_plays()?;
        let answered = |account: i64, kind: SignalKind| {
            scope
                .answers
                .get(&kind)
                .is_some_and(|ids| ids.iter().any(|p| in_play.contains(&(account, p.clone()))))
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
            for s in signals(&evidence, &assessment, rules, today) {
                let raised = match s.kind {
                    // Covered by the renewal's own item.
                    SignalKind::RenewalAtRisk => None,
                    SignalKind::ChampionQuiet => s
                        .since
                        .map(|d| d + Duration::days(i64::from(rules.signals.champion_quiet_days))),
                    _ => s.since,
                };
                let Some(raised) = raised.filter(|d| *d >= news_from && *d <= today) else {
                    continue;
                };
                if touched.get(&a.id).is_some_and(|t| *t >= raised) || answered(a.id, s.kind) {
                    continue;
                }
                sink(Maker { account }.item(
                    ItemKind::Signal,
                    Subject::Signal(s.kind),
                    s.reason,
                    answer(s.kind).into(),
                    None,
                    severity(s.kind),
                    raised.to_string(),
                    is_new(raised),
                ));
            }
            Ok(())
        })?;

        // Accounts gone without a touch past their segment's cadence.
        for account in accounts.values().filter(|a| mine(a.id).is_some()) {
            let last = touched.get(&account.id).copied();
            let Some(cadence) = today_rules.past_cadence(account.segment, last, today) else {
                continue;
            };
            let days = last.map(|d| (today - d).num_days());
            let what = match days {
                Some(d) => format!(
                    "last touch {d} days ago ({}: every {cadence} days)",
                    account.segment.label().to_lowercase()
                ),
                None => "never touched".into(),
            };
            let severity = if days.is_none_or(|d| d > 2 * i64::from(cadence)) {
                2
            } else {
                1
            };
            let lapsed_on = last.map(|d| d + Duration::days(i64::from(cadence) + 1));
            sink(Maker { account }.item(
                ItemKind::NoTouch,
                Subject::Quiet,
                what,
                "reach out, then log the touch".into(),
                None,
                severity,
                last.map_or("never".into(), |d| d.to_string()),
                lapsed_on.is_some_and(is_new),
            ));
        }

        // Overrides about to end.
        for (id, o) in self.active_overrides(today)? {
            let Some(account) = mine(id) else { continue };
            if (o.expires_on - today).num_days() > OVERRIDE_DAYS {
                continue;
            }
            sink(Maker { account }.item(
                ItemKind::OverrideExpiring,
                Subject::Override,
                format!("override by {} ends; the computed health returns", o.set_by),
                "renew the override with a reason, or let it end".into(),
                Some(o.expires_on),
                1,
                o.expires_on.to_string(),
                is_new(o.expires_on - Duration::days(OVERRIDE_DAYS)),
            ));
        }
        Ok(())
    }

    /// Open tasks due by `today` (and snoozed ones whose day has come), soonest first,
    /// one at a time; without the account's name, which the queue has already.
    fn each_due_task(
        &self,
        today: NaiveDate,
        mut each: impl FnMut(TaskRow),
    ) -> Result<(), BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT t.id, t.account_id, m.name, t.title, t.due_on, t.status, t.priority,
                    t.playbook_id, t.created_on
             FROM tasks t LEFT JOIN team_members m ON m.id = t.owner_id
             WHERE (t.status = 'open' OR (t.status = 'snoozed' AND t.snoozed_until <= ?1))
               AND t.due_on <= ?1
             ORDER BY t.due_on, t.id",
        )?;
        let mut rows = stmt.query([today.to_string()])?;
        while let Some(r) = rows.next()? {
            each(TaskRow {
                id: r.get(0)?,
                account_id: r.get(1)?,
                account: None,
                owner: r.get(2)?,
                title: r.get(3)?,
                due_on: date(r, 4)?,
                status: term(r, 5)?,
                priority: term(r, 6)?,
                playbook: r.get(7)?,
                created_on: date(r, 8)?,
            });
        }
        Ok(())
    }

    /// Every (account, playbook) with a task open or snoozed.
    fn open_plays(&self) -> Result<std::collections::HashSet<(i64, String)>, BookError> {
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
                id: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                segment: term(r, 3)?,
                arr: money(r, 4, 5)?,
            })
        })?;
        let mut out = HashMap::new();
        for a in rows {
            let a = a?;
            out.insert(a.id, a);
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
