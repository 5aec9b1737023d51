//! Health kept in the book: a CSM's override outlives every recompute until it expires,
//! and the backtest rebuilds each ended contract's score from what the book knew then.

mod common;

use chrono::Duration;
use common::{date, features, sample_book, stamp, team, today};
use csm_cockpit::book::health::OverrideRequest;
use csm_cockpit::book::load::Loader;
use csm_cockpit::book::{Book, Stamp};
use csm_cockpit::domain::Money;
use csm_cockpit::domain::health::{HealthRules, backtest};
use csm_cockpit::domain::records::*;
use csm_cockpit::domain::vocab::*;

fn account_id(book: &Book, name: &str) -> i64 {
    book.find_account(name).unwrap().unwrap().0
}

#[test]
fn an_override_outlives_recomputes_and_the_computed_score_returns_at_expiry() {
    let rules = HealthRules::default();
    let mut book = sample_book();
    let id = account_id(&book, "Northwind Traders");
    let computed = book
        .health_detail(&rules, id, today())
        .unwrap()
        .unwrap()
        .assessment
        .score;
    assert_ne!(
        computed,
        Some(90),
        "the test needs an override that differs"
    );

    let expires_on = today() + Duration::days(14);
    let request = OverrideRequest {
        score: Some(90),
        band: None,
        reason: "exec sponsor re-committed on the call".into(),
        expires_on,
    };
    book.set_override(&stamp(), id, &request, today()).unwrap();

    // Two nightly recomputes later the override still stands beside the computed score.
    for day in [today() + Duration::days(1), today() + Duration::days(2)] {
        book.recompute_health(&rules, &[day]).unwrap();
        let detail = book.health_detail(&rules, id, day).unwrap().unwrap();
        let kept = detail.override_.expect("recompute kept the override");
        assert_eq!(kept.reason, "exec sponsor re-committed on the call");
        assert_eq!(detail.effective.score, Some(90));
        assert!(detail.effective.overridden);
        assert_ne!(detail.assessment.score, Some(90), "computed is shown apart");
    }

    // On the expiry day the computed score is the score again.
    book.recompute_health(&rules, &[expires_on]).unwrap();
    let detail = book.health_detail(&rules, id, expires_on).unwrap().unwrap();
    assert!(detail.override_.is_none());
    assert!(!detail.effective.overridden);
    assert_eq!(detail.effective.score, detail.assessment.score);
}

#[test]
fn an_override_without_a_reason_or_already_expired_is_refused() {
    let mut book = sample_book();
    let id = account_id(&book, "Globex Logistics");
    let mut request = OverrideRequest {
        score: None,
        band: Some(HealthBand::Green),
        reason: "  ".into(),
        expires_on: today() + Duration::days(30),
    };
    let err = book
        .set_override(&stamp(), id, &request, today())
        .unwrap_err();
    assert!(err.to_string().contains("needs a reason"), "{err}");
    request.reason = "renewal verbally agreed".into();
    request.expires_on = today();
    let err = book
        .set_override(&stamp(), id, &request, today())
        .unwrap_err();
    assert!(err.to_string().contains("must expire after today"), "{err}");
    assert!(book.active_override(id, today()).unwrap().is_none());
}

/// One account with two years of weekly usage at `active` of 100 seats, a contract that
/// ended on `ended_on` with `outcome`, and a champion touched every month.
fn ended_account(i: usize, active: i64, ended_on: &str, outcome: RenewalOutcome) -> AccountBundle {
    let ended_on = date(ended_on);
    let arr = Money::usd(50_000 * 100);
    let churned = outcome == RenewalOutcome::Churned;
    let mut b = AccountBundle::new(Account {
        external_id: format!("acc-{i}"),
        name: format!("Account {i}"),
        segment: Segment::MidMarket,
        owner: Some("tm-dana".into()),
        industry: None,
        region: None,
        lifecycle_stage: LifecycleStage::Adoption,
        arr,
        licensed_seats: Some(100),
        started_on: Some(date("2024-01-01")),
        went_live_on: Some(date("2024-02-01")),
        churned_on: churned.then_some(ended_on),
    });
    let mut week = date("2024-01-01");
    while week < ended_on {
        b.usage.push(UsageWeek {
            week_start: week,
            active_users: active,
            licensed_seats: 100,
            sessions: active * 5,
            key_features_used: active / 10,
        });
        week += Duration::weeks(1);
    }
    b.contracts.push(Contract {
        external_id: format!("con-{i}"),
        starts_on: ended_on - Duration::days(365),
        ends_on: ended_on,
        arr,
        forecast: None,
        outcome: Some(Outcome {
            kind: outcome,
            on: ended_on,
            arr: if churned { Money::usd(0) } else { arr },
            reason: None,
            note: None,
        }),
    });
    b
}

