//! Revenue retention over a period, from each customer's contract terms: the ARR a
//! customer pays on a day is the term covering it (past the last term's end, that term's
//! while its renewal is undecided, and its outcome's once decided), nothing once they
//! churned. Customers paying at the period's start are the cohort; at its last day each
//! kept, grew, shrank or left.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::Period;
use crate::domain::churn::Loss;
use crate::domain::vocab::RenewalOutcome;

/// One contract term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub arr_cents: i64,
    /// What the renewal did, on what day, at what ARR.
    pub outcome: Option<(RenewalOutcome, NaiveDate, i64)>,
    /// What was said of why it churned or shrank, as said.
    pub reason: Option<Arc<str>>,
    /// Expansions won during the term: from which day, and by how much (cents). The
    /// term's ARR holds them all; before its day a change was not yet paid.
    pub changes: Vec<(NaiveDate, i64)>,
}

impl Term {
    /// The term's ARR on `day`: its ARR less the expansions not yet in force.
    fn arr_on(&self, day: NaiveDate) -> i64 {
        let later: i64 = self
            .changes
            .iter()
            .filter(|(on, _)| *on > day)
            .map(|(_, delta)| delta)
            .sum();
        self.arr_cents - later
    }
}

/// A customer's terms and, if they left, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub account_id: i64,
    pub churned_on: Option<NaiveDate>,
    pub terms: Vec<Term>,
}

impl Customer {
    /// The day of the renewal in play on `day`: the end of the term covering it, or of
    /// the last term if that renewal was still undecided then (overdue); None once the
    /// customer left, or before their first term.
    pub fn renewal_due(&self, day: NaiveDate) -> Option<NaiveDate> {
        if self.churned_on.is_some_and(|d| d <= day) {
            return None;
        }
        if let Some(t) = self
            .terms
            .iter()
            .find(|t| t.starts_on <= day && day < t.ends_on)
        {
            return Some(t.ends_on);
        }
        let last = self
            .terms
            .iter()
            .filter(|t| t.starts_on <= day)
            .max_by_key(|t| t.ends_on)?;
        match last.outcome {
            Some((_, on, _)) if on <= day => None,
            _ => Some(last.ends_on),
        }
    }

    /// The ARR the customer pays on `day`, in cents.
    pub fn arr_on(&self, day: NaiveDate) -> i64 {
        if self.churned_on.is_some_and(|d| d <= day) {
            return 0;
        }
        if let Some(t) = self
            .terms
            .iter()
            .find(|t| t.starts_on <= day && day < t.ends_on)
        {
            return t.arr_on(day);
        }
        let Some(last) = self
            .terms
            .iter()
            .filter(|t| t.starts_on <= day)
            .max_by_key(|t| t.ends_on)
        else {
            return 0;
        };
        match last.outcome {
            None => last.arr_cents,
            Some((RenewalOutcome::Churned, on, _)) if on <= day => 0,
            Some((_, on, arr)) if on <= day => arr,
            Some(_) => last.arr_cents,
        }
    }
}

impl Customer {
    /// What was said of why the customer left or shrank in a period from `from` to
    /// `to`: the latest churn or downsell decided by `to` of a term that ran into the
    /// period (one decided early, before its term's end, counts where the loss falls).
    fn said_between(&self, from: NaiveDate, to: NaiveDate) -> Option<Arc<str>> {
        self.terms
            .iter()
            .filter_map(|t| match t.outcome {
                Some((kind, on, _)) if kind.is_loss() && on <= to && t.ends_on >= from => {
                    Some((on, t.reason.clone()))
                }
                _ => None,
            })
            .max_by_key(|(on, _)| *on)
            .and_then(|(_, said)| said)
    }

    /// The ARR paid on the period's first day and on its last (or `today`).
    fn start_and_end(&self, period: Period, today: NaiveDate) -> (i64, i64, NaiveDate) {
        let last_day = (period.end - Duration::days(1)).min(today);
        (self.arr_on(period.start), self.arr_on(last_day), last_day)
    }
}

/// What happened to the ARR of the customers paying when a period began.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Retention {
    pub starting_arr: i64,
    pub churned_arr: i64,
    pub contraction_arr: i64,
    pub expansion_arr: i64,
    pub logos_at_start: usize,
    pub logos_churned: usize,
}

