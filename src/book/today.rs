//! The morning triage queue from the book: tasks due or late, risk signals raised in
//! the last week, renewals that need a move (a new window, behind their motion, no
//! forecast near the date), relationships gone quiet, and overrides about to expire;
//! each an item for `domain::today::rank`.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::{Book, BookError};
use crate::domain::Money;
use crate::domain::health::{HealthRules, SignalKind};
use crate::domain::renewal::{WarningKind, Window};
use crate::domain::stakeholders::{CoverageRules, GapKind};
use crate::domain::today::{Item, ItemKind};
use crate::domain::vocab::{HealthBand, Priority};

/// Signals raised within this many days are news.
const NEWS_DAYS: i64 = 7;
/// Overrides ending within this many days are flagged.
const OVERRIDE_DAYS: i64 = 7;

/// An item and whose account it is.
pub struct Owned {
    pub owner: Option<String>,
    pub item: Item,
}

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

impl Book {
    /// Every item that needs someone today, unranked.
    pub fn triage(
        &self,
        rules: &HealthRules,
        coverage: &CoverageRules,
        today: NaiveDate,
    ) -> Result<Vec<Owned>, BookError> {
        let accounts: HashMap<i64, (String, Option<String>, Money)> = self
            .portfolio()?
            .into_iter()
            .filter(|a| a.churned_on.is_none())
            .map(|a| (a.id, (a.name, a.owner.map(|o| o.to_string()), a.arr)))
            .collect();
        let mut out = Vec::new();
        let mut push = |account: i64, kind, what: String, due, severity| {
            if let Some((name, owner, arr)) = accounts.get(&account) {
                out.push(Owned {
                    owner: owner.clone(),
                    item: Item {
                        kind,
                        account_id: account,
                        account: name.clone(),
                        arr: *arr,
                        what,
                        due,
                        severity,
                        priority: 0.0,
                        reason: String::new(),
                    },
                });
            }
        };

        for t in self.open_tasks(today)? {
            let Some(account) = t.account_id.filter(|_| t.due_on <= today) else {
                continue;
            };
            let severity = match t.priority {
                Priority::High => 3,
                Priority::Medium => 2,
                Priority::Low => 1,
            };
            push(account, ItemKind::Task, t.title, Some(t.due_on), severity);
        }

        self.each_health(rules, today, None, |detail| {
            for s in &detail.signals {
                let news = s
                    .since
                    .is_none_or(|d| (today - d).num_days() <= NEWS_DAYS && d <= today);
                if news && s.kind != SignalKind::RenewalAtRisk {
                    push(
                        detail.id,
                        ItemKind::Signal,
                        s.reason.clone(),
                        None,
                        severity(s.kind),
                    );
                }
            }
            Ok(())
        })?;

        for r in self.renewals(rules, today)? {
            let (Some(window), Some(on), Some(motion)) = (r.window, r.renewal_on, &r.motion) else {
                continue;
            };
            if window == Window::Later {
                continue;
            }
            let band = r.health.and_then(|h| h.band);
            let mut why: Vec<String> = Vec::new();
            if let Some(b) = band.filter(|b| *b != HealthBand::Green) {
                why.push(format!("health {}", b.as_str()));
            }
            if let Some(step) = motion.next_step().filter(|_| !motion.behind.is_empty()) {
                why.push(format!("{} not done", step.label()));
            }
            let no_forecast = r.warnings.iter().any(|w| w.kind == WarningKind::NoForecast);
            if no_forecast && matches!(window, Window::Overdue | Window::Days30 | Window::Days60) {
                why.push("no forecast".into());
            }
            let opened = window_opened(on, window);
            if why.is_empty() && opened.is_none_or(|d| (today - d).num_days() > NEWS_DAYS) {
                continue;
            }
            if why.is_empty() {
                why.push(format!("entered the {} window", window.label()));
            }
            let severity = match band {
                Some(HealthBand::Red) => 3,
                _ if !motion.behind.is_empty() => 3,
                Some(HealthBand::Yellow) => 2,
                _ => 1,
            };
            push(
                r.account_id,
                ItemKind::Renewal,
                why.join(", "),
                Some(on),
                severity,
            );
        }

        for a in self.coverage_gaps(coverage, today)? {
            for g in a
                .gaps
                .iter()
                .filter(|g| matches!(g.kind, GapKind::GoneQuiet | GapKind::SponsorNotMet))
            {
                let severity = if g.reason.starts_with("champion") {
                    2
                } else {
                    1
                };
                push(
                    a.account_id,
                    ItemKind::NoTouch,
                    g.reason.clone(),
                    None,
                    severity,
                );
            }
        }

        for (account, o) in self.active_overrides(today)? {
            if (o.expires_on - today).num_days() <= OVERRIDE_DAYS {
                let what = format!("override by {} ends; computed health returns", o.set_by);
                push(
                    account,
                    ItemKind::OverrideExpiring,
                    what,
                    Some(o.expires_on),
                    1,
                );
            }
        }
        Ok(out)
    }
}

/// The day a renewal entered `window`.
fn window_opened(renewal_on: NaiveDate, window: Window) -> Option<NaiveDate> {
    let days = match window {
        Window::Days120 => 120,
        Window::Days90 => 90,
        Window::Days60 => 60,
        Window::Days30 => 30,
        Window::Overdue => 0,
        Window::Later => return None,
    };
    Some(renewal_on - Duration::days(days))
}
