//! Table rows to what the book takes, every cell checked: a required cell empty, a date
//! or amount that does not read, a term not in the vocabulary, each a problem at its
//! line and column. Nothing is written while any row has one.

use chrono::NaiveDate;

use super::fields::key;
use super::mapping::Mapping;
use super::table::{Row, Summary, TableReader};
use super::values::{DateOrder, date, money, whole};
use crate::book::import::{AccountIn, ChurnIn, ContractIn, Problem, UsageIn};
use crate::domain::money::{Currency, Money};
use crate::domain::segments::segment_named;
use crate::domain::vocab::RenewalOutcome;
use crate::domain::vocab::{LifecycleStage, Segment};

/// Reads the cells of one row, gathering problems.
pub(super) struct Cells<'a> {
    pub(super) row: &'a Row,
    pub(super) map: &'a Mapping,
    dates: Option<DateOrder>,
    problems: &'a mut Vec<Problem>,
    notes: &'a mut std::collections::BTreeMap<String, usize>,
}

impl Cells<'_> {
    /// The cell `field` reads (translated), with its 1-based column; None when the
    /// file has no such column or the cell is empty.
    pub(super) fn cell(&self, field: &str) -> Option<(String, usize)> {
        let c = self.map.column(field)?;
        let cell = self.row.get(c);
        // A cell `csm export` neutralised against formulas ('=...) reads as written.
        let cell = match cell.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => cell,
        };
        let text = self.map.translate(field, cell).trim().to_string();
        (!text.is_empty()).then_some((text, c + 1))
    }

    /// Counts a row toward a note the person reads with the mapping ("trial
    /// subscriptions left out: a trial is not revenue").
    pub(super) fn note(&mut self, note: &str) {
        match self.notes.get_mut(note) {
            Some(n) => *n += 1,
            None => {
                self.notes.insert(note.to_string(), 1);
            }
        }
    }

    pub(super) fn problem(&mut self, column: usize, value: &str, expected: impl Into<String>) {
        self.problems.push(Problem {
            line: self.row.line,
            column,
            value: value.to_string(),
            expected: expected.into(),
        });
    }

    /// A required cell: its text and column, or a problem.
    pub(super) fn required(&mut self, field: &str) -> Option<(String, usize)> {
        let found = self.cell(field);
        if found.is_none() {
            let column = self.map.column(field).map_or(1, |c| c + 1);
            self.problem(column, "", format!("a value for `{field}`"));
        }
        found
    }

    pub(super) fn read<T>(
        &mut self,
        field: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let (text, column) = self.cell(field)?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(expected) => {
                self.problem(column, &text, expected);
                None
            }
        }
    }

    pub(super) fn text(&self, field: &str) -> Option<String> {
        self.cell(field).map(|(t, _)| t)
    }

    pub(super) fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let order = self.dates;
        self.read(field, |t| date(t, order))
    }

    pub(super) fn money(&mut self, field: &str, currency: Currency) -> Option<Money> {
        // An API's amounts in the smallest unit say so in their header (`unit_amount_in_cents`).
        let in_cents = self
            .map
            .header_of(field)
            .is_some_and(|h| crate::import::fields::key(h).contains("cents"));
        self.read(field, |t| {
            if in_cents {
                return whole(t)
                    .map(|c| Money::new(c, currency))
                    .map_err(|_| "an amount in cents, a whole number".to_string());
            }
            money(t, currency).and_then(|m| {
                if m.cents < 0 {
                    Err("an amount of zero or more".into())
                } else {
                    Ok(m)
                }
            })
        })
    }

    /// A yes-or-no cell: true/false, yes/no, y/n, 1/0 in any case.
    pub(super) fn flag(&mut self, field: &str) -> Option<bool> {
        self.read(field, |t| match t.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "t" | "1" | "x" | "on" => Ok(true),
            "no" | "n" | "false" | "f" | "0" | "off" | "" => Ok(false),
            _ => Err("yes or no (true/false, y/n, 1/0)".into()),
        })
    }

    pub(super) fn count(&mut self, field: &str) -> Option<i64> {
        self.read(field, |t| {
            whole(t).and_then(|n| {
                if n < 0 {
                    Err("a whole number of zero or more".into())
                } else {
                    Ok(n)
                }
            })
        })
    }

    pub(super) fn term<T: std::str::FromStr>(&mut self, field: &str, what: &str) -> Option<T> {
        let (text, column) = self.cell(field)?;
        let normal = text.trim().to_lowercase().replace(['-', ' '], "_");
        match normal.parse::<T>().or_else(|_| text.parse::<T>()) {
            Ok(v) => Some(v),
            Err(_) => {
                self.problem(column, &text, what.to_string());
                None
            }
        }
    }
}

