//! What a playbook is: an id, a trigger (what in the book sets it off), an optional
//! segment filter, the need it answers, when it runs (`only_if`, `unless`), and the
//! steps it turns into dated tasks; each step with its key, who does it, whom it is
//! addressed to, what it waits for, what it completes and what makes it moot.

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use crate::domain::health::SignalKind;
use crate::domain::renewal::Step;
use crate::domain::vocab::{ContactRole, HealthBand, Priority, Segment};

/// A repeatable motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Playbook {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub trigger: Trigger,
    /// Only accounts in these segments; None for all.
    pub segments: Option<Vec<Segment>>,
    /// The need it answers (its own id unless it says): plays answering one need on
    /// one account merge into one plan.
    pub answers: String,
    /// It runs only when every one of these holds.
    pub only_if: Condition,
    /// It does not run when any of these holds.
    pub unless: Condition,
    /// What makes every one of its tasks moot.
    pub moot: Vec<Moot>,
    pub steps: Vec<PlaybookStep>,
    /// The onboarding program it runs, if it is one: its length and phases; its steps
    /// with a phase are the program's milestones.
    pub program: Option<Program>,
}

/// An onboarding program: how many days it runs, whether it is guided (automated touches,
/// no meetings: self-serve), its phases in order, and the milestone that is first value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Program {
    pub days: u32,
    pub guided: bool,
    pub phases: Vec<Phase>,
    /// The key of the milestone whose ticking is first value (the config's rule may name
    /// another, or count active seats instead).
    pub first_value: Option<String>,
}

/// One phase of a program: foundation, adoption, optimisation, value realisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub key: String,
    /// In a CSM's words: "foundation: technical setup".
    pub name: String,
    /// The day of the program (from its start) by which its milestones are done.
    pub by_day: u32,
}

impl Playbook {
    pub fn applies_to(&self, segment: Segment) -> bool {
        self.segments.as_ref().is_none_or(|s| s.contains(&segment))
    }

    pub fn step(&self, key: &str) -> Option<&PlaybookStep> {
        self.steps.iter().find(|s| s.key == key)
    }

    /// The program's milestones, in the file's order: its steps with a phase.
    pub fn milestones(&self) -> impl Iterator<Item = &PlaybookStep> {
        self.steps.iter().filter(|s| s.phase.is_some())
    }
}

/// One step: the task it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaybookStep {
    /// Its name in the need the playbook answers: tasks keep it, `after` names it, and
    /// two plays of one need with a step of the same key do that work once.
    pub key: String,
    pub title: String,
    pub description: Option<String>,
    /// Who does it: the account's CSM or their manager.
    pub owner: OwnerRole,
    /// The title when `owner = "manager"` and the account's owner has nobody above
    /// them: the step stays with them, in these words.
    pub without_manager: Option<String>,
    /// Days after the trigger the task is due (0: the same day).
    pub due_days: u32,
    pub priority: Priority,
    /// The person it is addressed to: skipped when nobody in that role is there.
    pub to: Option<ContactRole>,
    /// The step it comes after: never due before it.
    pub after: Option<StepRef>,
    /// What doing it records elsewhere in the book (and what, recorded there, does it).
    pub completes: Vec<Completes>,
    /// What makes it moot (besides the playbook's own).
    pub moot: Vec<Moot>,
    pub only_if: Condition,
    pub unless: Condition,
    /// The program phase it is a milestone of (onboarding playbooks only).
    pub phase: Option<String>,
}

impl PlaybookStep {
    /// Who does it, in the file's word.
    pub fn owner_word(&self) -> &'static str {
        match self.owner {
            OwnerRole::Csm => "csm",
            OwnerRole::Manager => "manager",
        }
    }
}

/// A step named by `after`: a key of the same playbook, or `playbook/key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepRef {
    pub playbook: Option<String>,
    pub key: String,
}

/// What a step's task records when it is done, and what, recorded on its own, means
/// the task is done: a step of the renewal motion, or the onboarding milestone the step
/// is (its key, in its playbook's program).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Completes {
    Renewal(Step),
    Milestone,
}

impl Completes {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Completes::Renewal(step) => step.as_str(),
            Completes::Milestone => "milestone",
        }
    }

    /// A stored spelling read back.
    pub fn parse(text: &str) -> Option<Completes> {
        match text {
            "milestone" => Some(Completes::Milestone),
            _ => Step::parse(text).map(Completes::Renewal),
        }
    }

    /// A word a playbook file writes in `completes`: a renewal step (a milestone is
    /// told by the step's `phase`).
    pub fn from_file(text: &str) -> Option<Completes> {
        Step::parse(text).map(Completes::Renewal)
    }

    /// The renewal step it records, if it is one.
    pub fn renewal_step(self) -> Option<Step> {
        match self {
            Completes::Renewal(step) => Some(step),
            Completes::Milestone => None,
        }
    }

    /// Every word `completes` takes in a playbook file.
    pub fn words() -> Vec<&'static str> {
        Step::ALL.iter().map(|s| s.as_str()).collect()
    }
}

/// What makes a task's reason go away: once it holds, the task closes itself and
/// says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Moot {
    /// A champion is on the map.
    ChampionNamed,
    /// An executive sponsor is on the map.
    SponsorNamed,
    /// The account went live.
    AccountLive,
    /// The account moved past onboarding, or went live 90 days ago.
    OnboardingOver,
    /// The renewal has its outcome.
    RenewalClosed,
    /// A step of a later stage of the renewal motion is ticked (the step must complete
    /// a renewal step, which tells its stage).
    RenewalPastStage,
    /// The renewal's contract is signed.
    RenewalSigned,
    /// Health is back to green.
    HealthGreen,
}

impl Moot {
    pub const ALL: [Moot; 8] = [
        Moot::ChampionNamed,
        Moot::SponsorNamed,
        Moot::AccountLive,
        Moot::OnboardingOver,
        Moot::RenewalClosed,
        Moot::RenewalPastStage,
        Moot::RenewalSigned,
        Moot::HealthGreen,
    ];

    /// The spelling in playbook files and in the book.
    pub fn as_str(self) -> &'static str {
        match self {
            Moot::ChampionNamed => "champion_named",
            Moot::SponsorNamed => "sponsor_named",
            Moot::AccountLive => "account_live",
            Moot::OnboardingOver => "onboarding_over",
            Moot::RenewalClosed => "renewal_closed",
            Moot::RenewalPastStage => "renewal_past_stage",
            Moot::RenewalSigned => "renewal_signed",
            Moot::HealthGreen => "health_green",
        }
    }

    pub fn parse(text: &str) -> Option<Moot> {
        Moot::ALL.into_iter().find(|m| m.as_str() == text.trim())
    }
}

/// Words joined for the book: `a,b,c`; None when there are none.
pub fn stored<T: Copy>(items: &[T], word: impl Fn(T) -> &'static str) -> Option<String> {
    (!items.is_empty()).then(|| items.iter().map(|i| word(*i)).collect::<Vec<_>>().join(","))
}

/// The words the book keeps, read back; a word this csm does not know is passed over.
pub fn unstored<T>(text: Option<&str>, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    text.map_or_else(Vec::new, |t| {
        t.split(',').filter_map(|w| parse(w.trim())).collect()
    })
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
