//! A demo account's commercial and service history: contract terms with their renewal
//! outcomes, support tickets, NPS and CSAT answers, success-plan goals, expansion
//! opportunities and the CSM's tasks, each consistent with the account's usage story.

use chrono::Duration;
use fastrand::Rng;

use super::names::TICKET_SUBJECTS;
use super::profile::{Profile, Shape};
use crate::domain::Money;
use crate::domain::records::*;
use crate::domain::vocab::*;

/// Contract terms, oldest first: past ones with outcomes, then the open one (none for a
/// churned account). Past outcomes follow usage 90 days before each renewal.
pub fn contracts(p: &Profile, rng: &mut Rng, out: &mut Vec<Contract>) -> i64 {
    out.clear();
    let terms = ((p.renewal_on - p.started_on).num_days() / p.term_days).max(1);
    // Work backwards from today's ARR to what earlier terms were worth.
    let mut arr = p.arr_cents;
    let mut reversed = Vec::new();
    for t in (0..terms).rev() {
        let ends_on = p.renewal_on - Duration::days(p.term_days * (terms - 1 - t));
        let starts_on = ends_on - Duration::days(p.term_days);
        let is_last = t == terms - 1;
        let outcome = if is_last {
            p.churned_on().map(|on| Outcome {
                kind: RenewalOutcome::Churned,
                on,
                arr: Money::usd(0),
            })
        } else {
            let health = p.utilisation(ends_on - Duration::days(90));
            let next_arr = arr;
            let kind = match (health, rng.f64()) {
                (h, r) if h < 0.40 && r < 0.6 => RenewalOutcome::Downsold,
                (h, r) if h > 0.65 && r < 0.3 => RenewalOutcome::Upsold,
                _ => RenewalOutcome::Renewed,
            };
            // This term's ARR, from what the next one became.
            arr = match kind {
                RenewalOutcome::Upsold => round_cents(next_arr * 100 / (100 + rng.i64(10..=35))),
                RenewalOutcome::Downsold => round_cents(next_arr * 100 / (100 - rng.i64(10..=30))),
                _ => next_arr,
            };
            Some(Outcome {
                kind,
                on: ends_on - Duration::days(rng.i64(0..=10)),
                arr: Money::usd(next_arr),
            })
        };
        let forecast = if is_last && outcome.is_none() {
            forecast(p, rng, arr)
        } else {
            None
        };
        reversed.push(Contract {
            external_id: format!("k-{:06}-{t}", p.index),
            starts_on,
            ends_on,
            arr: Money::usd(arr),
            forecast,
            outcome,
        });
    }
    out.extend(reversed.into_iter().rev());
    p.arr_cents
}

fn round_cents(cents: i64) -> i64 {
    (cents / 10_000).max(1) * 10_000
}

/// About half the renewals inside 120 days carry the CSM's forecast, in line with health.
fn forecast(p: &Profile, rng: &mut Rng, arr: i64) -> Option<Forecast> {
    let days = (p.renewal_on - p.today).num_days();
    if days > 120 || rng.f64() < 0.45 {
        return None;
    }
    let (category, confidence, factor) = match (p.shape, rng.f64()) {
        (Shape::Declining { .. }, r) if r < 0.35 => {
            (ForecastCategory::Churn, ForecastConfidence::AtRisk, 0)
        }
        (Shape::Declining { .. }, r) if r < 0.7 => {
            (ForecastCategory::Downsell, ForecastConfidence::AtRisk, 75)
        }
        (Shape::Declining { .. }, _) => (ForecastCategory::Renew, ForecastConfidence::Likely, 100),
        (Shape::Healthy, r) if r < 0.3 => {
            (ForecastCategory::Upsell, ForecastConfidence::Likely, 120)
        }
        (_, r) if r < 0.6 => (ForecastCategory::Renew, ForecastConfidence::Commit, 100),
        _ => (ForecastCategory::Renew, ForecastConfidence::Likely, 100),
    };
    Some(Forecast {
        category,
        confidence,
        arr: Money::usd(round_cents(arr * factor / 100)),
    })
}