/// How the rows are read.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    pub map: &'a Mapping,
    pub dates: Option<DateOrder>,
    /// Amounts without a currency of their own.
    pub currency: Currency,
    /// The day rules work from: an open-ended subscription renews on its next
    /// anniversary after it.
    pub today: NaiveDate,
}

/// Reads every row of `table` with `read`, keeping the rows without a problem; the
/// rows and the reading's summary, its problems and the table's together.
pub(super) fn each_row<T>(
    table: TableReader<'_>,
    how: Reading<'_>,
    mut read: impl FnMut(&mut Cells<'_>) -> Option<T>,
) -> Result<(Vec<T>, Summary), String> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut notes = std::collections::BTreeMap::new();
    let mut summary = table.rows(|row| {
        let before = problems.len();
        let value = {
            let mut cells = Cells {
                row,
                map: how.map,
                dates: how.dates,
                problems: &mut problems,
                notes: &mut notes,
            };
            read(&mut cells)
        };
        if let (Some(v), true) = (value, problems.len() == before) {
            out.push(v);
        }
    })?;
    summary.problems.append(&mut problems);
    summary.notes = notes;
    Ok((out, summary))
}

/// Account rows.
pub fn accounts(
    table: TableReader<'_>,
    how: Reading<'_>,
) -> Result<(Vec<AccountIn>, Summary), String> {
    each_row(table, how, |c| {
        // Without an id column (a Gainsight export, say), the name is the id.
        let external_id = match c.map.column("external_id") {
            Some(_) => c.required("external_id").map(|(id, _)| id),
            None => c.text("name"),
        };
        let name = c.required("name");
        let (segment, segment_from_plan) = segment(c);
        let row = AccountIn {
            line: c.row.line,
            external_id: external_id?,
            name: name?.0,
            owner: c.text("owner"),
            segment,
            segment_from_plan,
            employees: c.read("employees", employees),
            industry: c.text("industry"),
            products: c.text("products"),
            region: c.text("region"),
            lifecycle_stage: lifecycle(c),
            arr: c.money("arr", how.currency).or_else(|| {
                c.money("mrr", how.currency)
                    .map(|m| Money::new(m.cents * 12, m.currency))
            }),
            licensed_seats: c.count("licensed_seats"),
            started_on: c.date("started_on"),
            went_live_on: c.date("went_live_on"),
            churned_on: c.date("churned_on"),
        };
        Some(row)
    })
}

/// The segment a row names, and whether a plan-tier word named it: our terms, or a
/// plan tier that can only mean one segment (a segment column first, then a plan column).
/// None leaves it to the `[segments]` bands.
fn segment(c: &mut Cells<'_>) -> (Option<Segment>, bool) {
    if let Some((text, column)) = c.cell("segment") {
        let normal = text.to_lowercase().replace(['-', ' '], "_");
        if let Ok(s) = normal.parse::<Segment>() {
            return (Some(s), false);
        }
        if let Some(s) = segment_named(&text) {
            return (Some(s), true);
        }
        c.problem(
            column,
            &text,
            "a segment: enterprise, mid_market, smb or self_serve (translate yours in a --map file's [values.segment], or leave the column out and let [segments] tier the accounts)",
        );
        return (None, false);
    }
    match c.text("plan").and_then(|plan| segment_named(&plan)) {
        Some(s) => (Some(s), true),
        None => (None, false),
    }
}

/// A lifecycle stage of ours; a CRM's funnel stage (Lead, Opportunity, Customer) is not
/// one, and is noted and left out rather than refused.
fn lifecycle(c: &mut Cells<'_>) -> Option<LifecycleStage> {
    let (text, _) = c.cell("lifecycle_stage")?;
    match text.to_lowercase().replace(['-', ' '], "_").parse() {
        Ok(stage) => Some(stage),
        Err(_) => {
            c.note("a lifecycle stage that is not one of ours (onboarding, adoption, value_realization, growth, advocacy), such as a CRM's funnel stage: left as the book has it");
            None
        }
    }
}

/// An employee count as CRMs write it: `250`, `1,200`, a band like `51-200` (its lower
/// bound) or `10000+`.
fn employees(cell: &str) -> Result<i64, String> {
    let first = cell.split(['-', '–', '+']).next().unwrap_or(cell).trim();
    whole(first)
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| "a number of employees, such as 250 or 51-200".into())
}

/// How a subscription's state reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    Trial,
    Ended,
}

