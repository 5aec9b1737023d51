//! Who a demo account is: segment, size and price, owner, age, renewal date and the story
//! its health tells over time (healthy, growing, declining, recovering, seasonal, or
//! churned), drawn once from the account's own seeded generator so that every other
//! record about it agrees.

use chrono::{Datelike, Duration, Months, NaiveDate};
use fastrand::Rng;

use crate::domain::vocab::{LifecycleStage, Segment};

/// The arc of an account's health over the last two years. Days are counted back from
/// `today`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// Steady, with noise.
    Healthy,
    /// Climbing since `start` days ago: more users, more seats wanted.
    Growing { start: i64 },
    /// Falling since `start` days ago, steepest lately.
    Declining { start: i64 },
    /// A dip between `from` and `to` days ago, back to normal since.
    Recovering { from: i64, to: i64 },
    /// Summer and year-end dips.
    Seasonal,
    /// Left on `on`; `warned` if usage fell for months before (most do), not if it was a
    /// surprise (an acquisition, a budget cut).
    Churned { on: NaiveDate, warned: bool },
}

/// Everything decided about an account before its records are written.
#[derive(Debug, Clone)]
pub struct Profile {
    pub index: usize,
    pub segment: Segment,
    /// The current (or, for a churned account, the last) contract's ARR.
    pub arr_cents: i64,
    /// Seats on the current (or last) contract.
    pub seats: i64,
    /// The owning CSM, 0-based.
    pub owner: usize,
    pub started_on: NaiveDate,
    pub went_live_on: Option<NaiveDate>,
    /// The end of the open contract; for a churned account, the day it left.
    pub renewal_on: NaiveDate,
    /// Contract terms run anniversary to anniversary: 12 months, or 24 for some
    /// enterprise deals.
    pub term_months: u32,
    pub shape: Shape,
    /// Share of seats active when things go well.
    pub base_utilisation: f64,
    /// How warm the customer is beyond what usage says, about -1.5 to 1.5 NPS points.
    pub warmth: f64,
    pub today: NaiveDate,
}

impl Profile {
    pub fn draw(rng: &mut Rng, index: usize, csms: usize, today: NaiveDate) -> Profile {
        let segment = match rng.f64() {
            r if r < 0.10 => Segment::Enterprise,
            r if r < 0.35 => Segment::MidMarket,
            r if r < 0.75 => Segment::Smb,
            _ => Segment::SelfServe,
        };
        let (seats, arr_cents) = size(rng, segment);
        let owner = rng.usize(..csms.max(1));
        let term_months = if segment == Segment::Enterprise && rng.f64() < 0.25 {
            24
        } else {
            12
        };
        let prior_terms: u32 = match rng.f64() {
            r if r < 0.18 => 0,
            r if r < 0.42 => 1,
            r if r < 0.70 => 2,
            r if r < 0.88 => 3,
            _ => 4,
        };
        let (renewal_on, shape) = if rng.f64() < 0.06 {
            let on = today - Duration::days(rng.i64(10..=400));
            let warned = rng.f64() < 0.8;
            (on, Shape::Churned { on, warned })
        } else {
            let renewal_on = today + Duration::days(rng.i64(-20..=365));
            let previous_end = (today - months_before(renewal_on, term_months)).num_days();
            (renewal_on, ongoing_shape(rng, prior_terms, previous_end))
        };
        let started_on = months_before(renewal_on, term_months * (prior_terms + 1));
        let onboarding_days = match segment {
            Segment::Enterprise => rng.i64(60..=120),
            Segment::MidMarket => rng.i64(30..=60),
            Segment::Smb => rng.i64(14..=30),
            Segment::SelfServe => rng.i64(2..=10),
        };
        let live = started_on + Duration::days(onboarding_days);
        let (lo, hi) = match segment {
            Segment::Enterprise => (0.45, 0.85),
            Segment::MidMarket => (0.55, 0.90),
            Segment::Smb => (0.60, 0.92),
            Segment::SelfServe => (0.60, 0.95),
        };
        Profile {
            index,
            segment,
            arr_cents,
            seats,
            owner,
            started_on,
            went_live_on: (live <= today).then_some(live),
            renewal_on,
            term_months,
            shape,
            base_utilisation: lo + rng.f64() * (hi - lo),
            warmth: rng.f64() * 3.0 - 1.5,
            today,
        }
    }

