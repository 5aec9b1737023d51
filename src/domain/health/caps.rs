//! Hard rules over the weights: a fact about an account that holds its band at yellow
//! however many points its components earn, as the exceptions to weights CS teams keep.
//! A champion gone with no one in their place, or an urgent escalation still open, is
//! a risk the weighted points can hide: a departure moves only the engagement share.
//! Each cap that lowers a score says so in the score's facts.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::evidence::Evidence;
use super::rules::Bands;
use super::support::open_on;
use crate::domain::vocab::{ContactRole, HealthBand, TicketPriority};

/// Which hard rules hold, and how far they reach: `[health.caps]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Caps {
    /// No champion at the customer, and the last one left within this many days: held
    /// at yellow. 0 turns the rule off.
    pub champion_left_days: u32,
    /// An escalated ticket of this priority or a more urgent one still open: held at
    /// yellow. `off` turns the rule off.
    #[serde(serialize_with = "say_priority", deserialize_with = "read_priority")]
    pub escalation_at: Option<TicketPriority>,
}

/// The champion rule is on: on the demo books the lab finds it catches churns the
/// points called green and costs no AUC. The escalation rule is off: it found nothing
/// for it to catch there; `csm health lab --rule escalation_at=p1` tries it on a book.
impl Default for Caps {
    fn default() -> Self {
        Caps {
            champion_left_days: 90,
            escalation_at: None,
        }
    }
}

impl Caps {
    /// No hard rules: the weighted points alone.
    pub const NONE: Caps = Caps {
        champion_left_days: 0,
        escalation_at: None,
    };

    /// "champion left 90d, open P1 escalation", or "none".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.champion_left_days > 0 {
            parts.push(format!("champion left {}d", self.champion_left_days));
        }
        if let Some(p) = self.escalation_at {
            let worse = if p == TicketPriority::P1 {
                String::new()
            } else {
                " or worse".to_string()
            };
            parts.push(format!("open {}{worse} escalation", p.label()));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }
}

fn say_priority<S: Serializer>(p: &Option<TicketPriority>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(p.map_or("off", |p| p.as_str()))
}

fn read_priority<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TicketPriority>, D::Error> {
    let word = String::deserialize(d)?;
    if word == "off" {
        return Ok(None);
    }
    word.parse().map(Some).map_err(|_| {
        serde::de::Error::custom(format!(
            "escalation_at is a ticket priority (p1, p2, p3, p4) or \"off\", got {word:?}"
        ))
    })
}

/// The facts on a day that a cap could act on, whatever the rules' reach: the lab
/// tries other reaches on the same facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Triggers {
    /// No champion present, and the one who left last: their name and day.
    pub champion_left: Option<(String, NaiveDate)>,
    /// The most urgent escalated ticket still open: its priority and opening day.
    pub escalation: Option<(TicketPriority, NaiveDate)>,
}

impl Triggers {
    /// What the account's evidence shows on `as_of`.
    pub fn of(e: &Evidence, as_of: NaiveDate) -> Triggers {
        let champion_present = e
            .people
            .iter()
            .any(|p| p.role == ContactRole::Champion && p.present(as_of));
        let champion_left = (!champion_present)
            .then(|| {
                e.people
                    .iter()
                    .filter(|p| p.role == ContactRole::Champion)
                    .filter_map(|p| Some((p.left_on.filter(|d| *d <= as_of)?, p)))
                    .max_by_key(|(on, _)| *on)
                    .map(|(on, p)| (p.name.clone(), on))
            })
            .flatten();
        let escalation = open_on(e.tickets, as_of)
            .filter(|t| t.escalated)
            .map(|t| (t.priority, t.opened_on))
            .min();
        Triggers {
            champion_left,
            escalation,
        }
    }
}

/// The hard rule that held a score down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapRule {
    ChampionLeft,
    OpenEscalation,
}

/// A cap that lowered a score: the rule, the band it held the score at, the points
/// before, and the fact in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapHit {
    pub rule: CapRule,
    pub at: HealthBand,
    pub points_before: u8,
    pub fact: String,
}

/// The rules that apply on `as_of`, each with the fact behind it.
fn applying(caps: &Caps, t: &Triggers, as_of: NaiveDate) -> Vec<(CapRule, String)> {
    let mut out = Vec::new();
    if let Some((name, on)) = &t.champion_left
        && caps.champion_left_days > 0
        && (as_of - *on).num_days() < i64::from(caps.champion_left_days)
    {
        out.push((CapRule::ChampionLeft, format!("champion {name} left {on}")));
    }
    if let (Some((priority, since)), Some(at)) = (t.escalation, caps.escalation_at)
        && priority <= at
    {
        out.push((
            CapRule::OpenEscalation,
            format!("{} escalation open since {since}", priority.label()),
        ));
    }
    out
}

