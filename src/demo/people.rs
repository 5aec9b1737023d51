//! The customer's people in a demo account: an org chart fitting the segment (sponsor at
//! the top, champion, buyer, users), their sentiment and advocacy, the touches the CSM
//! had with them, and on purpose the gaps real books have: no executive sponsor,
//! single-threaded accounts, a champion who went quiet or left.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

use super::names::{FIRST_NAMES, LAST_NAMES};
use super::profile::{Profile, Shape};
use crate::domain::records::{Contact, Interaction};
use crate::domain::vocab::*;

/// The account's contacts and its interaction timeline, newest touch last per person.
pub fn people(
    p: &Profile,
    rng: &mut Rng,
    domain: &str,
    owner: &str,
    contacts: &mut Vec<Contact>,
    interactions: &mut Vec<Interaction>,
) {
    contacts.clear();
    interactions.clear();
    let roles = org_roles(p, rng);
    let single_threaded =
        matches!(p.segment, Segment::Enterprise | Segment::MidMarket) && rng.f64() < 0.12;
    let champion_left = rng.f64() < 0.08 || (p.at_risk() && rng.f64() < 0.15);
    let champion_quiet = !champion_left && rng.f64() < 0.12;
    let mut used_names: Vec<String> = Vec::new();

    for (k, role) in roles.iter().enumerate() {
        let name = loop {
            let n = format!(
                "{} {}",
                rng.choice(FIRST_NAMES).unwrap_or(&"Alex"),
                rng.choice(LAST_NAMES).unwrap_or(&"Smith")
            );
            if !used_names.contains(&n) {
                break n;
            }
        };
        used_names.push(name.clone());
        let external_id = format!("ct-{:06}-{k}", p.index);
        let reports_to = manager_of(&roles, k).map(|m| format!("ct-{:06}-{m}", p.index));
        let is_champion = *role == ContactRole::Champion;
        let left_on =
            (is_champion && champion_left).then(|| p.today - Duration::days(rng.i64(8..=120)));

        // When did the CSM last talk to them? The engaged contact of a single-threaded
        // account is its champion (or first contact); the others went cold long ago.
        let engaged =
            !single_threaded || is_champion || (k == 0 && !roles.contains(&ContactRole::Champion));
        let last_touch_days = match role {
            _ if !engaged => Some(rng.i64(200..=400)),
            ContactRole::Champion if champion_quiet => Some(rng.i64(46..=120)),
            ContactRole::Champion => Some(rng.i64(1..=35)),
            ContactRole::ExecutiveSponsor => Some(rng.i64(10..=150)),
            ContactRole::EconomicBuyer => Some(rng.i64(15..=160)),
            ContactRole::EndUser if rng.f64() < 0.3 => None,
            _ => Some(rng.i64(3..=90)),
        };
        let mut last_touch = last_touch_days.map(|d| p.today - Duration::days(d));
        if let (Some(left), Some(touch)) = (left_on, last_touch) {
            last_touch = Some(touch.min(left - Duration::days(rng.i64(3..=30))));
        }
        // No touches before the account was a customer, nor after it churned.
        if let Some(t) = last_touch {
            let latest = p.churned_on().unwrap_or(p.today);
            last_touch = Some(t.clamp(p.started_on, latest));
        }

        let mut last_kind = None;
        if let Some(last) = last_touch {
            last_kind = Some(touches(
                p,
                rng,
                *role,
                &external_id,
                owner,
                last,
                interactions,
            ));
        }
        let sentiment = sentiment(p, rng, *role);
        let (advocacy, referenceable, last_reference_on) = advocacy(p, rng, *role, sentiment);
        let title = title(p.segment, *role, rng);
        let email_name = name.to_lowercase().replace(' ', ".");
        contacts.push(Contact {
            external_id,
            name,
            title: Some(title.to_string()),
            email: Some(format!("{email_name}@{domain}")),
            role: *role,
            sentiment,
            influence: match role {
                ContactRole::ExecutiveSponsor
                | ContactRole::EconomicBuyer
                | ContactRole::DecisionMaker => Influence::High,
                ContactRole::Champion | ContactRole::Detractor | ContactRole::Influencer => {
                    Influence::Medium
                }
                ContactRole::EndUser => Influence::Low,
            },
            reports_to,
            last_touch_on: last_touch,
            last_touch_kind: last_kind,
            left_on,
            advocacy,
            referenceable,
            last_reference_on,
        });
    }
}

