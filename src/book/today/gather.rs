//! Gathering the queue's items: one read of each source (accounts, last touches, tasks,
//! renewals, the evidence behind the signals, overrides), kept to the scope's accounts,
//! each row handed to `domain::today`, whose rules make it an item or leave it out.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::Scope;
use super::rows::Within;
use crate::book::health::evidence::{Span, for_each_account_in};
use crate::book::renewals::Renewal;
use crate::book::{Book, BookError};
use crate::domain::health::{HealthRules, Signal, assess, signals};
use crate::domain::renewal::Window;
use crate::domain::today::{
    Answers, Class, Item, ItemAccount, News, Plays, RenewalFacts, TodayRules, lapsed,
    override_item, quiet_item, renewal_class, renewal_item, renewal_reasons, signal_item,
    task_item,
};

/// Up to this many accounts without signals kept with today's health are read one by
/// one; more, in one pass over the book.
const FEW: usize = 64;

impl Book {
    /// Every item that needs the scope's owner (or anyone) on `today`, unranked and
    /// with nothing put away taken out, each with the day it has been owed since (a
    /// task's due day, the day a quiet account ran past its cadence), if it has one.
    pub fn triage(
        &self,
        rules: &HealthRules,
        today_rules: &TodayRules,
        scope: &Scope,
        ids: Option<(i64, i64)>,
        today: NaiveDate,
        mut sink: impl FnMut(Item, Option<NaiveDate>),
    ) -> Result<(), BookError> {
        let owner = scope.owner.as_deref();
        let within = Within { owner, ids };
        let accounts = self.queue_accounts(within)?;
        let mine = |id: i64| {
            accounts
                .get(&id)
                .filter(|a| owner.is_none_or(|o| a.owner.as_deref() == Some(o)))
                .map(|a| &a.account)
        };
        let news = News::new(today_rules, scope.last_looked, today);
        let touched = self.last_touches_within(today, within)?;

        // Where each account's renewal stands, for the tasks of stages gone by.
        let mut coming: Vec<RenewalFacts> = Vec::new();
        let by = today + Duration::days(120);
        let each = |r: Renewal| {
            if mine(r.account_id).is_none() || r.renewal_on.is_none_or(|on| on > by) {
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
                r.forecast.as_ref(),
                &r.warnings,
            ));
        };
        self.each_renewal_in(rules, today, Some(by), ids, each)?;
        let window_of: HashMap<i64, Window> =
            coming.iter().map(|r| (r.account_id, r.window)).collect();
        // A renewal stage's tasks are as grave as their renewal.
        let renewal_classes: HashMap<i64, Class> = coming
            .iter()
            .map(|r| (r.account_id, renewal_class(r, &renewal_reasons(r, 0))))
            .collect();
        let class_of = |account: i64, playbook: Option<&String>| match playbook {
            Some(p) if scope.stages.contains_key(p) => renewal_classes
                .get(&account)
                .copied()
                .unwrap_or(Class::Routine),
            Some(p) => scope.classes.get(p).copied().unwrap_or(Class::Routine),
            None => Class::Routine,
        };

        // Tasks due by today, one item per play; a renewal stage's tasks lapse into the
        // renewal's item once the renewal has moved on.
        let mut stale: HashMap<i64, usize> = HashMap::new();
        let mut plays = Plays::default();
        self.each_due_task(today, within, |row| {
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
        let plays = plays.into_vec();
        let due_plays: HashSet<(i64, String)> = plays
            .iter()
            .filter_map(|p| Some((p.account_id, p.head.playbook.clone()?)))
            .collect();
        for play in plays {
            let class = class_of(play.account_id, play.head.playbook.as_ref());
            let item = task_item(&accounts[&play.account_id].account, &play, class, &news);
            sink(item, Some(play.head.due_on));
        }

        // Renewals that need a move.
        for r in &coming {
            let lapsed = stale.get(&r.account_id).copied().unwrap_or(0);
            if let Some(item) = renewal_item(&accounts[&r.account_id].account, r, lapsed, &news) {
                sink(item, None);
            }
        }

        // Risk signals raised lately and not yet answered with a touch, or by a play in
        // hand (its tasks not yet due). One answered by a play with a task due is joined
        // with that task's item.
        let in_hand: HashSet<(i64, String)> = self
            .open_plays(within)?
            .into_iter()
            .filter(|p| !due_plays.contains(p))
            .collect();
        let answers = Answers {
            by_signal: &scope.answers,
            open: &in_hand,
        };
        // Kept with today's health where it is current; read from the evidence for the
        // accounts it does not cover.
        let mut signal_items = |id: i64, account: &ItemAccount, found: Vec<Signal>| {
            let last_touch = touched.get(&id).copied();
            for s in found {
                if let Some(item) =
                    signal_item(account, s, &rules.signals, last_touch, &answers, &news)
                {
                    sink(item, None);
                }
            }
        };
        // A quiet champion is raised its quiet days after it began.
        let quiet = Duration::days(i64::from(rules.signals.champion_quiet_days));
        let covered = self.stored_signals_on(today, news.from - quiet, within, |id, found| {
            if let Some(account) = mine(id) {
                signal_items(id, account, found);
            }
        })?;
        // The rest from their evidence: one by one when they are few (an account
        // imported since the recompute), else in one pass over the book.
        let uncovered: Vec<i64> = accounts
            .keys()
            .copied()
            .filter(|id| mine(*id).is_some() && !covered.contains(id))
            .collect();
        let span = Span {
            from: today,
            to: today,
            touch_history: false,
        };
        let mut from_evidence = |a: &crate::book::health::evidence::AccountEvidence| {
            if let Some(account) = mine(a.id).filter(|_| !covered.contains(&a.id)) {
                let evidence = a.evidence();
                let assessment = assess(&evidence, rules, today);
                signal_items(a.id, account, signals(&evidence, &assessment, rules, today));
            }
            Ok(())
        };
        if uncovered.len() <= FEW {
            for id in uncovered {
                for_each_account_in(self.conn(), rules, span, (id, id), &mut from_evidence)?;
            }
        } else {
            let range = ids.unwrap_or((i64::MIN, i64::MAX));
            for_each_account_in(self.conn(), rules, span, range, &mut from_evidence)?;
        }

        // Accounts gone without a touch past their segment's cadence.
        for account in accounts.values().filter_map(|a| mine(a.account.id)) {
            let last = touched.get(&account.id).copied();
            if let Some(item) = quiet_item(account, last, today_rules, &news) {
                let since = last.zip(today_rules.touch_days(account.segment));
                sink(
                    item,
                    since.map(|(d, c)| d + Duration::days(i64::from(c) + 1)),
                );
            }
        }

        // The growth half: onboarding behind, expansion closing, reference asks due,
        // win-backs due.
        self.growth_items(&scope.growth, within, &accounts, &news, &mut sink)?;

        // Overrides about to end.
        for (id, o) in self.active_overrides(today)? {
            let Some(account) = mine(id) else { continue };
            if let Some(item) = override_item(account, &o, &news) {
                sink(item, None);
            }
        }
        Ok(())
    }
}
