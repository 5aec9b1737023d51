//! Segments for accounts whose export has none. CRMs and billing systems rarely carry a
//! CS team's segment, so an account without one is tiered as CS teams tier coverage: by
//! ARR bands by default, or by seats or employees when the config says so (`[segments]`).
//! A plan-tier word (Enterprise, Business, Pro, Starter, Free...) names a segment when it
//! can only mean one.

use serde::{Deserialize, Serialize};

use super::vocab::Segment;

/// What the bands are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentBy {
    /// Annual recurring revenue, in whole units of the account's currency.
    #[default]
    Arr,
    /// Licensed seats.
    Seats,
    /// The customer's employees (a CRM's employee count).
    Employees,
}

impl SegmentBy {
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentBy::Arr => "arr",
            SegmentBy::Seats => "seats",
            SegmentBy::Employees => "employees",
        }
    }
}

/// `[segments]`: the measure and the lower bound of each segment above self-serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(try_from = "RawSegmentTiers")]
pub struct SegmentTiers {
    pub by: SegmentBy,
    /// At or above: enterprise.
    pub enterprise: i64,
    /// At or above: mid-market.
    pub mid_market: i64,
    /// At or above: SMB; below: self-serve.
    pub smb: i64,
}

impl Default for SegmentTiers {
    /// ARR bands as CS teams commonly draw their coverage: high touch from $100K,
    /// mid-market from $25K, SMB from $5K, tech touch below.
    fn default() -> Self {
        SegmentTiers {
            by: SegmentBy::Arr,
            enterprise: 100_000,
            mid_market: 25_000,
            smb: 5_000,
        }
    }
}

/// `[segments]` as written: what it leaves out is the default.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSegmentTiers {
    by: Option<SegmentBy>,
    enterprise: Option<i64>,
    mid_market: Option<i64>,
    smb: Option<i64>,
}

impl TryFrom<RawSegmentTiers> for SegmentTiers {
    type Error = String;
    fn try_from(raw: RawSegmentTiers) -> Result<Self, String> {
        let by = raw.by.unwrap_or_default();
        // Bounds measured in seats or employees have no sensible ARR default.
        let standard = match by {
            SegmentBy::Arr => SegmentTiers::default(),
            SegmentBy::Seats => SegmentTiers {
                by,
                enterprise: 500,
                mid_market: 100,
                smb: 10,
            },
            SegmentBy::Employees => SegmentTiers {
                by,
                enterprise: 1_000,
                mid_market: 100,
                smb: 10,
            },
        };
        let rules = SegmentTiers {
            by,
            enterprise: raw.enterprise.unwrap_or(standard.enterprise),
            mid_market: raw.mid_market.unwrap_or(standard.mid_market),
            smb: raw.smb.unwrap_or(standard.smb),
        };
        rules.check()?;
        Ok(rules)
    }
}

impl SegmentTiers {
    /// The bands ARR is tiered by: these when they measure ARR, else the default ARR
    /// bands (an account without the seats or employees the config asks for).
    pub fn default_for_arr(tiers: &SegmentTiers) -> SegmentTiers {
        match tiers.by {
            SegmentBy::Arr => *tiers,
            _ => SegmentTiers::default(),
        }
    }

    /// Bands that rise from SMB to enterprise; else what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.smb < 0 || self.smb > self.mid_market || self.mid_market > self.enterprise {
            return Err(format!(
                "[segments] bounds must rise: smb ({}) <= mid_market ({}) <= enterprise ({})",
                self.smb, self.mid_market, self.enterprise
            ));
        }
        Ok(())
    }

    /// The segment a measure falls in.
    pub fn segment_for(&self, measure: i64) -> Segment {
        if measure >= self.enterprise {
            Segment::Enterprise
        } else if measure >= self.mid_market {
            Segment::MidMarket
        } else if measure >= self.smb {
            Segment::Smb
        } else {
            Segment::SelfServe
        }
    }
}

/// The segment a segment or plan-tier word names, when it can only mean one: our own
/// terms in any spelling, and the plan tiers SaaS price pages use.
pub fn segment_named(word: &str) -> Option<Segment> {
    let w: String = word
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    Some(match w.as_str() {
        "enterprise" | "ent" | "enterpriseplus" | "strategic" | "global" | "largeenterprise"
        | "key" | "keyaccount" => Segment::Enterprise,
        "midmarket" | "mm" | "mid" | "midsize" | "business" | "corporate" | "commercial"
        | "scale" => Segment::MidMarket,
        "smb" | "smallbusiness" | "small" | "smallmedium" | "pro" | "professional" | "team"
        | "teams" | "starter" | "basic" | "standard" | "essentials" | "growth" | "plus" => {
            Segment::Smb
        }
        "selfserve" | "selfservice" | "ss" | "free" | "freemium" | "personal" | "individual"
        | "hobby" | "solo" | "lite" | "techtouch" | "digital" | "plg" => Segment::SelfServe,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arr_bands_tier_accounts_as_coverage_is_drawn() {
        let rules = SegmentTiers::default();
        assert_eq!(rules.segment_for(1_240_000), Segment::Enterprise);
        assert_eq!(rules.segment_for(100_000), Segment::Enterprise);
        assert_eq!(rules.segment_for(99_999), Segment::MidMarket);
        assert_eq!(rules.segment_for(25_000), Segment::MidMarket);
        assert_eq!(rules.segment_for(12_000), Segment::Smb);
        assert_eq!(rules.segment_for(0), Segment::SelfServe);
    }

    #[test]
    fn bands_that_do_not_rise_are_refused() {
        let wrong = SegmentTiers {
            by: SegmentBy::Seats,
            enterprise: 100,
            mid_market: 500,
            smb: 10,
        };
        assert!(wrong.check().unwrap_err().contains("must rise"));
    }

    #[test]
    fn plan_tier_words_name_a_segment_only_when_unambiguous() {
        assert_eq!(segment_named("Enterprise"), Some(Segment::Enterprise));
        assert_eq!(segment_named("Mid-Market"), Some(Segment::MidMarket));
        assert_eq!(segment_named("Business"), Some(Segment::MidMarket));
        assert_eq!(segment_named("Pro"), Some(Segment::Smb));
        assert_eq!(segment_named("Starter"), Some(Segment::Smb));
        assert_eq!(segment_named("Free"), Some(Segment::SelfServe));
        assert_eq!(segment_named("self_serve"), Some(Segment::SelfServe));
        assert_eq!(segment_named("Gold"), None);
        assert_eq!(segment_named("Custom"), None);
    }
}
