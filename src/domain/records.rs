//! The records of a book of business as plain values, the shape in which data enters the
//! book (from the demo generator or an import) before it has database ids. References
//! between records use the source system's `external_id`.

use chrono::NaiveDate;

use super::money::Money;
use super::vocab::*;

/// A member of the CS team: a CSM or their manager.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamMember {
    pub external_id: String,
    pub name: String,
    pub email: Option<String>,
    pub role: TeamRole,
    /// The manager's `external_id`.
    pub manager: Option<String>,
}

/// A customer account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub external_id: String,
    pub name: String,
    pub segment: Segment,
    /// The owning CSM's `external_id`.
    pub owner: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub lifecycle_stage: LifecycleStage,
    pub arr: Money,
    pub licensed_seats: Option<i64>,
    pub started_on: Option<NaiveDate>,
    pub went_live_on: Option<NaiveDate>,
    pub churned_on: Option<NaiveDate>,
}

/// A contract term; its end is the renewal date.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    pub external_id: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub arr: Money,
    pub forecast: Option<Forecast>,
    pub outcome: Option<Outcome>,
}

/// What the CSM expects of a renewal.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub category: ForecastCategory,
    pub confidence: ForecastConfidence,
    pub arr: Money,
}

/// What a renewal did, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub kind: RenewalOutcome,
    pub on: NaiveDate,
    pub arr: Money,
    /// Why it churned or shrank, as said: one of the config's reasons, or an export's
    /// own words.
    pub reason: Option<String>,
    /// What the customer said.
    pub note: Option<String>,
}

/// One week of product usage for an account, the week starting on a Monday.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UsageWeek {
    pub week_start: NaiveDate,
    pub active_users: i64,
    pub licensed_seats: i64,
    pub sessions: i64,
    pub key_features_used: i64,
}

/// A feature in the product catalog; key features count toward adoption.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub external_id: String,
    pub name: String,
    pub is_key: bool,
}

/// A support ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub external_id: String,
    pub subject: String,
    pub priority: TicketPriority,
    pub escalated: bool,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// 1 (very unsatisfied) to 5 (very satisfied), when the customer answered.
    pub csat: Option<i64>,
}

/// An NPS (0-10) or CSAT (1-5) survey answer.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyResponse {
    pub external_id: String,
    pub kind: SurveyKind,
    pub score: i64,
    pub responded_on: NaiveDate,
    /// The respondent's contact `external_id`.
    pub respondent: Option<String>,
    pub comment: Option<String>,
}

/// A stakeholder at the customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub external_id: String,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub role: ContactRole,
    pub sentiment: Sentiment,
    pub influence: Influence,
    /// The manager's contact `external_id`, in the same account.
    pub reports_to: Option<String>,
    pub last_touch_on: Option<NaiveDate>,
    pub last_touch_kind: Option<InteractionKind>,
    pub left_on: Option<NaiveDate>,
    pub advocacy: Option<AdvocacyTier>,
    pub referenceable: bool,
    pub last_reference_on: Option<NaiveDate>,
}

/// A touch on the account timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    pub external_id: String,
    pub kind: InteractionKind,
    pub occurred_on: NaiveDate,
    /// The contact's `external_id`.
    pub contact: Option<String>,
    /// The team member's `external_id`.
    pub author: Option<String>,
    pub summary: String,
}

/// A dated piece of work.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub external_id: Option<String>,
    pub title: String,
    pub description: Option<String>,
    /// The team member's `external_id`.
    pub owner: Option<String>,
    pub due_on: NaiveDate,
    pub status: TaskStatus,
    pub priority: Priority,
    pub snoozed_until: Option<NaiveDate>,
    pub snooze_reason: Option<String>,
    /// The playbook that made it, by playbook id.
    pub playbook: Option<String>,
    pub created_on: NaiveDate,
    pub completed_on: Option<NaiveDate>,
}

/// A success-plan goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub external_id: String,
    pub title: String,
    pub metric: String,
    pub baseline: f64,
    pub current: f64,
    pub target: f64,
    pub due_on: NaiveDate,
    pub owner: Option<String>,
    pub status: GoalStatus,
    pub updated_on: NaiveDate,
}

/// An expansion opportunity.
#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    pub external_id: String,
    pub kind: OpportunityKind,
    pub title: String,
    pub arr: Money,
    pub stage: OpportunityStage,
    pub expected_close_on: Option<NaiveDate>,
}

/// Everything the book holds about one account, ready to be written in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountBundle {
    pub account: Account,
    pub contracts: Vec<Contract>,
    pub usage: Vec<UsageWeek>,
    pub tickets: Vec<Ticket>,
    pub surveys: Vec<SurveyResponse>,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub tasks: Vec<Task>,
    pub goals: Vec<Goal>,
    pub opportunities: Vec<Opportunity>,
}

impl AccountBundle {
    /// A bundle holding only the account.
    pub fn new(account: Account) -> AccountBundle {
        AccountBundle {
            account,
            contracts: Vec::new(),
            usage: Vec::new(),
            tickets: Vec::new(),
            surveys: Vec::new(),
            contacts: Vec::new(),
            interactions: Vec::new(),
            tasks: Vec::new(),
            goals: Vec::new(),
            opportunities: Vec::new(),
        }
    }
}
