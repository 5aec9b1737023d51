//! A demo account's timeline: the owner's calls, emails and meetings with each contact,
//! quarterly business reviews for enterprise and mid-market, and notes (a champion who
//! left, a churn). What was said follows how the account was doing at the time, and
//! each contact's last touch is the last entry with them.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

use super::people::Gaps;
use super::profile::Profile;
use crate::domain::records::{Contact, Interaction};
use crate::domain::vocab::{ContactRole, InteractionKind};

/// Fills `out` with the account's timeline, oldest first, and settles each contact's
/// last touch (date and kind) from it.
pub fn interactions(
    p: &Profile,
    rng: &mut Rng,
    company: &str,
    owner: &str,
    gaps: &Gaps,
    contacts: &mut [Contact],
    out: &mut Vec<Interaction>,
) {
    out.clear();
    let horizon = p.started_on.max(p.today - Duration::days(730));
    for c in contacts.iter() {
        if let Some(last) = c.last_touch_on {
            touches(p, rng, c, horizon, last, owner, out);
        }
    }
    if p.high_touch() {
        qbrs(p, rng, gaps, contacts, owner, out);
    }
    notes(p, rng, company, contacts, owner, out);
    out.sort_by_key(|i| i.occurred_on);
    for (n, i) in out.iter_mut().enumerate() {
        i.external_id = format!("ix-{:06}-{}", p.index, n + 1);
    }
    for c in contacts.iter_mut() {
        let last = out
            .iter()
            .rfind(|i| i.contact.as_deref() == Some(c.external_id.as_str()));
        c.last_touch_on = last.map(|i| i.occurred_on);
        c.last_touch_kind = last.map(|i| i.kind);
    }
}

/// One contact's calls, emails and meetings, the latest on `last`, going back in time.
fn touches(
    p: &Profile,
    rng: &mut Rng,
    c: &Contact,
    horizon: NaiveDate,
    last: NaiveDate,
    owner: &str,
    out: &mut Vec<Interaction>,
) {
    let (count, gap) = match c.role {
        ContactRole::Champion => (rng.usize(4..=8), 10..=40),
        ContactRole::EndUser => (rng.usize(1..=2), 30..=90),
        _ => (rng.usize(1..=4), 25..=75),
    };
    let mut on = last;
    for _ in 0..count {
        if on < horizon {
            break;
        }
        let kind = match rng.u8(..10) {
            0..=3 => InteractionKind::Email,
            4..=6 => InteractionKind::Call,
            _ => InteractionKind::Meeting,
        };
        out.push(entry(p, rng, kind, on, Some(c), owner));
        on -= Duration::days(rng.i64(gap.clone()));
    }
}

/// Quarterly business reviews with the most senior engaged contact. Some troubled or
/// single-threaded accounts have let the last one slip.
fn qbrs(
    p: &Profile,
    rng: &mut Rng,
    gaps: &Gaps,
    contacts: &[Contact],
    owner: &str,
    out: &mut Vec<Interaction>,
) {
    // A quiet champion stays quiet: hosting a QBR would be a touch.
    let engaged = |c: &&Contact| {
        c.left_on.is_none()
            && !(gaps.champion_quiet && c.role == ContactRole::Champion)
            && c.last_touch_on
                .is_some_and(|d| (p.last_day() - d).num_days() < 150)
    };
    let host = [
        ContactRole::ExecutiveSponsor,
        ContactRole::EconomicBuyer,
        ContactRole::Champion,
    ]
    .iter()
    .find_map(|r| contacts.iter().filter(engaged).find(|c| c.role == *r));
    let Some(host) = host else { return };
    let slipped = (p.at_risk() && rng.f64() < 0.4) || (gaps.single_threaded && rng.bool());
    let latest = if slipped {
        rng.i64(100..=200)
    } else {
        rng.i64(3..=85)
    };
    let first_possible = p.started_on + Duration::days(75);
    let horizon = first_possible.max(p.today - Duration::days(730));
    let mut on = p.last_day() - Duration::days(latest);
    while on >= horizon {
        out.push(entry(p, rng, InteractionKind::Qbr, on, Some(host), owner));
        on -= Duration::days(rng.i64(84..=98));
    }
}