/// Tickets over the last year; troubled accounts have more, worse, and escalated ones.
pub fn tickets(p: &Profile, rng: &mut Rng, out: &mut Vec<Ticket>) {
    out.clear();
    let per_year = match p.segment {
        Segment::Enterprise => rng.usize(8..=20),
        Segment::MidMarket => rng.usize(4..=10),
        Segment::Smb => rng.usize(1..=4),
        Segment::SelfServe => rng.usize(0..=2),
    };
    let trouble = p.at_risk();
    let count = if trouble {
        per_year + per_year / 2 + 1
    } else {
        per_year
    };
    let end = p.churned_on().unwrap_or(p.today);
    for n in 0..count {
        let opened_on = end - Duration::days(rng.i64(0..=364));
        if opened_on < p.started_on {
            continue;
        }
        let priority = match rng.f64() {
            r if r < if trouble { 0.15 } else { 0.04 } => TicketPriority::P1,
            r if r < 0.30 => TicketPriority::P2,
            r if r < 0.75 => TicketPriority::P3,
            _ => TicketPriority::P4,
        };
        let escalated = matches!(priority, TicketPriority::P1 | TicketPriority::P2)
            && rng.f64() < if trouble { 0.5 } else { 0.1 };
        let age = (p.today - opened_on).num_days();
        let still_open =
            p.churned_on().is_none() && age < 30 && rng.f64() < if trouble { 0.6 } else { 0.3 };
        let closed_on =
            (!still_open).then(|| (opened_on + Duration::days(rng.i64(0..=12))).min(p.today));
        let csat = closed_on.filter(|_| rng.f64() < 0.6).map(|_| {
            let r = rng.f64();
            match (trouble || escalated, r) {
                (true, r) if r < 0.5 => rng.i64(1..=3),
                (true, _) => rng.i64(3..=4),
                (false, r) if r < 0.1 => rng.i64(2..=3),
                (false, _) => rng.i64(4..=5),
            }
        });
        out.push(Ticket {
            external_id: format!("t-{:06}-{n}", p.index),
            subject: rng
                .choice(TICKET_SUBJECTS)
                .copied()
                .unwrap_or("Question")
                .to_string(),
            priority,
            escalated,
            opened_on,
            closed_on,
            csat,
        });
    }
    out.sort_by_key(|t| t.opened_on);
}

/// NPS a few times a year (quarterly for larger accounts), scored from usage at the time,
/// and twice-yearly CSAT for enterprise and mid-market.
pub fn surveys(p: &Profile, rng: &mut Rng, respondents: &[String], out: &mut Vec<SurveyResponse>) {
    out.clear();
    if respondents.is_empty() {
        return;
    }
    let every_days = match p.segment {
        Segment::Enterprise | Segment::MidMarket => 91,
        Segment::Smb => 182,
        Segment::SelfServe => 365,
    };
    let end = p.churned_on().unwrap_or(p.today);
    let mut on = end - Duration::days(rng.i64(5..=every_days));
    let mut n = 0;
    while on > p.started_on + Duration::days(60) && (p.today - on).num_days() < 730 {
        if rng.f64() < 0.8 {
            let u = p.utilisation(on);
            let score = ((u * 11.0) + rng.f64() * 3.0 - 1.0)
                .round()
                .clamp(0.0, 10.0) as i64;
            out.push(SurveyResponse {
                external_id: format!("s-{:06}-{n}", p.index),
                kind: SurveyKind::Nps,
                score,
                responded_on: on,
                respondent: rng.choice(respondents).cloned(),
                comment: comment(score).map(str::to_string),
            });
            n += 1;
            if matches!(p.segment, Segment::Enterprise | Segment::MidMarket) && n % 2 == 0 {
                out.push(SurveyResponse {
                    external_id: format!("s-{:06}-{n}", p.index),
                    kind: SurveyKind::Csat,
                    score: (1 + (u * 4.4) as i64).clamp(1, 5),
                    responded_on: on,
                    respondent: rng.choice(respondents).cloned(),
                    comment: None,
                });
                n += 1;
            }
        }
        on -= Duration::days(every_days);
    }
    out.sort_by_key(|s| s.responded_on);
}

