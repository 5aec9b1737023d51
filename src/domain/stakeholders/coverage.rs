//! Coverage gaps: what is missing or at risk in an account's relationships. The roles
//! each segment needs, being single-threaded, a champion gone or gone quiet, an
//! executive sponsor not met, a negative economic buyer or decision maker. Each gap
//! says why; the rules live in the config's `[stakeholders]`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::person::Stakeholder;
use crate::domain::vocab::{ContactRole, Segment, Sentiment};

/// How coverage is judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CoverageRules {
    /// Roles each segment needs filled by someone still at the customer.
    pub required: BTreeMap<Segment, Vec<ContactRole>>,
    /// Days without a touch after which someone in this role has gone quiet.
    pub cadence_days: BTreeMap<ContactRole, u32>,
    /// A contact touched within this many days counts as engaged.
    pub engaged_days: u32,
    /// Days within which the executive sponsor should have been met.
    pub sponsor_days: u32,
    /// How long a champion's departure stays a gap.
    pub champion_left_days: u32,
}

impl Default for CoverageRules {
    fn default() -> Self {
        use ContactRole::*;
        CoverageRules {
            required: BTreeMap::from([
                (
                    Segment::Enterprise,
                    vec![ExecutiveSponsor, EconomicBuyer, Champion],
                ),
                (Segment::MidMarket, vec![EconomicBuyer, Champion]),
                (Segment::Smb, vec![Champion]),
                (Segment::SelfServe, vec![]),
            ]),
            cadence_days: BTreeMap::from([
                (Champion, 45),
                (ExecutiveSponsor, 90),
                (EconomicBuyer, 90),
                (DecisionMaker, 60),
            ]),
            engaged_days: 90,
            sponsor_days: 90,
            champion_left_days: 365,
        }
    }
}

impl CoverageRules {
    /// Takes `defaults`' rule for each segment and role this config does not name, so a
    /// config that changes one segment keeps the others.
    pub fn fill_from(&mut self, defaults: &CoverageRules) {
        for (segment, roles) in &defaults.required {
            self.required
                .entry(*segment)
                .or_insert_with(|| roles.clone());
        }
        for (role, days) in &defaults.cadence_days {
            self.cadence_days.entry(*role).or_insert(*days);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    ChampionLeft,
    MissingRole,
    SingleThreaded,
    NegativeBuyer,
    SponsorNotMet,
    GoneQuiet,
}

impl GapKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GapKind::ChampionLeft => "champion_left",
            GapKind::MissingRole => "missing_role",
            GapKind::SingleThreaded => "single_threaded",
            GapKind::NegativeBuyer => "negative_buyer",
            GapKind::SponsorNotMet => "sponsor_not_met",
            GapKind::GoneQuiet => "gone_quiet",
        }
    }
}

/// One gap and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub kind: GapKind,
    pub reason: String,
}

/// The gaps of an account in `segment` with these people, as of `today`, most serious
/// first.
pub fn gaps(
    segment: Segment,
    people: &[Stakeholder],
    rules: &CoverageRules,
    today: NaiveDate,
) -> Vec<Gap> {
    let mut out = Vec::new();
    each_gap(segment, people, rules, today, |kind, reason| {
        out.push(Gap {
            kind,
            reason: reason(),
        })
    });
    out.sort_by_key(|g| g.kind);
    out
}

/// How many gaps [`gaps`] finds, without putting any into words: the gap list counts
/// every account's, and says why only for the rows on screen.
pub fn gap_count(
    segment: Segment,
    people: &[Stakeholder],
    rules: &CoverageRules,
    today: NaiveDate,
) -> usize {
    let mut found = 0;
    each_gap(segment, people, rules, today, |_, _| found += 1);
    found
}

/// Walks the rules over an account's people, handing each gap found to `found` with
/// the words that say why, made only if asked for.
fn each_gap(
    segment: Segment,
    people: &[Stakeholder],
    rules: &CoverageRules,
    today: NaiveDate,
    mut found: impl FnMut(GapKind, &dyn Fn() -> String),
) {
    let present: Vec<&Stakeholder> = people.iter().filter(|p| p.present(today)).collect();
    let has = |role: ContactRole| present.iter().any(|p| p.role == role);

    let mut champion_left = false;
    for p in people.iter().filter(|p| p.role == ContactRole::Champion) {
        if let Some(left) = p.left_on.filter(|l| {
            *l <= today && (today - *l).num_days() <= i64::from(rules.champion_left_days)
        }) && !has(ContactRole::Champion)
        {
            champion_left = true;
            found(GapKind::ChampionLeft, &|| {
                format!("champion {} left on {left}; no champion since", p.name)
            });
        }
    }
    let required = rules.required.get(&segment).map_or(&[][..], Vec::as_slice);
    for role in required {
        // A champion who left already says the champion is missing.
        let said = champion_left && *role == ContactRole::Champion;
        if !(has(*role) || said) {
            found(GapKind::MissingRole, &|| {
                format!(
                    "no {} ({} accounts need one)",
                    role.label(),
                    segment.label()
                )
            });
        }
    }
    let engaged = present
        .iter()
        .filter(|p| p.engaged(today, rules.engaged_days))
        .count();
    if engaged <= 1 && segment != Segment::SelfServe {
        found(GapKind::SingleThreaded, &|| match engaged {
            0 => format!("nobody touched in {} days", rules.engaged_days),
            _ => format!("one contact touched in {} days", rules.engaged_days),
        });
    }
    for p in &present {
        if matches!(
            p.role,
            ContactRole::EconomicBuyer | ContactRole::DecisionMaker
        ) && p.sentiment == Sentiment::Negative
        {
            found(GapKind::NegativeBuyer, &|| {
                format!("{} {} is negative", p.role.label(), p.name)
            });
        }
    }
    for p in present
        .iter()
        .filter(|p| p.role == ContactRole::ExecutiveSponsor)
    {
        let days = p.days_since_touch(today);
        if days.is_none_or(|d| d > i64::from(rules.sponsor_days)) {
            found(GapKind::SponsorNotMet, &|| match days {
                Some(d) => format!("exec sponsor {} not met in {d} days", p.name),
                None => format!("exec sponsor {} never met", p.name),
            });
        }
    }
    for p in &present {
        if p.role == ContactRole::ExecutiveSponsor {
            continue; // judged above, on its own window
        }
        let Some(&cadence) = rules.cadence_days.get(&p.role) else {
            continue;
        };
        let days = p.days_since_touch(today);
        if days.is_none_or(|d| d > i64::from(cadence)) {
            found(GapKind::GoneQuiet, &|| match days {
                Some(d) => format!(
                    "{} {} quiet for {d} days ({cadence} max)",
                    p.role.label(),
                    p.name
                ),
                None => format!("{} {} never touched", p.role.label(), p.name),
            });
        }
    }
}
