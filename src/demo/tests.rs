//! The demo book's promises: every renewal window populated, the gaps and troubles a CSM
//! meets in a real book, history that explains its renewals and churns, records that keep
//! the book's rules, determinism, and a sound book at the end.

use chrono::Duration;

use super::usage::monday_of;
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

fn open_contract(b: &AccountBundle) -> Option<&Contract> {
    b.contracts.iter().find(|c| c.outcome.is_none())
}

#[test]
fn every_renewal_window_holds_accounts() {
    let spec = spec(400);
    let mut windows = [0usize; 6]; // overdue, 0-30, 31-60, 61-90, 91-120, later
    for b in bundles(&spec) {
        for c in b.contracts.iter().filter(|c| c.outcome.is_none()) {
            let w = match (c.ends_on - spec.today).num_days() {
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
    assert!(windows[0] <= 40, "only a few overdue: {windows:?}");
}

#[test]
fn the_book_has_the_segments_troubles_and_gaps_of_a_real_one() {
    let spec = spec(400);
    let all = bundles(&spec);
    for (seg, lo, hi) in [
        (Segment::Enterprise, 20, 65),
        (Segment::MidMarket, 70, 130),
        (Segment::Smb, 120, 200),
        (Segment::SelfServe, 70, 130),
    ] {
        let n = all.iter().filter(|b| b.account.segment == seg).count();
        assert!((lo..=hi).contains(&n), "{seg}: {n}");
    }
    let churned = all.iter().filter(|b| b.account.churned_on.is_some());
    assert!((12..=40).contains(&churned.clone().count()));
    for b in churned {
        assert!(open_contract(b).is_none(), "{}", b.account.name);
        let last = b.contracts.last().and_then(|c| c.outcome.as_ref());
        assert_eq!(last.map(|o| o.kind), Some(RenewalOutcome::Churned));
        assert!(b.account.churned_on < Some(spec.today));
    }
    let has = |b: &AccountBundle, r: ContactRole| b.contacts.iter().any(|c| c.role == r);
    let enterprise = all
        .iter()
        .filter(|b| b.account.segment == Segment::Enterprise);
    assert!(
        enterprise
            .clone()
            .any(|b| !has(b, ContactRole::ExecutiveSponsor))
    );
    assert!(
        enterprise
            .clone()
            .filter(|b| has(b, ContactRole::ExecutiveSponsor))
            .count()
            > 20
    );
    let count = |f: &dyn Fn(&AccountBundle) -> bool| all.iter().filter(|b| f(b)).count();
    let champion_left = count(&|b| {
        b.contacts
            .iter()
            .any(|c| c.role == ContactRole::Champion && c.left_on.is_some())
    });
    assert!(champion_left >= 10, "champion left in {champion_left}");
    let champion_quiet = count(&|b| {
        b.contacts.iter().any(|c| {
            c.role == ContactRole::Champion
                && c.left_on.is_none()
                && c.last_touch_on
                    .is_some_and(|d| (spec.today - d).num_days() > 45)
        })
    });
    assert!(champion_quiet >= 10, "champion quiet in {champion_quiet}");
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
    let single_threaded =
        count(&|b| b.account.churned_on.is_none() && b.contacts.len() >= 3 && engaged(b) <= 1);
    assert!(single_threaded >= 5, "single-threaded {single_threaded}");
    let open_escalations = all
        .iter()
        .flat_map(|b| &b.tickets)
        .filter(|t| t.escalated && t.closed_on.is_none())
        .count();
    assert!(open_escalations >= 1);
    let past_outcomes: Vec<RenewalOutcome> = all
        .iter()
        .flat_map(|b| &b.contracts)
        .filter_map(|c| c.outcome.as_ref().map(|o| o.kind))
        .collect();
    for kind in RenewalOutcome::ALL {
        assert!(past_outcomes.contains(kind), "{kind}");
    }
    let forecasts = count(&|b| open_contract(b).is_some_and(|c| c.forecast.is_some()));
    assert!((20..=200).contains(&forecasts), "forecasts {forecasts}");
}

#[test]
fn the_owner_has_overdue_due_soon_snoozed_and_done_tasks() {
    let spec = spec(400);
    let all = bundles(&spec);
    let tasks: Vec<&Task> = all.iter().flat_map(|b| &b.tasks).collect();
    let open = |t: &&&Task| t.status == TaskStatus::Open;
    let due_in = |lo: i64, hi: i64| {
        tasks
            .iter()
            .filter(open)
            .filter(|t| (lo..=hi).contains(&(t.due_on - spec.today).num_days()))
            .count()
    };
    assert!(due_in(-365, -1) >= 20, "overdue");
    assert!(due_in(0, 0) >= 3, "due today");
    assert!(due_in(1, 7) >= 20, "due this week");
    assert!(due_in(8, 365) >= 20, "due later");
    let snoozed: Vec<_> = tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Snoozed)
        .collect();
    assert!(snoozed.len() >= 5);
    assert!(
        snoozed
            .iter()
            .all(|t| t.snoozed_until > Some(spec.today) && t.snooze_reason.is_some())
    );
    let done = tasks.iter().filter(|t| t.status == TaskStatus::Done);
    assert!(done.clone().count() >= 50);
    assert!(done.clone().all(|t| t.completed_on <= Some(spec.today)));
    for playbook in ["renewal-60", "usage-drop", "champion-left", "qbr-quarterly"] {
        assert!(
            tasks
                .iter()
                .any(|t| t.playbook.as_deref() == Some(playbook)),
            "{playbook}"
        );
    }
    for b in &all {
        let owner = b.account.owner.as_ref();
        assert!(b.tasks.iter().all(|t| t.owner.as_ref() == owner));
        assert!(b.interactions.iter().all(|i| i.author.as_ref() == owner));
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
        let prior60: i64 = (b.usage.iter().rev().skip(8).take(8))
            .map(|w| w.active_users)
            .sum();
        if prior60 > 0 && (last60 as f64) < prior60 as f64 * 0.75 {
            falling += 1;
        }
        for w in &b.usage {
            assert!(w.active_users <= w.licensed_seats);
            assert!((0..=names::key_feature_count()).contains(&w.key_features_used));
            assert!(w.sessions >= w.active_users * 2);
            assert!(w.week_start < monday_of(spec.today));
            assert_eq!(monday_of(w.week_start), w.week_start);
        }
        let weeks = b.usage.windows(2);
        assert!(
            weeks
                .clone()
                .all(|w| w[1].week_start - w[0].week_start == Duration::weeks(1))
        );
    }
    assert!(falling >= 10, "{falling} accounts fell more than 25%");
}

#[test]
fn accounts_that_churned_or_shrank_mostly_looked_worse_before_the_end() {
    let spec = spec(400);
    let (mut troubled, mut renewed) = (Vec::new(), Vec::new());
    let (mut troubled_nps, mut renewed_nps) = (Vec::new(), Vec::new());
    for b in bundles(&spec) {
        for c in &b.contracts {
            let Some(o) = &c.outcome else { continue };
            let bad = matches!(o.kind, RenewalOutcome::Churned | RenewalOutcome::Downsold);
            let quarter = (c.ends_on - Duration::days(120))..(c.ends_on - Duration::days(45));
            let weeks: Vec<f64> = (b.usage.iter())
                .filter(|w| quarter.contains(&w.week_start))
                .map(|w| w.active_users as f64 / w.licensed_seats.max(1) as f64)
                .collect();
            if !weeks.is_empty() {
                let share = weeks.iter().sum::<f64>() / weeks.len() as f64;
                if bad { &mut troubled } else { &mut renewed }.push(share);
            }
            let half = (c.ends_on - Duration::days(180))..c.ends_on;
            for s in b.surveys.iter().filter(|s| s.kind == SurveyKind::Nps) {
                if half.contains(&s.responded_on) {
                    let into = if bad {
                        &mut troubled_nps
                    } else {
                        &mut renewed_nps
                    };
                    into.push(s.score as f64);
                }
            }
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    assert!(troubled.len() >= 20 && renewed.len() >= 100);
    assert!(
        mean(&troubled) + 0.12 < mean(&renewed),
        "usage {} vs {}",
        mean(&troubled),
        mean(&renewed)
    );
    assert!(
        mean(&troubled_nps) + 0.5 < mean(&renewed_nps),
        "nps {} vs {}",
        mean(&troubled_nps),
        mean(&renewed_nps)
    );
}

#[test]
fn every_record_keeps_the_books_rules() {
    let spec = spec(400);
    for b in bundles(&spec) {
        let a = &b.account;
        let (lo, hi) = match a.segment {
            Segment::Enterprise => (150_000, 2_500_000),
            Segment::MidMarket => (30_000, 150_000),
            Segment::Smb => (5_000, 30_000),
            Segment::SelfServe => (600, 5_000),
        };
        assert!((lo * 100..=hi * 100).contains(&a.arr.cents), "{a:?}");
        if let Some(open) = open_contract(&b) {
            assert_eq!(open.arr, a.arr);
        }
        for pair in b.contracts.windows(2) {
            assert_eq!(pair[0].ends_on, pair[1].starts_on);
            assert_eq!(pair[0].outcome.as_ref().map(|o| o.arr), Some(pair[1].arr));
        }
        assert!(b.contracts.iter().all(|c| c.ends_on > c.starts_on));
        assert_eq!(b.contracts.first().map(|c| c.starts_on), a.started_on);
        for t in &b.tickets {
            assert!(t.csat.is_none_or(|s| (1..=5).contains(&s)));
            assert!(
                t.closed_on
                    .is_none_or(|c| c >= t.opened_on && c <= spec.today)
            );
        }
        let ids: Vec<&str> = b.contacts.iter().map(|c| c.external_id.as_str()).collect();
        let known = |id: &Option<String>| id.as_deref().is_none_or(|id| ids.contains(&id));
        for s in &b.surveys {
            let range = match s.kind {
                SurveyKind::Nps => 0..=10,
                SurveyKind::Csat => 1..=5,
            };
            assert!(range.contains(&s.score));
            assert!(known(&s.respondent));
        }
        for c in &b.contacts {
            assert!(known(&c.reports_to));
            // Up the chain, every contact reaches the top in a few steps.
            let mut at = c;
            for _ in 0..=b.contacts.len() {
                match at.reports_to.as_ref() {
                    Some(m) => at = b.contacts.iter().find(|x| &x.external_id == m).unwrap(),
                    None => break,
                }
            }
            assert!(at.reports_to.is_none(), "a loop in {}'s org chart", a.name);
            let last = b
                .interactions
                .iter()
                .rfind(|i| i.contact.as_ref() == Some(&c.external_id));
            assert_eq!(c.last_touch_on, last.map(|i| i.occurred_on));
            assert_eq!(c.last_touch_kind, last.map(|i| i.kind));
        }
        let last_day = a.churned_on.unwrap_or(spec.today);
        for i in &b.interactions {
            assert!(known(&i.contact));
            assert!(i.occurred_on <= last_day && Some(i.occurred_on) >= a.started_on);
        }
        for t in &b.tasks {
            assert!(t.created_on <= spec.today && t.created_on <= t.due_on);
            assert_eq!(t.status == TaskStatus::Snoozed, t.snoozed_until.is_some());
            let finished = matches!(t.status, TaskStatus::Done | TaskStatus::Skipped);
            assert_eq!(finished, t.completed_on.is_some());
        }
    }
}

#[test]
fn enterprise_and_mid_market_meet_quarterly_and_have_success_plans() {
    let spec = spec(400);
    let all = bundles(&spec);
    let high_touch = all.iter().filter(|b| {
        matches!(b.account.segment, Segment::Enterprise | Segment::MidMarket)
            && b.account.churned_on.is_none()
            && b.account.started_on < Some(spec.today - Duration::days(450))
    });
    let qbrs_last_year = |b: &AccountBundle| {
        (b.interactions.iter())
            .filter(|i| i.kind == InteractionKind::Qbr)
            .filter(|i| (spec.today - i.occurred_on).num_days() <= 365)
            .count()
    };
    let n = high_touch.clone().count();
    let quarterly = high_touch
        .clone()
        .filter(|b| qbrs_last_year(b) >= 3)
        .count();
    assert!(quarterly * 10 >= n * 7, "{quarterly} of {n} hold QBRs");
    assert!(high_touch.clone().all(|b| !b.goals.is_empty()));
    let smaller = all.iter().filter(|b| b.account.segment == Segment::Smb);
    assert!(smaller.clone().all(|b| b.goals.is_empty()));
    assert!(all.iter().any(|b| {
        b.opportunities
            .iter()
            .any(|o| o.kind == OpportunityKind::Seats && o.stage != OpportunityStage::Won)
    }));
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
    // Account 10 does not depend on how many accounts the book has, nor on whether the
    // accounts before it were built.
    assert_eq!(a[10], bundles(&spec(30))[10]);
    let big = spec(50_000);
    let mut alone = Builder::new(&big);
    assert_eq!(&a[10], alone.account(10));
}

#[test]
fn account_names_are_unique_and_read_like_companies() {
    let all = bundles(&spec(3_000));
    let mut names: Vec<&str> = all.iter().map(|b| b.account.name.as_str()).collect();
    assert!(names.iter().all(|n| n.split(' ').count() >= 2));
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
    assert_eq!(counts.features, names::FEATURES.len() as u64);
    let portfolio = book.portfolio().unwrap();
    let churned = bundles(&spec(50))
        .iter()
        .filter(|b| b.account.churned_on.is_some())
        .count();
    assert_eq!(portfolio.len(), 50);
    assert_eq!(
        portfolio.iter().filter(|a| a.churned_on.is_none()).count(),
        50 - churned
    );
    assert_eq!(book.integrity_check().unwrap(), ["ok"]);
    assert!(book.is_demo().unwrap());
    assert_eq!(book.meta(meta::DEMO_SEED).unwrap().as_deref(), Some("42"));
    assert_eq!(
        book.meta(meta::DEMO_TODAY).unwrap().as_deref(),
        Some("2026-03-01")
    );
    assert_eq!(book.meta("demo_accounts").unwrap().as_deref(), Some("50"));
}

#[test]
fn most_renewal_motions_are_on_track_and_some_run_behind() {
    let spec = spec(400);
    let mut book = crate::book::Book::open_in_memory().unwrap();
    write_records(&mut book, &spec).unwrap();
    let renewals = book
        .renewals(&crate::domain::health::HealthRules::default(), spec.today)
        .unwrap();
    let motions: Vec<_> = renewals
        .iter()
        .filter_map(|r| r.motion.as_ref())
        .filter(|m| m.stage.is_some())
        .collect();
    let behind = motions.iter().filter(|m| !m.behind.is_empty()).count();
    let started = motions.iter().filter(|m| !m.done.is_empty()).count();
    assert!(
        motions.len() > 80,
        "{} renewals inside 120 days",
        motions.len()
    );
    assert!(
        behind * 5 >= motions.len() && behind * 5 <= motions.len() * 2,
        "a fifth to two fifths behind: {behind} of {}",
        motions.len()
    );
    assert!(started * 10 >= motions.len() * 7, "{started} started");
}
