//! What a playbook is: an id, a trigger (what in the book sets it off), an optional
//! segment filter, and the steps it turns into dated tasks.

use serde::{Deserialize, Serialize};

use crate::domain::health::SignalKind;
use crate::domain::vocab::{HealthBand, Priority, Segment};

/// A repeatable motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Playbook {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub trigger: Trigger,
    /// Only accounts in these segments; None for all.
    pub segments: Option<Vec<Segment>>,
    pub steps: Vec<PlaybookStep>,
}

impl Playbook {
    pub fn applies_to(&self, segment: Segment) -> bool {
        self.segments.as_ref().is_none_or(|s| s.contains(&segment))
    }
}

/// One step: the task it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaybookStep {
    pub title: String,
    pub description: Option<String>,
    /// Who does it: the account's CSM or their manager.
    pub owner: OwnerRole,
    /// Days after the trigger the task is due (0: the same day).
    pub due_days: u32,
    pub priority: Priority,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerRole {
    Csm,
    Manager,
}

/// The day a date trigger counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    Start,
    GoLive,
    Renewal,
}

/// What sets a playbook off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Trigger {
    /// The account appeared in the book.
    AccountCreated,
    /// The customer's start date: onboarding begins.
    OnboardingStart,
    /// Health fell into this band (from a better one).
    HealthBand { to: HealthBand },
    /// This risk signal was raised.
    RiskSignal { signal: SignalKind },
    /// The renewal entered its 120, 90, 60 or 30-day window.
    RenewalWindow { days: u32 },
    /// The champion left the customer.
    ChampionLeft,
    /// The executive sponsor left the customer.
    SponsorLeft,
    /// An NPS answer at or below this score.
    NpsDetractor { at_most: u8 },
    /// An NPS answer at or above this score, with green health: ask for advocacy.
    NpsPromoter { at_least: u8 },
    /// Active users above this share of licensed seats: room to expand.
    SeatsAbove { pct: u8 },
    /// A day relative to the start, go-live or renewal (negative: before).
    Date { anchor: Anchor, days: i32 },
}

impl Trigger {
    /// The stored spelling of the trigger's kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Trigger::AccountCreated => "account_created",
            Trigger::OnboardingStart => "onboarding_start",
            Trigger::HealthBand { .. } => "health_band",
            Trigger::RiskSignal { .. } => "risk_signal",
            Trigger::RenewalWindow { .. } => "renewal_window",
            Trigger::ChampionLeft => "champion_left",
            Trigger::SponsorLeft => "sponsor_left",
            Trigger::NpsDetractor { .. } => "nps_detractor",
            Trigger::NpsPromoter { .. } => "nps_promoter",
            Trigger::SeatsAbove { .. } => "seats_above",
            Trigger::Date { .. } => "date",
        }
    }
}
