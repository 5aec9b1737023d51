//! Churn-risk signals: the specific things a CSM acts on, each with its reason and the
//! day it began, most severe first.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::assess::{Assessment, days};
use super::engagement::{last_to_leave, latest_nps, present};
use super::evidence::Evidence;
use super::rules::HealthRules;
use super::support::open_on;
use super::usage::{mean_active, prior_weeks, recent_weeks, whole_percent};
use crate::domain::vocab::{ContactRole, HealthBand, Segment, Sentiment};

/// A departed champion stops being news after a year.
const CHAMPION_LEFT_DAYS: i64 = 365;
/// A renewal this many days overdue is still at risk; older, it is history.
const RENEWAL_OVERDUE_DAYS: i64 = 30;

/// The kinds of risk, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    UsageDrop,
    ChampionLeft,
    EscalationOpen,
    RenewalAtRisk,
    NpsDetractor,
    ChampionQuiet,
    NoExecSponsor,
    NegativeBuyer,
    SingleThreaded,
}

impl SignalKind {
    /// Every kind, most severe first.
    pub const ALL: [SignalKind; 9] = [
        SignalKind::UsageDrop,
        SignalKind::ChampionLeft,
        SignalKind::EscalationOpen,
        SignalKind::RenewalAtRisk,
        SignalKind::NpsDetractor,
        SignalKind::ChampionQuiet,
        SignalKind::NoExecSponsor,
        SignalKind::NegativeBuyer,
        SignalKind::SingleThreaded,
    ];

    /// The stored and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::UsageDrop => "usage_drop",
            SignalKind::ChampionLeft => "champion_left",
            SignalKind::EscalationOpen => "escalation_open",
            SignalKind::RenewalAtRisk => "renewal_at_risk",
            SignalKind::NpsDetractor => "nps_detractor",
            SignalKind::ChampionQuiet => "champion_quiet",
            SignalKind::NoExecSponsor => "no_exec_sponsor",
            SignalKind::NegativeBuyer => "negative_buyer",
            SignalKind::SingleThreaded => "single_threaded",
        }
    }

    /// The kind stored as `text` (its `as_str`).
    pub fn parse(text: &str) -> Option<SignalKind> {
        SignalKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The words shown to a person.
    pub fn label(self) -> &'static str {
        match self {
            SignalKind::UsageDrop => "Usage drop",
            SignalKind::ChampionLeft => "Champion left",
            SignalKind::EscalationOpen => "Escalation open",
            SignalKind::RenewalAtRisk => "Renewal at risk",
            SignalKind::NpsDetractor => "NPS detractor",
            SignalKind::ChampionQuiet => "Champion quiet",
            SignalKind::NoExecSponsor => "No exec sponsor",
            SignalKind::NegativeBuyer => "Negative buyer",
            SignalKind::SingleThreaded => "Single-threaded",
        }
    }
}

/// One signal: what, why, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub reason: String,
    pub since: Option<NaiveDate>,
}

/// The signals standing on `as_of`, most severe first.
pub fn signals(e: &Evidence, a: &Assessment, rules: &HealthRules, as_of: NaiveDate) -> Vec<Signal> {
    let mut found: Vec<Signal> = [
        usage_drop(e, a, rules, as_of),
        champion_left(e, as_of),
        escalation_open(e, as_of),
        renewal_at_risk(e, a, rules, as_of),
        nps_detractor(e, rules, as_of),
        champion_quiet(e, rules, as_of),
        no_exec_sponsor(e, as_of),
        negative_buyer(e, as_of),
        single_threaded(e, rules, as_of),
    ]
    .into_iter()
    .flatten()
    .collect();
    found.sort_by_key(|s| s.kind);
    found
}

fn signal(kind: SignalKind, reason: String, since: Option<NaiveDate>) -> Option<Signal> {
    Some(Signal {
        kind,
        reason,
        since,
    })
}

/// Mean active users fell more than `usage_drop_pct` against the prior window; since the
/// first recent week below that line.
fn usage_drop(
    e: &Evidence,
    a: &Assessment,
    rules: &HealthRules,
    as_of: NaiveDate,
) -> Option<Signal> {
    let w = &rules.windows;
    let drop = f64::from(rules.signals.usage_drop_pct) / 100.0;
    let change = a.usage_change.filter(|c| *c < -drop)?;
    let line = mean_active(prior_weeks(e, w, as_of))? * (1.0 - drop);
    let since = recent_weeks(e, w, as_of)
        .iter()
        .find(|u| (u.active_users as f64) < line)
        .map_or(as_of - days(w.usage_days), |u| u.week_start);
    let reason = format!(
        "usage down {}% vs prior {} days",
        -whole_percent(change),
        w.usage_prior_days
    );
    signal(SignalKind::UsageDrop, reason, Some(since))
}

/// No champion left at the company, and one left within the year.
fn champion_left(e: &Evidence, as_of: NaiveDate) -> Option<Signal> {
    if present(e, ContactRole::Champion, as_of).next().is_some() {
        return None;
    }
    let p = last_to_leave(e, ContactRole::Champion, as_of)?;
    let on = p.left_on?;
    if (as_of - on).num_days() >= CHAMPION_LEFT_DAYS {
        return None;
    }
    let reason = format!("champion {} left on {on}", p.name);
    signal(SignalKind::ChampionLeft, reason, Some(on))
}

