//! The rules a health score is computed by: component weights, bands, the windows each
//! component looks back over, and the thresholds of the risk signals; optionally
//! different weights and bands per segment. `HealthRules::default()` is CS practice and
//! matches `assets/config.default.toml`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::caps::Caps;

use crate::domain::vocab::{HealthBand, Segment};

/// How much each component counts, in percent; they add up to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub usage: u32,
    pub adoption: u32,
    pub support: u32,
    pub engagement: u32,
}

impl Weights {
    /// The weights in [`super::ComponentKind::ALL`] order.
    pub fn in_order(self) -> [u32; 4] {
        [self.usage, self.adoption, self.support, self.engagement]
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            usage: 40,
            adoption: 30,
            support: 20,
            engagement: 10,
        }
    }
}

/// Green at or above `green_at`, yellow at or above `yellow_at`, red below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    pub green_at: u8,
    pub yellow_at: u8,
}

impl Default for Bands {
    fn default() -> Self {
        Bands {
            green_at: 70,
            yellow_at: 40,
        }
    }
}

impl Bands {
    pub fn band(&self, score: u8) -> HealthBand {
        if score >= self.green_at {
            HealthBand::Green
        } else if score >= self.yellow_at {
            HealthBand::Yellow
        } else {
            HealthBand::Red
        }
    }
}

/// How far back each component looks, in days, and what counts as full marks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Windows {
    /// Usage and adoption: the recent window (30).
    pub usage_days: u32,
    /// Usage direction: the window before the recent one it is compared with (60).
    pub usage_prior_days: u32,
    /// Share of licensed seats active that earns full usage points (0.8).
    pub usage_target: f64,
    /// Share of key features in use that earns full adoption points (0.8).
    pub adoption_target: f64,
    /// Support: tickets, escalations and CSAT in this window (90).
    pub support_days: u32,
    /// Engagement: a champion touched within this many days earns full points (30), and
    /// none at twice that.
    pub champion_touch_days: u32,
    /// Engagement: the same for the executive sponsor (90).
    pub sponsor_touch_days: u32,
    /// Engagement: NPS answers older than this are not counted (365).
    pub nps_days: u32,
}

impl Default for Windows {
    fn default() -> Self {
        Windows {
            usage_days: 30,
            usage_prior_days: 60,
            usage_target: 0.8,
            adoption_target: 0.8,
            support_days: 90,
            champion_touch_days: 30,
            sponsor_touch_days: 90,
            nps_days: 365,
        }
    }
}

/// When a risk signal fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignalRules {
    /// Usage down more than this percent against the prior window (25).
    pub usage_drop_pct: u32,
    /// No touch with the champion in this many days (45).
    pub champion_quiet_days: u32,
    /// A renewal this close with yellow or red health (90).
    pub renewal_days: u32,
    /// NPS at or below this is a detractor (6).
    pub nps_detractor_at: u8,
    /// One contact or none touched in this many days is single-threaded (90).
    pub single_threaded_days: u32,
}

impl Default for SignalRules {
    fn default() -> Self {
        SignalRules {
            usage_drop_pct: 25,
            champion_quiet_days: 45,
            renewal_days: 90,
            nps_detractor_at: 6,
            single_threaded_days: 90,
        }
    }
}

/// Weights or bands for one segment, over the book-wide ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRules {
    pub weights: Option<Weights>,
    pub bands: Option<Bands>,
}

/// Everything a score is computed by.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HealthRules {
    pub weights: Weights,
    pub bands: Bands,
    pub windows: Windows,
    pub signals: SignalRules,
    /// Hard rules that hold a score at yellow whatever its points.
    pub caps: Caps,
    pub segments: BTreeMap<Segment, SegmentRules>,
}

/// Rules that do not make sense, said so a person can fix them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RulesError(pub String);

impl HealthRules {
    /// The weights for a segment.
    pub fn weights_for(&self, segment: Segment) -> Weights {
        self.segments
            .get(&segment)
            .and_then(|s| s.weights)
            .unwrap_or(self.weights)
    }

    /// The bands for a segment.
    pub fn bands_for(&self, segment: Segment) -> Bands {
        self.segments
            .get(&segment)
            .and_then(|s| s.bands)
            .unwrap_or(self.bands)
    }