/// A billing system's subscription state: Stripe's, Chargebee's, Recurly's, Zuora's, or
/// a CRM's active flag.
fn state(text: &str) -> Option<State> {
    let w = key(text);
    Some(match w.as_str() {
        "active" | "live" | "current" | "pastdue" | "unpaid" | "paused" | "nonrenewing"
        | "incomplete" | "pending" | "pendingactivation" | "pendingacceptance" | "suspended"
        | "renewing" | "inforce" | "open" | "true" | "yes" | "y" | "1" => State::Open,
        "trial" | "trialing" | "intrial" | "trialling" | "future" | "free" | "freetrial" => {
            State::Trial
        }
        "canceled" | "cancelled" | "expired" | "ended" | "churned" | "inactive" | "terminated"
        | "incompleteexpired" | "closed" | "lost" | "false" | "no" | "n" | "0" => State::Ended,
        _ => return None,
    })
}

/// Billing periods in a year: month 12, quarter 4, half-year 2, year 1; None for a word
/// that is none of them. A Zuora evergreen term is a year.
fn periods_a_year(text: &str) -> Option<i64> {
    let w = key(text);
    Some(match w.as_str() {
        "month" | "monthly" | "months" | "mo" | "m" | "1month" => 12,
        "quarter" | "quarterly" | "3months" | "q" => 4,
        "halfyear" | "semiannual" | "semiannually" | "biannual" | "6months" => 2,
        "year" | "yearly" | "annual" | "annually" | "years" | "yr" | "y" | "12months"
        | "evergreen" | "termed" => 1,
        _ => return None,
    })
}

/// The next anniversary of `start` on or after `today`, a billing period at a time.
fn anniversary(start: NaiveDate, per_year: i64, today: NaiveDate) -> NaiveDate {
    let months = (12 / per_year.max(1)) as u32;
    let mut n = 1u32;
    loop {
        let Some(next) = start.checked_add_months(chrono::Months::new(months * n)) else {
            return start;
        };
        if next >= today {
            return next;
        }
        n += 1;
    }
}

