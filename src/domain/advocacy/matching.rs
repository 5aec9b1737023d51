//! Matching a reference request to the pool. A person is offered only with their consent
//! (referenceable), still at a live, healthy account, not asked within the rest days and
//! under the year's limit; the rest are told with why and until when. Those offered are
//! ranked by fit: the same industry, the same segment, the use case's words in what the
//! account uses or its success plan, their rung on the ladder, their account's health,
//! a promoter's score, and fewer uses this year.

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::rules::AdvocacyRules;
use crate::domain::Money;
use crate::domain::vocab::{AdvocacyTier, HealthBand, Segment};

/// A person in the reference pool, with what matching weighs.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub contact_id: i64,
    pub name: String,
    pub title: Option<String>,
    pub account_id: i64,
    pub account: String,
    pub owner: Option<Arc<str>>,
    pub segment: Segment,
    pub industry: Option<String>,
    /// What the account uses: product lines or modules.
    pub products: Vec<String>,
    /// The titles of the account's success-plan goals.
    pub goals: Vec<String>,
    pub arr: Money,
    pub tier: Option<AdvocacyTier>,
    pub health: Option<(u8, HealthBand)>,
    /// Their latest NPS answer.
    pub nps: Option<u8>,
    pub last_asked: Option<NaiveDate>,
    /// The last reference they gave.
    pub last_given: Option<NaiveDate>,
    /// References given since the start of `today`'s year.
    pub given_this_year: u32,
    /// An ask awaiting their answer: its id and the day it is due.
    pub awaiting: Option<(i64, Option<NaiveDate>)>,
}

/// What sales asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Request {
    pub industry: Option<String>,
    pub segment: Option<Segment>,
    /// In the requester's words: "SSO rollout", "analytics for finance teams".
    pub use_case: Option<String>,
    pub by: Option<NaiveDate>,
}

impl Request {
    pub fn is_empty(&self) -> bool {
        self.industry.is_none() && self.segment.is_none() && self.use_case.is_none()
    }

    /// In a few words: "Retail · Enterprise · SSO rollout · by 2026-03-20".
    pub fn words(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.industry.clone());
        parts.extend(self.segment.map(|s| s.label().to_string()));
        parts.extend(self.use_case.clone());
        parts.extend(self.by.map(|d| format!("by {d}")));
        if parts.is_empty() {
            "any customer".into()
        } else {
            parts.join(" · ")
        }
    }
}

/// Why a person is not offered now, and from when they may be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Resting {
    /// Asked lately: offered again from this day.
    AskedLately { on: NaiveDate, until: NaiveDate },
    /// As many references this year as the limit.
    UsedUp { given: u32 },
    /// Their account is not healthy enough (or not scored).
    NotHealthy { score: Option<u8> },
    /// An ask already awaits their answer.
    Awaiting,
}

impl Resting {
    pub fn words(&self) -> String {
        match self {
            Resting::AskedLately { on, until } => {
                format!(
                    "asked {}, rests until {}",
                    on.format("%m-%d"),
                    until.format("%m-%d")
                )
            }
            Resting::UsedUp { given } => format!("{given} given this year, the limit"),
            Resting::NotHealthy { score: Some(s) } => format!("health {s}, below the bar"),
            Resting::NotHealthy { score: None } => "no health score".into(),
            Resting::Awaiting => "an ask awaits their answer".into(),
        }
    }
}

/// A person weighed against a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Their place in the pool.
    pub at: usize,
    /// How well they fit: higher first.
    pub fit: f64,
    /// What fits, in a CSM's words: "same industry", "uses Analytics".
    pub why: Vec<String>,
    /// Why they are not offered now, if they are not.
    pub resting: Option<Resting>,
}

/// Everyone in the pool weighed against `request` as of `today`: those offered first,
/// best fit first, then those resting, best fit first.
pub fn matches(
    pool: &[Reference],
    request: &Request,
    rules: &AdvocacyRules,
    today: NaiveDate,
) -> Vec<Match> {
    let mut out: Vec<Match> = pool
        .iter()
        .enumerate()
        .map(|(at, r)| {
            let (fit, why) = fit(r, request);
            Match {
                at,
                fit,
                why,
                resting: resting(r, rules, today),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.resting
            .is_some()
            .cmp(&b.resting.is_some())
            .then(b.fit.total_cmp(&a.fit))
            .then(pool[b.at].arr.cents.cmp(&pool[a.at].arr.cents))
            .then(pool[a.at].contact_id.cmp(&pool[b.at].contact_id))
    });
    out
}

/// Why `r` is not to be asked today, if so.
fn resting(r: &Reference, rules: &AdvocacyRules, today: NaiveDate) -> Option<Resting> {
    if r.awaiting.is_some() {
        return Some(Resting::Awaiting);
    }
    match r.health {
        Some((score, _)) if score >= rules.healthy_at => {}
        other => {
            return Some(Resting::NotHealthy {
                score: other.map(|(s, _)| s),
            });
        }
    }
    if let Some(on) = r.last_asked.or(r.last_given) {
        let until = on + Duration::days(i64::from(rules.rest_days));
        if until > today {
            return Some(Resting::AskedLately { on, until });
        }
    }
    if r.given_this_year >= rules.max_per_year {
        return Some(Resting::UsedUp {
            given: r.given_this_year,
        });
    }
    None
}

/// Words that say nothing of a use case.
const FILLER: &[&str] = &[
    "and", "for", "the", "with", "our", "their", "who", "use", "using", "from", "into", "that",
];

/// The words of `text` worth matching: lowercase, three letters or more, no filler.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !FILLER.contains(&w.as_str()))
        .collect()
}