    /// Refuses weights that do not add up to 100, bands out of order, windows of zero
    /// days and targets outside (0, 1].
    pub fn check(&self) -> Result<(), RulesError> {
        check_weights(&self.weights, "health.weights")?;
        check_bands(&self.bands, "health")?;
        for (segment, rules) in &self.segments {
            let at = format!("health.segments.{}", segment.as_str());
            if let Some(w) = &rules.weights {
                check_weights(w, &format!("{at}.weights"))?;
            }
            if let Some(b) = &rules.bands {
                check_bands(b, &at)?;
            }
        }
        let w = &self.windows;
        for (name, days) in [
            ("usage_days", w.usage_days),
            ("usage_prior_days", w.usage_prior_days),
            ("support_days", w.support_days),
            ("champion_touch_days", w.champion_touch_days),
            ("sponsor_touch_days", w.sponsor_touch_days),
            ("nps_days", w.nps_days),
        ] {
            if days == 0 {
                return Err(RulesError(format!(
                    "health.windows.{name} must be at least 1 day"
                )));
            }
        }
        for (name, target) in [
            ("usage_target", w.usage_target),
            ("adoption_target", w.adoption_target),
        ] {
            if !(target > 0.0 && target <= 1.0) {
                return Err(RulesError(format!(
                    "health.windows.{name} is a share between 0 and 1 (0.8 is 80%), got {target}"
                )));
            }
        }
        if self.signals.nps_detractor_at > 10 {
            return Err(RulesError(format!(
                "health.signals.nps_detractor_at is an NPS score from 0 to 10, got {}",
                self.signals.nps_detractor_at
            )));
        }
        Ok(())
    }
}

fn check_weights(w: &Weights, at: &str) -> Result<(), RulesError> {
    let sum = w.usage + w.adoption + w.support + w.engagement;
    if sum != 100 {
        return Err(RulesError(format!(
            "{at} must add up to 100, these add up to {sum} \
             (usage {}, adoption {}, support {}, engagement {})",
            w.usage, w.adoption, w.support, w.engagement
        )));
    }
    Ok(())
}

fn check_bands(b: &Bands, at: &str) -> Result<(), RulesError> {
    if b.green_at > 100 || b.yellow_at == 0 || b.yellow_at >= b.green_at {
        return Err(RulesError(format!(
            "{at} bands need 0 < yellow_at < green_at <= 100, got yellow_at = {} and green_at = {}",
            b.yellow_at, b.green_at
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_cs_practice_and_make_sense() {
        let rules = HealthRules::default();
        assert_eq!(rules.weights_for(Segment::Smb), Weights::default());
        assert_eq!((rules.weights.usage, rules.weights.engagement), (40, 10));
        assert_eq!(rules.check(), Ok(()));
    }

    #[test]
    fn a_segment_can_weigh_and_band_its_accounts_differently() {
        let mut rules = HealthRules::default();
        let self_serve = Weights {
            usage: 60,
            adoption: 30,
            support: 10,
            engagement: 0,
        };
        rules.segments.insert(
            Segment::SelfServe,
            SegmentRules {
                weights: Some(self_serve),
                bands: None,
            },
        );
        assert_eq!(rules.weights_for(Segment::SelfServe), self_serve);
        assert_eq!(rules.weights_for(Segment::Enterprise), Weights::default());
        assert_eq!(rules.bands_for(Segment::SelfServe), Bands::default());
        assert_eq!(rules.check(), Ok(()));
    }

    #[test]
    fn weights_that_do_not_add_up_are_refused_with_where_and_why() {
        let mut rules = HealthRules::default();
        rules.segments.insert(
            Segment::Enterprise,
            SegmentRules {
                weights: Some(Weights {
                    usage: 50,
                    ..Weights::default()
                }),
                bands: None,
            },
        );
        let err = rules.check().unwrap_err().0;
        assert!(
            err.starts_with(
                "health.segments.enterprise.weights must add up to 100, these add up to 110"
            ),
            "{err}"
        );
    }

    #[test]
    fn bands_out_of_order_and_targets_out_of_range_are_refused() {
        let rules = HealthRules {
            bands: Bands {
                green_at: 40,
                yellow_at: 70,
            },
            ..HealthRules::default()
        };
        assert!(
            rules
                .check()
                .unwrap_err()
                .0
                .contains("0 < yellow_at < green_at")
        );
        let mut rules = HealthRules::default();
        rules.windows.usage_target = 80.0;
        assert!(
            rules
                .check()
                .unwrap_err()
                .0
                .contains("usage_target is a share")
        );
    }

    #[test]
    fn scores_fall_in_their_bands_at_the_edges() {
        let bands = Bands::default();
        assert_eq!(bands.band(70), HealthBand::Green);
        assert_eq!(bands.band(69), HealthBand::Yellow);
        assert_eq!(bands.band(40), HealthBand::Yellow);
        assert_eq!(bands.band(39), HealthBand::Red);
    }
}