/// The roles present, the most senior first.
fn org_roles(p: &Profile, rng: &mut Rng) -> Vec<ContactRole> {
    use ContactRole::*;
    let mut roles = Vec::new();
    match p.segment {
        Segment::Enterprise => {
            if rng.f64() >= 0.2 {
                roles.push(ExecutiveSponsor);
            }
            roles.push(EconomicBuyer);
            roles.push(Champion);
            if rng.bool() {
                roles.push(DecisionMaker);
            }
            if rng.f64() < 0.4 {
                roles.push(Influencer);
            }
            for _ in 0..rng.usize(1..=3) {
                roles.push(EndUser);
            }
            if p.at_risk() && rng.bool() {
                roles.push(Detractor);
            }
        }
        Segment::MidMarket => {
            if rng.f64() < 0.4 {
                roles.push(ExecutiveSponsor);
            }
            roles.push(EconomicBuyer);
            roles.push(Champion);
            for _ in 0..rng.usize(1..=2) {
                roles.push(EndUser);
            }
        }
        Segment::Smb => {
            roles.push(Champion);
            if rng.bool() {
                roles.push(EconomicBuyer);
            }
            if rng.bool() {
                roles.push(EndUser);
            }
        }
        Segment::SelfServe => {
            if rng.bool() {
                roles.push(Champion);
            }
            roles.push(EndUser);
        }
    }
    roles
}

/// Who a role reports to, by position in `roles`: the org chart's shape.
fn manager_of(roles: &[ContactRole], k: usize) -> Option<usize> {
    use ContactRole::*;
    let find = |r: ContactRole| roles.iter().position(|x| *x == r);
    let top = find(ExecutiveSponsor);
    let manager = match roles[k] {
        ExecutiveSponsor => None,
        EconomicBuyer | DecisionMaker => top,
        Champion | Influencer => find(EconomicBuyer).or(top),
        EndUser => find(Champion).or(find(EconomicBuyer)),
        Detractor => find(DecisionMaker).or(top),
    };
    manager.filter(|m| *m != k)
}

/// Writes a contact's recent touches ending on `last`; returns the kind of the last one.
fn touches(
    p: &Profile,
    rng: &mut Rng,
    role: ContactRole,
    contact: &str,
    owner: &str,
    last: NaiveDate,
    out: &mut Vec<Interaction>,
) -> InteractionKind {
    let senior = matches!(
        role,
        ContactRole::ExecutiveSponsor | ContactRole::EconomicBuyer
    );
    let qbrs = matches!(p.segment, Segment::Enterprise | Segment::MidMarket) && senior;
    let count = match role {
        ContactRole::Champion => rng.usize(3..=6),
        ContactRole::EndUser => rng.usize(0..=2),
        _ => rng.usize(1..=3),
    };
    let mut on = last;
    let mut last_kind = InteractionKind::Email;
    for n in 0..=count {
        if on < p.started_on {
            break;
        }
        let kind = if qbrs && n % 2 == 0 {
            InteractionKind::Qbr
        } else {
            *rng.choice(&[
                InteractionKind::Call,
                InteractionKind::Email,
                InteractionKind::Meeting,
                InteractionKind::Email,
            ])
            .unwrap_or(&InteractionKind::Email)
        };
        if n == 0 {
            last_kind = kind;
        }
        out.push(Interaction {
            external_id: format!("ix-{contact}-{n}"),
            kind,
            occurred_on: on,
            contact: Some(contact.to_string()),
            author: Some(owner.to_string()),
            summary: summary(kind, p, rng).to_string(),
        });
        on -= Duration::days(if qbrs {
            rng.i64(80..=100)
        } else {
            rng.i64(14..=60)
        });
    }
    last_kind
}