impl Retention {
    /// The cohort paying on `period`'s first day, followed to its last (or to `today`,
    /// in a period still running).
    pub fn over<'a>(
        customers: impl IntoIterator<Item = &'a Customer>,
        period: Period,
        today: NaiveDate,
    ) -> Retention {
        let mut r = Retention::default();
        for c in customers {
            let (start, end, _) = c.start_and_end(period, today);
            if start <= 0 {
                continue;
            }
            r.starting_arr += start;
            r.logos_at_start += 1;
            if end <= 0 {
                r.churned_arr += start;
                r.logos_churned += 1;
            } else if end < start {
                r.contraction_arr += start - end;
            } else {
                r.expansion_arr += end - start;
            }
        }
        r
    }

    /// Each customer of the cohort who left or shrank by the period's end, with what was
    /// said of why: the losses `over` sums.
    pub fn losses<'a>(
        customers: impl IntoIterator<Item = &'a Customer>,
        period: Period,
        today: NaiveDate,
    ) -> Vec<Loss> {
        let mut out = Vec::new();
        for c in customers {
            let (start, end, last_day) = c.start_and_end(period, today);
            if start <= 0 || end >= start {
                continue;
            }
            let churned = end <= 0;
            out.push(Loss {
                account_id: c.account_id,
                churned,
                arr_cents: if churned { start } else { start - end },
                said: c.said_between(period.start, last_day),
            });
        }
        out
    }

    /// Gross revenue retention: what the cohort kept, expansion left out.
    pub fn grr(&self) -> Option<f64> {
        (self.starting_arr > 0).then(|| {
            (self.starting_arr - self.churned_arr - self.contraction_arr) as f64
                / self.starting_arr as f64
        })
    }

    /// Net revenue retention: what the cohort pays now, expansion in.
    pub fn nrr(&self) -> Option<f64> {
        (self.starting_arr > 0).then(|| {
            (self.starting_arr - self.churned_arr - self.contraction_arr + self.expansion_arr)
                as f64
                / self.starting_arr as f64
        })
    }

    /// Logo churn: the share of the cohort's customers who left.
    pub fn logo_churn(&self) -> Option<f64> {
        (self.logos_at_start > 0).then(|| self.logos_churned as f64 / self.logos_at_start as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

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

    #[test]
    fn arr_follows_terms_pending_renewals_and_outcomes() {
        let c = Customer {
            account_id: 1,
            churned_on: None,
            terms: vec![term("2025-01-01", "2026-01-01", 100, None)],
        };
        assert_eq!(c.arr_on(d("2024-12-31")), 0, "not yet a customer");
        assert_eq!(c.arr_on(d("2025-06-01")), 10_000_000);
        assert_eq!(
            c.arr_on(d("2026-02-01")),
            10_000_000,
            "renewal undecided: still paying"
        );
        let churned = Customer {
            terms: vec![term(
                "2025-01-01",
                "2026-01-01",
                100,
                Some((RenewalOutcome::Churned, "2026-01-05", 0)),
            )],
            ..c.clone()
        };
        assert_eq!(churned.arr_on(d("2026-01-03")), 10_000_000);
        assert_eq!(churned.arr_on(d("2026-01-05")), 0);
    }

    #[test]
    fn a_quarter_worked_out_by_hand() {
        // Q1 2026. Four customers pay on 1 January: A $100K renews flat, B $200K churns
        // in February, C $50K downsells to $30K in March, D $150K upsells to $180K.
        // E starts in February: a new logo, outside the cohort.
        let q1 = Period::holding(super::super::Grain::Quarter, d("2026-02-01"));
        let customers = [
            Customer {
                account_id: 1,
                churned_on: None,
                terms: vec![
                    term(
                        "2025-03-01",
                        "2026-03-01",
                        100,
                        Some((RenewalOutcome::Renewed, "2026-02-20", 100)),
                    ),
                    term("2026-03-01", "2027-03-01", 100, None),
                ],
            },
            Customer {
                account_id: 2,
                churned_on: Some(d("2026-02-10")),
                terms: vec![term(
                    "2025-02-10",
                    "2026-02-10",
                    200,
                    Some((RenewalOutcome::Churned, "2026-02-10", 0)),
                )],
            },
            Customer {
                account_id: 3,
                churned_on: None,
                terms: vec![
                    term(
                        "2025-03-15",
                        "2026-03-15",
                        50,
                        Some((RenewalOutcome::Downsold, "2026-03-10", 30)),
                    ),
                    term("2026-03-15", "2027-03-15", 30, None),
                ],
            },
            Customer {
                account_id: 4,
                churned_on: None,
                terms: vec![
                    term(
                        "2025-01-20",
                        "2026-01-20",
                        150,
                        Some((RenewalOutcome::Upsold, "2026-01-18", 180)),
                    ),
                    term("2026-01-20", "2027-01-20", 180, None),
                ],
            },
            Customer {
                account_id: 5,
                churned_on: None,
                terms: vec![term("2026-02-01", "2027-02-01", 80, None)],
            },
        ];
        let r = Retention::over(&customers, q1, d("2026-12-31"));
        assert_eq!(r.starting_arr, 50_000_000); // 100 + 200 + 50 + 150 = $500K
        assert_eq!(r.churned_arr, 20_000_000);
        assert_eq!(r.contraction_arr, 2_000_000);
        assert_eq!(r.expansion_arr, 3_000_000);
        assert_eq!((r.logos_at_start, r.logos_churned), (4, 1));
        // GRR = (500 - 200 - 20) / 500 = 56%; NRR = (500 - 200 - 20 + 30) / 500 = 62%.
        assert_eq!(r.grr(), Some(0.56));
        assert_eq!(r.nrr(), Some(0.62));
        assert_eq!(r.logo_churn(), Some(0.25));
        let losses = Retention::losses(&customers, q1, d("2026-12-31"));
        let lost: Vec<(i64, bool, i64)> = losses
            .iter()
            .map(|l| (l.account_id, l.churned, l.arr_cents))
            .collect();
        assert_eq!(lost, [(2, true, 20_000_000), (3, false, 2_000_000)]);
        let total: i64 = losses.iter().map(|l| l.arr_cents).sum();
        assert_eq!(total, r.churned_arr + r.contraction_arr);
    }

    #[test]
    fn an_expansion_won_mid_term_counts_from_its_day_only() {
        // $100K from 1 January 2026; $20K more seats won on 15 February: the term holds
        // $120K and says the $20K is paid from 15 February.
        let mut t = term("2026-01-01", "2027-01-01", 120, None);
        t.changes = vec![(d("2026-02-15"), 2_000_000)];
        let c = Customer {
            account_id: 1,
            churned_on: None,
            terms: vec![t],
        };
        assert_eq!(c.arr_on(d("2026-02-14")), 10_000_000);
        assert_eq!(c.arr_on(d("2026-02-15")), 12_000_000);
        // Q1 (cohort at $100K on 1 January... the term starts that day) ends at $120K:
        // expansion $20K, NRR 120%.
        let q1 = Period::holding(super::super::Grain::Quarter, d("2026-02-01"));
        let r = Retention::over([&c], q1, d("2026-12-31"));
        assert_eq!((r.starting_arr, r.expansion_arr), (10_000_000, 2_000_000));
        assert_eq!(r.nrr(), Some(1.2));
    }

    #[test]
    fn a_loss_carries_what_was_said_of_its_churn_in_the_period() {
        let q1 = Period::holding(super::super::Grain::Quarter, d("2026-02-01"));
        let mut gone = term(
            "2025-02-10",
            "2026-02-10",
            200,
            Some((RenewalOutcome::Churned, "2026-02-10", 0)),
        );
        gone.reason = Some("Too expensive".into());
        let c = Customer {
            account_id: 9,
            churned_on: Some(d("2026-02-10")),
            terms: vec![gone],
        };
        let losses = Retention::losses([&c], q1, d("2026-12-31"));
        assert_eq!(losses[0].said.as_deref(), Some("Too expensive"));
        // A downsell decided in March for a term ending 15 May loses its ARR in Q2,
        // and keeps its reason there.
        let mut early = term(
            "2025-05-15",
            "2026-05-15",
            100,
            Some((RenewalOutcome::Downsold, "2026-03-25", 60)),
        );
        early.reason = Some("budget".into());
        let c = Customer {
            account_id: 10,
            churned_on: None,
            terms: vec![early, term("2026-05-15", "2027-05-15", 60, None)],
        };
        let q2 = Period::holding(super::super::Grain::Quarter, d("2026-05-01"));
        let losses = Retention::losses([&c], q2, d("2026-12-31"));
        assert_eq!(
            (losses[0].arr_cents, losses[0].said.as_deref()),
            (4_000_000, Some("budget"))
        );
    }
}
