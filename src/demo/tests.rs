//! The demo book's promises: every renewal window populated, the gaps and troubles a CSM
//! meets in a real book, determinism, and a sound book at the end.

use chrono::Duration;

use super::*;

fn spec(accounts: usize) -> DemoSpec {
    DemoSpec {
        accounts,
        ..DemoSpec::default()
    }
}

fn bundles(spec: &DemoSpec) -> Vec<AccountBundle> {
    let mut b = Builder::new(spec);
    (0..spec.accounts).map(|i| b.account(i).clone()).collect()
}

#[test]
fn every_renewal_window_holds_accounts() {
    let spec = spec(400);
    let mut windows = [0usize; 6]; // overdue, 0-30, 31-60, 61-90, 91-120, later
    for b in bundles(&spec) {
        for c in b.contracts.iter().filter(|c| c.outcome.is_none()) {
            let days = (c.ends_on - spec.today).num_days();
            let w = match days {
                ..0 => 0,
                0..=30 => 1,
                31..=60 => 2,
                61..=90 => 3,
                91..=120 => 4,
                _ => 5,
            };
            windows[w] += 1;
        }
    }
    assert!(windows.iter().all(|n| *n >= 5), "{windows:?}");
}

#[test]
fn the_book_has_the_segments_troubles_and_gaps_of_a_real_one() {
    let spec = spec(400);
    let all = bundles(&spec);
    for seg in Segment::ALL {
        assert!(
            all.iter().filter(|b| b.account.segment == *seg).count() >= 20,
            "{seg}"
        );
    }
    let churned = all
        .iter()
        .filter(|b| b.account.churned_on.is_some())
        .count();
    assert!((8..=50).contains(&churned), "churned {churned}");
    let has = |b: &AccountBundle, r: ContactRole| b.contacts.iter().any(|c| c.role == r);
    let enterprise = all
        .iter()
        .filter(|b| b.account.segment == Segment::Enterprise);
    assert!(
        enterprise
            .clone()
            .any(|b| !has(b, ContactRole::ExecutiveSponsor)),
        "an enterprise without a sponsor"
    );
    assert!(
        enterprise
            .clone()
            .any(|b| has(b, ContactRole::ExecutiveSponsor))
    );
    let champion_left = all
        .iter()
        .filter(|b| {
            b.contacts
                .iter()
                .any(|c| c.role == ContactRole::Champion && c.left_on.is_some())
        })
        .count();
    assert!(champion_left >= 10, "champion left in {champion_left}");
    let engaged = |b: &AccountBundle| {
        b.contacts
            .iter()
            .filter(|c| {
                c.left_on.is_none()
                    && c.last_touch_on
                        .is_some_and(|d| (spec.today - d).num_days() <= 90)
            })
            .count()
    };
    let single_threaded = all
        .iter()
        .filter(|b| {
            b.account.segment != Segment::SelfServe && b.contacts.len() >= 3 && engaged(b) <= 1
        })
        .count();
    assert!(single_threaded >= 5, "single-threaded {single_threaded}");
    let overdue_tasks = all
        .iter()
        .flat_map(|b| &b.tasks)
        .filter(|t| t.status == TaskStatus::Open && t.due_on < spec.today)
        .count();
    assert!(overdue_tasks >= 20, "overdue tasks {overdue_tasks}");
    assert!(
        all.iter()
            .flat_map(|b| &b.tickets)
            .any(|t| t.escalated && t.closed_on.is_none())
    );
    let past_outcomes: Vec<RenewalOutcome> = all
        .iter()
        .flat_map(|b| &b.contracts)
        .filter_map(|c| c.outcome.as_ref().map(|o| o.kind))
        .collect();
    for kind in RenewalOutcome::ALL {
        assert!(past_outcomes.contains(kind), "{kind}");
    }
}

#[test]
fn usage_covers_two_years_and_some_accounts_fall_by_more_than_a_quarter() {
    let spec = spec(400);
    let all = bundles(&spec);
    let longest = all.iter().map(|b| b.usage.len()).max().unwrap();
    assert_eq!(longest, 104);
    let mut falling = 0;
    for b in &all {
        let last60: i64 = b.usage.iter().rev().take(8).map(|w| w.active_users).sum();
        let prior60: i64 = b
            .usage
            .iter()
            .rev()
            .skip(8)
            .take(8)
            .map(|w| w.active_users)
            .sum();
        if prior60 > 0 && (last60 as f64) < prior60 as f64 * 0.75 {
            falling += 1;
        }
        for w in &b.usage {
            assert!(w.active_users <= w.licensed_seats);
            assert!(w.week_start < spec.today);
            assert_eq!(w.week_start.format("%a").to_string(), "Mon");
        }
    }
    assert!(falling >= 10, "{falling} accounts fell more than 25%");
}

#[test]
fn accounts_that_churned_or_shrank_mostly_looked_worse_before_the_end() {
    let spec = spec(400);
    let mut troubled = Vec::new();
    let mut renewed = Vec::new();
    for b in bundles(&spec) {
        for c in &b.contracts {
            let Some(o) = &c.outcome else { continue };
            let before = c.ends_on - Duration::days(90);
            let week = b
                .usage
                .iter()
                .find(|w| w.week_start >= before && w.week_start < before + Duration::days(7));
            let Some(w) = week else { continue };
            let share = w.active_users as f64 / w.licensed_seats.max(1) as f64;
            match o.kind {
                RenewalOutcome::Churned | RenewalOutcome::Downsold => troubled.push(share),
                _ => renewed.push(share),
            }
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    assert!(
        troubled.len() >= 5 && renewed.len() >= 20,
        "{} {}",
        troubled.len(),
        renewed.len()
    );
    assert!(
        mean(&troubled) + 0.1 < mean(&renewed),
        "{} vs {}",
        mean(&troubled),
        mean(&renewed)
    );
}

#[test]
fn the_same_seed_gives_the_same_accounts_and_another_seed_others() {
    let a = bundles(&spec(60));
    assert_eq!(a, bundles(&spec(60)));
    assert_ne!(
        a,
        bundles(&DemoSpec {
            seed: 7,
            ..spec(60)
        })
    );
    // Account 10 does not depend on how many accounts the book has.
    assert_eq!(a[10], bundles(&spec(30))[10]);
}

#[test]
fn account_names_are_unique() {
    let all = bundles(&spec(5_000));
    let mut names: Vec<&str> = all.iter().map(|b| b.account.name.as_str()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before);
}

#[test]
fn the_demo_writes_a_sound_book() {
    let mut book = Book::open_in_memory().unwrap();
    let counts = write_demo(&mut book, &spec(50)).unwrap();
    assert_eq!(counts.accounts, 50);
    assert_eq!(counts.team_members, 7);
    let portfolio = book.portfolio().unwrap();
    let churned = bundles(&spec(50))
        .iter()
        .filter(|b| b.account.churned_on.is_some())
        .count();
    assert_eq!(portfolio.len(), 50);
    assert_eq!(
        portfolio.iter().filter(|a| a.churned_on.is_some()).count(),
        churned
    );
    assert_eq!(book.integrity_check().unwrap(), ["ok"]);
    assert!(book.is_demo().unwrap());
}