fn comment(score: i64) -> Option<&'static str> {
    match score {
        0..=4 => Some("Too many issues lately, hard to justify the cost"),
        5..=6 => Some("Useful, but the team struggles with reporting"),
        9..=10 => Some("Our team relies on it every day"),
        _ => None,
    }
}

/// The CSM's tasks: open ones tied to what is going on (some overdue, a few snoozed),
/// and some done in the past.
pub fn tasks(p: &Profile, rng: &mut Rng, owner: &str, champion_left: bool, out: &mut Vec<Task>) {
    out.clear();
    if p.churned_on().is_some() {
        return;
    }
    let today = p.today;
    let days_to_renewal = (p.renewal_on - today).num_days();
    let mut open: Vec<(&str, &str, Priority, i64)> = Vec::new();
    match days_to_renewal {
        ..0 => open.push((
            "Close out the overdue renewal",
            "renewal-30",
            Priority::High,
            rng.i64(-10..=2),
        )),
        0..=30 => open.push((
            "Finalize the renewal contract",
            "renewal-30",
            Priority::High,
            rng.i64(-5..=7),
        )),
        31..=60 => open.push((
            "Send the renewal proposal",
            "renewal-60",
            Priority::High,
            rng.i64(-7..=10),
        )),
        61..=90 => open.push((
            "Schedule the business review and value demo",
            "renewal-90",
            Priority::Medium,
            rng.i64(-5..=14),
        )),
        91..=120 => open.push((
            "Draft the renewal strategy",
            "renewal-120",
            Priority::Medium,
            rng.i64(-3..=21),
        )),
        _ => {}
    }
    if champion_left {
        open.push((
            "Find a new champion",
            "champion-left",
            Priority::High,
            rng.i64(-14..=3),
        ));
    }
    if matches!(p.shape, Shape::Declining { .. }) {
        open.push((
            "Exec call: recap the value delivered",
            "risk-save",
            Priority::High,
            rng.i64(-6..=10),
        ));
    }
    if (today - p.started_on).num_days() < 90 {
        let playbook = match p.segment {
            Segment::Enterprise => "onboarding-enterprise",
            Segment::MidMarket => "onboarding-mid-market",
            _ => "onboarding-smb",
        };
        open.push((
            "Run the onboarding kickoff follow-up",
            playbook,
            Priority::Medium,
            rng.i64(-3..=10),
        ));
    }
    let extra = match p.segment {
        Segment::Enterprise => rng.usize(1..=3),
        Segment::MidMarket => rng.usize(0..=2),
        Segment::Smb => rng.usize(0..=1),
        Segment::SelfServe => 0,
    };
    const CHORES: &[&str] = &[
        "Check in on adoption of dashboards",
        "Share the quarterly release notes",
        "Confirm the success plan goals",
        "Introduce the new support engineer",
        "Review open tickets with the champion",
    ];
    for _ in 0..extra {
        open.push((
            rng.choice(CHORES).copied().unwrap_or(CHORES[0]),
            "",
            Priority::Low,
            rng.i64(-4..=35),
        ));
    }
    for (n, (title, playbook, priority, due)) in open.into_iter().enumerate() {
        let snoozed = rng.f64() < 0.05;
        out.push(Task {
            external_id: Some(format!("task-{:06}-{n}", p.index)),
            title: title.to_string(),
            description: None,
            owner: Some(owner.to_string()),
            due_on: today + Duration::days(due),
            status: if snoozed {
                TaskStatus::Snoozed
            } else {
                TaskStatus::Open
            },
            priority,
            snoozed_until: snoozed.then(|| today + Duration::days(rng.i64(3..=21))),
            snooze_reason: snoozed.then(|| "waiting on the customer's reply".to_string()),
            playbook: (!playbook.is_empty()).then(|| playbook.to_string()),
            created_on: today - Duration::days(rng.i64(7..=30)),
            completed_on: None,
        });
    }
    for n in 0..rng.usize(0..=2) {
        let done_on = today - Duration::days(rng.i64(3..=120));
        out.push(Task {
            external_id: Some(format!("task-{:06}-d{n}", p.index)),
            title: "Send the adoption report".to_string(),
            description: None,
            owner: Some(owner.to_string()),
            due_on: done_on + Duration::days(rng.i64(0..=3)),
            status: TaskStatus::Done,
            priority: Priority::Low,
            snoozed_until: None,
            snooze_reason: None,
            playbook: None,
            created_on: done_on - Duration::days(14),
            completed_on: Some(done_on),
        });
    }
}