/// The score the caps allow: a green score held one point under green when a rule
/// applies, with what held it. A score already below green is left as it is.
pub fn apply(
    score: u8,
    bands: &Bands,
    caps: &Caps,
    t: &Triggers,
    as_of: NaiveDate,
) -> (u8, Vec<CapHit>) {
    if score < bands.green_at {
        return (score, Vec::new());
    }
    let rules = applying(caps, t, as_of);
    if rules.is_empty() {
        return (score, Vec::new());
    }
    let capped = bands.green_at.saturating_sub(1);
    let hits = rules
        .into_iter()
        .map(|(rule, fact)| CapHit {
            rule,
            at: HealthBand::Yellow,
            points_before: score,
            fact,
        })
        .collect();
    (capped, hits)
}

/// "capped at yellow (82 → 69): champion Dana Kim left 2026-01-01".
pub fn note(hits: &[CapHit], score: u8) -> Option<String> {
    let first = hits.first()?;
    let facts: Vec<&str> = hits.iter().map(|h| h.fact.as_str()).collect();
    Some(format!(
        "capped at {} ({} → {score}): {}",
        first.at.as_str(),
        first.points_before,
        facts.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn left(on: NaiveDate) -> Triggers {
        Triggers {
            champion_left: Some(("Dana Kim".into(), on)),
            escalation: None,
        }
    }

    #[test]
    fn a_champion_gone_holds_a_green_score_at_yellow_within_the_reach() {
        let bands = Bands::default();
        let caps = Caps::default();
        let (score, hits) = apply(82, &bands, &caps, &left(day(1)), day(20));
        assert_eq!(score, 69);
        assert_eq!(
            note(&hits, score).unwrap(),
            "capped at yellow (82 → 69): champion Dana Kim left 2026-03-01"
        );
        // A departure older than the reach no longer holds the score down.
        let long_ago = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        assert_eq!(apply(82, &bands, &caps, &left(long_ago), day(20)).0, 82);
        // A rule turned off holds nothing.
        assert_eq!(apply(82, &bands, &Caps::NONE, &left(day(1)), day(20)).0, 82);
    }

    #[test]
    fn a_score_already_below_green_is_not_touched() {
        let (score, hits) = apply(
            55,
            &Bands::default(),
            &Caps::default(),
            &left(day(1)),
            day(2),
        );
        assert_eq!((score, hits.len()), (55, 0));
    }

    #[test]
    fn an_escalation_caps_at_its_priority_or_more_urgent() {
        let t = Triggers {
            champion_left: None,
            escalation: Some((TicketPriority::P2, day(3))),
        };
        let bands = Bands::default();
        assert_eq!(
            apply(90, &bands, &Caps::default(), &t, day(9)).0,
            90,
            "off by default"
        );
        let p1 = Caps {
            escalation_at: Some(TicketPriority::P1),
            ..Caps::default()
        };
        assert_eq!(apply(90, &bands, &p1, &t, day(9)).0, 90, "P1 only");
        let p2 = Caps {
            escalation_at: Some(TicketPriority::P2),
            ..Caps::default()
        };
        let (score, hits) = apply(90, &bands, &p2, &t, day(9));
        assert_eq!(score, 69);
        assert_eq!(hits[0].fact, "P2 escalation open since 2026-03-03");
    }

    #[test]
    fn the_rules_read_from_words_and_off_turns_one_off() {
        let caps: Caps = toml::from_str("escalation_at = \"p2\"\n").unwrap();
        assert_eq!(caps.escalation_at, Some(TicketPriority::P2));
        assert_eq!(caps.champion_left_days, 90);
        assert_eq!(
            caps.describe(),
            "champion left 90d, open P2 or worse escalation"
        );
        let caps: Caps = toml::from_str("escalation_at = \"off\"\n").unwrap();
        assert_eq!(caps.describe(), "champion left 90d");
        let err = toml::from_str::<Caps>("escalation_at = \"urgent\"\n").unwrap_err();
        assert!(err.to_string().contains("p1, p2, p3, p4"), "{err}");
        assert_eq!(Caps::NONE.describe(), "none");
    }
}
