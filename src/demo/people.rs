//! The customer's people in a demo account: an org chart fitting the segment (sponsor at
//! the top, buyer, champion, users), titles, sentiment, influence and advocacy, and on
//! purpose the gaps real books have: no executive sponsor, single-threaded accounts, a
//! champion who went quiet or left the company.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

use super::names::{FIRST_NAMES, LAST_NAMES, email_local};
use super::profile::{Profile, Shape};
use crate::domain::records::Contact;
use crate::domain::vocab::*;

/// The gaps drawn for an account, for its timeline and tasks to follow.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Gaps {
    /// Only one contact is engaged; the rest went cold long ago.
    pub single_threaded: bool,
    /// The champion left the company on this day.
    pub champion_left: Option<NaiveDate>,
    /// The champion has not been touched in over 45 days.
    pub champion_quiet: bool,
}

/// Fills `out` with the account's contacts, the most senior first. Each contact's
/// `last_touch_on` holds when the CSM last reached them; the timeline writes the touches
/// and settles the exact date and kind.
pub fn contacts(p: &Profile, rng: &mut Rng, domain: &str, out: &mut Vec<Contact>) -> Gaps {
    out.clear();
    let roles = org_roles(p, rng);
    let has_champion = roles.contains(&ContactRole::Champion);
    let single_threaded = p.high_touch() && rng.f64() < 0.12;
    let champion_left = (rng.f64() < 0.05 || (p.at_risk() && rng.f64() < 0.2))
        .then(|| p.last_day() - Duration::days(rng.i64(8..=120)))
        .filter(|d| has_champion && *d > p.started_on + Duration::days(60));
    let champion_quiet = has_champion && champion_left.is_none() && rng.f64() < 0.12;
    let gaps = Gaps {
        single_threaded,
        champion_left,
        champion_quiet,
    };
    for (k, &role) in roles.iter().enumerate() {
        let name = loop {
            let first = rng.choice(FIRST_NAMES).copied().unwrap_or("Alex");
            let last = rng.choice(LAST_NAMES).copied().unwrap_or("Smith");
            let name = format!("{first} {last}");
            if out.iter().all(|c| c.name != name) {
                break name;
            }
        };
        let is_champion = role == ContactRole::Champion;
        let left_on = gaps.champion_left.filter(|_| is_champion);
        // The one engaged contact of a single-threaded account is its champion (or, with
        // none, its first contact); everyone else went cold long ago.
        let engaged = !gaps.single_threaded || is_champion || (k == 0 && !has_champion);
        let days_ago = match role {
            _ if !engaged => Some(rng.i64(150..=400)),
            ContactRole::Champion if gaps.champion_quiet => Some(rng.i64(46..=120)),
            ContactRole::Champion => Some(rng.i64(1..=30)),
            ContactRole::ExecutiveSponsor => Some(rng.i64(10..=120)),
            ContactRole::EconomicBuyer => Some(rng.i64(10..=150)),
            ContactRole::EndUser if rng.f64() < 0.3 => None,
            _ => Some(rng.i64(3..=90)),
        };
        let latest = left_on.map_or(p.last_day(), |l| l - Duration::days(rng.i64(2..=20)));
        // A new account's people were all met at the kickoff at the latest.
        let last_touch = days_ago.map(|d| {
            (p.last_day() - Duration::days(d))
                .min(latest)
                .max(p.started_on)
        });
        let sentiment = sentiment(p, rng, role);
        let (advocacy, referenceable, last_reference_on) = advocacy(p, rng, role, sentiment);
        out.push(Contact {
            external_id: format!("ct-{:06}-{}", p.index, k + 1),
            email: Some(format!("{}@{domain}", email_local(&name))),
            name,
            title: Some(title(p.high_touch(), role, rng).to_string()),
            role,
            sentiment,
            influence: influence(role),
            reports_to: manager_of(&roles, k).map(|m| format!("ct-{:06}-{}", p.index, m + 1)),
            last_touch_on: last_touch,
            last_touch_kind: None,
            left_on,
            advocacy,
            referenceable,
            last_reference_on,
        });
    }
    gaps
}

