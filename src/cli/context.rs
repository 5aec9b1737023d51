//! What every subcommand starts from: the global options (`--db`, `--today`, `--demo`,
//! `--wait`), the config and where it was read, and the shared first steps: opening the
//! book, the day the rules work from, health brought up to date, who signs a change,
//! and the playbooks in force.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use color_eyre::Result;
use color_eyre::eyre::eyre;

use super::{Cli, rescore};
use crate::book::{Book, Stamp, meta};
use crate::clock;
use crate::config::{Config, Paths};
use crate::domain::health::HealthRules;
use crate::playbooks::{Catalog, user_dir};

/// The global options as given, the platform's paths and the config.
pub struct Context {
    /// `--db`: the book named on the command line.
    pub db: Option<PathBuf>,
    /// `--today`: the date given on the command line.
    pub today: Option<NaiveDate>,
    /// `--demo`: the demo book instead of the default one.
    pub demo: bool,
    pub paths: Paths,
    pub config: Config,
    /// Where the config is read from; `playbooks/` sits beside it.
    pub config_path: PathBuf,
}

impl Context {
    /// Applies `--wait` to every write of this process, then reads the config: the file
    /// `--config` names (which must exist), else the platform's (which may not).
    pub fn load(cli: &Cli) -> Result<Context> {
        crate::book::wait::set_limit(Duration::from_secs(cli.wait));
        let paths = Paths::platform();
        let (config_path, named) = match &cli.config {
            Some(p) => (p.clone(), true),
            None => (paths.config_file.clone(), false),
        };
        let config = Config::load(&config_path, named)?;
        Ok(Context {
            db: cli.db.clone(),
            today: cli.today,
            demo: cli.demo,
            paths,
            config,
            config_path,
        })
    }

    /// The book the command line names, else the default one.
    pub fn book_path(&self) -> PathBuf {
        match (&self.db, self.demo) {
            (Some(db), _) => db.clone(),
            (None, true) => self.paths.demo_book(),
            (None, false) => self.paths.default_book(),
        }
    }

    pub fn open_book(&self) -> Result<Book> {
        Ok(Book::open(&self.book_path())?)
    }

    /// Today: the one given, else a demo book's own date (so it always looks as made),
    /// else the local date.
    pub fn today_for(&self, book: &Book) -> Result<NaiveDate> {
        if let Some(d) = self.today {
            return Ok(d);
        }
        if let Some(d) = book.meta(meta::DEMO_TODAY)? {
            return clock::parse_date(&d).map_err(|e| eyre!("the book's demo date: {e}"));
        }
        Ok(clock::today(None))
    }

    /// The book, today, and the health rules, with today's health recomputed if stale:
    /// what every command that reads health needs first.
    pub fn current_book(&self) -> Result<(Book, NaiveDate, HealthRules)> {
        let mut book = self.open_book()?;
        let today = self.today_for(&book)?;
        let rules = self.config.health.rules();
        rescore::ensure_current(&mut book, &rules, today)?;
        Ok((book, today, rules))
    }

    /// The team member an `--owner` names (part of the name will do, in any case),
    /// refused in a sentence when nobody or several people match. Without one, the
    /// person running it when `[user] name` is on the team (said on standard error, with
    /// the way to everyone's), else None: everyone's. `all` is everyone's.
    pub fn owner_named(&self, book: &Book, name: Option<&str>) -> Result<Option<String>> {
        match name.map(str::trim) {
            Some(all) if all.eq_ignore_ascii_case("all") => Ok(None),
            Some(name) => Ok(Some(book.team_member_named(name)?.name)),
            None => {
                let me = book.default_queue_owner(&self.config.user.actor())?;
                if let Some(me) = &me {
                    eprintln!("{me}'s accounts ([user] name); --owner all shows everyone's");
                }
                Ok(me)
            }
        }
    }

    /// Who signs the changes a command makes, and when (the real time, UTC).
    pub fn stamp(&self) -> Stamp {
        Stamp {
            actor: self.config.user.actor(),
            at: clock::now_utc(),
        }
    }

    /// Where the user's playbook files are: `playbooks/` beside the config file.
    pub fn playbooks_dir(&self) -> PathBuf {
        user_dir(&self.config_path)
    }

    /// The playbooks in force: the built-ins and the user's.
    pub fn catalog(&self) -> Catalog {
        Catalog::load(&self.playbooks_dir())
    }
}
