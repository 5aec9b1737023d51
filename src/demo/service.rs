//! What the customer told us, through support and surveys: tickets (more, worse and
//! escalated when the account was struggling; most closed with a CSAT, a few still open)
//! and NPS and CSAT answers from the account's contacts, scored from how it was doing then.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

use super::profile::Profile;
use crate::domain::records::{Contact, SurveyResponse, Ticket};
use crate::domain::vocab::*;

/// How much worse than normal an account is doing on a day, 0 (fine) to 1 (deep slump).
fn strain(p: &Profile, on: NaiveDate) -> f64 {
    ((1.0 - p.health(on)) / 0.7).clamp(0.0, 1.0)
}

/// Fills `out` with two years of tickets (or since the account started), oldest first.
pub fn tickets(p: &Profile, rng: &mut Rng, out: &mut Vec<Ticket>) {
    out.clear();
    let per_year = match p.segment {
        Segment::Enterprise => 10.0 + rng.f64() * 14.0,
        Segment::MidMarket => 4.0 + rng.f64() * 6.0,
        Segment::Smb => 1.0 + rng.f64() * 3.0,
        Segment::SelfServe => rng.f64() * 2.0,
    };
    let from = p.started_on.max(p.today - Duration::days(730));
    let span = (p.last_day() - from).num_days();
    if span <= 0 {
        return;
    }
    // Draw at the busiest rate, keep each ticket in proportion to the rate on its day.
    const PEAK: f64 = 3.0;
    let candidates = (per_year * PEAK * span as f64 / 365.0 + rng.f64()) as usize;
    for _ in 0..candidates {
        let opened_on = from + Duration::days(rng.i64(0..span));
        let s = strain(p, opened_on);
        let onboarding = (opened_on - p.started_on).num_days() < 60;
        let rate = 1.0 + 1.6 * s + if onboarding { 0.4 } else { 0.0 };
        if rng.f64() * PEAK >= rate {
            continue;
        }
        out.push(ticket(p, rng, opened_on, s));
    }
    out.sort_by_key(|t| t.opened_on);
    for (n, t) in out.iter_mut().enumerate() {
        t.external_id = format!("tk-{:06}-{}", p.index, n + 1);
    }
}

fn ticket(p: &Profile, rng: &mut Rng, opened_on: NaiveDate, s: f64) -> Ticket {
    use TicketPriority::*;
    let r = rng.f64();
    let priority = match r {
        _ if r < 0.03 + 0.12 * s => P1,
        _ if r < 0.23 + 0.20 * s => P2,
        _ if r < 0.70 => P3,
        _ => P4,
    };
    let escalated = rng.f64()
        < match priority {
            P1 => 0.3 + 0.5 * s,
            P2 => 0.06 + 0.3 * s,
            _ => 0.01,
        };
    let mut days_to_close = match priority {
        P1 => rng.i64(0..=3),
        P2 => rng.i64(1..=8),
        P3 => rng.i64(2..=15),
        P4 => rng.i64(3..=40),
    };
    if escalated {
        days_to_close *= 2;
    }
    let closes = opened_on + Duration::days(days_to_close);
    // Still open if it would close after today; a churned customer's tickets were closed.
    let closed_on = match p.churned_on() {
        Some(left) => Some(closes.min(left)),
        None => (closes <= p.today).then_some(closes),
    };
    let csat = closed_on.filter(|_| rng.f64() < 0.55).map(|_| {
        let mut score = 4.6 - 1.8 * s + (rng.f64() * 2.0 - 1.0);
        if escalated {
            score -= 0.8;
        }
        if days_to_close > 10 {
            score -= 0.5;
        }
        (score.round() as i64).clamp(1, 5)
    });
    let subjects: &[&str] = match priority {
        P1 => &[
            "Outage: dashboards down for all users",
            "Data sync stopped overnight",
            "SSO login failing for everyone",
            "Reports show another customer's data",
            "API returning errors for all calls",
        ],
        P2 => &[
            "Integration sync errors",
            "Reports time out during month-end",
            "Alert emails delayed by hours",
            "Mobile app crashes on start",
            "Export fails for large workspaces",
            "Workflow automation runs twice",
        ],
        _ => &[
            "Question about billing",
            "Permission change request",
            "User cannot reset password",
            "How to set up custom fields",
            "Feature request: bulk edit",
            "Data mismatch in a report",
            "API rate limit questions",
            "Add users to the SSO group",
            "Dashboard filter not saving",
            "Template request for onboarding",
        ],
    };
    Ticket {
        external_id: String::new(),
        subject: rng
            .choice(subjects)
            .copied()
            .unwrap_or("Question")
            .to_string(),
        priority,
        escalated,
        opened_on,
        closed_on,
        csat,
    }
}

