//! The command line: clap definitions and the thin handler of each subcommand. Global
//! options (`--db`, `--today`, `--config`, `--wait`) work before or after a subcommand.

use std::io::{Write, stdout};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use color_eyre::Result;
use color_eyre::eyre::{WrapErr, bail, eyre};

use crate::bench::{self, BenchReport};
use crate::book::{Book, meta};
use crate::config::{Config, DEFAULT_TOML, Paths};
use crate::demo::{self, DemoSpec};
use crate::domain::Money;
use crate::text::clip;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::{clock, tui};

mod export;
mod health;
mod import;
mod metrics;
mod output;
mod playbooks;
mod progress;
mod qbr;
mod renewals;
mod rescore;
mod stakeholders;
mod tasks;
mod team;
mod today;
mod touch;

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
    Demo {
        /// How many accounts
        #[arg(long, default_value_t = 400)]
        accounts: usize,
        /// How many CSMs own them (one manager leads them)
        #[arg(long, default_value_t = 6)]
        csms: usize,
        /// The same seed and today give the same book
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Replace an existing demo book at the path
        #[arg(long)]
        force: bool,
    },
    /// List the portfolio's accounts, next renewal first
    Accounts {
        /// Only accounts whose owner's name contains this
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Print the effective configuration
    Config {
        /// Print where the config file is read from, and nothing else
        #[arg(long)]
        path: bool,
        /// Print the documented defaults, a starting point for your own file
        #[arg(long, conflicts_with = "path")]
        default: bool,
    },
    /// Show the latest changes from the book's change journal
    Journal {
        /// How many entries
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Health scores: every account's, one explained, or a backtest against the book's
    /// own renewals and churns. Recomputes today's scores first when they are stale.
    Health {
        /// One account, explained: its id, external id or name
        #[arg(long, value_name = "ID|NAME")]
        account: Option<String>,
        /// Score each contract that ended as it stood --horizon days before its end,
        /// against what the customer did
        #[arg(long, conflicts_with = "account")]
        backtest: bool,
        /// Days before a contract's end that the backtest scores it
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=730))]
        horizon: u32,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// The renewal timeline: each renewal in its 120/90/60/30-day window with its
    /// motion, forecast and warnings, and the count and ARR of each window
    Renewals {
        /// Only renewals at most this many days away (overdue ones included)
        #[arg(long, value_name = "DAYS")]
        within: Option<i64>,
        /// Only accounts whose owner's name contains this
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Each frozen month's forecast against its outcomes, instead of the timeline
        #[arg(long)]
        accuracy: bool,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Stakeholder maps: one account's org chart, gaps and advocacy, or every account
    /// with a coverage gap, largest ARR first
    Stakeholders {
        /// The account: its id, external id or name
        #[arg(value_name = "ACCOUNT", required_unless_present = "gaps")]
        account: Option<String>,
        /// Every account with a coverage gap instead
        #[arg(long, conflicts_with = "account")]
        gaps: bool,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Playbooks: check playbook files, or list the playbooks in force (the built-ins
    /// and yours, from `playbooks/` beside the config file)
    Playbooks {
        #[command(subcommand)]
        what: PlaybooksCommand,
    },
    /// Open tasks by due date, or mark one done, snooze it, add one
    Tasks {
        #[command(subcommand)]
        what: Option<TasksCommand>,
        /// Only tasks whose owner's name contains this
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Which tasks: overdue, due today (or before), this week, or all
        #[arg(long, value_enum, default_value = "all")]
        due: tasks::Due,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Log a touch on an account's timeline: a call, email, meeting, QBR or note
    Touch(touch::TouchArgs),
    /// The morning triage queue: what needs you today, most pressing first, each with why
    Today {
        /// This team member's queue (part of the name will do) [default: yours, if
        /// `[user] name` is on the team, else the whole team's]
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// How many items [default: all]
        #[arg(long)]
        limit: Option<usize>,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Import a CRM, product or support export: accounts, contracts, contacts, weekly
    /// usage, tickets, surveys, interactions or goals.
    /// Every row is checked first; a good file is written in one transaction, a bad one
    /// not at all
    Import(import::ImportArgs),
    /// Export a table as CSV or JSON (the shape csm import reads back), health and the
    /// renewal timeline as they stand today, or renewals and tasks as a calendar (ics)
    Export {
        /// accounts, contracts, usage, contacts, tickets, surveys, interactions, goals,
        /// tasks, health or renewals
        what: String,
        /// csv, json, or ics (renewals and tasks)
        #[arg(long, value_enum, default_value = "csv")]
        format: crate::export::Format,
        /// Write to this new file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write a consistent copy of the book while it may be in use [default: backups/
    /// beside the book, named with the time]
    Backup {
        /// The copy to write (a new file)
        file: Option<PathBuf>,
    },
    /// The team view for managers: per CSM and in total, the book and its health, ARR at
    /// risk, renewals by window, the quarter's forecast gross retention, late tasks,
    /// accounts gone quiet and old overrides
    Team {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// A QBR brief for one account: summary, goals, usage, support, NPS and CSAT,
    /// stakeholders, risks, expansion, renewal, next steps and an agenda
    Qbr {
        /// The account: its id, external id or name
        account: String,
        /// last-quarter, this-quarter or YYYY-Qn
        #[arg(long, default_value = "last-quarter")]
        period: String,
        /// md (Markdown) or html (one self-contained file that prints well)
        #[arg(long, value_enum, default_value = "md")]
        format: qbr::BriefFormat,
        /// Write to this new file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Retention and customer metrics, each with its formula and inputs: GRR, NRR, logo
    /// churn, expansion and contraction ARR, NPS, average CSAT and time to value by segment
    Metrics {
        /// The length of a period
        #[arg(long, value_enum, default_value = "quarter")]
        period: crate::domain::metrics::Grain,
        /// How many periods, up to the current one
        #[arg(long, default_value_t = 8)]
        periods: usize,
        /// One team member's accounts (part of the name will do)
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Print JSON: each metric's value, inputs and formula
        #[arg(long)]
        json: bool,
    },
    /// Check the book: SQLite's integrity check, schema version and rows per table
    Check,
    /// Measure the cockpit on demo, 5k and 50k-account books (built once, then cached),
    /// and the import of a million rows of usage against sqlite3's own
    Bench {
        /// Scales to run: demo (400), 5k, 50k, or a number of accounts; `import` for the
        /// import benchmark
        #[arg(long, value_delimiter = ',', default_value = "demo,5k,50k,import")]
        scales: Vec<String>,
        /// Where benchmark books are kept [default: bench/ in the data directory]
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Fresh processes per scale; the report gives the median run
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=50))]
        runs: u64,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Measure one book in this process (the benchmark runs each book in its own)
        #[arg(long, hide = true, value_name = "BOOK")]
        one: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// Mark a task done
    Done { id: i64 },
    /// Put a task away until a later day, with the reason
    Snooze {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = clock::parse_date)]
        until: NaiveDate,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Add a task to an account
    Add {
        /// The account: its id, external id or name
        account: String,
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = clock::parse_date)]
        due: NaiveDate,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlaybooksCommand {
    /// Check one playbook file, or every playbook in force; each problem with its
    /// file, line and column
    Check {
        /// The file to check [default: the built-ins and your playbooks folder]
        file: Option<PathBuf>,
    },
    /// Fire every playbook on what happened in the last days and create their tasks;
    /// each event fires once, so running again creates nothing new
    Run {
        /// How far back an event may lie and still fire
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=365))]
        lookback: u32,
    },
    /// The playbooks in force: id, trigger, segments, steps
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
}

/// Runs what the command line asked for.
pub fn run(cli: Cli) -> Result<()> {
    crate::book::wait::set_limit(std::time::Duration::from_secs(cli.wait));
    let paths = Paths::platform();
    let (config_path, named) = match &cli.config {
        Some(p) => (p.clone(), true),
        None => (paths.config_file.clone(), false),
    };
    let config = Config::load(&config_path, named)?;
    match cli.command {
        None => open_cockpit(&cli, &paths, &config, &config_path),
        Some(Command::Demo {
            accounts,
            csms,
            seed,
            force,
        }) => {
            let path = cli.db.clone().unwrap_or_else(|| paths.demo_book());
            let today = clock::today(cli.today);
            write_demo(
                &path,
                &DemoSpec {
                    accounts,
                    csms,
                    seed,
                    today,
                },
                force,
            )
        }
        Some(Command::Accounts { ref owner, json }) => {
            let book = open_book(&cli, &paths)?;
            accounts(&book, today_for(&cli, &book)?, owner.as_deref(), json)
        }
        Some(Command::Config { path, default }) => {
            if path {
                writeln!(stdout(), "{}", config_path.display())?;
            } else if default {
                write!(stdout(), "{DEFAULT_TOML}")?;
            } else {
                Keymap::from_config(&config).map_err(|e| eyre!(e))?;
                write!(stdout(), "{}", config.to_toml())?;
            }
            Ok(())
        }
        Some(Command::Journal { limit, json }) => journal(&open_book(&cli, &paths)?, limit, json),
        Some(Command::Health {
            ref account,
            backtest,
            horizon,
            json,
        }) => {
            let mut book = open_book(&cli, &paths)?;
            let today = today_for(&cli, &book)?;
            let rules = config.health.rules();
            if backtest {
                return health::run_backtest(&book, &rules, horizon, json);
            }
            rescore::ensure_current(&mut book, &rules, today)?;
            match account {
                Some(what) => health::account(&book, &rules, today, what, json),
                None => health::all(&book, &rules, today, json),
            }
        }
        Some(Command::Renewals {
            within,
            ref owner,
            accuracy,
            json,
        }) => {
            let (mut book, today, rules) = current_book(&cli, &paths, &config)?;
            book.freeze_forecasts(today)?;
            if accuracy {
                return renewals::accuracy(&book, json);
            }
            let filter = renewals::Filter {
                within,
                owner: owner.clone(),
            };
            renewals::timeline(&book, &rules, today, &filter, json)
        }
        Some(Command::Stakeholders {
            ref account,
            gaps,
            json,
        }) => {
            let book = open_book(&cli, &paths)?;
            let today = today_for(&cli, &book)?;
            match account {
                Some(what) if !gaps => {
                    stakeholders::account(&book, &config.stakeholders, today, what, json)
                }
                _ => stakeholders::all_gaps(&book, &config.stakeholders, today, json),
            }
        }
        Some(Command::Playbooks { ref what }) => {
            let dir = crate::playbooks::user_dir(&config_path);
            match what {
                PlaybooksCommand::Check { file } => playbooks::check(file.as_deref(), &dir),
                PlaybooksCommand::List { json } => playbooks::list(&dir, *json),
                PlaybooksCommand::Run { lookback } => {
                    let (mut book, today, rules) = current_book(&cli, &paths, &config)?;
                    let stamp = stamp(&config);
                    playbooks::run(&mut book, &dir, &rules, today, *lookback, &stamp)
                }
            }
        }
        Some(Command::Tasks {
            ref what,
            ref owner,
            due,
            json,
        }) => {
            let mut book = open_book(&cli, &paths)?;
            let today = today_for(&cli, &book)?;
            let stamp = stamp(&config);
            match what {
                None => tasks::list(&book, today, owner.as_deref(), due, json),
                Some(TasksCommand::Done { id }) => tasks::done(&mut book, &stamp, *id, today),
                Some(TasksCommand::Snooze { id, until, reason }) => {
                    tasks::snooze(&mut book, &stamp, *id, *until, reason, today)
                }
                Some(TasksCommand::Add {
                    account,
                    title,
                    due,
                }) => tasks::add(&mut book, &stamp, account, title, *due, today),
            }
        }
        Some(Command::Export {
            ref what,
            format,
            ref out,
        }) => {
            let (book, today, _) = current_book(&cli, &paths, &config)?;
            export::run(&book, &config, today, what, format, out.as_deref())
        }
        Some(Command::Backup { ref file }) => {
            let book = open_book(&cli, &paths)?;
            export::backup(&book, &book_path(&cli, &paths), file.clone())
        }
        Some(Command::Qbr {
            ref account,
            ref period,
            format,
            ref out,
        }) => {
            let (book, today, rules) = current_book(&cli, &paths, &config)?;
            qbr::run(
                &book,
                &config,
                &rules,
                today,
                account,
                period,
                format,
                out.as_deref(),
            )
        }
        Some(Command::Team { json }) => {
            let (book, today, rules) = current_book(&cli, &paths, &config)?;
            team::run(&book, &config, &rules, today, json)
        }
        Some(Command::Metrics {
            period,
            periods,
            ref owner,
            json,
        }) => {
            let book = open_book(&cli, &paths)?;
            let today = today_for(&cli, &book)?;
            metrics::run(&book, owner.as_deref(), period, periods, today, json)
        }
        Some(Command::Import(ref args)) => import::run(&cli, &paths, &config, &config_path, args),
        Some(Command::Today {
            ref owner,
            limit,
            json,
        }) => {
            let (book, today, rules) = current_book(&cli, &paths, &config)?;
            let catalog =
                crate::playbooks::Catalog::load(&crate::playbooks::user_dir(&config_path));
            today::queue(
                &book,
                &config,
                &rules,
                (catalog.renewal_stages(), catalog.signal_answers()),
                today,
                owner.as_deref(),
                limit,
                json,
            )
        }
        Some(Command::Touch(ref args)) => {
            let mut book = open_book(&cli, &paths)?;
            let today = today_for(&cli, &book)?;
            touch::run(
                &mut book,
                &stamp(&config),
                args,
                &config.health.rules(),
                today,
            )
        }
        Some(Command::Check) => check(&open_book(&cli, &paths)?),
        Some(Command::Bench {
            ref scales,
            ref dir,
            runs,
            json,
            ref one,
        }) => match one {
            Some(book) => {
                writeln!(
                    stdout(),
                    "{}",
                    serde_json::to_string(&bench::measure(book)?)?
                )?;
                Ok(())
            }
            None => {
                let dir = dir.clone().unwrap_or_else(|| paths.data_dir.join("bench"));
                run_bench(scales, &dir, runs, json)
            }
        },
    }
}

/// The book the command line names, else the default one.
fn book_path(cli: &Cli, paths: &Paths) -> PathBuf {
    match (&cli.db, cli.demo) {
        (Some(db), _) => db.clone(),
        (None, true) => paths.demo_book(),
        (None, false) => paths.default_book(),
    }
}

/// Who signs the changes a command makes, and when (the real time, UTC).
fn stamp(config: &Config) -> crate::book::Stamp {
    crate::book::Stamp {
        actor: config.user.actor(),
        at: clock::now_utc(),
    }
}

/// The book, today, and the health rules, with today's health recomputed if stale:
/// what every command that reads health needs first.
fn current_book(
    cli: &Cli,
    paths: &Paths,
    config: &Config,
) -> Result<(Book, NaiveDate, crate::domain::health::HealthRules)> {
    let mut book = open_book(cli, paths)?;
    let today = today_for(cli, &book)?;
    let rules = config.health.rules();
    rescore::ensure_current(&mut book, &rules, today)?;
    Ok((book, today, rules))
}

fn open_book(cli: &Cli, paths: &Paths) -> Result<Book> {
    Ok(Book::open(&book_path(cli, paths))?)
}

/// Today: the one given, else a demo book's own date (so it always looks as made),
/// else the local date.
fn today_for(cli: &Cli, book: &Book) -> Result<NaiveDate> {
    if let Some(d) = cli.today {
        return Ok(d);
    }
    if let Some(d) = book.meta(meta::DEMO_TODAY)? {
        return clock::parse_date(&d).map_err(|e| eyre!("the book's demo date: {e}"));
    }
    Ok(clock::today(None))
}

fn open_cockpit(cli: &Cli, paths: &Paths, config: &Config, config_path: &Path) -> Result<()> {
    let keymap = Keymap::from_config(config).map_err(|e| eyre!(e))?;
    let path = book_path(cli, paths);
    if cli.demo && !path.exists() {
        let spec = DemoSpec {
            today: clock::today(cli.today),
            ..DemoSpec::default()
        };
        write_demo(&path, &spec, false)?;
    }
    let book = Book::open(&path)?;
    let today = today_for(cli, &book)?;
    let rules = config.health.rules();
    // Stale scores are shown at once and recomputed in the background; then the
    // playbooks run on what happened, there too.
    let catalog = crate::playbooks::Catalog::load(&crate::playbooks::user_dir(config_path));
    let (stages, answers) = (catalog.renewal_stages(), catalog.signal_answers());
    let skipped: Vec<String> = catalog.problems.iter().map(|p| p.to_string()).collect();
    let recompute = Some(tui::Recompute::start(tui::OnOpen {
        path: path.clone(),
        rules: rules.clone(),
        today,
        recompute: !book.health_is_current(&rules, today)?,
        playbooks: catalog.playbooks,
        stamp: stamp(config),
    }));
    let mut app = App::load(book, today, keymap, rules)?;
    app.actor = config.user.actor();
    app.coverage = config.stakeholders.clone();
    app.today_rules = config.today.clone();
    app.today_scope.stages = stages;
    app.today_scope.answers = answers;
    let owner = app
        .book
        .as_ref()
        .map(|b| b.default_queue_owner(&app.actor))
        .transpose()?
        .flatten();
    app.start_today(owner);
    if let Some(first) = skipped.first() {
        app.message = Some(format!(
            "skipped {} playbook file{} (csm playbooks check): {first}",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" }
        ));
    }
    app.theme = Theme::from_env();
    tui::run(app, recompute)
}

fn write_demo(path: &Path, spec: &DemoSpec, force: bool) -> Result<()> {
    if path.exists() {
        let existing = Book::open(path)?;
        if !existing.is_demo()? {
            bail!(
                "{} holds a book that is not a demo book; csm will not replace it",
                path.display()
            );
        }
        if !force {
            bail!(
                "{} already holds a demo book; pass --force to replace it",
                path.display()
            );
        }
        drop(existing);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(e)
                        .wrap_err_with(|| format!("removing {}", PathBuf::from(p).display()));
                }
                _ => {}
            }
        }
    }
    let started = std::time::Instant::now();
    eprintln!(
        "writing a demo book of {} accounts ({} CSMs, seed {}, today {}) to {}",
        spec.accounts,
        spec.csms,
        spec.seed,
        spec.today,
        path.display()
    );
    let mut book = Book::open(path)?;
    let progress = progress::Progress::start(&format!(
        "writing {} accounts and a year of their health",
        spec.accounts
    ));
    let counts = demo::write_demo(&mut book, spec)?;
    drop(progress);
    eprintln!(
        "wrote {} rows ({} accounts, {} usage weeks) in {:.1}s",
        counts.total(),
        counts.accounts,
        counts.usage_weeks,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn accounts(book: &Book, today: NaiveDate, owner: Option<&str>, json: bool) -> Result<()> {
    let mut accounts = book.portfolio()?;
    if let Some(owner) = owner {
        let wanted = owner.to_lowercase();
        accounts.retain(|a| {
            a.owner
                .as_deref()
                .is_some_and(|o| o.to_lowercase().contains(&wanted))
        });
    }
    accounts.sort_by_key(|a| (a.renewal_on.is_none(), a.renewal_on, -a.arr.cents));
    if json {
        let rows: Vec<serde_json::Value> = accounts
            .iter()
            .map(|a| {
                serde_json::json!({
                    "id": a.id,
                    "name": a.name,
                    "segment": a.segment.as_str(),
                    "owner": a.owner.as_deref(),
                    "industry": a.industry.as_deref(),
                    "region": a.region.as_deref(),
                    "lifecycle_stage": a.lifecycle.as_str(),
                    "arr_cents": a.arr.cents,
                    "currency": a.arr.currency.code(),
                    "licensed_seats": a.licensed_seats,
                    "renewal_date": a.renewal_on,
                    "churned_on": a.churned_on,
                    "days_to_renewal": a.renewal_on.map(|d| (d - today).num_days()),
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "accounts": rows }))?
        )?;
        return Ok(());
    }
    writeln!(
        stdout(),
        "{:<32} {:<4} {:<20} {:>8}  {:<10} {:>6}",
        "ACCOUNT",
        "SEG",
        "OWNER",
        "ARR",
        "RENEWS",
        "DAYS"
    )?;
    for a in &accounts {
        writeln!(
            stdout(),
            "{:<32} {:<4} {:<20} {:>8}  {:<10} {:>6}",
            clip(&a.name, 32),
            a.segment.short(),
            clip(a.owner.as_deref().unwrap_or("unassigned"), 20),
            a.arr.short(),
            a.renewal_on
                .or(a.churned_on)
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            match (a.churned_on, a.renewal_on) {
                (Some(_), _) => "churned".to_string(),
                (None, Some(d)) => (d - today).num_days().to_string(),
                (None, None) => String::new(),
            },
        )?;
    }
    let active: Vec<_> = accounts.iter().filter(|a| a.churned_on.is_none()).collect();
    let total: i64 = active.iter().map(|a| a.arr.cents).sum();
    writeln!(
        stdout(),
        "{} accounts ({} churned), {} ARR",
        active.len(),
        accounts.len() - active.len(),
        Money::usd(total).full()
    )?;
    Ok(())
}

fn journal(book: &Book, limit: usize, json: bool) -> Result<()> {
    let entries = book.journal(limit)?;
    if json {
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "entries": entries }))?
        )?;
        return Ok(());
    }
    if entries.is_empty() {
        writeln!(
            stdout(),
            "The journal is empty: nothing has changed in this book yet."
        )?;
    }
    for e in &entries {
        let row = e.entity_id.map(|id| format!(" #{id}")).unwrap_or_default();
        writeln!(
            stdout(),
            "{}  {:<12} {:<7} {}{}  {}",
            e.at,
            e.actor,
            e.action,
            e.entity,
            row,
            e.summary
        )?;
    }
    Ok(())
}

