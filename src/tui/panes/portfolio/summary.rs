//! The Portfolio's summary line, worked out from what each account adds to it: accounts
//! and ARR per segment and per band, renewals overdue and within 90 days, ARR at risk.

use chrono::NaiveDate;

use crate::book::portfolio::PortfolioAccount;
use crate::domain::health::AT_RISK_RENEWAL_DAYS;
use crate::domain::vocab::HealthBand;

/// Counts and ARR of the accounts shown, for the pane's summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Per segment, in `Segment::ALL` order: (accounts, ARR cents).
    pub by_segment: [(usize, i64); 4],
    /// Renewals past their date with no outcome.
    pub overdue: (usize, i64),
    /// Renewals in the next 90 days, today included.
    pub within_90: (usize, i64),
    /// Per band, red, yellow, green: (accounts, ARR cents).
    pub by_band: [(usize, i64); 3],
    /// Active accounts without a score yet.
    pub unscored: usize,
    /// ARR at risk: red accounts, and yellow ones renewing within 90 days.
    pub at_risk_cents: i64,
    /// ARR of the active accounts shown.
    pub arr_cents: i64,
    /// Churned accounts shown (their ARR counts nowhere).
    pub churned: usize,
}

/// What the summary line needs of an account, packed tight: summing 50,000 of these
/// on every keystroke stays within the cache.
#[derive(Debug, Clone, Copy)]
pub struct Fact {
    arr_cents: i64,
    /// Days to the next renewal, `i32::MAX` when there is none.
    days: i32,
    segment: u8,
    /// 0 red, 1 yellow, 2 green, 3 no score.
    band: u8,
    churned: bool,
}

impl Fact {
    pub fn of(a: &PortfolioAccount, today: NaiveDate) -> Fact {
        Fact {
            arr_cents: a.arr.cents,
            days: a.renewal_on.map_or(i32::MAX, |d| {
                (d - today).num_days().clamp(-1_000_000, 1_000_000) as i32
            }),
            segment: a.segment as u8,
            band: match a.health.as_ref().and_then(|h| h.band) {
                Some(HealthBand::Red) => 0,
                Some(HealthBand::Yellow) => 1,
                Some(HealthBand::Green) => 2,
                None => 3,
            },
            churned: a.churned_on.is_some(),
        }
    }
}

/// Counts and ARR of the accounts `shown` marks (all when `None`), in the book's order.
pub fn summarize(facts: &[Fact], shown: Option<&[bool]>) -> Summary {
    let mut s = Summary::default();
    for (i, f) in facts.iter().enumerate() {
        if shown.is_some_and(|shown| !shown[i]) {
            continue;
        }
        if f.churned {
            s.churned += 1;
            continue;
        }
        let seg = &mut s.by_segment[f.segment as usize];
        seg.0 += 1;
        seg.1 += f.arr_cents;
        s.arr_cents += f.arr_cents;
        match f.band {
            3 => s.unscored += 1,
            b => {
                let band = &mut s.by_band[b as usize];
                band.0 += 1;
                band.1 += f.arr_cents;
            }
        }
        if f.band == 0 || (f.band == 1 && i64::from(f.days) <= AT_RISK_RENEWAL_DAYS) {
            s.at_risk_cents += f.arr_cents;
        }
        if f.days < 0 {
            s.overdue.0 += 1;
            s.overdue.1 += f.arr_cents;
        } else if f.days <= 90 {
            s.within_90.0 += 1;
            s.within_90.1 += f.arr_cents;
        }
    }
    s
}
