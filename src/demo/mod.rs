//! The demo book: a deterministic, realistic book of business to try csm on and to
//! benchmark it with. Each account draws from its own generator seeded by the book's
//! seed and the account's number, so account 7 is the same in a book of 400 or 50,000,
//! and the same seed and `today` always give the same book. Accounts are built one at a
//! time into one reused bundle and written as they come.

mod advocacy;
mod contracts;
mod freezes;
mod last_week;
mod motion;
mod names;
mod people;
mod plans;
mod profile;
mod service;
mod signals;
mod tasks;
mod timeline;
mod usage;

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

use crate::book::load::{LoadCounts, Loader};
use crate::book::{Book, BookError, Stamp, meta};
use crate::domain::Money;
use crate::domain::health::HealthRules;
use crate::domain::playbook::built_ins;
use crate::domain::records::*;
use crate::domain::vocab::*;
use profile::Profile;

/// What demo book to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSpec {
    pub accounts: usize,
    pub csms: usize,
    pub seed: u64,
    pub today: NaiveDate,
}

impl Default for DemoSpec {
    /// 400 accounts, six CSMs, seed 42, as of 2026-03-01.
    fn default() -> Self {
        DemoSpec {
            accounts: 400,
            csms: 6,
            seed: 42,
            today: NaiveDate::from_ymd_opt(2026, 3, 1).expect("a real date"),
        }
    }
}

/// How many weeks of health history a demo book starts with: a year, for the account
/// detail's chart, the Portfolio's sparkline and its trends.
pub const HEALTH_HISTORY_WEEKS: i64 = 52;

/// Writes the demo book into `book` as one change, journaled as one import, then scores
/// its health week by week over the last year, as if csm had been in use all along, and
/// keeps the forecast review of a week back.
pub fn write_demo(book: &mut Book, spec: &DemoSpec) -> Result<LoadCounts, BookError> {
    let counts = write_records(book, spec)?;
    let days: Vec<NaiveDate> = (0..=HEALTH_HISTORY_WEEKS)
        .rev()
        .map(|weeks| spec.today - Duration::weeks(weeks))
        .collect();
    book.recompute_health(&HealthRules::default(), &days)?;
    last_week::keep_last_weeks_review(book, &HealthRules::default(), spec.today, spec.seed)?;
    Ok(counts)
}

fn write_records(book: &mut Book, spec: &DemoSpec) -> Result<LoadCounts, BookError> {
    let stamp = Stamp {
        actor: "csm demo".into(),
        at: spec.today.and_hms_opt(0, 0, 0).expect("midnight exists"),
    };
    book.write(&stamp, |change| {
        let mut loader = Loader::new(change);
        loader.set_meta(meta::DEMO_SEED, &spec.seed.to_string())?;
        loader.set_meta(meta::DEMO_TODAY, &spec.today.to_string())?;
        loader.set_meta("demo_accounts", &spec.accounts.to_string())?;
        loader.team(&team(spec))?;
        loader.features(&features())?;
        let mut builder = Builder::new(spec);
        for index in 0..spec.accounts {
            loader.bundle(builder.account(index))?;
        }
        motion::tick_motions(loader.tx(), spec.today, spec.seed)?;
        advocacy::advocacy(loader.tx(), spec.today, spec.seed)?;
        freezes::freezes(loader.tx(), spec.today, spec.seed)?;
        // Each task of a playbook knows the step it is, as if the playbook had made it.
        crate::book::settle::adopt_tasks(loader.tx(), &built_ins())?;
        // The onboarding milestones done, as if ticked when their tasks were done.
        crate::book::onboarding::adopt_done_milestones(loader.tx(), &built_ins(), "demo")?;
        loader.finish(&format!("demo book, seed {}", spec.seed))
    })
}

