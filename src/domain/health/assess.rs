//! The score: four components, each from its own evidence as of a day, weighted by the
//! segment's rules. A component without data is shown as missing and its weight is
//! shared out among the others, openly: the score is then low-confidence. Every
//! component carries the facts behind its points.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::evidence::{Evidence, PersonFact};
use super::rules::{HealthRules, Windows};
use crate::domain::vocab::{ContactRole, HealthBand, SurveyKind, TicketPriority};

/// The four parts of a health score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Usage,
    Adoption,
    Support,
    Engagement,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 4] = [
        ComponentKind::Usage,
        ComponentKind::Adoption,
        ComponentKind::Support,
        ComponentKind::Engagement,
    ];

    /// The stored and JSON spelling.
    pub fn name(self) -> &'static str {
        match self {
            ComponentKind::Usage => "usage",
            ComponentKind::Adoption => "adoption",
            ComponentKind::Support => "support",
            ComponentKind::Engagement => "engagement",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ComponentKind::Usage => "Product usage",
            ComponentKind::Adoption => "Feature adoption",
            ComponentKind::Support => "Support",
            ComponentKind::Engagement => "Engagement",
        }
    }
}

/// Whether every weighted component had data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Low => "low",
        }
    }
}

/// One component: its weight as configured and as applied, its points and its facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    pub kind: ComponentKind,
    /// Percent, as configured.
    pub weight: u32,
    /// Percent after missing components' weight was shared out; 0 when missing.
    pub effective_weight: f64,
    /// 0-100; None when there was no data.
    pub score: Option<u8>,
    pub facts: Vec<String>,
}

/// An account's health as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub as_of: NaiveDate,
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    pub confidence: Confidence,
    /// Weighted components that had no data.
    pub missing: Vec<ComponentKind>,
    pub components: [Component; 4],
    /// The component costing the most points.
    pub top_negative: Option<ComponentKind>,
    /// Mean active users in the recent window against the prior one, minus one.
    pub usage_change: Option<f64>,
}

impl Assessment {
    pub fn component(&self, kind: ComponentKind) -> &Component {
        &self.components[kind as usize]
    }

    /// "low confidence: no support data in 90 days", when a component is missing.
    pub fn confidence_note(&self) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        let what: Vec<&str> = self
            .missing
            .iter()
            .map(|k| match k {
                ComponentKind::Usage => "no usage data",
                ComponentKind::Adoption => "no adoption data",
                ComponentKind::Support => "no tickets or CSAT",
                ComponentKind::Engagement => "no stakeholders or NPS",
            })
            .collect();
        Some(format!(
            "low confidence: {}; their weight is shared among the rest",
            what.join(", ")
        ))
    }

    /// "Pulling it down most: product usage (22/100)".
    pub fn top_negative_note(&self) -> Option<String> {
        let kind = self.top_negative?;
        let c = self.component(kind);
        Some(format!(
            "Pulling it down most: {} ({}/100)",
            kind.label().to_lowercase(),
            c.score.unwrap_or(0)
        ))
    }
}

/// Scores an account as of `as_of`, ignoring everything dated after it.
pub fn assess(e: &Evidence, rules: &HealthRules, as_of: NaiveDate) -> Assessment {
    let w = &rules.windows;
    let weights = rules.weights_for(e.segment);
    let (usage, usage_change) = usage(e, w, as_of);
    let parts = [
        (ComponentKind::Usage, weights.usage, usage),
        (
            ComponentKind::Adoption,
            weights.adoption,
            adoption(e, w, as_of),
        ),
        (
            ComponentKind::Support,
            weights.support,
            support(e, w, as_of),
        ),
        (
            ComponentKind::Engagement,
            weights.engagement,
            engagement(e, w, as_of),
        ),
    ];
    let available: u32 = parts
        .iter()
        .filter(|(_, _, (s, _))| s.is_some())
        .map(|(_, weight, _)| weight)
        .sum();
    let components = parts.map(|(kind, weight, (score, facts))| Component {
        kind,
        weight,
        effective_weight: match score {
            Some(_) if available > 0 => f64::from(weight) * 100.0 / f64::from(available),
            _ => 0.0,
        },
        score,
        facts,
    });
    let score = (available > 0).then(|| {
        let points: f64 = components
            .iter()
            .filter_map(|c| c.score.map(|s| f64::from(s) * f64::from(c.weight)))
            .sum();
        (points / f64::from(available)).round().clamp(0.0, 100.0) as u8
    });
    let missing: Vec<ComponentKind> = components
        .iter()
        .filter(|c| c.score.is_none() && c.weight > 0)
        .map(|c| c.kind)
        .collect();
    let top_negative = components
        .iter()
        .filter_map(|c| {
            c.score
                .map(|s| (c.effective_weight * f64::from(100 - s), c.kind))
        })
        .filter(|(cost, _)| *cost > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, kind)| kind);
    Assessment {
        as_of,
        score,
        band: score.map(|s| rules.bands_for(e.segment).band(s)),
        confidence: if missing.is_empty() {
            Confidence::High
        } else {
            Confidence::Low
        },
        missing,
        components,
        top_negative,
        usage_change,
    }
}

