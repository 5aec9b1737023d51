//! Who a demo account is: segment, size, owner, age, renewal date and the story its usage
//! tells (healthy, declining, recovering, seasonal, or churned), drawn once from the
//! account's own seeded generator so the rest of its records agree with each other.

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;

use crate::domain::vocab::{LifecycleStage, Segment};

/// The arc of an account's product usage over the last two years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Healthy,
    /// Usage falling since `start` days ago.
    Declining {
        start: i64,
    },
    /// A dip between `from` and `to` days ago, back to normal since.
    Recovering {
        from: i64,
        to: i64,
    },
    /// Summer and year-end dips.
    Seasonal,
    /// Declined and left on `on`.
    Churned {
        on: NaiveDate,
    },
}

/// Everything decided about an account before its records are written.
#[derive(Debug, Clone)]
pub struct Profile {
    pub index: usize,
    pub segment: Segment,
    pub arr_cents: i64,
    pub seats: i64,
    pub owner: usize,
    pub started_on: NaiveDate,
    pub went_live_on: Option<NaiveDate>,
    /// The end of the open contract; for a churned account, the day it left.
    pub renewal_on: NaiveDate,
    pub term_days: i64,
    pub shape: Shape,
    /// Share of seats active when things go well.
    pub base_utilisation: f64,
    pub today: NaiveDate,
}

impl Profile {
    pub fn draw(rng: &mut Rng, index: usize, csms: usize, today: NaiveDate) -> Profile {
        let roll = rng.f64();
        let segment = match roll {
            r if r < 0.10 => Segment::Enterprise,
            r if r < 0.35 => Segment::MidMarket,
            r if r < 0.75 => Segment::Smb,
            _ => Segment::SelfServe,
        };
        let (arr_range, round_to, seat_range) = match segment {
            Segment::Enterprise => ((150_000.0, 2_500_000.0), 1_000, (200, 5_000)),
            Segment::MidMarket => ((30_000.0, 150_000.0), 500, (50, 400)),
            Segment::Smb => ((5_000.0, 30_000.0), 100, (10, 60)),
            Segment::SelfServe => ((600.0, 5_000.0), 10, (2, 15)),
        };
        // Log-uniform: many small deals, few large ones, as in a real book.
        let (lo, hi): (f64, f64) = arr_range;
        let dollars = (lo.ln() + rng.f64() * (hi.ln() - lo.ln())).exp() as i64;
        let arr_cents = (dollars / round_to).max(1) * round_to * 100;
        let seats = rng.i64(seat_range.0..=seat_range.1);
        let owner = rng.usize(..csms.max(1));

        let term_days = if segment == Segment::Enterprise && rng.f64() < 0.2 {
            730
        } else {
            365
        };
        let churned = rng.f64() < 0.06;
        let (renewal_on, shape) = if churned {
            let on = today - Duration::days(rng.i64(15..=420));
            (on, Shape::Churned { on })
        } else {
            let renewal_on = today + Duration::days(rng.i64(-20..=365));
            let shape = match rng.f64() {
                r if r < 0.55 => Shape::Healthy,
                r if r < 0.75 => Shape::Declining {
                    start: rng.i64(60..=200),
                },
                r if r < 0.87 => {
                    let from = rng.i64(200..=420);
                    Shape::Recovering {
                        from,
                        to: from - rng.i64(80..=150),
                    }
                }
                _ => Shape::Seasonal,
            };
            (renewal_on, shape)
        };
        // Prior terms: new accounts have none, old ones up to four.
        let prior_terms = match rng.f64() {
            r if r < 0.15 => 0,
            r if r < 0.40 => 1,
            r if r < 0.70 => 2,
            r if r < 0.90 => 3,
            _ => 4,
        };
        let started_on = renewal_on - Duration::days(term_days * (prior_terms + 1));
        let onboarding_days = match segment {
            Segment::Enterprise => rng.i64(60..=120),
            Segment::MidMarket => rng.i64(30..=60),
            Segment::Smb => rng.i64(14..=30),
            Segment::SelfServe => rng.i64(3..=10),
        };
        let live = started_on + Duration::days(onboarding_days);
        let went_live_on = (live <= today).then_some(live);
        Profile {
            index,
            segment,
            arr_cents,
            seats,
            owner,
            started_on,
            went_live_on,
            renewal_on,
            term_days,
            shape,
            base_utilisation: 0.55 + rng.f64() * 0.37,
            today,
        }
    }

    pub fn churned_on(&self) -> Option<NaiveDate> {
        match self.shape {
            Shape::Churned { on } => Some(on),
            _ => None,
        }
    }

    /// Whether the account is in trouble today (a CSM would call it at risk).
    pub fn at_risk(&self) -> bool {
        matches!(self.shape, Shape::Declining { .. } | Shape::Churned { .. })
    }

    pub fn lifecycle(&self, rng: &mut Rng) -> LifecycleStage {
        let age = (self.today - self.started_on).num_days();
        match age {
            ..90 => LifecycleStage::Onboarding,
            90..365 => LifecycleStage::Adoption,
            365..730 => LifecycleStage::ValueRealization,
            _ if self.shape == Shape::Healthy && rng.f64() < 0.3 => LifecycleStage::Advocacy,
            _ => LifecycleStage::Growth,
        }
    }

    /// The share of seats active on a day: the shape, the onboarding ramp and seasons.
    /// Noise is added by the caller.
    pub fn utilisation(&self, on: NaiveDate) -> f64 {
        let base = self.base_utilisation;
        let days_ago = (self.today - on).num_days();
        let mut u = match self.shape {
            Shape::Healthy => base,
            Shape::Seasonal => {
                let dip = match (on.month(), on.day()) {
                    (7 | 8, _) => 0.30,
                    (12, d) if d >= 15 => 0.40,
                    (1, d) if d <= 7 => 0.25,
                    _ => 0.0,
                };
                base * (1.0 - dip)
            }
            Shape::Declining { start } => {
                if days_ago >= start {
                    base
                } else {
                    // From base to a third of it over the decline, steepest at the end.
                    let progress = 1.0 - days_ago as f64 / start as f64;
                    base * (1.0 - 0.65 * progress * progress.sqrt())
                }
            }
            Shape::Recovering { from, to } => {
                if days_ago <= from && days_ago >= to {
                    let mid = (from + to) as f64 / 2.0;
                    let depth = 1.0 - ((days_ago as f64 - mid).abs() / ((from - to) as f64 / 2.0));
                    base * (1.0 - 0.55 * depth)
                } else {
                    base
                }
            }
            Shape::Churned { on: left } => {
                let before = (left - on).num_days();
                if before > 180 {
                    base
                } else {
                    base * (0.2 + 0.8 * before.max(0) as f64 / 180.0)
                }
            }
        };
        // Onboarding ramp: from a tenth of the seats to cruising over 90 days.
        let since_start = (on - self.started_on).num_days();
        if since_start < 90 {
            u *= 0.1 + 0.9 * since_start.max(0) as f64 / 90.0;
        }
        u.clamp(0.0, 1.0)
    }
}
