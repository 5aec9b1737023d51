//! What every room shares: the book, the day, the rules, who is working, the keys, the
//! status-bar note, and the asks a room leaves for the app (open an account, a form, the
//! book changed). A room never reaches into another room; it asks.

use std::sync::mpsc::Sender;

use chrono::NaiveDate;

use super::action::Action;
use super::events::Event;
use super::keys::{Context, Keymap};
use super::overlays::forms::Form;
use super::widgets::theme::Theme;
use crate::book::{Book, Stamp};
use crate::domain::advocacy::AdvocacyRules;
use crate::domain::churn::ChurnRules;
use crate::domain::expansion::ExpansionRules;
use crate::domain::health::HealthRules;
use crate::domain::onboarding::OnboardingRules;
use crate::domain::playbook::Playbook;
use crate::domain::stakeholders::CoverageRules;
use crate::domain::today::TodayRules;

/// Who is looking at what book, for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookLabel {
    pub name: String,
    pub demo: bool,
}

/// What a room asks the app to do once it has handled an action.
pub enum Ask {
    /// Open an account's detail over the pane.
    OpenAccount(i64),
    /// Open an account's detail with its touch form.
    LogTouchAt(i64),
    /// Open a form; its submission comes back to the room that asked.
    Form(Form),
    /// Open QBR prep over the account detail.
    QbrPrep(i64),
    /// The Portfolio, showing one owner's accounts, reached from the Team.
    DrillIntoOwner(Option<i64>),
    /// Back from a drilled-into Portfolio or Renewals to the Team.
    BackToTeam,
    /// The renewals behind a cell of the Team pane's forecast review: whose (None:
    /// everyone's) and which cell.
    DrillIntoRenewals(Option<String>, Box<crate::tui::panes::renewals::Drill>),
    /// The book changed: what other rooms show is read again before it is shown.
    Wrote,
}

pub struct Ctx {
    pub today: NaiveDate,
    pub label: BookLabel,
    /// The book, for what rooms read on demand and for writes; None in view tests that
    /// draw prepared lists.
    pub book: Option<Book>,
    pub rules: HealthRules,
    /// How the queue weighs items (the config's `[today]`).
    pub today_rules: TodayRules,
    /// How stakeholder coverage is judged (the config's `[stakeholders]`).
    pub coverage: CoverageRules,
    /// Why customers leave or shrink (the config's `[churn]`).
    pub churn: ChurnRules,
    /// How the pipeline is weighed and its signals raised (the config's `[expansion]`).
    pub expansion: ExpansionRules,
    /// What first value is and who is stuck onboarding (the config's `[onboarding]`).
    pub onboarding: OnboardingRules,
    /// Who is offered as a reference (the config's `[advocacy]`).
    pub advocacy: AdvocacyRules,
    /// The retention the team aims for: the Metrics view's target lines.
    pub targets: crate::domain::trends::Targets,
    /// The onboarding playbooks in force: each segment's program.
    pub programs: std::sync::Arc<[Playbook]>,
    /// Who signs this person's changes in the journal.
    pub actor: String,
    /// The team member this person is (the config's `[user] name`, when on the team):
    /// the lists open on their accounts.
    pub me: Option<String>,
    pub keys: Keymap,
    pub theme: Theme,
    /// A one-line note for the status bar: what was just saved, or what went wrong.
    pub message: Option<String>,
    /// Health is being recomputed in the background; lists show the last scores.
    pub recomputing: bool,
    /// Where the team book stands, for a book that has one.
    pub team: Option<crate::tui::team_sync::TeamState>,
    /// Rows the current list has on screen, told by the last draw.
    pub viewport: usize,
    /// Where background work sends its results: the loop's one queue. None without a
    /// loop (tests, the benchmark): the work is done at once.
    pub events: Option<Sender<Event>>,
    /// While rooms read again after an undo or redo: the accounts it changed, so a room
    /// may read just their rows. None: anything may have changed.
    pub touched: Option<Vec<i64>>,
    pub(super) asks: Vec<Ask>,
}

/// The playbooks among `playbooks` that run an onboarding program.
pub fn programs(playbooks: Vec<Playbook>) -> std::sync::Arc<[Playbook]> {
    playbooks
        .into_iter()
        .filter(|p| p.program.is_some())
        .collect()
}

impl Ctx {
    pub fn new(today: NaiveDate, keys: Keymap, label: BookLabel) -> Ctx {
        Ctx {
            today,
            label,
            book: None,
            rules: HealthRules::default(),
            today_rules: TodayRules::default(),
            coverage: CoverageRules::default(),
            churn: ChurnRules::default(),
            expansion: ExpansionRules::default(),
            onboarding: OnboardingRules::default(),
            advocacy: AdvocacyRules::default(),
            targets: Default::default(),
            programs: programs(crate::domain::playbook::built_ins()),
            actor: "csm".into(),
            me: None,
            keys,
            theme: Theme::default(),
            message: None,
            recomputing: false,
            team: None,
            viewport: 20,
            events: None,
            touched: None,
            asks: Vec::new(),
        }
    }

    /// The rules the growth half is judged by, for a read that takes them whole.
    pub fn growth_rules(&self) -> crate::book::today::GrowthRules {
        crate::book::today::GrowthRules {
            programs: self.programs.clone(),
            onboarding: self.onboarding.clone(),
            expansion: self.expansion.clone(),
            advocacy: self.advocacy.clone(),
            churn: self.churn.clone(),
        }
    }

    pub fn ask(&mut self, ask: Ask) {
        self.asks.push(ask);
    }

    pub fn say(&mut self, note: impl Into<String>) {
        self.message = Some(note.into());
    }

    /// The first key of an action in a context, for sentences on screen ("t logs one").
    pub fn key(&self, context: Context, action: Action) -> String {
        self.keys.key(context, action)
    }

    /// The journal's record of who changes what, and when (the real time, UTC).
    pub fn stamp(&self) -> Stamp {
        Stamp {
            actor: self.actor.clone(),
            at: crate::clock::now_utc(),
        }
    }

    /// Says how a write went: its note once committed, else why not.
    pub fn said_write(&mut self, result: Result<String, String>) -> bool {
        match result {
            Ok(done) => {
                self.message = Some(done);
                self.ask(Ask::Wrote);
                true
            }
            Err(e) => {
                self.message = Some(format!("Not saved: {e}"));
                false
            }
        }
    }
}