type Part = (Option<u8>, Vec<String>);

fn days(n: u32) -> Duration {
    Duration::days(i64::from(n))
}

/// Weeks starting in `(from, to]`.
fn weeks_in<'a>(
    e: &Evidence<'a>,
    from: NaiveDate,
    to: NaiveDate,
) -> &'a [crate::domain::records::UsageWeek] {
    let start = e.usage.partition_point(|u| u.week_start <= from);
    let end = e.usage.partition_point(|u| u.week_start <= to);
    &e.usage[start..end.max(start)]
}

fn usage(e: &Evidence, w: &Windows, as_of: NaiveDate) -> (Part, Option<f64>) {
    let recent_from = as_of - days(w.usage_days);
    let recent = weeks_in(e, recent_from, as_of);
    if recent.is_empty() {
        return (
            (
                None,
                vec![format!("no usage data in the last {} days", w.usage_days)],
            ),
            None,
        );
    }
    let prior = weeks_in(e, recent_from - days(w.usage_prior_days), recent_from);
    let n = recent.len() as f64;
    let active: f64 = recent.iter().map(|u| u.active_users as f64).sum::<f64>() / n;
    let seats: f64 = recent.iter().map(|u| u.licensed_seats as f64).sum::<f64>() / n;
    let utilisation = if seats > 0.0 { active / seats } else { 0.0 };
    let level = 100.0 * (utilisation / w.usage_target).min(1.0);
    let prior_mean = (!prior.is_empty())
        .then(|| prior.iter().map(|u| u.active_users as f64).sum::<f64>() / prior.len() as f64);
    let change = prior_mean.filter(|m| *m > 0.0).map(|m| active / m - 1.0);
    let direction = change.map_or(0.0, |c| (c * 50.0).clamp(-25.0, 10.0));
    let points = (level + direction).round().clamp(0.0, 100.0) as u8;
    let mut facts = vec![format!(
        "{} of {} seats active, last {} days",
        active.round(),
        seats.round(),
        w.usage_days
    )];
    facts.push(match change {
        Some(c) if c.abs() < 0.05 => format!("steady vs the prior {} days", w.usage_prior_days),
        Some(c) if c < 0.0 => format!(
            "down {:.0}% vs the prior {} days",
            -c * 100.0,
            w.usage_prior_days
        ),
        Some(c) => format!(
            "up {:.0}% vs the prior {} days",
            c * 100.0,
            w.usage_prior_days
        ),
        None => format!(
            "no usage in the prior {} days to compare",
            w.usage_prior_days
        ),
    });
    ((Some(points), facts), change)
}

fn adoption(e: &Evidence, w: &Windows, as_of: NaiveDate) -> Part {
    let recent = weeks_in(e, as_of - days(w.usage_days), as_of);
    if e.key_features == 0 {
        return (
            None,
            vec!["the product catalog marks no key features".into()],
        );
    }
    let Some(used) = recent.iter().map(|u| u.key_features_used).max() else {
        return (
            None,
            vec![format!("no usage data in the last {} days", w.usage_days)],
        );
    };
    let used = used.clamp(0, i64::from(e.key_features)) as f64;
    let share = used / f64::from(e.key_features);
    let points = (100.0 * (share / w.adoption_target).min(1.0)).round() as u8;
    (
        Some(points),
        vec![format!("{used} of {} key features in use", e.key_features)],
    )
}