fn check(book: &Book) -> Result<()> {
    let path = book
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let integrity = book.integrity_check()?.join("; ");
    writeln!(stdout(), "book       {path}")?;
    writeln!(
        stdout(),
        "version    {} (this csm writes {})",
        book.schema_version()?,
        crate::book::migrations::LATEST
    )?;
    writeln!(stdout(), "integrity  {integrity}")?;
    for (table, n) in book.row_counts()? {
        writeln!(stdout(), "{table:<18} {n:>10}")?;
    }
    if integrity != "ok" {
        bail!("the book failed SQLite's integrity check");
    }
    Ok(())
}

fn run_bench(scales: &[String], dir: &Path, runs: u64, json: bool) -> Result<()> {
    let mut reports: Vec<BenchReport> = Vec::new();
    let mut imports = Vec::new();
    for scale in scales {
        if scale.trim().eq_ignore_ascii_case("import") {
            let (book, _) = bench::ensure_book(dir, 5_000)?;
            let report = bench::import::measure(dir, &book, (runs as usize).min(3))?;
            if !json {
                write!(stdout(), "{}", report.render())?;
            }
            imports.push(report);
            continue;
        }
        let accounts = bench::parse_scale(scale).map_err(|e| eyre!(e))?;
        let (book, built) = bench::ensure_book(dir, accounts)?;
        if let Some(secs) = built {
            eprintln!("built the {accounts}-account book in {secs:.1}s");
        }
        let mut report = bench::measure_in_children(&book, runs as usize)?;
        report.build_seconds = built;
        if !json {
            write!(stdout(), "{}", report.render())?;
        }
        reports.push(report);
    }
    if json {
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "scales": reports,
                "import": imports,
            }))?
        )?;
    }
    Ok(())
}
