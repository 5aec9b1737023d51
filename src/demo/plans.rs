//! Where a demo account is headed: success-plan goals for the high-touch segments, and
//! expansion opportunities where they are earned (seats at the licence limit, add-ons,
//! and the deals already won at past upsells).

use chrono::Duration;
use fastrand::Rng;

use super::profile::Profile;
use super::signals::Signals;
use crate::domain::Money;
use crate::domain::records::{Contract, Goal, Opportunity};
use crate::domain::vocab::{GoalStatus, OpportunityKind, OpportunityStage, RenewalOutcome};

/// Success-plan goals for enterprise and mid-market accounts that are still customers.
pub fn goals(p: &Profile, rng: &mut Rng, owner: &str, out: &mut Vec<Goal>) {
    out.clear();
    if !p.high_touch() || p.churned_on().is_some() || (p.today - p.started_on).num_days() < 30 {
        return;
    }
    #[rustfmt::skip]
    const GOALS: &[(&str, &str, f64, f64)] = &[
        ("Grow weekly active users", "weekly active users %", 40.0, 75.0),
        ("Cut ticket handling time", "hours per ticket", 6.0, 4.0),
        ("Roll out to every region", "regions live", 1.0, 5.0),
        ("Automate the monthly close report", "hours saved per month", 0.0, 20.0),
        ("Adopt workflow automation", "automated workflows", 2.0, 25.0),
        ("Reduce manual data entry", "manual entries per week", 400.0, 100.0),
        ("Connect the CRM integration", "teams on the integration", 0.0, 6.0),
        ("Raise support satisfaction", "support CSAT", 3.8, 4.5),
    ];
    let mut picks: Vec<usize> = (0..GOALS.len()).collect();
    rng.shuffle(&mut picks);
    let struggling = p.health(p.today) < 0.8;
    for (n, &g) in picks.iter().take(rng.usize(1..=3)).enumerate() {
        let (title, metric, baseline, target) = GOALS[g];
        let progress = if struggling {
            rng.f64() * 0.5
        } else {
            0.2 + rng.f64() * 0.9
        };
        let due_on = p.today + Duration::days(rng.i64(-30..=240));
        let status = match progress {
            x if x >= 1.0 => GoalStatus::Achieved,
            _ if due_on < p.today => GoalStatus::Missed,
            x if x < 0.1 => GoalStatus::NotStarted,
            x if x < 0.4 || struggling => GoalStatus::AtRisk,
            _ => GoalStatus::OnTrack,
        };
        let current = if status == GoalStatus::Achieved {
            target
        } else {
            ((baseline + (target - baseline) * progress) * 10.0).round() / 10.0
        };
        out.push(Goal {
            external_id: format!("g-{:06}-{}", p.index, n + 1),
            title: title.to_string(),
            metric: metric.to_string(),
            baseline,
            current,
            target,
            due_on,
            owner: Some(owner.to_string()),
            status,
            updated_on: (p.today - Duration::days(rng.i64(1..=90))).max(p.started_on),
        });
    }
}

/// Expansion where it is earned: seats for accounts at their licence limit, add-ons for
/// some healthy high-touch ones, and the deals already won at past upsells.
pub fn opportunities(
    p: &Profile,
    rng: &mut Rng,
    s: &Signals,
    contracts: &[Contract],
    seats: i64,
    out: &mut Vec<Opportunity>,
) {
    out.clear();
    let stage = |rng: &mut Rng| match rng.u8(..3) {
        0 => OpportunityStage::Identified,
        1 => OpportunityStage::Qualified,
        _ => OpportunityStage::Proposed,
    };
    let round = |cents: i64| (cents / 10_000).max(1) * 10_000;
    for (n, c) in contracts.iter().enumerate() {
        if let Some(o) = c
            .outcome
            .as_ref()
            .filter(|o| o.kind == RenewalOutcome::Upsold && (p.today - o.on).num_days() < 400)
        {
            out.push(Opportunity {
                external_id: format!("o-{:06}-won-{}", p.index, n + 1),
                kind: OpportunityKind::Seats,
                title: "More seats at renewal".to_string(),
                arr: Money::usd(round(o.arr.cents - c.arr.cents)),
                stage: OpportunityStage::Won,
                expected_close_on: Some(o.on),
            });
        }
    }
    if p.churned_on().is_some() || p.at_risk() {
        return;
    }
    if s.seat_pressure && seats > 0 {
        let more = (seats / 4).max(5);
        out.push(Opportunity {
            external_id: format!("o-{:06}-seats", p.index),
            kind: OpportunityKind::Seats,
            title: format!("Add {more} seats"),
            arr: Money::usd(round(p.arr_cents * more / seats)),
            stage: stage(rng),
            expected_close_on: Some(p.today + Duration::days(rng.i64(20..=150))),
        });
    }
    if p.high_touch() && rng.f64() < 0.3 {
        let (kind, title) = match rng.u8(..3) {
            0 => (OpportunityKind::Upsell, "Premium support tier"),
            1 => (OpportunityKind::CrossSell, "Analytics add-on"),
            _ => (OpportunityKind::Upsell, "Enterprise plan upgrade"),
        };
        let lost = rng.f64() < 0.2;
        out.push(Opportunity {
            external_id: format!("o-{:06}-x", p.index),
            kind,
            title: title.to_string(),
            arr: Money::usd(round(p.arr_cents * rng.i64(8..=25) / 100)),
            stage: if lost {
                OpportunityStage::Lost
            } else {
                stage(rng)
            },
            expected_close_on: Some(if lost {
                p.today - Duration::days(rng.i64(10..=120))
            } else {
                p.today + Duration::days(rng.i64(20..=180))
            }),
        });
    }
}