    pub fn churned_on(&self) -> Option<NaiveDate> {
        match self.shape {
            Shape::Churned { on, .. } => Some(on),
            _ => None,
        }
    }

    /// Why the customer left (or, at the end of term `term`, shrank) and what they said:
    /// picked by the account and term, so the demo's other draws stay as they were.
    pub fn loss(&self, churned: bool, term: usize) -> (&'static str, &'static str) {
        let lost: &[(&str, &str)] = match (churned, self.at_risk()) {
            (true, true) => &[
                (
                    "price",
                    "usage never recovered and they could not justify the cost",
                ),
                (
                    "competitor",
                    "they moved to a competitor after months of low adoption",
                ),
                (
                    "champion left",
                    "our champion left and nobody picked the rollout up",
                ),
                (
                    "product gap",
                    "the integration with their data warehouse never came",
                ),
            ],
            (true, false) => &[
                (
                    "acquired",
                    "acquired; the parent company standardises on another tool",
                ),
                ("budget", "budget cut across all software spend"),
                ("other", "the project that used it was shut down"),
            ],
            (false, _) => &[
                ("budget", "budget cut: fewer seats this year"),
                ("budget", "the team shrank after layoffs"),
                ("price", "dropped the analytics add-on as too expensive"),
                ("competitor", "moved one department to a competitor"),
                ("product gap", "the reporting they needed is still missing"),
            ],
        };
        let pick = super::mix(self.index as u64 ^ 0x105E, term as u64) as usize;
        lost[pick % lost.len()]
    }

    /// Whether the account is in trouble today (a CSM would call it at risk).
    pub fn at_risk(&self) -> bool {
        matches!(
            self.shape,
            Shape::Declining { .. } | Shape::Churned { warned: true, .. }
        )
    }

    /// Enterprise and mid-market: the segments with QBRs, success plans, org charts.
    pub fn high_touch(&self) -> bool {
        matches!(self.segment, Segment::Enterprise | Segment::MidMarket)
    }

    /// The last day anything happened with the customer.
    pub fn last_day(&self) -> NaiveDate {
        self.churned_on().unwrap_or(self.today)
    }

    /// The stage that fits the account's age: onboarding until it is live (and for its
    /// program's days, with a week or two to close it), then adoption, value
    /// realization, and growth or advocacy.
    pub fn lifecycle(&self, rng: &mut Rng) -> LifecycleStage {
        let age = (self.last_day() - self.started_on).num_days();
        let thriving = matches!(self.shape, Shape::Healthy | Shape::Growing { .. });
        let live = self.went_live_on.is_some_and(|d| d <= self.last_day());
        let program = match self.segment {
            Segment::Enterprise => 90,
            Segment::MidMarket => 60,
            Segment::Smb | Segment::SelfServe => 30,
        };
        match age {
            _ if !live => LifecycleStage::Onboarding,
            _ if age < program + 7 + (self.index as i64 % 8) => LifecycleStage::Onboarding,
            ..90 => LifecycleStage::Adoption,
            90..365 => LifecycleStage::Adoption,
            365..730 => LifecycleStage::ValueRealization,
            _ if thriving && rng.f64() < 0.35 => LifecycleStage::Advocacy,
            _ if !thriving && rng.f64() < 0.3 => LifecycleStage::ValueRealization,
            _ => LifecycleStage::Growth,
        }
    }

    /// The end of the term that ends `terms_back` terms before the open one.
    pub fn term_end(&self, terms_back: u32) -> NaiveDate {
        months_before(self.renewal_on, self.term_months * terms_back)
    }