fn summary(kind: InteractionKind, p: &Profile, rng: &mut Rng) -> &'static str {
    let trouble = p.at_risk();
    let options: &[&str] = match (kind, trouble) {
        (InteractionKind::Qbr, false) => &[
            "QBR: reviewed adoption and outcomes, agreed next quarter's goals",
            "QBR: ROI recap, exec asked about the analytics add-on",
        ],
        (InteractionKind::Qbr, true) => &[
            "QBR: usage concerns raised, agreed a recovery plan",
            "QBR: exec questioned value, asked for ROI evidence before renewal",
        ],
        (InteractionKind::Call, false) => &[
            "Check-in call: rollout on track",
            "Call: planned the next team's onboarding",
        ],
        (InteractionKind::Call, true) => &[
            "Call: escalated support issues, team frustrated",
            "Call: budget review, renewal under question",
        ],
        (InteractionKind::Meeting, _) => &[
            "Workshop on workflow automation",
            "Onsite: met the new team leads",
            "Training session for new users",
        ],
        (InteractionKind::Email, _) => &[
            "Sent release notes and tips",
            "Shared the adoption report",
            "Followed up on open tickets",
        ],
        (InteractionKind::Note, _) => &[
            "Note: reorg announced on their side",
            "Note: new VP joining in the spring",
        ],
    };
    rng.choice(options).copied().unwrap_or("Touch base")
}

fn sentiment(p: &Profile, rng: &mut Rng, role: ContactRole) -> Sentiment {
    if role == ContactRole::Detractor {
        return Sentiment::Negative;
    }
    let r = rng.f64();
    match (p.shape, p.at_risk()) {
        (_, true) if r < 0.35 => Sentiment::Negative,
        (_, true) if r < 0.75 => Sentiment::Neutral,
        (Shape::Recovering { .. }, _) if r < 0.5 => Sentiment::Neutral,
        _ if r < 0.08 => Sentiment::Unknown,
        _ if r < 0.30 => Sentiment::Neutral,
        _ => Sentiment::Positive,
    }
}

fn advocacy(
    p: &Profile,
    rng: &mut Rng,
    role: ContactRole,
    sentiment: Sentiment,
) -> (Option<AdvocacyTier>, bool, Option<NaiveDate>) {
    if sentiment != Sentiment::Positive
        || p.at_risk()
        || !matches!(role, ContactRole::Champion | ContactRole::ExecutiveSponsor)
    {
        return (None, false, None);
    }
    let tier = match rng.f64() {
        r if r < 0.35 => return (None, false, None),
        r if r < 0.65 => AdvocacyTier::Supporter,
        r if r < 0.85 => AdvocacyTier::Advocate,
        r if r < 0.95 => AdvocacyTier::Champion,
        _ => AdvocacyTier::Ambassador,
    };
    let referenceable = tier >= AdvocacyTier::Advocate;
    let last_reference =
        (referenceable && rng.bool()).then(|| p.today - Duration::days(rng.i64(20..=300)));
    (Some(tier), referenceable, last_reference)
}

fn title(segment: Segment, role: ContactRole, rng: &mut Rng) -> &'static str {
    let big = matches!(segment, Segment::Enterprise | Segment::MidMarket);
    let options: &[&str] = match (role, big) {
        (ContactRole::ExecutiveSponsor, _) => &[
            "VP Operations",
            "Chief Operating Officer",
            "SVP Customer Experience",
            "CIO",
        ],
        (ContactRole::EconomicBuyer, true) => &["CFO", "VP Finance", "Head of Procurement"],
        (ContactRole::EconomicBuyer, false) => &["Owner", "General Manager", "Finance Manager"],
        (ContactRole::DecisionMaker, _) => &["Director of IT", "Head of Digital", "VP Engineering"],
        (ContactRole::Champion, true) => &[
            "Director of Operations",
            "Product Operations Lead",
            "Head of Analytics",
        ],
        (ContactRole::Champion, false) => &["Operations Manager", "Office Manager", "Team Lead"],
        (ContactRole::Influencer, _) => {
            &["Senior Analyst", "Solutions Architect", "Program Manager"]
        }
        (ContactRole::EndUser, _) => &[
            "Operations Analyst",
            "Coordinator",
            "Specialist",
            "Account Executive",
        ],
        (ContactRole::Detractor, _) => &[
            "Director of IT Security",
            "Procurement Manager",
            "Legacy Tools Owner",
        ],
    };
    rng.choice(options).copied().unwrap_or("Manager")
}