/// The roles present, the most senior first.
fn org_roles(p: &Profile, rng: &mut Rng) -> Vec<ContactRole> {
    use ContactRole::*;
    let mut roles = Vec::with_capacity(9);
    match p.segment {
        Segment::Enterprise => {
            if rng.f64() >= 0.2 {
                roles.push(ExecutiveSponsor);
            }
            roles.push(EconomicBuyer);
            if rng.bool() {
                roles.push(DecisionMaker);
            }
            roles.push(Champion);
            if rng.f64() < 0.5 {
                roles.push(Influencer);
            }
            for _ in 0..rng.usize(1..=3) {
                roles.push(EndUser);
            }
            if (p.at_risk() && rng.f64() < 0.6) || rng.f64() < 0.1 {
                roles.push(Detractor);
            }
            while roles.len() < 4 {
                roles.push(EndUser);
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
            if p.at_risk() && roles.len() < 5 && rng.f64() < 0.3 {
                roles.push(Detractor);
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

/// Who a role reports to, by position in `roles`: the org chart's shape, rooted at the
/// most senior person present.
fn manager_of(roles: &[ContactRole], k: usize) -> Option<usize> {
    use ContactRole::*;
    let find = |r: ContactRole| roles.iter().position(|x| *x == r);
    let top = find(ExecutiveSponsor);
    let manager = match roles[k] {
        ExecutiveSponsor => None,
        EconomicBuyer | DecisionMaker => top,
        Champion | Influencer => find(DecisionMaker).or(find(EconomicBuyer)).or(top),
        EndUser => find(Champion).or(find(EconomicBuyer)),
        Detractor => find(DecisionMaker).or(find(EconomicBuyer)).or(top),
    };
    manager.filter(|m| *m != k)
}

fn influence(role: ContactRole) -> Influence {
    match role {
        ContactRole::ExecutiveSponsor | ContactRole::EconomicBuyer | ContactRole::DecisionMaker => {
            Influence::High
        }
        ContactRole::Champion | ContactRole::Detractor | ContactRole::Influencer => {
            Influence::Medium
        }
        ContactRole::EndUser => Influence::Low,
    }
}

fn sentiment(p: &Profile, rng: &mut Rng, role: ContactRole) -> Sentiment {
    if role == ContactRole::Detractor {
        return Sentiment::Negative;
    }
    let r = rng.f64() - p.warmth * 0.08;
    let troubled = p.at_risk() || p.health(p.last_day()) < 0.8;
    match p.shape {
        _ if troubled && r < 0.4 => Sentiment::Negative,
        _ if troubled && r < 0.85 => Sentiment::Neutral,
        // A champion can stay loyal while the rest of the account sours.
        _ if troubled && role == ContactRole::Champion => Sentiment::Positive,
        _ if troubled => Sentiment::Unknown,
        Shape::Recovering { .. } if r < 0.45 => Sentiment::Neutral,
        _ if r < 0.03 => Sentiment::Negative,
        _ if r < 0.10 => Sentiment::Unknown,
        _ if r < 0.32 => Sentiment::Neutral,
        _ => Sentiment::Positive,
    }
}

fn advocacy(
    p: &Profile,
    rng: &mut Rng,
    role: ContactRole,
    sentiment: Sentiment,
) -> (Option<AdvocacyTier>, bool, Option<NaiveDate>) {
    let speaks_for_us = matches!(
        role,
        ContactRole::Champion | ContactRole::ExecutiveSponsor | ContactRole::Influencer
    );
    if sentiment != Sentiment::Positive || p.at_risk() || !speaks_for_us {
        return (None, false, None);
    }
    let tier = match rng.f64() + p.warmth * 0.05 {
        r if r < 0.35 => return (None, false, None),
        r if r < 0.65 => AdvocacyTier::Supporter,
        r if r < 0.85 => AdvocacyTier::Advocate,
        r if r < 0.95 => AdvocacyTier::Champion,
        _ => AdvocacyTier::Ambassador,
    };
    let referenceable = tier >= AdvocacyTier::Advocate && p.churned_on().is_none();
    let last_reference = (referenceable && rng.bool())
        .then(|| p.today - Duration::days(rng.i64(20..=300)))
        .filter(|d| *d > p.started_on);
    (Some(tier), referenceable, last_reference)
}

fn title(high_touch: bool, role: ContactRole, rng: &mut Rng) -> &'static str {
    use ContactRole::*;
    let options: &[&str] = match (role, high_touch) {
        (ExecutiveSponsor, _) => &[
            "VP Operations",
            "Chief Operating Officer",
            "SVP Customer Experience",
            "Chief Information Officer",
            "Chief Digital Officer",
        ],
        (EconomicBuyer, true) => &[
            "CFO",
            "VP Finance",
            "Head of Procurement",
            "VP Business Systems",
        ],
        (EconomicBuyer, false) => &["Owner", "General Manager", "Finance Manager", "Co-founder"],
        (DecisionMaker, _) => &[
            "Director of IT",
            "Head of Digital",
            "VP Engineering",
            "Director of Operations",
        ],
        (Champion, true) => &[
            "Senior Operations Manager",
            "Product Operations Lead",
            "Head of Analytics",
            "Business Systems Manager",
            "Customer Operations Lead",
        ],
        (Champion, false) => &[
            "Operations Manager",
            "Office Manager",
            "Team Lead",
            "Founder",
        ],
        (Influencer, _) => &[
            "Senior Analyst",
            "Solutions Architect",
            "Program Manager",
            "IT Manager",
        ],
        (EndUser, _) => &[
            "Operations Analyst",
            "Coordinator",
            "Specialist",
            "Account Executive",
            "Support Lead",
            "Data Analyst",
        ],
        (Detractor, _) => &[
            "Director of IT Security",
            "Procurement Manager",
            "Head of Legacy Systems",
            "Enterprise Architect",
        ],
    };
    rng.choice(options).copied().unwrap_or("Manager")
}