    /// How the account is doing on a day relative to its normal: 1.0 is normal, 0.35 a
    /// deep slump; above 1.0 it is growing into more seats.
    pub fn health(&self, on: NaiveDate) -> f64 {
        let days_ago = (self.today - on).num_days();
        match self.shape {
            Shape::Healthy | Shape::Seasonal => 1.0,
            Shape::Growing { start } if days_ago < start => {
                1.0 + 0.25 * (1.0 - days_ago as f64 / start as f64)
            }
            Shape::Declining { start } if days_ago < start => {
                let progress = 1.0 - days_ago as f64 / start as f64;
                1.0 - 0.65 * progress * progress.sqrt()
            }
            Shape::Recovering { from, to } if days_ago <= from && days_ago >= to => {
                let mid = (from + to) as f64 / 2.0;
                let half = (from - to) as f64 / 2.0;
                1.0 - 0.6 * (1.0 - (days_ago as f64 - mid).abs() / half)
            }
            Shape::Churned { on: left, warned } => {
                let before = (left - on).num_days();
                if !warned || before > 180 {
                    1.0
                } else {
                    0.25 + 0.75 * before.max(0) as f64 / 180.0
                }
            }
            _ => 1.0,
        }
    }

    /// The share of seats active on a day: health, seasons and the onboarding ramp.
    /// Noise is added by the caller.
    pub fn utilisation(&self, on: NaiveDate) -> f64 {
        let mut u = self.base_utilisation * self.health(on);
        let seasonal = self.shape == Shape::Seasonal;
        let dip = match (on.month(), on.day()) {
            (7 | 8, _) if seasonal => 0.30,
            (12, d) if d >= 15 && seasonal => 0.40,
            (1, d) if d <= 7 && seasonal => 0.25,
            // Everyone's year-end holidays.
            (12, d) if d >= 22 => 0.15,
            (1, 1) => 0.15,
            _ => 0.0,
        };
        u *= 1.0 - dip;
        // Onboarding: from a tenth of the seats to cruising over about three months.
        let since_start = (on - self.started_on).num_days();
        if since_start < 90 {
            u *= 0.1 + 0.9 * since_start.max(0) as f64 / 90.0;
        }
        u.clamp(0.0, 1.0)
    }
}

/// Seats and ARR that agree: seats drawn log-uniform for the segment, priced per seat
/// within the segment's band, rounded the way contracts are.
fn size(rng: &mut Rng, segment: Segment) -> (i64, i64) {
    let (seat_lo, seat_hi): (f64, f64) = match segment {
        Segment::Enterprise => (200.0, 5_000.0),
        Segment::MidMarket => (50.0, 400.0),
        Segment::Smb => (10.0, 60.0),
        Segment::SelfServe => (2.0, 15.0),
    };
    let seats = (seat_lo.ln() + rng.f64() * (seat_hi.ln() - seat_lo.ln()))
        .exp()
        .round() as i64;
    // Dollars per seat per year, the ARR band, and the rounding of a quote.
    let (price, (arr_lo, arr_hi), round_to) = match segment {
        Segment::Enterprise => (rng.i64(480..=760), (150_000, 2_500_000), 1_000),
        Segment::MidMarket => (rng.i64(360..=620), (30_000, 150_000), 500),
        Segment::Smb => (rng.i64(380..=620), (5_000, 30_000), 100),
        // Self-serve pays list price: $25 or $27 a seat a month.
        Segment::SelfServe => (if rng.bool() { 300 } else { 324 }, (600, 5_000), 1),
    };
    let dollars = (seats * price).clamp(arr_lo, arr_hi);
    (seats, (dollars / round_to) * round_to * 100)
}

/// The shape of an account that is still a customer. `previous_end` is how many days ago
/// the previous term ended; half of the recoveries had their rough patch around it.
fn ongoing_shape(rng: &mut Rng, prior_terms: u32, previous_end: i64) -> Shape {
    match rng.f64() {
        r if r < 0.47 => Shape::Healthy,
        r if r < 0.55 => Shape::Growing {
            start: rng.i64(90..=240),
        },
        r if r < 0.74 => Shape::Declining {
            start: rng.i64(75..=200),
        },
        r if r < 0.88 => {
            let width = rng.i64(90..=150);
            let around_renewal = prior_terms > 0 && rng.bool();
            let centre = if around_renewal {
                previous_end + rng.i64(50..=100)
            } else {
                rng.i64(200..=420)
            };
            // Recovered by now: the dip ends at least a month ago.
            let to = (centre - width / 2).max(30);
            Shape::Recovering {
                from: to + width,
                to,
            }
        }
        _ => Shape::Seasonal,
    }
}

/// The same day `months` months earlier (the month's last day when it is shorter).
pub fn months_before(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months)).unwrap_or(day)
}