#[test]
fn the_backtest_scores_each_ended_contract_as_it_stood_before_its_end() {
    let mut book = Book::open_in_memory().unwrap();
    let bundles = [
        ended_account(1, 90, "2025-09-01", RenewalOutcome::Renewed),
        ended_account(2, 80, "2025-10-01", RenewalOutcome::Renewed),
        ended_account(3, 15, "2025-11-01", RenewalOutcome::Churned),
        // Ends 60 days after the usage history begins: nothing to score 90 days before.
        ended_account(4, 85, "2024-03-01", RenewalOutcome::Renewed),
    ];
    let stamp = Stamp {
        actor: "test".into(),
        at: date("2025-12-01").and_hms_opt(0, 0, 0).unwrap(),
    };
    book.write(&stamp, |change| {
        let mut loader = Loader::new(change);
        loader.team(&team())?;
        loader.features(&features())?;
        for b in &bundles {
            loader.bundle(b)?;
        }
        loader.finish("ended contracts")
    })
    .unwrap();

    let rules = HealthRules::default();
    let cases = book.backtest_cases(&rules, 90).unwrap();
    assert_eq!(cases.before_history, 1);
    let mut scored: Vec<_> = cases
        .cases
        .iter()
        .map(|c| (c.account.as_str(), c.ended_on, c.churned, c.band))
        .collect();
    scored.sort();
    assert_eq!(
        scored,
        [
            (
                "Account 1",
                date("2025-09-01"),
                false,
                Some(HealthBand::Green)
            ),
            (
                "Account 2",
                date("2025-10-01"),
                false,
                Some(HealthBand::Green)
            ),
            ("Account 3", date("2025-11-01"), true, Some(HealthBand::Red)),
        ]
    );
    let result = backtest(cases.cases, 90);
    assert_eq!((result.contracts, result.churned), (3, 1));
    assert_eq!(result.auc, Some(1.0), "the churned account scored lowest");
    assert!(result.green_churned.is_empty());
}

/// Every seventh day from `from` to `to`, then `to` itself.
fn weekly_days(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Vec<chrono::NaiveDate> {
    let mut days: Vec<_> = std::iter::successors(Some(from), |d| Some(*d + Duration::days(7)))
        .take_while(|d| *d < to)
        .collect();
    days.push(to);
    days
}

#[test]
fn history_and_trend_come_from_the_recompute_days_before_today() {
    let rules = HealthRules::default();
    let mut book = sample_book();
    let id = account_id(&book, "Hooli Analytics");
    // Half a year of usage, so every recompute day has product data to score.
    let mut hooli = common::bundles()
        .into_iter()
        .find(|b| b.account.name == "Hooli Analytics")
        .unwrap();
    let first = hooli.usage[0];
    for weeks in 1..=13 {
        let mut older = first;
        older.week_start = first.week_start - Duration::weeks(weeks);
        hooli.usage.push(older);
    }
    book.write(&stamp(), |change| {
        let mut loader = Loader::new(change);
        loader.bundle(&hooli)?;
        loader.finish("older usage")
    })
    .unwrap();
    book.recompute_health(&rules, &weekly_days(today() - Duration::days(119), today()))
        .unwrap();
    let detail = book.health_detail(&rules, id, today()).unwrap().unwrap();
    let history = &detail.history;
    assert_eq!(history.len(), 18, "{history:?}");
    assert!(history.windows(2).all(|w| w[0].0 < w[1].0), "oldest first");
    assert_eq!(history.last().unwrap().0, today());
    let score = detail.assessment.score.unwrap();
    let then = |back: i64| {
        let at = today() - Duration::days(back);
        history.iter().rev().find(|(d, _)| *d <= at).unwrap().1
    };
    assert_eq!(
        detail.trend.delta_30d,
        Some(i16::from(score) - i16::from(then(30)))
    );
    assert_eq!(
        detail.trend.delta_90d,
        Some(i16::from(score) - i16::from(then(90)))
    );
}

#[test]
fn an_account_is_scored_only_from_the_day_it_started() {
    let rules = HealthRules::default();
    let mut book = sample_book();
    let started_on = today() - Duration::days(50);
    let mut b = ended_account(9, 70, "2027-06-01", RenewalOutcome::Renewed);
    b.account.name = "Fresh Start".into();
    b.account.started_on = Some(started_on);
    b.contracts.clear();
    b.usage
        .retain(|u| u.week_start >= started_on && u.week_start <= today());
    // A champion on file is engagement data on any day: it must not score the days
    // before the customer started.
    b.contacts.push(Contact {
        external_id: "fresh-champion".into(),
        name: "Ana Silva".into(),
        title: None,
        email: None,
        role: ContactRole::Champion,
        sentiment: Sentiment::Positive,
        influence: Influence::High,
        reports_to: None,
        last_touch_on: Some(today() - Duration::days(3)),
        last_touch_kind: Some(InteractionKind::Call),
        left_on: None,
        advocacy: None,
        referenceable: false,
        last_reference_on: None,
    });
    book.write(&stamp(), |change| {
        let mut loader = Loader::new(change);
        loader.bundle(&b)?;
        loader.finish("a new customer")
    })
    .unwrap();
    let id = account_id(&book, "Fresh Start");
    book.recompute_health(&rules, &weekly_days(today() - Duration::days(119), today()))
        .unwrap();
    let history = book
        .health_history(id, today() - Duration::days(365), today())
        .unwrap();
    assert!(!history.is_empty());
    assert!(
        history.iter().all(|(d, _)| *d >= started_on),
        "no score before the start: {history:?}"
    );
    let detail = book.health_detail(&rules, id, today()).unwrap().unwrap();
    assert_eq!(
        detail.trend.delta_90d, None,
        "no score 90 days before the start"
    );
}

#[test]
fn a_book_from_before_snapshots_by_day_keeps_its_history_and_sparklines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    {
        let book = Book::open_at(&path, 4).unwrap();
        drop(book);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (id, name, segment, arr_cents)
                 VALUES (7, 'Northwind Traders', 'enterprise', 124000000);
             INSERT INTO health_snapshots (account_id, taken_on, score, band, confidence)
                 VALUES (7, '2026-01-01', 80, 'green', 'high'),
                        (7, '2026-02-01', 66, 'yellow', 'high');
             INSERT INTO account_health (account_id, computed_on, score, band, confidence, weekly)
                 VALUES (7, '2026-02-01', 66, 'yellow', 'high', '80,,66');",
        )
        .unwrap();
    }
    let book = Book::open(&path).unwrap();
    assert_eq!(
        book.health_history(7, date("2025-12-01"), date("2026-03-01"))
            .unwrap(),
        [(date("2026-01-01"), 80), (date("2026-02-01"), 66)]
    );
    let health = book.portfolio().unwrap()[0].health.clone().unwrap();
    assert_eq!(&*health.weekly, &[Some(80), None, Some(66)]);
}