/// The manager and the CSMs, `tm-0` being the manager.
pub fn team(spec: &DemoSpec) -> Vec<TeamMember> {
    let mut team = vec![TeamMember {
        external_id: "tm-0".into(),
        name: names::MANAGER_NAME.into(),
        email: Some(email(names::MANAGER_NAME)),
        role: TeamRole::Manager,
        manager: None,
    }];
    for i in 0..spec.csms.max(1) {
        let name = match names::CSM_NAMES.get(i) {
            Some(n) => n.to_string(),
            // A bigger team draws more names, none twice.
            None => {
                let mut rng = Rng::with_seed(mix(spec.seed ^ 0x7EA3, i as u64));
                let mut name = String::new();
                for attempt in 0.. {
                    name = format!(
                        "{} {}",
                        rng.choice(names::FIRST_NAMES).unwrap_or(&"Alex"),
                        rng.choice(names::LAST_NAMES).unwrap_or(&"Smith")
                    );
                    if attempt > 100 {
                        name = format!("{name} {}", i + 1);
                    }
                    if team.iter().all(|m| m.name != name) {
                        break;
                    }
                }
                name
            }
        };
        team.push(TeamMember {
            external_id: csm_id(i),
            email: Some(email(&name)),
            name,
            role: TeamRole::Csm,
            manager: Some("tm-0".into()),
        });
    }
    team
}

fn csm_id(i: usize) -> String {
    format!("tm-{}", i + 1)
}

fn email(name: &str) -> String {
    format!("{}@cockpit.example", names::email_local(name))
}

fn features() -> Vec<Feature> {
    names::FEATURES
        .iter()
        .enumerate()
        .map(|(i, (name, is_key))| Feature {
            external_id: format!("f-{i}"),
            name: name.to_string(),
            is_key: *is_key,
        })
        .collect()
}

/// SplitMix64 of the seed and a number: independent streams per account.
fn mix(seed: u64, n: u64) -> u64 {
    let mut z = seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Builds accounts one at a time into one reused bundle, so a 50,000-account book
/// never holds more than one account in memory. Any account can be built on its own, in
/// any order: it depends only on the spec and its number.
pub struct Builder<'s> {
    spec: &'s DemoSpec,
    bundle: AccountBundle,
}

impl<'s> Builder<'s> {
    pub fn new(spec: &'s DemoSpec) -> Builder<'s> {
        let placeholder = Account {
            external_id: String::new(),
            name: String::new(),
            segment: Segment::Smb,
            owner: None,
            industry: None,
            region: None,
            lifecycle_stage: LifecycleStage::Onboarding,
            arr: Money::usd(0),
            licensed_seats: None,
            started_on: None,
            went_live_on: None,
            churned_on: None,
        };
        Builder {
            spec,
            bundle: AccountBundle::new(placeholder),
        }
    }

    /// The account numbered `index`, with everything about it.
    pub fn account(&mut self, index: usize) -> &AccountBundle {
        let spec = self.spec;
        let mut rng = Rng::with_seed(mix(spec.seed, index as u64));
        let p = Profile::draw(&mut rng, index, spec.csms.max(1), spec.today);
        let (name, industry) = names::company(spec.seed, index);
        let industry = industry.or_else(|| rng.choice(names::INDUSTRIES).copied());
        let owner = csm_id(p.owner);
        let domain = names::domain(&name);
        let b = &mut self.bundle;
        b.account = Account {
            external_id: format!("acc-{index:06}"),
            segment: p.segment,
            owner: Some(owner.clone()),
            industry: industry.map(str::to_string),
            region: rng.choice(names::REGIONS).map(|s| s.to_string()),
            lifecycle_stage: p.lifecycle(&mut rng),
            arr: Money::usd(p.arr_cents),
            licensed_seats: Some(p.seats),
            started_on: Some(p.started_on),
            went_live_on: p.went_live_on,
            churned_on: p.churned_on(),
            name,
        };
        contracts::contracts(&p, &mut rng, &mut b.contracts);
        usage::weeks(&p, &mut rng, &b.contracts, &mut b.usage);
        service::tickets(&p, &mut rng, &mut b.tickets);
        let gaps = people::contacts(&p, &mut rng, &domain, &mut b.contacts);
        timeline::interactions(
            &p,
            &mut rng,
            &b.account.name,
            &owner,
            &gaps,
            &mut b.contacts,
            &mut b.interactions,
        );
        service::surveys(&p, &mut rng, &b.contacts, &mut b.surveys);
        let signals = signals::Signals::read(&p, gaps, b);
        let open = b.contracts.last().filter(|c| c.outcome.is_none());
        tasks::tasks(&p, &mut rng, &owner, &signals, open, &mut b.tasks);
        plans::goals(&p, &mut rng, &owner, &mut b.goals);
        let seats = b.usage.last().map_or(p.seats, |w| w.licensed_seats);
        plans::opportunities(
            &p,
            &mut rng,
            &signals,
            &b.contracts,
            seats,
            &mut b.opportunities,
        );
        &self.bundle
    }
}

#[cfg(test)]
mod tests;
