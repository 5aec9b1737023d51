//! The renewal forecast: what the cockpit suggests from health and signals, and the
//! warnings a renewal carries (no date, no forecast, behind its motion, a forecast that
//! disagrees with health).

use serde::Serialize;

use super::motion::{Motion, Stage};
use crate::domain::Money;
use crate::domain::records::Forecast;
use crate::domain::vocab::{ForecastCategory, ForecastConfidence, HealthBand};

/// An account's health as the forecast reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthNow {
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    /// Risk signals standing.
    pub signals: u16,
}

/// A suggested forecast and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub category: ForecastCategory,
    pub confidence: ForecastConfidence,
    pub arr: Money,
    pub why: String,
}

impl Suggestion {
    pub fn forecast(&self) -> Forecast {
        Forecast {
            category: self.category,
            confidence: self.confidence,
            arr: self.arr,
        }
    }
}

/// Below this score a red account is forecast to churn rather than shrink.
const CHURN_BELOW: u8 = 25;

/// What the cockpit would forecast for a renewal of `arr` with this health.
pub fn suggest(arr: Money, health: Option<HealthNow>) -> Suggestion {
    use ForecastCategory::*;
    use ForecastConfidence::*;
    let with = |category, confidence, share: i64, why: String| Suggestion {
        category,
        confidence,
        arr: Money {
            cents: arr.cents * share / 100,
            currency: arr.currency,
        },
        why,
    };
    let Some(h) = health.filter(|h| h.score.is_some()) else {
        return with(
            Renew,
            AtRisk,
            100,
            "no health score yet: renew, at risk until there is data".into(),
        );
    };
    let score = h.score.unwrap_or(0);
    let signals = match h.signals {
        0 => String::new(),
        1 => ", 1 risk signal".into(),
        n => format!(", {n} risk signals"),
    };
    match h.band {
        Some(HealthBand::Red) if score < CHURN_BELOW => with(
            Churn,
            AtRisk,
            0,
            format!("health {score} red{signals}: churn, at risk"),
        ),
        Some(HealthBand::Red) => with(
            Downsell,
            AtRisk,
            80,
            format!("health {score} red{signals}: downsell to 80% of ARR, at risk"),
        ),
        Some(HealthBand::Yellow) => with(
            Renew,
            if h.signals > 0 { AtRisk } else { Likely },
            100,
            format!("health {score} yellow{signals}: renew"),
        ),
        _ if h.signals == 0 && score >= 80 => with(
            Renew,
            Commit,
            100,
            format!("health {score} green, no risk signals: renew, commit"),
        ),
        _ => with(
            Renew,
            Likely,
            100,
            format!("health {score} green{signals}: renew, likely"),
        ),
    }
}

/// Something a CSM should fix about a renewal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    NoRenewalDate,
    NoForecast,
    Behind,
    DisagreesWithHealth,
}

/// The warnings of a renewal: `forecast` is the CSM's, `motion` None without a date.
pub fn warnings(
    forecast: Option<&Forecast>,
    motion: Option<&Motion>,
    health: Option<HealthNow>,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let warn = |kind, reason: String| Warning { kind, reason };
    let Some(motion) = motion else {
        out.push(warn(
            WarningKind::NoRenewalDate,
            "no open contract with a renewal date".into(),
        ));
        return out;
    };
    if forecast.is_none() && motion.stage.is_some() {
        out.push(warn(WarningKind::NoForecast, "no forecast".into()));
    }
    if !motion.behind.is_empty() {
        let stages: Vec<&str> = motion.behind.iter().map(|s| Stage::short(*s)).collect();
        out.push(warn(
            WarningKind::Behind,
            format!("behind: {}", stages.join(", ")),
        ));
    }
    if let (Some(f), Some(h)) = (forecast, health)
        && let Some(why) = disagreement(f, h)
    {
        out.push(warn(WarningKind::DisagreesWithHealth, why));
    }
    out
}

/// A forecast health contradicts: growth or commit on red health, loss on green.
fn disagreement(f: &Forecast, h: HealthNow) -> Option<String> {
    use ForecastCategory::*;
    let score = h.score?;
    match (h.band?, f.category, f.confidence) {
        (
            HealthBand::Red,
            Renew | Upsell,
            ForecastConfidence::Commit | ForecastConfidence::Likely,
        ) => Some(format!(
            "forecast {} {} but health is {score} red",
            f.category.label(),
            f.confidence.label()
        )),
        (HealthBand::Green, Churn, _) => Some(format!(
            "forecast churn but health is {score} green: what does the CSM know?"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::renewal::window::Window;

    fn health(score: u8, band: HealthBand, signals: u16) -> Option<HealthNow> {
        Some(HealthNow {
            score: Some(score),
            band: Some(band),
            signals,
        })
    }

    #[test]
    fn the_suggestion_follows_health_and_signals() {
        let arr = Money::usd(100_000 * 100);
        let s = suggest(arr, health(18, HealthBand::Red, 2));
        assert_eq!(
            (s.category, s.confidence, s.arr.cents),
            (ForecastCategory::Churn, ForecastConfidence::AtRisk, 0)
        );
        assert_eq!(s.why, "health 18 red, 2 risk signals: churn, at risk");
        let s = suggest(arr, health(35, HealthBand::Red, 1));
        assert_eq!(
            (s.category, s.arr.cents),
            (ForecastCategory::Downsell, 80_000 * 100)
        );
        let s = suggest(arr, health(55, HealthBand::Yellow, 0));
        assert_eq!(
            (s.category, s.confidence),
            (ForecastCategory::Renew, ForecastConfidence::Likely)
        );
        let s = suggest(arr, health(55, HealthBand::Yellow, 1));
        assert_eq!(s.confidence, ForecastConfidence::AtRisk);
        let s = suggest(arr, health(86, HealthBand::Green, 0));
        assert_eq!((s.confidence, s.arr), (ForecastConfidence::Commit, arr));
        let s = suggest(arr, health(86, HealthBand::Green, 1));
        assert_eq!(s.confidence, ForecastConfidence::Likely);
        let s = suggest(arr, None);
        assert_eq!(s.confidence, ForecastConfidence::AtRisk);
    }

    #[test]
    fn warnings_name_what_is_missing_behind_or_contradicted() {
        let motion = Motion::of(Window::Days60, &[]);
        let w = warnings(None, Some(&motion), health(30, HealthBand::Red, 1));
        let kinds: Vec<_> = w.iter().map(|w| w.kind).collect();
        assert_eq!(kinds, [WarningKind::NoForecast, WarningKind::Behind]);
        assert_eq!(w[1].reason, "behind: strategy, value demo");

        let commit = Forecast {
            category: ForecastCategory::Renew,
            confidence: ForecastConfidence::Commit,
            arr: Money::usd(1),
        };
        let ok = Motion::of(Window::Days120, &[]);
        let w = warnings(Some(&commit), Some(&ok), health(30, HealthBand::Red, 1));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].kind, WarningKind::DisagreesWithHealth);
        assert_eq!(w[0].reason, "forecast renew commit but health is 30 red");
        assert!(warnings(Some(&commit), Some(&ok), health(85, HealthBand::Green, 0)).is_empty());

        let w = warnings(None, None, None);
        assert_eq!(w[0].kind, WarningKind::NoRenewalDate);
        // Beyond 120 days no forecast is expected yet.
        let later = Motion::of(Window::Later, &[]);
        assert!(warnings(None, Some(&later), None).is_empty());
    }
}
