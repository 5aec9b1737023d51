//! Signals that an account is ready to grow, each with the opportunity it suggests: seats
//! nearly used up, usage growing, new people met, feature requests among tickets,
//! success-plan goals met, promoters. An account with that kind of opportunity open, or
//! won lately, raises no signal for it.

use std::sync::Arc;

use serde::Serialize;

use super::ExpansionRules;
use crate::domain::Money;
use crate::domain::metrics::is_promoter;
use crate::domain::vocab::{LifecycleStage, OpportunityKind};

/// What the book knows of one account's growth.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Growth {
    pub account_id: i64,
    pub account: Arc<str>,
    pub owner: Option<Arc<str>>,
    pub arr: Money,
    /// Where the account is in its lifecycle: while onboarding, usage ramping up is the
    /// rollout, not growth.
    pub stage: Option<LifecycleStage>,
    /// Last week's active users and licensed seats.
    pub seats: Option<(i64, i64)>,
    /// Average weekly active users over the last 4 weeks, and over the 4 weeks 12 weeks
    /// before.
    pub active_now: Option<f64>,
    pub active_before: Option<f64>,
    /// People first met (their first call, meeting or email) in the recent days.
    pub new_people: u32,
    /// The subjects of the recent tickets, oldest first.
    pub recent_tickets: Vec<String>,
    /// Success-plan goals achieved in the recent days.
    pub goals_met: u32,
    /// The NPS answers of the recent days.
    pub nps_scores: Vec<i64>,
    /// Kinds of opportunity open on the account, or won in the recent days.
    pub working_kinds: Vec<OpportunityKind>,
}

/// Why an account looks ready to grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    SeatsNearlyUsed,
    UsageGrowing,
    NewPeople,
    FeatureRequests,
    GoalsMet,
    Promoters,
}

impl SignalKind {
    /// As stored with an opportunity it raised, and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::SeatsNearlyUsed => "seats_nearly_used",
            SignalKind::UsageGrowing => "usage_growing",
            SignalKind::NewPeople => "new_people",
            SignalKind::FeatureRequests => "feature_requests",
            SignalKind::GoalsMet => "goals_met",
            SignalKind::Promoters => "promoters",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SignalKind::SeatsNearlyUsed => "seats nearly used",
            SignalKind::UsageGrowing => "usage growing",
            SignalKind::NewPeople => "new people",
            SignalKind::FeatureRequests => "feature requests",
            SignalKind::GoalsMet => "goals met",
            SignalKind::Promoters => "promoters",
        }
    }
}

/// One signal and the opportunity it suggests.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    pub account_id: i64,
    /// Shared with the account's other signals.
    pub account: Arc<str>,
    pub owner: Option<Arc<str>>,
    pub kind: SignalKind,
    /// What was seen, in a CSM's words: "46 of 50 seats in use".
    pub words: String,
    pub suggests: OpportunityKind,
    pub title: String,
    /// A first guess at the opportunity's ARR.
    pub arr: Money,
}

impl Signal {
    /// Whether an opportunity of `kind` at `account` answers this signal (it is quiet
    /// while one is open, or won lately).
    pub fn answered_by(&self, account: i64, kind: OpportunityKind) -> bool {
        self.account_id == account && self.suggests == kind
    }
}

/// Puts signals in the order to work them: the largest likely ARR first, then by account.
pub fn largest_first(all: &mut [Signal]) {
    all.sort_by(|a, b| {
        b.arr
            .cents
            .cmp(&a.arr.cents)
            .then_with(|| a.account.cmp(&b.account))
    });
}

/// Weekly active users, 12 weeks ago, below which a rise is too small to read.
const MIN_USERS_BEFORE: f64 = 5.0;

/// `share` of `arr`, rounded to a hundred.
fn part(arr: Money, share: f64) -> Money {
    let cents = (arr.cents as f64 * share / 10_000.0).round() as i64 * 10_000;
    Money {
        cents: cents.max(10_000),
        currency: arr.currency,
    }
}