/// Fills `out` with NPS rounds (quarterly for enterprise and mid-market, twice a year for
/// SMB, yearly for self-serve) answered by the contacts at the company at the time, and
/// relationship CSAT every other round for the high-touch segments; oldest first.
pub fn surveys(p: &Profile, rng: &mut Rng, contacts: &[Contact], out: &mut Vec<SurveyResponse>) {
    out.clear();
    if contacts.is_empty() {
        return;
    }
    let (every, answer_rate, max_answers) = match p.segment {
        Segment::Enterprise => (91, 0.85, 3),
        Segment::MidMarket => (91, 0.75, 2),
        Segment::Smb => (182, 0.6, 1),
        Segment::SelfServe => (365, 0.4, 1),
    };
    let first = p.started_on + Duration::days(60);
    let horizon = first.max(p.today - Duration::days(730));
    let mut on = p.last_day() - Duration::days(rng.i64(5..every));
    let mut round = 0;
    while on >= horizon {
        let h = p.health(on);
        if rng.f64() < answer_rate {
            for _ in 0..rng.usize(1..=max_answers) {
                let who = respondent(rng, contacts, on);
                let detractor = who.is_some_and(|c| c.role == ContactRole::Detractor);
                let raw = 8.1 + p.warmth + 6.0 * (h - 1.0) + (rng.f64() * 3.0 - 1.5)
                    - if detractor { 3.0 } else { 0.0 };
                let score = (raw.round() as i64).clamp(0, 10);
                out.push(SurveyResponse {
                    external_id: String::new(),
                    kind: SurveyKind::Nps,
                    score,
                    responded_on: on,
                    respondent: who.map(|c| c.external_id.clone()),
                    comment: rng.bool().then(|| nps_comment(rng, score).to_string()),
                });
            }
            if p.high_touch() && round % 2 == 0 {
                let who = respondent(rng, contacts, on);
                let raw = 4.3 + 0.3 * p.warmth + 3.0 * (h - 1.0) + (rng.f64() * 1.4 - 0.7);
                out.push(SurveyResponse {
                    external_id: String::new(),
                    kind: SurveyKind::Csat,
                    score: (raw.round() as i64).clamp(1, 5),
                    responded_on: on + Duration::days(rng.i64(0..=6)).min(p.last_day() - on),
                    respondent: who.map(|c| c.external_id.clone()),
                    comment: None,
                });
            }
        }
        round += 1;
        on -= Duration::days(every);
    }
    out.sort_by_key(|s| s.responded_on);
    for (n, s) in out.iter_mut().enumerate() {
        s.external_id = format!("sv-{:06}-{}", p.index, n + 1);
    }
}

/// A contact who was at the company on the day.
fn respondent<'c>(rng: &mut Rng, contacts: &'c [Contact], on: NaiveDate) -> Option<&'c Contact> {
    let present = |c: &&Contact| c.left_on.is_none_or(|l| l > on);
    let count = contacts.iter().filter(present).count();
    if count == 0 {
        return None;
    }
    contacts.iter().filter(present).nth(rng.usize(..count))
}

fn nps_comment(rng: &mut Rng, score: i64) -> &'static str {
    let options: &[&str] = match score {
        0..=6 => &[
            "Too many issues lately, hard to justify the cost",
            "Support takes too long on anything serious",
            "The team never really adopted it",
            "Reporting is too slow for month-end",
            "Pricing went up but the value did not",
        ],
        7..=8 => &[
            "Useful, but the team struggles with reporting",
            "Good product, onboarding new users takes too long",
            "Does the job; the integrations could be better",
            "Solid, but we need better permissions",
        ],
        _ => &[
            "Our team relies on it every day",
            "Automation saved us hours every week",
            "Great support and a great product",
            "Best tool we added this year",
        ],
    };
    rng.choice(options).copied().unwrap_or("")
}
