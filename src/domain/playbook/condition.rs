//! When a play, or one of its steps, reads the room: `only_if` (every field must hold)
//! and `unless` (any field holding stops it), each field one fact about the account
//! today: its health band, its lifecycle stage, the sentiment of someone in a role, a
//! gap in its coverage. A field with several values holds when any of them does.

use chrono::NaiveDate;
use serde::Serialize;

use super::facts::AccountFacts;
use crate::domain::vocab::{ContactRole, HealthBand, LifecycleStage, Sentiment};

/// Facts about an account that decide whether a play runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Condition {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub health: Vec<HealthBand>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stage: Vec<LifecycleStage>,
    /// Someone still there in the role feels this way.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sentiment: Vec<(ContactRole, Sentiment)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<CoverageGap>,
}

/// A gap in an account's coverage a condition can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageGap {
    /// Nobody still there in this role (`no_champion`, `no_executive_sponsor`, ...).
    No(ContactRole),
    /// At most one person touched in the last 90 days.
    SingleThreaded,
}

impl CoverageGap {
    pub fn parse(text: &str) -> Option<CoverageGap> {
        let text = text.trim();
        if text == "single_threaded" {
            return Some(CoverageGap::SingleThreaded);
        }
        let role = text.strip_prefix("no_")?;
        ContactRole::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == role)
            .map(CoverageGap::No)
    }

    /// Every word `gaps` takes.
    pub fn words() -> Vec<String> {
        let mut words: Vec<String> = ContactRole::ALL
            .iter()
            .map(|r| format!("no_{}", r.as_str()))
            .collect();
        words.push("single_threaded".into());
        words
    }

    fn holds(self, f: &AccountFacts, today: NaiveDate) -> bool {
        match self {
            CoverageGap::No(role) => f.in_role(role).is_none(),
            CoverageGap::SingleThreaded => f.engaged(today) <= 1,
        }
    }

    fn words_for(self) -> String {
        match self {
            CoverageGap::No(role) => format!("no {}", role.label()),
            CoverageGap::SingleThreaded => "single-threaded".into(),
        }
    }
}

impl Condition {
    pub fn is_empty(&self) -> bool {
        self.health.is_empty()
            && self.stage.is_empty()
            && self.sentiment.is_empty()
            && self.gaps.is_empty()
    }

    /// Each field named, with what of it holds for the account (None: nothing does).
    fn fields(&self, f: &AccountFacts, today: NaiveDate) -> Vec<Option<String>> {
        let mut out = Vec::new();
        if !self.health.is_empty() {
            out.push(
                f.band_now
                    .filter(|b| self.health.contains(b))
                    .map(|b| format!("health {}", b.label())),
            );
        }
        if !self.stage.is_empty() {
            out.push(
                f.stage
                    .filter(|s| self.stage.contains(s))
                    .map(|s| format!("in {}", s.label().to_lowercase())),
            );
        }
        if !self.sentiment.is_empty() {
            out.push(self.sentiment.iter().find_map(|(role, feeling)| {
                f.people
                    .iter()
                    .find(|p| p.role == *role && p.sentiment == *feeling)
                    .map(|p| format!("{} {} is {}", role.label(), p.name, feeling.label()))
            }));
        }
        if !self.gaps.is_empty() {
            out.push(
                self.gaps
                    .iter()
                    .find(|g| g.holds(f, today))
                    .map(|g| g.words_for()),
            );
        }
        out
    }

    /// Each field in words: "health red or yellow", "economic buyer negative", "no
    /// executive sponsor or single-threaded".
    pub fn describe(&self) -> Vec<String> {
        let or = |words: Vec<String>| words.join(" or ");
        let mut out = Vec::new();
        if !self.health.is_empty() {
            out.push(format!(
                "health {}",
                or(self.health.iter().map(|b| b.label().to_string()).collect())
            ));
        }
        if !self.stage.is_empty() {
            out.push(format!(
                "in {}",
                or(self
                    .stage
                    .iter()
                    .map(|s| s.label().to_lowercase())
                    .collect())
            ));
        }
        if !self.sentiment.is_empty() {
            out.push(or(self
                .sentiment
                .iter()
                .map(|(r, s)| format!("{} {}", r.label(), s.label()))
                .collect()));
        }
        if !self.gaps.is_empty() {
            out.push(or(self.gaps.iter().map(|g| g.words_for()).collect()));
        }
        out
    }

    /// For `only_if`: whether every field holds (an empty condition always does).
    pub fn all_hold(&self, f: &AccountFacts, today: NaiveDate) -> bool {
        self.fields(f, today).iter().all(Option::is_some)
    }

    /// For `unless`: the first field that holds, in words.
    pub fn first_holding(&self, f: &AccountFacts, today: NaiveDate) -> Option<String> {
        self.fields(f, today).into_iter().flatten().next()
    }
}

/// Whether a play (or a step) with these conditions runs on the account today; when
/// not, why, in words.
pub fn admits(
    only_if: &Condition,
    unless: &Condition,
    f: &AccountFacts,
    today: NaiveDate,
) -> Result<(), String> {
    if !only_if.all_hold(f, today) {
        return Err("its only_if does not hold".into());
    }
    match unless.first_holding(f, today) {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::playbook::facts::Present;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn person(name: &str, role: ContactRole, sentiment: Sentiment, touched: i64) -> Present {
        Present {
            name: name.into(),
            role,
            sentiment,
            touched_on: Some(today() - chrono::Duration::days(touched)),
        }
    }

    #[test]
    fn unless_names_the_first_fact_that_holds_and_only_if_needs_every_field() {
        let f = AccountFacts {
            band_now: Some(HealthBand::Green),
            stage: Some(LifecycleStage::Growth),
            people: vec![
                person("Ravi Patel", ContactRole::Champion, Sentiment::Positive, 5),
                person(
                    "Omar Haddad",
                    ContactRole::EconomicBuyer,
                    Sentiment::Negative,
                    200,
                ),
            ],
            ..Default::default()
        };
        let unless = Condition {
            health: vec![HealthBand::Red, HealthBand::Yellow],
            sentiment: vec![(ContactRole::EconomicBuyer, Sentiment::Negative)],
            gaps: vec![CoverageGap::No(ContactRole::ExecutiveSponsor)],
            ..Default::default()
        };
        assert_eq!(
            unless.first_holding(&f, today()).as_deref(),
            Some("economic buyer Omar Haddad is negative")
        );
        let gaps = Condition {
            gaps: vec![CoverageGap::SingleThreaded],
            ..Default::default()
        };
        assert_eq!(
            gaps.first_holding(&f, today()).as_deref(),
            Some("single-threaded"),
            "only Ravi was touched in 90 days"
        );
        let only_if = Condition {
            health: vec![HealthBand::Green],
            stage: vec![LifecycleStage::Onboarding],
            ..Default::default()
        };
        assert!(!only_if.all_hold(&f, today()), "green, but not onboarding");
        assert!(Condition::default().all_hold(&f, today()));
        assert_eq!(Condition::default().first_holding(&f, today()), None);
    }

    #[test]
    fn gap_words_name_a_role_or_single_threaded() {
        assert_eq!(
            CoverageGap::parse("no_executive_sponsor"),
            Some(CoverageGap::No(ContactRole::ExecutiveSponsor))
        );
        assert_eq!(
            CoverageGap::parse("single_threaded"),
            Some(CoverageGap::SingleThreaded)
        );
        assert_eq!(CoverageGap::parse("no_friends"), None);
    }
}
