//! The pictures' figures, period by period, worked by hand.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::domain::metrics::{Customer, Term};
use crate::domain::vocab::{HealthBand, RenewalOutcome};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A term of `k` thousand dollars.
fn term(start: &str, end: &str, k: i64, outcome: Option<(RenewalOutcome, &str, i64)>) -> Term {
    Term {
        starts_on: d(start),
        ends_on: d(end),
        arr_cents: k * 100_000,
        outcome: outcome.map(|(o, on, arr)| (o, d(on), arr * 100_000)),
        reason: None,
        changes: Vec::new(),
    }
}

fn customer(id: i64, terms: Vec<Term>) -> Customer {
    Customer {
        account_id: id,
        churned_on: None,
        terms,
    }
}

#[test]
fn weeks_run_monday_to_sunday_and_the_last_to_today() {
    let weeks = Week::last(d("2026-03-04"), 3); // a Wednesday
    let mondays: Vec<NaiveDate> = weeks.iter().map(|w| w.starts_on).collect();
    assert_eq!(mondays, [d("2026-02-16"), d("2026-02-23"), d("2026-03-02")]);
    assert_eq!(
        weeks[1].as_of,
        d("2026-03-01"),
        "a week past is read on its Sunday"
    );
    assert_eq!(weeks[2].as_of, d("2026-03-04"), "this week is read today");
    assert!(weeks[2].contains(d("2026-03-02")) && !weeks[2].contains(d("2026-03-05")));
}

#[test]
fn each_quarter_follows_the_customers_paying_on_its_first_day() {
    let customers = vec![
        // $100K, renewed at $120K in Q1: expansion.
        customer(
            1,
            vec![
                term(
                    "2025-02-01",
                    "2026-02-01",
                    100,
                    Some((RenewalOutcome::Upsold, "2026-01-20", 120)),
                ),
                term("2026-02-01", "2027-02-01", 120, None),
            ],
        ),
        // $200K, churned at its renewal in Q1.
        customer(
            2,
            vec![term(
                "2025-03-01",
                "2026-03-01",
                200,
                Some((RenewalOutcome::Churned, "2026-02-25", 0)),
            )],
        ),
        // $50K, starting in Q1: not in Q1's cohort, in Q2's.
        customer(3, vec![term("2026-02-15", "2027-02-15", 50, None)]),
    ];
    let q = quarters(&customers, d("2026-05-10"), 3);
    let names: Vec<&str> = q.iter().map(|q| q.quarter.as_str()).collect();
    assert_eq!(names, ["2025-Q4", "2026-Q1", "2026-Q2"]);
    // 2025-Q4: $300K, nothing moved.
    assert_eq!((q[0].grr, q[0].nrr), (Some(100.0), Some(100.0)));
    // 2026-Q1: $300K at the start, $200K churned, $20K expansion.
    assert_eq!(q[1].retention.starting_arr, 30_000_000);
    assert_eq!(q[1].grr, Some(33.3), "(300 - 200) / 300");
    assert_eq!(q[1].nrr, Some(40.0), "(300 - 200 + 20) / 300");
    assert!(!q[1].to_date);
    // 2026-Q2 so far: $120K + $50K, kept.
    assert_eq!(q[2].retention.starting_arr, 17_000_000);
    assert!(q[2].to_date);
    assert!(
        q[1].workings()
            .contains("GRR 33.3% = ($300K - churn $200K - contraction $0) / $300K")
    );
}

