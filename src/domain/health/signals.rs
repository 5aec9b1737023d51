//! Churn-risk signals: the specific things a CSM acts on, each with its reason and the
//! day it began, most severe first.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::assess::Assessment;
use super::evidence::Evidence;
use super::rules::HealthRules;
use crate::domain::vocab::{ContactRole, HealthBand, Segment, SurveyKind};

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
}

impl SignalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::UsageDrop => "usage_drop",
            SignalKind::ChampionLeft => "champion_left",
            SignalKind::EscalationOpen => "escalation_open",
            SignalKind::RenewalAtRisk => "renewal_at_risk",
            SignalKind::NpsDetractor => "nps_detractor",
            SignalKind::ChampionQuiet => "champion_quiet",
            SignalKind::NoExecSponsor => "no_exec_sponsor",
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
    let s = &rules.signals;
    let w = &rules.windows;
    let days = |n: u32| Duration::days(i64::from(n));
    let mut out = Vec::new();

    let drop = f64::from(s.usage_drop_pct) / 100.0;
    if let Some(change) = a.usage_change.filter(|c| *c < -drop) {
        let recent_from = as_of - days(w.usage_days);
        let prior_from = recent_from - days(w.usage_prior_days);
        let prior: Vec<f64> = e
            .usage
            .iter()
            .filter(|u| u.week_start > prior_from && u.week_start <= recent_from)
            .map(|u| u.active_users as f64)
            .collect();
        let prior_mean = prior.iter().sum::<f64>() / prior.len().max(1) as f64;
        let since = e
            .usage
            .iter()
            .filter(|u| u.week_start > recent_from && u.week_start <= as_of)
            .find(|u| (u.active_users as f64) < prior_mean * (1.0 - drop))
            .map_or(recent_from, |u| u.week_start);
        out.push(Signal {
            kind: SignalKind::UsageDrop,
            reason: format!(
                "usage down {:.0}% vs prior {}d",
                -change * 100.0,
                w.usage_prior_days
            ),
            since: Some(since),
        });
    }

    let champions = || e.people.iter().filter(|p| p.role == ContactRole::Champion);
    let present_champions: Vec<_> = champions().filter(|p| p.present(as_of)).collect();
    if present_champions.is_empty()
        && let Some(left) = champions()
            .filter(|p| {
                p.left_on
                    .is_some_and(|d| d <= as_of && d > as_of - Duration::days(365))
            })
            .max_by_key(|p| p.left_on)
    {
        let on = left.left_on.unwrap_or(as_of);
        out.push(Signal {
            kind: SignalKind::ChampionLeft,
            reason: format!("champion {} left {on}", left.name),
            since: Some(on),
        });
    }

    let escalations: Vec<_> = e
        .tickets
        .iter()
        .filter(|t| t.escalated && t.opened_on <= as_of && t.closed_on.is_none_or(|c| c > as_of))
        .collect();
    if let Some(oldest) = escalations.iter().min_by_key(|t| t.opened_on) {
        let age = (as_of - oldest.opened_on).num_days();
        let reason = if escalations.len() == 1 {
            format!("{} escalation open {age} days", oldest.priority.label())
        } else {
            format!("{} escalations open, oldest {age} days", escalations.len())
        };
        out.push(Signal {
            kind: SignalKind::EscalationOpen,
            reason,
            since: Some(oldest.opened_on),
        });
    }

    if let (Some(renewal), Some(band)) = (e.renewal_on, a.band) {
        let left = (renewal - as_of).num_days();
        if band != HealthBand::Green && left <= i64::from(s.renewal_days) && left >= -30 {
            let when = if left >= 0 {
                format!("renews in {left} days")
            } else {
                format!("renewal {} days overdue", -left)
            };
            out.push(Signal {
                kind: SignalKind::RenewalAtRisk,
                reason: format!("{when} with {} health", band.as_str()),
                since: Some(renewal - days(s.renewal_days)),
            });
        }
    }

    if let Some(nps) = e
        .surveys
        .iter()
        .rev()
        .find(|r| r.kind == SurveyKind::Nps && r.on <= as_of && r.on > as_of - days(w.nps_days))
        .filter(|r| r.score <= s.nps_detractor_at)
    {
        out.push(Signal {
            kind: SignalKind::NpsDetractor,
            reason: format!("NPS {} on {}", nps.score, nps.on),
            since: Some(nps.on),
        });
    }

    let quiet = present_champions
        .iter()
        .map(|p| (p, p.last_touch(as_of)))
        .filter(|(_, last)| {
            last.is_none_or(|d| (as_of - d).num_days() > i64::from(s.champion_quiet_days))
        })
        .min_by_key(|(_, last)| *last);
    if let Some((p, last)) = quiet {
        out.push(Signal {
            kind: SignalKind::ChampionQuiet,
            reason: match last {
                Some(d) => format!(
                    "no touch with champion {} in {} days",
                    p.name,
                    (as_of - d).num_days()
                ),
                None => format!("champion {} never touched", p.name),
            },
            since: last,
        });
    }

    if e.segment == Segment::Enterprise {
        let sponsors = || {
            e.people
                .iter()
                .filter(|p| p.role == ContactRole::ExecutiveSponsor)
        };
        if !sponsors().any(|p| p.present(as_of)) {
            out.push(Signal {
                kind: SignalKind::NoExecSponsor,
                reason: "enterprise account without an executive sponsor".into(),
                since: sponsors().filter_map(|p| p.left_on).max(),
            });
        }
    }

    out.sort_by_key(|s| s.kind);
    out
}