/// Notes without a contact: a few general ones, the day the CSM learned the champion had
/// left, and the churn.
fn notes(
    p: &Profile,
    rng: &mut Rng,
    company: &str,
    contacts: &[Contact],
    owner: &str,
    out: &mut Vec<Interaction>,
) {
    let span = (p.last_day() - p.started_on).num_days().clamp(1, 365);
    for _ in 0..rng.usize(0..=2) {
        let on = p.last_day() - Duration::days(rng.i64(0..span));
        out.push(entry(p, rng, InteractionKind::Note, on, None, owner));
    }
    if let Some(gone) = contacts.iter().find(|c| c.left_on.is_some()) {
        let left = gone.left_on.unwrap_or(p.today);
        let on = (left + Duration::days(rng.i64(1..=10))).min(p.last_day());
        out.push(Interaction {
            external_id: String::new(),
            kind: InteractionKind::Note,
            occurred_on: on,
            contact: None,
            author: Some(owner.to_string()),
            summary: format!("{} has left {company}: we need a new champion", gone.name),
        });
    }
    if let Some(on) = p.churned_on() {
        let (_, reason) = p.loss(true, 0);
        out.push(Interaction {
            external_id: String::new(),
            kind: InteractionKind::Note,
            occurred_on: on - Duration::days(rng.i64(5..=30)).min(on - p.started_on),
            contact: None,
            author: Some(owner.to_string()),
            summary: format!("Customer confirmed they will not renew: {reason}"),
        });
    }
}

fn entry(
    p: &Profile,
    rng: &mut Rng,
    kind: InteractionKind,
    on: NaiveDate,
    contact: Option<&Contact>,
    owner: &str,
) -> Interaction {
    Interaction {
        external_id: String::new(),
        kind,
        occurred_on: on,
        contact: contact.map(|c| c.external_id.clone()),
        author: Some(owner.to_string()),
        summary: summary(p, rng, kind, on).to_string(),
    }
}

/// What a touch was about: its kind, how the account was doing then, and whether a
/// renewal was near.
fn summary(p: &Profile, rng: &mut Rng, kind: InteractionKind, on: NaiveDate) -> &'static str {
    use InteractionKind::*;
    let strained = p.health(on) < 0.8;
    let to_renewal = (p.renewal_on - on)
        .num_days()
        .rem_euclid(i64::from(p.term_months) * 365 / 12);
    let renewal_near = to_renewal <= 75 && p.churned_on().is_none_or(|c| on < c);
    let options: &[&str] = match (kind, strained) {
        (Call | Email, _) if renewal_near && rng.bool() => &[
            "Renewal: walked through timeline and paperwork",
            "Renewal: discussed pricing and term length",
            "Sent the renewal quote for review",
            "Renewal: procurement asked for the security questionnaire",
        ],
        (Call, false) => &[
            "Check-in call: rollout on track, no blockers",
            "Call: planned onboarding for the next team",
            "Call: walked through the new reporting features",
            "Call: reviewed adoption numbers, usage up",
            "Call: agreed to pilot workflow automation",
        ],
        (Call, true) => &[
            "Call: escalated support issues, team frustrated",
            "Call: usage is down, they cite a reorg",
            "Call: budget review, value under question",
            "Call: complaints about slow reports last month",
            "Call: champion stretched thin, adoption stalled",
        ],
        (Email, false) => &[
            "Sent release notes and tips",
            "Shared the monthly adoption report",
            "Sent training recordings for new users",
            "Followed up on their feature request",
            "Invited the admins to the customer webinar",
            "Shared a case study from their industry",
        ],
        (Email, true) => &[
            "Followed up on open tickets",
            "Sent the recovery plan recap",
            "Chased a reply on the health review",
            "Sent an escalation status update",
            "Shared workarounds for the reporting issues",
            "Asked for time to review the drop in usage",
        ],
        (Meeting, false) => &[
            "Workshop on workflow automation",
            "Onsite: met the new team leads",
            "Training session for new users",
            "Admin training: SSO and permissions",
        ],
        (Meeting, true) => &[
            "Working session on open escalations",
            "Recovery plan review with the team",
            "Mapped the blockers to adoption with their leads",
            "Re-trained the team after the reorg",
        ],
        (Qbr, false) => &[
            "QBR: reviewed adoption and outcomes, agreed next quarter's goals",
            "QBR: ROI recap, exec interested in the analytics add-on",
            "QBR: success plan on track, discussed rolling out to new teams",
        ],
        (Qbr, true) => &[
            "QBR: usage concerns raised, agreed a recovery plan",
            "QBR: exec questioned value, asked for ROI evidence before renewal",
            "QBR: support escalations dominated the agenda",
        ],
        (Note, false) => &[
            "Reorg announced on their side, no change to our team",
            "New VP of Operations joining next quarter",
            "Budget planning for next year starts next month",
            "They asked about a customer reference call",
        ],
        (Note, true) => &[
            "Heard they are evaluating a competitor",
            "Hiring freeze on their side, the rollout is paused",
            "Their admin is leaving, no successor named yet",
        ],
    };
    rng.choice(options).copied().unwrap_or("Touch base")
}