#[test]
fn each_week_sums_arr_by_the_band_of_its_recompute_and_counts_the_risk() {
    let customers = vec![
        customer(1, vec![term("2025-07-01", "2026-07-01", 100, None)]),
        // Renews 2026-03-20: within 90 days of both weeks.
        customer(2, vec![term("2025-03-20", "2026-03-20", 40, None)]),
        customer(3, vec![term("2025-01-01", "2027-01-01", 30, None)]),
        // Left on 2026-02-26: paying in the first week only.
        Customer {
            churned_on: Some(d("2026-02-26")),
            ..customer(4, vec![term("2025-01-01", "2027-01-01", 10, None)])
        },
    ];
    let weeks = Week::last(d("2026-03-04"), 2);
    let first = Scored {
        on: Some(d("2026-02-21")),
        bands: HashMap::from([
            (1, Some(HealthBand::Green)),
            (2, Some(HealthBand::Green)),
            (3, Some(HealthBand::Red)),
            (4, Some(HealthBand::Red)),
        ]),
    };
    let second = Scored {
        on: Some(d("2026-03-02")),
        bands: HashMap::from([(1, Some(HealthBand::Yellow)), (2, Some(HealthBand::Yellow))]),
    };
    let b = band_weeks(&weeks, &[first, second], &customers);
    // Week of 02-23, read 03-01: account 4 has left.
    assert_eq!(
        (b[0].green_cents, b[0].red_cents, b[0].unscored_cents),
        (14_000_000, 3_000_000, 0)
    );
    assert_eq!(
        (b[0].at_risk_cents(), b[0].at_risk_accounts),
        (3_000_000, 1)
    );
    // Week of 03-02: 1 and 2 yellow; only 2 renews within 90 days; 3 had no score.
    assert_eq!(
        (b[1].yellow_cents, b[1].unscored_cents, b[1].green_cents),
        (14_000_000, 3_000_000, 0)
    );
    assert_eq!(
        (b[1].at_risk_yellow_cents, b[1].at_risk_red_cents),
        (4_000_000, 0)
    );
    assert!(
        b[1].workings()
            .contains("at risk $40K = red $0 + yellow renewing within 90 days $40K (1 account)")
    );
}

#[test]
fn a_renewal_past_its_date_and_undecided_stays_due_until_decided() {
    let c = customer(
        1,
        vec![term(
            "2025-01-01",
            "2026-01-01",
            100,
            Some((RenewalOutcome::Renewed, "2026-01-10", 100)),
        )],
    );
    assert_eq!(c.renewal_due(d("2025-12-01")), Some(d("2026-01-01")));
    assert_eq!(
        c.renewal_due(d("2026-01-05")),
        Some(d("2026-01-01")),
        "overdue"
    );
    assert_eq!(c.renewal_due(d("2026-01-10")), None, "decided");
}

#[test]
fn a_csms_week_counts_touches_tasks_closed_and_accounts_past_their_cadence() {
    let weeks = Week::last(d("2026-03-04"), 2);
    let held = |id, owner, cadence| Held {
        account_id: id,
        owner_id: owner,
        cadence,
        started_on: None,
        churned_on: None,
    };
    let facts = WorkloadFacts {
        members: vec![(7, "Ana".into()), (8, "Ben".into())],
        accounts: vec![held(1, 7, Some(30)), held(2, 7, Some(30)), held(3, 8, None)],
        touches: vec![
            Touch {
                account_id: 1,
                on: d("2026-02-24"),
            },
            Touch {
                account_id: 1,
                on: d("2026-03-03"),
            },
            // Account 2 last touched 2026-01-30: 30 days by 03-01, 33 by 03-04.
            Touch {
                account_id: 2,
                on: d("2026-01-30"),
            },
            Touch {
                account_id: 3,
                on: d("2026-02-25"),
            },
        ],
        tasks_done: vec![
            (7, d("2026-03-02")),
            (8, d("2026-02-27")),
            (8, d("2026-02-20")),
        ],
    };
    let rows = workload(&weeks, &facts);
    let ana: Vec<(usize, usize, usize)> = rows[0]
        .weeks
        .iter()
        .map(|l| (l.touches, l.tasks_done, l.quiet))
        .collect();
    assert_eq!(ana, [(1, 0, 0), (1, 1, 1)]);
    let ben: Vec<(usize, usize, usize)> = rows[1]
        .weeks
        .iter()
        .map(|l| (l.touches, l.tasks_done, l.quiet))
        .collect();
    assert_eq!(ben, [(1, 1, 0), (0, 0, 0)], "no cadence: never quiet");
    assert_eq!(rows[2].owner_id, None);
    assert_eq!((rows[2].weeks[0].touches, rows[2].weeks[1].quiet), (2, 1));
}