/// Escalated tickets open on the day; since the oldest.
fn escalation_open(e: &Evidence, as_of: NaiveDate) -> Option<Signal> {
    let open: Vec<_> = open_on(e.tickets, as_of).filter(|t| t.escalated).collect();
    let oldest = open.iter().min_by_key(|t| t.opened_on)?;
    let age = (as_of - oldest.opened_on).num_days();
    let reason = match open.len() {
        1 => format!("{} escalation open {age} days", oldest.priority.label()),
        n => format!(
            "{n} escalations open, oldest {} for {age} days",
            oldest.priority.label()
        ),
    };
    signal(SignalKind::EscalationOpen, reason, Some(oldest.opened_on))
}

/// A renewal within `renewal_days` (or up to a month overdue) with yellow or red health.
fn renewal_at_risk(
    e: &Evidence,
    a: &Assessment,
    rules: &HealthRules,
    as_of: NaiveDate,
) -> Option<Signal> {
    let renewal = e.renewal_on?;
    let band = a.band.filter(|b| *b != HealthBand::Green)?;
    let notice = rules.signals.renewal_days;
    let left = (renewal - as_of).num_days();
    if left > i64::from(notice) || left < -RENEWAL_OVERDUE_DAYS {
        return None;
    }
    let when = match left {
        0 => "renews today".to_string(),
        1 => "renews tomorrow".to_string(),
        n if n > 0 => format!("renews in {n} days"),
        n => format!("renewal {} days overdue", -n),
    };
    let reason = format!("{when} with {} health", band.as_str());
    signal(
        SignalKind::RenewalAtRisk,
        reason,
        Some(renewal - days(notice)),
    )
}

/// The latest NPS answer within the NPS window is a detractor's.
fn nps_detractor(e: &Evidence, rules: &HealthRules, as_of: NaiveDate) -> Option<Signal> {
    let nps = latest_nps(e, &rules.windows, as_of)?;
    if nps.score > rules.signals.nps_detractor_at {
        return None;
    }
    let reason = format!("NPS {} on {}", nps.score, nps.on);
    signal(SignalKind::NpsDetractor, reason, Some(nps.on))
}

/// Even the champion touched last has gone more than `champion_quiet_days` without a
/// touch (or was never touched); since that last touch.
fn champion_quiet(e: &Evidence, rules: &HealthRules, as_of: NaiveDate) -> Option<Signal> {
    let quiet_after = Duration::days(i64::from(rules.signals.champion_quiet_days));
    let p = present(e, ContactRole::Champion, as_of).max_by_key(|p| p.last_touch(as_of))?;
    let last = p.last_touch(as_of);
    let reason = match last {
        Some(d) if as_of - d <= quiet_after => return None,
        Some(d) => format!(
            "no touch with champion {} in {} days",
            p.name,
            (as_of - d).num_days()
        ),
        None => format!("champion {} never touched", p.name),
    };
    signal(SignalKind::ChampionQuiet, reason, last)
}

/// An enterprise account with no executive sponsor at the company.
fn no_exec_sponsor(e: &Evidence, as_of: NaiveDate) -> Option<Signal> {
    if e.segment != Segment::Enterprise
        || present(e, ContactRole::ExecutiveSponsor, as_of)
            .next()
            .is_some()
    {
        return None;
    }
    let since = last_to_leave(e, ContactRole::ExecutiveSponsor, as_of).and_then(|p| p.left_on);
    let reason = "enterprise account without an executive sponsor".to_string();
    signal(SignalKind::NoExecSponsor, reason, since)
}

/// An economic buyer or decision maker at the company who is negative.
fn negative_buyer(e: &Evidence, as_of: NaiveDate) -> Option<Signal> {
    let p = e.people.iter().find(|p| {
        p.present(as_of)
            && p.sentiment == Sentiment::Negative
            && matches!(
                p.role,
                ContactRole::EconomicBuyer | ContactRole::DecisionMaker
            )
    })?;
    let reason = format!("{} {} is negative", p.role.label(), p.name);
    signal(SignalKind::NegativeBuyer, reason, None)
}

/// One contact or none touched in `single_threaded_days`, at an account with people
/// on file (self-serve accounts are served without).
fn single_threaded(e: &Evidence, rules: &HealthRules, as_of: NaiveDate) -> Option<Signal> {
    if e.segment == Segment::SelfServe || !e.people.iter().any(|p| p.present(as_of)) {
        return None;
    }
    let window = rules.signals.single_threaded_days;
    let engaged = e
        .people
        .iter()
        .filter(|p| p.present(as_of))
        .filter(|p| {
            p.last_touch(as_of)
                .is_some_and(|d| (as_of - d).num_days() <= i64::from(window))
        })
        .count();
    let reason = match engaged {
        0 => format!("nobody touched in {window} days"),
        1 => format!("one contact touched in {window} days"),
        _ => return None,
    };
    signal(SignalKind::SingleThreaded, reason, None)
}

#[cfg(test)]
mod tests;