/// How well `r` fits the request, and why.
fn fit(r: &Reference, q: &Request) -> (f64, Vec<String>) {
    let mut fit = 0.0;
    let mut why = Vec::new();
    if let (Some(want), Some(have)) = (&q.industry, &r.industry)
        && want.trim().eq_ignore_ascii_case(have.trim())
    {
        fit += 3.0;
        why.push("same industry".to_string());
    }
    if q.segment == Some(r.segment) {
        fit += 2.0;
        why.push("same segment".to_string());
    }
    if let Some(case) = &q.use_case {
        let wanted = words(case);
        let mut found: Vec<&str> = Vec::new();
        for p in r.products.iter().chain(&r.goals) {
            let theirs = words(p);
            if wanted.iter().any(|w| theirs.contains(w)) && !found.contains(&p.as_str()) {
                found.push(p);
            }
        }
        if !found.is_empty() {
            let hit = wanted
                .iter()
                .filter(|w| found.iter().any(|f| words(f).contains(w)))
                .count();
            // What they use covers the case: most of the weight; the more of its words, the more.
            fit += 2.0 + hit as f64 / wanted.len().max(1) as f64;
            why.push(format!("uses {}", found.join(", ")));
        }
    }
    let rung = r.tier.map_or(0.0, |t| match t {
        AdvocacyTier::Supporter => 0.5,
        AdvocacyTier::Advocate => 1.0,
        AdvocacyTier::Champion => 1.5,
        AdvocacyTier::Ambassador => 2.0,
    });
    if let Some(t) = r.tier {
        fit += rung;
        why.push(t.label().to_string());
    }
    if let Some((score, _)) = r.health {
        fit += f64::from(score) / 100.0;
    }
    if r.nps.is_some_and(|n| n >= 9) {
        fit += 1.0;
        why.push(format!("NPS {}", r.nps.unwrap_or(9)));
    }
    // Spread the asks: each reference given this year weighs a little against.
    fit -= 0.25 * f64::from(r.given_this_year);
    (fit, why)
}

/// The start of `today`'s year, from which references given count against the limit.
pub fn year_start(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person(id: i64, industry: &str, segment: Segment) -> Reference {
        Reference {
            contact_id: id,
            name: format!("Person {id}"),
            title: None,
            account_id: id,
            account: format!("Account {id}"),
            owner: None,
            segment,
            industry: Some(industry.into()),
            products: vec!["Analytics".into()],
            goals: Vec::new(),
            arr: Money::new(10_000_000, Currency::USD),
            tier: Some(AdvocacyTier::Advocate),
            health: Some((80, HealthBand::Green)),
            nps: None,
            last_asked: None,
            last_given: None,
            given_this_year: 0,
            awaiting: None,
        }
    }

    #[test]
    fn the_best_fit_comes_first_and_those_asked_lately_rest() {
        let today = d("2026-03-01");
        let rules = AdvocacyRules::default();
        let retail_ent = person(1, "Retail", Segment::Enterprise);
        let mut retail_smb = person(2, "Retail", Segment::Smb);
        retail_smb.products = vec!["Workflows".into()];
        let mut bank_ent = person(3, "Banking", Segment::Enterprise);
        bank_ent.products = vec!["SSO".into(), "Analytics".into()];
        // The best fit on paper, asked 30 days ago: rests 90 days from then.
        let mut asked = person(4, "Retail", Segment::Enterprise);
        asked.last_asked = Some(d("2026-01-30"));
        let pool = vec![retail_ent, retail_smb, bank_ent, asked];
        let request = Request {
            industry: Some("retail".into()),
            segment: Some(Segment::Enterprise),
            use_case: Some("analytics for store managers".into()),
            by: Some(d("2026-03-20")),
        };
        let m = matches(&pool, &request, &rules, today);
        let order: Vec<i64> = m.iter().map(|m| pool[m.at].contact_id).collect();
        assert_eq!(order, [1, 3, 2, 4]);
        assert_eq!(
            m[0].why,
            [
                "same industry",
                "same segment",
                "uses Analytics",
                "advocate"
            ]
        );
        assert_eq!(
            m[3].resting,
            Some(Resting::AskedLately {
                on: d("2026-01-30"),
                until: d("2026-04-30")
            })
        );
        // 91 days on, they may be asked again.
        let later = matches(&pool, &request, &rules, d("2026-05-01"));
        let four = later.iter().find(|m| pool[m.at].contact_id == 4).unwrap();
        assert!(four.resting.is_none());
        assert_eq!(later.iter().filter(|m| m.resting.is_none()).count(), 4);
    }

    #[test]
    fn the_unhealthy_the_used_up_and_the_awaited_are_not_offered() {
        let today = d("2026-06-01");
        let rules = AdvocacyRules::default();
        let mut yellow = person(1, "Retail", Segment::Smb);
        yellow.health = Some((55, HealthBand::Yellow));
        let mut used = person(2, "Retail", Segment::Smb);
        used.given_this_year = 4;
        used.last_given = Some(d("2026-01-10"));
        let mut waiting = person(3, "Retail", Segment::Smb);
        waiting.awaiting = Some((9, Some(d("2026-06-05"))));
        let fine = person(4, "Retail", Segment::Smb);
        let pool = vec![yellow, used, waiting, fine];
        let m = matches(&pool, &Request::default(), &rules, today);
        assert_eq!(pool[m[0].at].contact_id, 4);
        assert!(m[0].resting.is_none());
        let why: Vec<String> = m[1..]
            .iter()
            .map(|m| m.resting.as_ref().unwrap().words())
            .collect();
        assert!(
            why.contains(&"health 55, below the bar".to_string()),
            "{why:?}"
        );
        assert!(
            why.contains(&"4 given this year, the limit".to_string()),
            "{why:?}"
        );
        assert!(
            why.contains(&"an ask awaits their answer".to_string()),
            "{why:?}"
        );
    }
}