#[test]
fn a_book_on_disk_recomputes_to_the_same_health_as_one_in_memory() {
    // A book on disk is read on a second connection while the first writes.
    let dir = tempfile::tempdir().unwrap();
    let mut on_disk = common::fill(Book::open(&dir.path().join("book.db")).unwrap());
    let mut in_memory = sample_book();
    let rules = HealthRules::default();
    let days = weekly_days(today() - Duration::days(119), today());
    let a = on_disk.recompute_health(&rules, &days).unwrap();
    let b = in_memory.recompute_health(&rules, &days).unwrap();
    assert_eq!(a, b);
    let health = |book: &Book| -> Vec<_> {
        book.portfolio()
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.health))
            .collect()
    };
    let disk = health(&on_disk);
    let active = on_disk
        .portfolio()
        .unwrap()
        .iter()
        .filter(|p| p.churned_on.is_none())
        .count();
    assert!(active > 10);
    assert_eq!(disk.iter().filter(|(_, h)| h.is_some()).count(), active);
    assert_eq!(disk, health(&in_memory));
}

#[test]
fn usage_loaded_after_a_recompute_counts_at_once_and_in_the_next_recompute() {
    let rules = HealthRules::default();
    let mut book = sample_book();
    let id = account_id(&book, "Hooli Analytics");
    let usage_fact = |book: &Book| {
        let detail = book.health_detail(&rules, id, today()).unwrap().unwrap();
        detail.assessment.components[0].facts[0].clone()
    };
    assert_eq!(usage_fact(&book), "88 of 100 seats active, last 30 days");
    let before = book.portfolio().unwrap();
    let before = before.iter().find(|a| a.id == id).unwrap().health.clone();

    // A usage export arrives: the last five weeks fell to 20 active users.
    let mut hooli = common::bundles()
        .into_iter()
        .find(|b| b.account.name == "Hooli Analytics")
        .unwrap();
    for week in hooli.usage.iter_mut().rev().take(5) {
        week.active_users = 20;
    }
    book.write(&stamp(), |change| {
        let mut loader = Loader::new(change);
        loader.bundle(&hooli)?;
        loader.finish("usage export")
    })
    .unwrap();
    assert_eq!(usage_fact(&book), "20 of 100 seats active, last 30 days");

    let others = |book: &Book| {
        let all = book.portfolio().unwrap();
        all.into_iter()
            .filter(|a| a.id != id)
            .map(|a| (a.id, a.health))
            .collect::<Vec<_>>()
    };
    let others_before = others(&book);
    // The same day scored again: the account whose usage moved is written again, and
    // only it (what is kept already, value for value, is not rewritten).
    book.recompute_health(&rules, &[today()]).unwrap();
    assert_eq!(others(&book), others_before);
    assert_eq!(usage_fact(&book), "20 of 100 seats active, last 30 days");
    let after = book.portfolio().unwrap();
    let after = after.iter().find(|a| a.id == id).unwrap().health.clone();
    let (before, after) = (before.unwrap(), after.unwrap());
    assert!(after.score < before.score, "{before:?} -> {after:?}");
    assert!(
        after
            .top_signal
            .as_deref()
            .unwrap_or("")
            .starts_with("usage down"),
        "{after:?}"
    );
}