fn support(e: &Evidence, w: &Windows, as_of: NaiveDate) -> Part {
    let from = as_of - days(w.support_days);
    let seen = &e.tickets[..e.tickets.partition_point(|t| t.opened_on <= as_of)];
    let open: Vec<_> = seen
        .iter()
        .filter(|t| t.closed_on.is_none_or(|c| c > as_of))
        .collect();
    let opened_recently = seen.iter().filter(|t| t.opened_on > from).count();
    let mut csat: Vec<u8> = seen
        .iter()
        .filter(|t| t.closed_on.is_some_and(|c| c > from && c <= as_of))
        .filter_map(|t| t.csat)
        .collect();
    csat.extend(
        e.surveys
            .iter()
            .filter(|s| s.kind == SurveyKind::Csat && s.on > from && s.on <= as_of)
            .map(|s| s.score),
    );
    if opened_recently == 0 && open.is_empty() && csat.is_empty() {
        return (
            None,
            vec![format!("no tickets or CSAT in {} days", w.support_days)],
        );
    }
    let mut facts = Vec::new();
    let base = if csat.is_empty() {
        facts.push(format!("no CSAT in {} days", w.support_days));
        75.0
    } else {
        let mean = csat.iter().map(|c| f64::from(*c)).sum::<f64>() / csat.len() as f64;
        facts.push(format!(
            "CSAT {mean:.1} from {} answer{}, {} days",
            csat.len(),
            if csat.len() == 1 { "" } else { "s" },
            w.support_days
        ));
        (mean - 1.0) / 4.0 * 100.0
    };
    let urgent = open
        .iter()
        .filter(|t| matches!(t.priority, TicketPriority::P1 | TicketPriority::P2))
        .count();
    let escalations = seen
        .iter()
        .filter(|t| t.escalated && t.opened_on > from)
        .count();
    if urgent > 0 {
        facts.push(format!("{urgent} P1/P2 ticket{} open", plural(urgent)));
    }
    if escalations > 0 {
        facts.push(format!(
            "{escalations} escalation{} in {} days",
            plural(escalations),
            w.support_days
        ));
    }
    if opened_recently == 0 && open.is_empty() {
        facts.push(format!("no tickets in {} days", w.support_days));
    }
    let penalty = (15.0 * urgent as f64).min(45.0) + (20.0 * escalations as f64).min(40.0);
    (
        Some((base - penalty).round().clamp(0.0, 100.0) as u8),
        facts,
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Full points within `window` days of the last touch, none at twice that.
fn recency_points(last: Option<NaiveDate>, as_of: NaiveDate, window: u32) -> f64 {
    let Some(last) = last else { return 0.0 };
    let age = (as_of - last).num_days().max(0) as f64;
    let window = f64::from(window);
    if age <= window {
        100.0
    } else {
        (100.0 * (2.0 - age / window)).max(0.0)
    }
}

fn engagement(e: &Evidence, w: &Windows, as_of: NaiveDate) -> Part {
    let present: Vec<&PersonFact> = e.people.iter().filter(|p| p.present(as_of)).collect();
    let nps =
        e.surveys.iter().rev().find(|s| {
            s.kind == SurveyKind::Nps && s.on <= as_of && s.on > as_of - days(w.nps_days)
        });
    if present.is_empty() && nps.is_none() {
        return (None, vec!["no stakeholders or NPS on record".into()]);
    }
    let mut parts = Vec::new();
    let mut facts = Vec::new();
    for (role, window, word) in [
        (ContactRole::Champion, w.champion_touch_days, "champion"),
        (
            ContactRole::ExecutiveSponsor,
            w.sponsor_touch_days,
            "exec sponsor",
        ),
    ] {
        let best = present
            .iter()
            .filter(|p| p.role == role)
            .max_by_key(|p| p.last_touch(as_of));
        match best {
            Some(p) => {
                let last = p.last_touch(as_of);
                parts.push(recency_points(last, as_of, window));
                facts.push(match last {
                    Some(d) => format!(
                        "{word} {} last touched {} days ago",
                        p.name,
                        (as_of - d).num_days()
                    ),
                    None => format!("{word} {} never touched", p.name),
                });
            }
            None => {
                parts.push(0.0);
                let left = e
                    .people
                    .iter()
                    .filter(|p| p.role == role)
                    .filter_map(|p| p.left_on.filter(|d| *d <= as_of))
                    .max();
                facts.push(match left {
                    Some(d) => format!("{word} left on {d}"),
                    None => format!("no {word}"),
                });
            }
        }
    }
    if let Some(n) = nps {
        parts.push(match n.score {
            9.. => 100.0,
            7 | 8 => 60.0,
            s => f64::from(s) * 5.0,
        });
        facts.push(format!("latest NPS {} ({})", n.score, n.on));
    }
    let points = parts.iter().sum::<f64>() / parts.len() as f64;
    (Some(points.round() as u8), facts)
}
