//! The team book benchmark (`csm bench --scales team`), on the PostgreSQL server the
//! `PG*` variables name, in a database of its own made and dropped here: the team book
//! made from a copy of the 5k-account book and a second member's book joined from it;
//! 10,000 changes pushed from one and pulled into the other; and, with both syncing in
//! the background as open cockpits do, the time from a change committed in one book to
//! the same change in the other (what the manager's screen then draws: see the README
//! for the screen measured from outside).

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use color_eyre::Result;
use color_eyre::eyre::eyre;
use serde::{Deserialize, Serialize};

use crate::book::write::Entity;
use crate::book::{Book, Stamp};
use crate::team_book::sync::{pull, push, shape};
use crate::team_book::{Address, connect, init::init, join::join};
use crate::tui::team_sync::{Syncing, start};

/// The changes pushed and pulled in one go.
const CHANGES: usize = 10_000;
/// Changes timed from one open book to the other.
const TRIALS: usize = 9;
/// The target for a change to reach the manager's screen.
pub const TARGET_REACH_S: f64 = 5.0;

/// What the team book benchmark measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TeamReport {
    pub rows: u64,
    pub init_s: f64,
    pub join_s: f64,
    pub changes: usize,
    pub push_s: f64,
    pub pull_s: f64,
    /// From a change's commit in one book to the same change in the other, median and
    /// longest of the trials.
    pub reach_median_s: f64,
    pub reach_max_s: f64,
}

/// A database of its own on the server, dropped when done.
struct Scratch {
    admin: postgres::Client,
    address: Address,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = self.admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.address.database
        ));
    }
}

/// Runs the benchmark with the 5k-account book at `book`, copies kept in `dir`.
pub fn measure(dir: &Path, book: &Path) -> Result<TeamReport> {
    if std::env::var_os("PGHOST").is_none() {
        return Err(eyre!(
            "the team book benchmark needs a PostgreSQL server: set PGHOST (and PGUSER, PGPASSWORD), or run it under pg_virtualenv"
        ));
    }
    let server = Address::parse("postgres://")?;
    let mut admin = connect(&server)?;
    let database = format!("csm_bench_{}", std::process::id());
    admin.batch_execute(&format!("CREATE DATABASE {database}"))?;
    let scratch = Scratch {
        admin,
        address: Address {
            database,
            ..server.clone()
        },
    };
    let shown = scratch.address.to_string();
    let (a_path, b_path) = (dir.join("team-a.db"), dir.join("team-b.db"));
    for p in [&a_path, &b_path] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    }
    std::fs::copy(book, &a_path)?;
    let mut a = Book::open(&a_path)?;
    let started = Instant::now();
    let copied = init(&mut connect(&scratch.address)?, &a, &shown)?;
    a.link_team_book(&shown, 0, None)?;
    let init_s = started.elapsed().as_secs_f64();
    let mut b = Book::open(&b_path)?;
    let started = Instant::now();
    join(&mut connect(&scratch.address)?, &mut b, &shown, &shown)?;
    let join_s = started.elapsed().as_secs_f64();

    // 10,000 changes: every account's industry, then contacts' titles.
    let stamp = Stamp {
        actor: "bench".into(),
        at: chrono::Utc::now().naive_utc(),
    };
    let accounts: Vec<i64> = a.portfolio()?.iter().map(|r| r.id).collect();
    let contacts = a.first_ids("contacts", CHANGES.saturating_sub(accounts.len()))?;
    a.write(&stamp, |change| {
        for id in &accounts {
            change.set(Entity::Account, *id, "industry", &"Benchmarking", "bench")?;
        }
        for id in &contacts {
            change.set(
                Entity::Contact,
                *id,
                "title",
                &"Head of Benchmarks",
                "bench",
            )?;
        }
        Ok(())
    })?;
    let changes = accounts.len() + contacts.len();
    let tables = shape(&a, &shown)?;
    let mut client = connect(&scratch.address)?;
    let started = Instant::now();
    push(&mut client, &mut a, &tables, &shown)?;
    let push_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    pull(&mut client, &mut b, &tables, &shown)?;
    let pull_s = started.elapsed().as_secs_f64();
    drop((a, b));

    let (reach_median_s, reach_max_s) = reach(&a_path, &b_path, &scratch.address, &stamp)?;
    Ok(TeamReport {
        rows: copied.rows(),
        init_s,
        join_s,
        changes,
        push_s,
        pull_s,
        reach_median_s,
        reach_max_s,
    })
}

/// With both books syncing in the background, changes one account's industry in `a`
/// again and again and times each until `b` holds it.
fn reach(a_path: &Path, b_path: &Path, address: &Address, stamp: &Stamp) -> Result<(f64, f64)> {
    let rules = crate::domain::health::HealthRules::default();
    let today = chrono::Local::now().date_naive();
    let mut channels = Vec::new();
    for path in [a_path, b_path] {
        let (tx, rx) = mpsc::channel();
        let work = Syncing {
            path: path.to_path_buf(),
            address: address.clone(),
            rules: rules.clone(),
            today,
        };
        start(work, tx);
        channels.push(rx);
    }
    // Both have synced once before the clock starts.
    for rx in &channels {
        rx.recv_timeout(Duration::from_secs(60))?;
    }
    let mut a = Book::open(a_path)?;
    let b = Book::open(b_path)?;
    let account = a
        .portfolio()?
        .first()
        .map(|r| r.id)
        .ok_or_else(|| eyre!("the benchmark book has no account"))?;
    let uid = a.uid_of("accounts", account)?;
    let mut times = Vec::new();
    for trial in 0..TRIALS {
        let industry = format!("Reach {trial}");
        a.write(stamp, |change| {
            change.set(Entity::Account, account, "industry", &industry, "bench")
        })?;
        let started = Instant::now();
        loop {
            for rx in &channels {
                while rx.try_recv().is_ok() {}
            }
            if b.field_by_uid("accounts", &uid, "industry")?.as_deref() == Some(industry.as_str()) {
                break;
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err(eyre!("a change did not reach the other book in 30 s"));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], times[times.len() - 1]))
}

impl TeamReport {
    pub fn render(&self) -> String {
        format!(
            "team book (PostgreSQL), from the 5k-account book:\n\
             \x20 init     {} rows in {:.1} s; a new member's book joined in {:.1} s\n\
             \x20 push     {} changes in {:.2} s ({:.0} a second)\n\
             \x20 pull     {} changes in {:.2} s ({:.0} a second)\n\
             \x20 reach    a change in one open book to the other: median {:.2} s, longest {:.2} s (target under {TARGET_REACH_S:.0} s)\n",
            self.rows,
            self.init_s,
            self.join_s,
            self.changes,
            self.push_s,
            self.changes as f64 / self.push_s.max(1e-9),
            self.changes,
            self.pull_s,
            self.changes as f64 / self.pull_s.max(1e-9),
            self.reach_median_s,
            self.reach_max_s,
        )
    }
}