/// The signals of one account.
pub fn signals(g: &Growth, rules: &ExpansionRules) -> Vec<Signal> {
    let mut out = Vec::new();
    let mut raise = |kind, words: String, suggests, title: String, arr| {
        if !g.working_kinds.contains(&suggests) {
            out.push(Signal {
                account_id: g.account_id,
                account: g.account.clone(),
                owner: g.owner.clone(),
                kind,
                words,
                suggests,
                title,
                arr,
            });
        }
    };
    let mut seats_raised = false;
    if let Some((active, licensed)) = g.seats.filter(|(_, l)| *l > 0)
        && active as f64 >= licensed as f64 * rules.seats_used_at
    {
        let more = (licensed / 4).max(5);
        seats_raised = true;
        raise(
            SignalKind::SeatsNearlyUsed,
            format!("{active} of {licensed} seats in use"),
            OpportunityKind::Seats,
            format!("Add {more} seats"),
            part(g.arr, more as f64 / licensed as f64),
        );
    }
    if let (Some(now), Some(before)) = (g.active_now, g.active_before)
        && before >= MIN_USERS_BEFORE
        && now >= before * (1.0 + rules.usage_growth)
        && !seats_raised
        && g.stage != Some(LifecycleStage::Onboarding)
    {
        let growth = now / before - 1.0;
        raise(
            SignalKind::UsageGrowing,
            format!(
                "weekly active users up {:.0}% in 12 weeks ({before:.0} to {now:.0})",
                growth * 100.0
            ),
            OpportunityKind::Seats,
            "Seats for the growing team".into(),
            part(g.arr, 0.1),
        );
    }
    if g.new_people >= 2 {
        raise(
            SignalKind::NewPeople,
            format!("{} new people met lately", g.new_people),
            OpportunityKind::CrossSell,
            "A new team's rollout".into(),
            part(g.arr, 0.1),
        );
    }
    let requests: Vec<&String> = g
        .recent_tickets
        .iter()
        .filter(|s| rules.is_feature_request(s))
        .collect();
    if let Some(latest) = requests.last() {
        raise(
            SignalKind::FeatureRequests,
            match requests.len() {
                1 => format!("asked: {latest}"),
                n => format!("asked {n} times, lately: {latest}"),
            },
            OpportunityKind::CrossSell,
            "Add-on for what they asked".into(),
            part(g.arr, 0.1),
        );
    }
    if g.goals_met > 0 {
        raise(
            SignalKind::GoalsMet,
            format!(
                "{} success-plan goal{} met",
                g.goals_met,
                if g.goals_met == 1 { "" } else { "s" }
            ),
            OpportunityKind::Upsell,
            "Next-tier plan".into(),
            part(g.arr, 0.15),
        );
    }
    let promoters = g.nps_scores.iter().filter(|s| is_promoter(**s)).count();
    if promoters > 0 {
        raise(
            SignalKind::Promoters,
            format!(
                "{promoters} promoter{} (NPS 9-10)",
                if promoters == 1 { "" } else { "s" }
            ),
            OpportunityKind::Upsell,
            "Upgrade while they are happy".into(),
            part(g.arr, 0.1),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn growth() -> Growth {
        Growth {
            account_id: 1,
            account: "Acme".into(),
            arr: Money::usd(100_000 * 100),
            ..Growth::default()
        }
    }

    fn kinds(g: &Growth) -> Vec<SignalKind> {
        signals(g, &ExpansionRules::default())
            .iter()
            .map(|s| s.kind)
            .collect()
    }

    #[test]
    fn seats_nearly_used_suggest_more_seats_at_the_going_price() {
        let g = Growth {
            seats: Some((46, 50)),
            ..growth()
        };
        let s = &signals(&g, &ExpansionRules::default())[0];
        assert_eq!(s.kind, SignalKind::SeatsNearlyUsed);
        assert_eq!(s.words, "46 of 50 seats in use");
        assert_eq!(s.title, "Add 12 seats");
        // 12 of 50 seats of $100K: $24K.
        assert_eq!(s.arr.cents, 24_000 * 100);
        let below = Growth {
            seats: Some((44, 50)),
            ..growth()
        };
        assert!(kinds(&below).is_empty(), "88% in use is not yet a signal");
    }

    #[test]
    fn growing_usage_needs_a_fifth_more_users_and_no_seats_signal_already() {
        let g = Growth {
            active_now: Some(60.0),
            active_before: Some(48.0),
            ..growth()
        };
        assert_eq!(kinds(&g), [SignalKind::UsageGrowing]);
        let flat = Growth {
            active_now: Some(55.0),
            ..g.clone()
        };
        assert!(kinds(&flat).is_empty(), "up 15% is not growth enough");
        let rollout = Growth {
            stage: Some(LifecycleStage::Onboarding),
            ..g.clone()
        };
        assert!(
            kinds(&rollout).is_empty(),
            "an onboarding ramp is not growth"
        );
        let both = Growth {
            seats: Some((50, 50)),
            ..g
        };
        assert_eq!(
            kinds(&both),
            [SignalKind::SeatsNearlyUsed],
            "one seats signal"
        );
    }

    #[test]
    fn an_open_opportunity_of_the_kind_quiets_its_signals() {
        let g = Growth {
            seats: Some((50, 50)),
            goals_met: 2,
            nps_scores: vec![6, 10],
            recent_tickets: vec![
                "Login fails on Safari".into(),
                "Feature request: SSO".into(),
            ],
            new_people: 3,
            working_kinds: vec![OpportunityKind::Upsell],
            ..growth()
        };
        assert_eq!(
            kinds(&g),
            [
                SignalKind::SeatsNearlyUsed,
                SignalKind::NewPeople,
                SignalKind::FeatureRequests
            ]
        );
    }
}
