//! The command line: the `csm` command, its global options (`--db`, `--today`,
//! `--config`, `--wait`, before or after a subcommand), the subcommands, and the
//! dispatch to each one's file, which owns its arguments and its `run`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use color_eyre::Result;

use crate::clock;
use context::Context;

mod accounts;
mod advocacy;
mod backup;
mod bench;
mod check;
mod cockpit;
mod config;
mod context;
mod demo;
mod expansion;
mod export;
mod health;
mod health_lab;
mod import;
mod journal;
mod metrics;
mod onboarding;
pub(crate) mod output;
mod playbooks;
mod progress;
mod qbr;
mod renewals;
mod rescore;
mod stakeholders;
mod sync;
mod tasks;
mod team;
mod team_book;
mod today;
mod touch;
mod undo;
mod win_back;

pub(crate) use output::emit;
pub use output::is_broken_pipe;

/// A keyboard-driven cockpit for Customer Success Managers over a local book of business.
#[derive(Debug, Parser)]
#[command(name = "csm", version, about, long_about = None)]
pub struct Cli {
    /// The book to open [default: book.db in the platform data directory]
    #[arg(long, global = true, env = "CSM_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The date every rule works from [default: the local date, or a demo book's own date]
    #[arg(long, global = true, env = "CSM_TODAY", value_name = "YYYY-MM-DD", value_parser = clock::parse_date)]
    pub today: Option<NaiveDate>,
    /// The config file [default: config.toml in the platform config directory]
    #[arg(long, global = true, env = "CSM_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// How long a write waits while another program writes the same book, in seconds,
    /// before giving up with nothing changed
    #[arg(
        long,
        global = true,
        env = "CSM_WAIT",
        value_name = "SECONDS",
        default_value_t = 60
    )]
    pub wait: u64,
    /// Open the cockpit on the demo book, writing it first if there is none
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a deterministic demo book of business [default path: demo.db in the data directory]
    Demo(demo::DemoArgs),
    /// List the portfolio's accounts, next renewal first
    Accounts(accounts::AccountsArgs),
    /// Print the effective configuration
    Config(config::ConfigArgs),
    /// Show the latest changes from the book's change journal
    Journal(journal::JournalArgs),
    /// Health scores: every account's, one explained, a backtest against the book's own
    /// renewals and churns, or the lab (`csm health lab`) to try rules before saving
    /// them. Recomputes today's scores first when they are stale.
    Health(health::HealthArgs),
    /// The renewal timeline: each renewal in its 120/90/60/30-day window with its
    /// motion, forecast and warnings, and the count and ARR of each window
    Renewals(renewals::RenewalsArgs),
    /// Stakeholder maps: one account's org chart, gaps and advocacy, or every account
    /// with a coverage gap, largest ARR first
    Stakeholders(stakeholders::StakeholdersArgs),
    /// Playbooks: check playbook files, or list the playbooks in force (the built-ins
    /// and yours, from `playbooks/` beside the config file)
    Playbooks(playbooks::PlaybooksArgs),
    /// Open tasks by due date, or mark one done, snooze it, add one
    Tasks(tasks::TasksArgs),
    /// Log a touch on an account's timeline: a call, email, meeting, QBR or note
    Touch(touch::TouchArgs),
    /// Undo your last change, or the change of a journal entry (csm journal numbers them)
    Undo(undo::UndoArgs),
    /// The morning triage queue: what needs you today, most pressing first, each with why
    Today(today::TodayArgs),
    /// Import a CRM, product or support export: accounts, contracts, contacts, weekly
    /// usage, tickets, surveys, interactions or goals.
    /// Every row is checked first; a good file is written in one transaction, a bad one
    /// not at all
    Import(import::ImportArgs),
    /// Export a table as CSV or JSON (the shape csm import reads back), health and the
    /// renewal timeline as they stand today, or renewals and tasks as a calendar (ics)
    Export(export::ExportArgs),
    /// Write a consistent copy of the book while it may be in use [default: backups/
    /// beside the book, named with the time]
    Backup(backup::BackupArgs),
    /// The team view for managers: per CSM and in total, the book and its health, ARR at
    /// risk, renewals by window, the quarter's forecast gross retention, late tasks,
    /// accounts gone quiet and old overrides
    Team(team::TeamArgs),
    /// The team book: the team's shared book in PostgreSQL (init makes it from this one)
    #[command(name = "team-book")]
    TeamBook(team_book::TeamBookArgs),
    /// Push this book's changes to its team book and pull the team's, and say what moved
    Sync(sync::SyncArgs),
    /// A QBR brief for one account: summary, goals, usage, support, NPS and CSAT,
    /// stakeholders, risks, expansion, renewal, next steps and an agenda
    Qbr(qbr::QbrArgs),
    /// Retention and customer metrics, each with its formula and inputs: GRR, NRR, logo
    /// churn, expansion and contraction ARR, NPS, average CSAT and time to value by segment
    Metrics(metrics::MetricsArgs),
    /// Every account in onboarding: its program, day, phase, milestones, first value and
    /// what is next, the stuck (a late phase, no touch, no usage) first
    Onboarding(onboarding::OnboardingArgs),
    /// The expansion pipeline, weighted per quarter and per CSM, and the accounts that
    /// look ready to grow, each with the opportunity it suggests
    Expansion(expansion::ExpansionArgs),
    /// The reference pool, and a sales request (industry, segment, use case, by when)
    /// matched to the best-fitting healthy customers not asked lately
    Advocacy(advocacy::AdvocacyArgs),
    /// The customers who left: why, when, the ARR lost, the last contact and when to
    /// try them again, due ones first
    WinBack(win_back::WinBackArgs),
    /// Check the book: SQLite's integrity check, schema version and rows per table
    Check,
    /// Measure the cockpit on demo, 5k and 50k-account books (built once, then cached),
    /// and the import of a million rows of usage against sqlite3's own
    Bench(bench::BenchArgs),
}