/// Contract rows, or a billing system's subscriptions: a contract without an id of its
/// own is known by its account and start; an open-ended subscription renews on its next
/// anniversary; ARR comes from an ARR column, else twelve times an MRR column, else a plan
/// amount times its quantity and the periods in a year; a canceled subscription is a
/// churned outcome on the day it ended; a trial is not revenue and is left out.
pub fn contracts(
    table: TableReader<'_>,
    how: Reading<'_>,
) -> Result<(Vec<ContractIn>, Summary), String> {
    each_row(table, how, |c| {
        let status = match c.cell("status") {
            Some((text, column)) => match state(&text) {
                Some(s) => Some(s),
                None => {
                    c.problem(
                        column,
                        &text,
                        "a subscription state such as active, trialing, canceled or expired",
                    );
                    None
                }
            },
            None => None,
        };
        let trial = c.flag("trial").unwrap_or(false) || status == Some(State::Trial);
        let account = c.required("account");
        if trial {
            // Not revenue: kept aside only so that its usage finds its account.
            c.note("trial subscriptions left out of revenue: a trial is not a contract");
            let (account, account_column) = account?;
            let external_id = c.text("external_id")?;
            let starts_on = c.date("starts_on").unwrap_or(how.today);
            return Some(ContractIn {
                line: c.row.line,
                external_id,
                account_name: c.text("account_name"),
                account,
                account_column,
                starts_on,
                ends_on: c.date("ends_on").unwrap_or(starts_on),
                arr: Money::new(0, how.currency),
                forecast: None,
                outcome: None,
                outcome_reason: None,
                seats: None,
                trial: true,
            });
        }
        let starts = c.required("starts_on").and(c.date("starts_on"));
        let ends = c.date("ends_on");
        let currency = match c.cell("currency") {
            Some((code, column)) => match Currency::parse(&code.to_uppercase()) {
                Some(cur) => cur,
                None => {
                    c.problem(
                        column,
                        &code,
                        "a three-letter currency code such as USD or EUR",
                    );
                    how.currency
                }
            },
            None => how.currency,
        };
        let canceled_on = c.date("canceled_on");
        let churned = c.flag("churned").unwrap_or(false)
            || status == Some(State::Ended)
            || (status.is_none() && canceled_on.is_some_and(|d| d <= how.today));
        let per_year = match c.cell("billing_period") {
            Some((text, column)) => match periods_a_year(&text) {
                Some(n) => Some(n),
                None => {
                    c.problem(column, &text, "a billing period: month, quarter or year");
                    None
                }
            },
            None => None,
        };
        let arr = match (
            c.money("arr", currency),
            c.money("mrr", currency),
            c.money("plan_amount", currency),
        ) {
            // A bare `Amount` beside a billing period is the plan's price for one period
            // (a billing dashboard's export), not a year's.
            (Some(amount), _, _)
                if per_year.is_some_and(|n| n > 1)
                    && c.map
                        .header_of("arr")
                        .map(crate::import::fields::key)
                        .as_deref()
                        == Some("amount") =>
            {
                c.note("an Amount beside a billing period: read as the plan's price for one period, times its quantity and the periods in a year");
                let quantity = c.count("quantity").unwrap_or(1);
                Some(Money::new(
                    amount.cents * quantity * per_year.unwrap_or(1),
                    amount.currency,
                ))
            }
            (Some(arr), _, _) => Some(arr),
            (None, Some(mrr), _) => Some(Money::new(mrr.cents * 12, mrr.currency)),
            (None, None, Some(price)) => {
                let quantity = c.count("quantity").unwrap_or(1);
                Some(Money::new(
                    price.cents * quantity * per_year.unwrap_or(1),
                    price.currency,
                ))
            }
            (None, None, None) => None,
        };
        let Some(arr) = arr else {
            let column = ["arr", "mrr", "plan_amount"]
                .iter()
                .find_map(|f| c.map.column(f))
                .map_or(1, |i| i + 1);
            c.problem(
                column,
                "",
                "an ARR (or an MRR, or a plan amount) for the term",
            );
            return None;
        };
        let (account, account_column) = account?;
        let starts_on = starts?;
        let ends_on = match (ends, canceled_on) {
            (_, Some(on)) if churned => on,
            (Some(end), _) => end,
            (None, _) => {
                c.note(
                    "open-ended: renews on its next anniversary (the billing period from its start)",
                );
                anniversary(starts_on, per_year.unwrap_or(1), how.today)
            }
        };
        if ends_on <= starts_on {
            let column = c
                .map
                .column("ends_on")
                .or(c.map.column("canceled_on"))
                .map_or(1, |i| i + 1);
            c.problem(
                column,
                &ends_on.to_string(),
                format!("an end after the start ({starts_on})"),
            );
            return None;
        }
        let forecast_category = c.term(
            "forecast_category",
            "a forecast category: renew, upsell, downsell or churn",
        );
        let forecast_confidence = c.term(
            "forecast_confidence",
            "a forecast confidence: commit, likely or at_risk",
        );
        let forecast_arr = c.money("forecast_arr", currency);
        let outcome_kind = c.term(
            "outcome",
            "a renewal outcome: renewed, upsold, downsold or churned",
        );
        let outcome_on = c.date("outcome_on");
        let outcome_arr = c.money("outcome_arr", currency);
        let forecast = match (forecast_category, forecast_confidence) {
            (Some(cat), Some(conf)) => Some((cat, conf, forecast_arr.unwrap_or(arr))),
            _ => None,
        };
        let outcome = match (outcome_kind, outcome_on) {
            (Some(kind), Some(on)) => {
                Some((kind, on, outcome_arr.unwrap_or(Money::new(0, currency))))
            }
            (Some(_), None) => {
                let column = c.map.column("outcome").map_or(1, |i| i + 1);
                c.problem(column, "", "the day of the outcome in outcome_on");
                return None;
            }
            (None, _) if churned => {
                c.note("canceled or ended: a churned outcome on the day it ended");
                Some((RenewalOutcome::Churned, ends_on, Money::new(0, currency)))
            }
            _ => None,
        };
        Some(ContractIn {
            forecast,
            outcome_reason: outcome.and(c.text("churn_reason")),
            outcome,
            line: c.row.line,
            external_id: c
                .text("external_id")
                .unwrap_or_else(|| format!("{account}:{starts_on}")),
            account_name: c.text("account_name"),
            seats: c.count("quantity"),
            trial: false,
            account,
            account_column,
            starts_on,
            ends_on,
            arr,
        })
    })
}

/// Churn events: the account, the day it left, why, and what it said.
pub fn churn(table: TableReader<'_>, how: Reading<'_>) -> Result<(Vec<ChurnIn>, Summary), String> {
    each_row(table, how, |c| {
        let account = c.required("account");
        let on = c.required("churned_on").and(c.date("churned_on"));
        let (account, account_column) = account?;
        Some(ChurnIn {
            line: c.row.line,
            account,
            account_column,
            churned_on: on?,
            reason: c.text("reason"),
            feedback: c.text("feedback"),
        })
    })
}

/// Weekly usage rows.
pub fn usage(table: TableReader<'_>, how: Reading<'_>) -> Result<(Vec<UsageIn>, Summary), String> {
    each_row(table, how, |c| {
        let account = c.required("account");
        let week = c.required("week_start").and(c.date("week_start"));
        let users = c.required("active_users").and(c.count("active_users"));
        let row = UsageIn {
            line: c.row.line,
            account_column: account.as_ref().map_or(1, |a| a.1),
            account: account?.0,
            week_start: week?,
            active_users: users?,
            licensed_seats: c.count("licensed_seats"),
            sessions: c.count("sessions").unwrap_or(0),
            key_features_used: c.count("key_features_used").unwrap_or(0),
        };
        Some(row)
    })
}
