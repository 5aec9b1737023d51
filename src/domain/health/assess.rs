//! The score: four components, each from its own evidence as of a day, weighted by the
//! segment's rules. A component without data is shown as missing and its weight is
//! shared out among the others, openly: the score is then low-confidence. Every
//! component carries the facts behind its points.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::caps::{self, CapHit, Triggers};
use super::evidence::Evidence;
use super::rules::{Caps, HealthRules, Weights};
use super::{engagement, support, usage};
use crate::domain::vocab::HealthBand;

/// A score needs components worth at least this much of it with data; below, the
/// account is shown unscored rather than judged on a sliver.
pub const MIN_WEIGHT_SCORED: u32 = 50;

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
    /// Every component, in the order a score lists them.
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

    /// The words shown to a person.
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
#[serde(rename_all = "lowercase")]
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
    /// In [`ComponentKind::ALL`] order.
    pub components: [Component; 4],
    /// The component costing the most points.
    pub top_negative: Option<ComponentKind>,
    /// Mean active users in the recent window against the prior one, minus one.
    pub usage_change: Option<f64>,
    /// The hard rules that held the score down, if any did.
    pub caps: Vec<CapHit>,
}

impl Assessment {
    pub fn component(&self, kind: ComponentKind) -> &Component {
        &self.components[kind as usize]
    }

    /// "low confidence: no tickets or CSAT in 90 days; its 20% weight is shared among
    /// the rest", when a weighted component had no data.
    pub fn confidence_note(&self) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        let mut why: Vec<&str> = Vec::new();
        for kind in &self.missing {
            let fact = self.component(*kind).facts.first().map(String::as_str);
            if let Some(fact) = fact.filter(|f| !why.contains(f)) {
                why.push(fact);
            }
        }
        let weight: u32 = self.missing.iter().map(|k| self.component(*k).weight).sum();
        if self.score.is_none() {
            return Some(format!(
                "not scored: {}; only {}% of the weight has data, {MIN_WEIGHT_SCORED}% needed",
                why.join(", "),
                100u32.saturating_sub(weight)
            ));
        }
        let whose = if self.missing.len() == 1 {
            "its"
        } else {
            "their"
        };
        Some(format!(
            "low confidence: {}; {whose} {weight}% weight is shared among the rest",
            why.join(", ")
        ))
    }

    /// "capped at yellow (82 → 69): champion Dana Kim left 2026-01-01", when a hard
    /// rule held the score down.
    pub fn cap_note(&self) -> Option<String> {
        caps::note(&self.caps, self.score?)
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

/// A component's points, None when it had no data, and the facts behind them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Part {
    pub score: Option<u8>,
    pub facts: Vec<String>,
}

impl Part {
    /// No points, and why (left out when the facts were not asked for).
    pub fn missing(why: String) -> Part {
        Part {
            score: None,
            facts: Vec::from_iter((!why.is_empty()).then_some(why)),
        }
    }

    /// Points rounded and held to 0-100.
    pub fn scored(points: f64, mut facts: Vec<String>) -> Part {
        facts.retain(|fact| !fact.is_empty());
        Part {
            score: Some(points.round().clamp(0.0, 100.0) as u8),
            facts,
        }
    }
}

/// Whether an assessment says why, each component with its facts for a person to
/// read, or gives the scores alone: a recompute of the whole book keeps no facts, and
/// writing them out for 50,000 accounts would cost more than the scoring does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explain {
    Why,
    ScoresOnly,
}

impl Explain {
    /// The fact `fact` makes, or an empty one, never made, for scores alone.
    pub fn say(self, fact: impl FnOnce() -> String) -> String {
        match self {
            Explain::Why => fact(),
            Explain::ScoresOnly => String::new(),
        }
    }
}

pub(super) fn days(n: u32) -> Duration {
    Duration::days(i64::from(n))
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Scores an account as of `as_of`, ignoring everything dated after it, and says why.
pub fn assess(e: &Evidence, rules: &HealthRules, as_of: NaiveDate) -> Assessment {
    assess_as(e, rules, as_of, Explain::Why)
}

/// [`assess`], with each component's facts only if `explain` asks for them: the
/// scores, bands and confidence are the same either way.
pub fn assess_as(
    e: &Evidence,
    rules: &HealthRules,
    as_of: NaiveDate,
    explain: Explain,
) -> Assessment {
    let w = &rules.windows;
    let weights = rules.weights_for(e.segment);
    let (usage, usage_change) = usage::usage(e, w, as_of, explain);
    let parts = [
        (ComponentKind::Usage, weights.usage, usage),
        (
            ComponentKind::Adoption,
            weights.adoption,
            usage::adoption(e, w, as_of, explain),
        ),
        (
            ComponentKind::Support,
            weights.support,
            support::support(e, w, as_of, explain),
        ),
        (
            ComponentKind::Engagement,
            weights.engagement,
            engagement::engagement(e, w, as_of, explain),
        ),
    ];
    let points = parts.each_ref().map(|(_, _, part)| part.score);
    let available = available_weight(points, weights);
    let components = parts.map(|(kind, weight, part)| Component {
        kind,
        weight,
        effective_weight: match part.score {
            Some(_) if available >= MIN_WEIGHT_SCORED => {
                f64::from(weight) * 100.0 / f64::from(available)
            }
            _ => 0.0,
        },
        score: part.score,
        facts: part.facts,
    });
    let bands = rules.bands_for(e.segment);
    let (score, caps) = match combine(points, weights) {
        Some(s) if s >= bands.green_at && rules.caps != Caps::NONE => {
            let (s, hits) = caps::apply(s, &bands, &rules.caps, &Triggers::of(e, as_of), as_of);
            (Some(s), hits)
        }
        score => (score, Vec::new()),
    };
    let missing: Vec<ComponentKind> = components
        .iter()
        .filter(|c| c.score.is_none() && c.weight > 0)
        .map(|c| c.kind)
        .collect();
    Assessment {
        as_of,
        score,
        band: score.map(|s| bands.band(s)),
        confidence: if missing.is_empty() {
            Confidence::High
        } else {
            Confidence::Low
        },
        missing,
        top_negative: score.and(top_negative(&components)),
        components,
        usage_change,
        caps,
    }
}

/// The weight of the components that have points.
fn available_weight(points: [Option<u8>; 4], weights: Weights) -> u32 {
    points
        .iter()
        .zip(weights.in_order())
        .filter(|(p, _)| p.is_some())
        .map(|(_, w)| w)
        .sum()
}

/// The score from the components' points (in [`ComponentKind::ALL`] order): their
/// weighted mean, a missing component's weight shared among the rest; None when less
/// than [`MIN_WEIGHT_SCORED`] of the weight has points. The lab scores by it too.
pub fn combine(points: [Option<u8>; 4], weights: Weights) -> Option<u8> {
    let available = available_weight(points, weights);
    (available >= MIN_WEIGHT_SCORED).then(|| {
        let sum: f64 = points
            .iter()
            .zip(weights.in_order())
            .filter_map(|(p, w)| p.map(|p| f64::from(p) * f64::from(w)))
            .sum();
        (sum / f64::from(available)).round().clamp(0.0, 100.0) as u8
    })
}

/// The available component whose shortfall from 100 costs the most weighted points;
/// on a tie, the one listed first.
fn top_negative(components: &[Component]) -> Option<ComponentKind> {
    components
        .iter()
        .rev() // `max_by` keeps the last of equals
        .filter_map(|c| Some((c.effective_weight * f64::from(100 - c.score?), c.kind)))
        .filter(|(cost, _)| *cost > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, kind)| kind)
}

#[cfg(test)]
mod tests;