/// Runs what the command line asked for.
pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::load(&cli)?;
    match &cli.command {
        None => cockpit::run(&ctx),
        Some(Command::Demo(args)) => demo::run(&ctx, args),
        Some(Command::Accounts(args)) => accounts::run(&ctx, args),
        Some(Command::Config(args)) => config::run(&ctx, args),
        Some(Command::Journal(args)) => journal::run(&ctx, args),
        Some(Command::Health(args)) => health::run(&ctx, args),
        Some(Command::Renewals(args)) => renewals::run(&ctx, args),
        Some(Command::Stakeholders(args)) => stakeholders::run(&ctx, args),
        Some(Command::Playbooks(args)) => playbooks::run(&ctx, args),
        Some(Command::Tasks(args)) => tasks::run(&ctx, args),
        Some(Command::Touch(args)) => touch::run(&ctx, args),
        Some(Command::Undo(args)) => {
            let mut book = ctx.open_book()?;
            let today = ctx.today_for(&book)?;
            let rules = ctx.config.health.rules();
            undo::run(&mut book, &ctx.stamp(), args, &rules, today)
        }
        Some(Command::Today(args)) => today::run(&ctx, args),
        Some(Command::Import(args)) => import::run(&ctx, args),
        Some(Command::Export(args)) => export::run(&ctx, args),
        Some(Command::Backup(args)) => backup::run(&ctx, args),
        Some(Command::Team(args)) => team::run(&ctx, args),
        Some(Command::TeamBook(args)) => team_book::run(&ctx, args),
        Some(Command::Sync(args)) => sync::run(&ctx, args),
        Some(Command::Qbr(args)) => qbr::run(&ctx, args),
        Some(Command::Metrics(args)) => metrics::run(&ctx, args),
        Some(Command::Onboarding(args)) => onboarding::run(&ctx, args),
        Some(Command::Expansion(args)) => expansion::run(&ctx, args),
        Some(Command::Advocacy(args)) => advocacy::run(&ctx, args),
        Some(Command::WinBack(args)) => win_back::run(&ctx, args),
        Some(Command::Check) => check::run(&ctx),
        Some(Command::Bench(args)) => bench::run(&ctx, args),
    }
}
