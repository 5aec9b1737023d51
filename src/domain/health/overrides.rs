//! A CSM's override of a computed score: it stands from the day it is set until the day
//! it expires, beside the computed score, never replacing it in the book.

use chrono::NaiveDate;
use serde::Serialize;

use super::rules::Bands;
use crate::domain::vocab::HealthBand;

/// A score or band set by hand, with why, by whom and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthOverride {
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    pub reason: String,
    pub set_by: String,
    pub set_on: NaiveDate,
    pub expires_on: NaiveDate,
}

impl HealthOverride {
    /// Standing on `today`: set on or before it, expiring after it.
    pub fn active(&self, today: NaiveDate) -> bool {
        self.set_on <= today && today < self.expires_on
    }
}

/// The score and band shown, and whether they are a person's rather than computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Effective {
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    pub overridden: bool,
}

/// What to show: an active override's score (and its band, unless it names one) or
/// band; else the computed values.
pub fn effective(
    computed_score: Option<u8>,
    computed_band: Option<HealthBand>,
    o: Option<&HealthOverride>,
    bands: &Bands,
    today: NaiveDate,
) -> Effective {
    match o.filter(|o| o.active(today)) {
        Some(o) => Effective {
            score: o.score.or(computed_score),
            band: o.band.or(o.score.map(|s| bands.band(s))).or(computed_band),
            overridden: true,
        },
        None => Effective {
            score: computed_score,
            band: computed_band,
            overridden: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn over(score: Option<u8>, band: Option<HealthBand>) -> HealthOverride {
        HealthOverride {
            score,
            band,
            reason: "sponsor confirmed renewal".into(),
            set_by: "Dana".into(),
            set_on: day(1),
            expires_on: day(15),
        }
    }

    #[test]
    fn an_override_stands_until_it_expires_then_the_computed_score_returns() {
        let o = over(Some(75), None);
        let bands = Bands::default();
        let during = effective(Some(31), Some(HealthBand::Red), Some(&o), &bands, day(14));
        assert_eq!(
            (during.score, during.band, during.overridden),
            (Some(75), Some(HealthBand::Green), true)
        );
        let after = effective(Some(31), Some(HealthBand::Red), Some(&o), &bands, day(15));
        assert_eq!(
            (after.score, after.band, after.overridden),
            (Some(31), Some(HealthBand::Red), false)
        );
        let before = effective(
            Some(31),
            Some(HealthBand::Red),
            Some(&o),
            &bands,
            day(1) - chrono::Duration::days(1),
        );
        assert!(!before.overridden);
    }

    #[test]
    fn a_band_only_override_keeps_the_computed_score() {
        let o = over(None, Some(HealthBand::Yellow));
        let shown = effective(
            Some(31),
            Some(HealthBand::Red),
            Some(&o),
            &Bands::default(),
            day(5),
        );
        assert_eq!(
            (shown.score, shown.band),
            (Some(31), Some(HealthBand::Yellow))
        );
    }

    #[test]
    fn a_score_override_takes_the_band_it_names_or_the_one_its_score_falls_in() {
        let bands = Bands::default();
        let named = over(Some(65), Some(HealthBand::Green));
        let shown = effective(None, None, Some(&named), &bands, day(5));
        assert_eq!(
            (shown.score, shown.band, shown.overridden),
            (Some(65), Some(HealthBand::Green), true)
        );
        let scored = over(Some(35), None);
        let shown = effective(
            Some(80),
            Some(HealthBand::Green),
            Some(&scored),
            &bands,
            day(5),
        );
        assert_eq!((shown.score, shown.band), (Some(35), Some(HealthBand::Red)));
        let none = effective(Some(80), Some(HealthBand::Green), None, &bands, day(5));
        assert!(!none.overridden);
    }
}