/// Success-plan goals for enterprise and mid-market accounts.
pub fn goals(p: &Profile, rng: &mut Rng, owner: &str, out: &mut Vec<Goal>) {
    out.clear();
    if !matches!(p.segment, Segment::Enterprise | Segment::MidMarket) || p.churned_on().is_some() {
        return;
    }
    const GOALS: &[(&str, &str, f64, f64)] = &[
        ("Cut ticket handling time", "hours per ticket", 6.0, 4.0),
        ("Roll out to every region", "regions live", 1.0, 5.0),
        (
            "Grow weekly active users",
            "weekly active users %",
            45.0,
            75.0,
        ),
        (
            "Automate the monthly close report",
            "hours saved per month",
            0.0,
            20.0,
        ),
    ];
    for n in 0..rng.usize(1..=3) {
        let (title, metric, baseline, target) = GOALS[(p.index + n) % GOALS.len()];
        let progress = if p.at_risk() {
            rng.f64() * 0.5
        } else {
            0.3 + rng.f64() * 0.8
        };
        let current = ((baseline + (target - baseline) * progress) * 10.0).round() / 10.0;
        let due_on = p.today + Duration::days(rng.i64(-30..=200));
        let status = match progress {
            x if x >= 1.0 => GoalStatus::Achieved,
            _ if due_on < p.today => GoalStatus::Missed,
            x if x < 0.35 => GoalStatus::AtRisk,
            _ => GoalStatus::OnTrack,
        };
        out.push(Goal {
            external_id: format!("g-{:06}-{n}", p.index),
            title: title.to_string(),
            metric: metric.to_string(),
            baseline,
            current: if status == GoalStatus::Achieved {
                target
            } else {
                current
            },
            target,
            due_on,
            owner: Some(owner.to_string()),
            status,
            updated_on: p.today - Duration::days(rng.i64(1..=100)),
        });
    }
}

/// Expansion where it is earned: seat pressure on healthy accounts, add-ons for some.
pub fn opportunities(
    p: &Profile,
    rng: &mut Rng,
    latest: Option<&UsageWeek>,
    out: &mut Vec<Opportunity>,
) {
    out.clear();
    if p.at_risk() {
        return;
    }
    let close = |rng: &mut Rng| Some(p.today + Duration::days(rng.i64(20..=150)));
    let stage = |rng: &mut Rng| {
        *rng.choice(&[
            OpportunityStage::Identified,
            OpportunityStage::Qualified,
            OpportunityStage::Proposed,
        ])
        .unwrap_or(&OpportunityStage::Identified)
    };
    if let Some(w) = latest
        && w.licensed_seats > 0
        && w.active_users * 100 >= w.licensed_seats * 85
    {
        let seats = (w.licensed_seats / 4).max(5);
        out.push(Opportunity {
            external_id: format!("o-{:06}-seats", p.index),
            kind: OpportunityKind::Seats,
            title: format!("Add {seats} seats"),
            arr: Money::usd(round_cents(p.arr_cents * seats / w.licensed_seats.max(1))),
            stage: stage(rng),
            expected_close_on: close(rng),
        });
    }
    if matches!(p.segment, Segment::Enterprise | Segment::MidMarket) && rng.f64() < 0.2 {
        let (kind, title) = if rng.bool() {
            (OpportunityKind::Upsell, "Premium support tier")
        } else {
            (OpportunityKind::CrossSell, "Analytics add-on")
        };
        out.push(Opportunity {
            external_id: format!("o-{:06}-x", p.index),
            kind,
            title: title.to_string(),
            arr: Money::usd(round_cents(p.arr_cents * rng.i64(10..=25) / 100)),
            stage: stage(rng),
            expected_close_on: close(rng),
        });
    }
}
