//! Table rows to what the book takes, every cell checked: a required cell empty, a date
//! or amount that does not read, a term not in the vocabulary, each a problem at its
//! line and column. Nothing is written while any row has one.

use chrono::NaiveDate;

use super::mapping::Mapping;
use super::table::{Row, Summary, TableReader};
use super::values::{DateOrder, date, money, whole};
use crate::book::import::{AccountIn, ContractIn, Problem, UsageIn};
use crate::domain::money::{Currency, Money};

/// Reads the cells of one row, gathering problems.
pub(super) struct Cells<'a> {
    pub(super) row: &'a Row,
    pub(super) map: &'a Mapping,
    dates: Option<DateOrder>,
    problems: &'a mut Vec<Problem>,
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
        self.read(field, |t| {
            money(t, currency).and_then(|m| {
                if m.cents < 0 {
                    Err("an amount of zero or more".into())
                } else {
                    Ok(m)
                }
            })
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
    let mut summary = table.rows(|row| {
        let before = problems.len();
        let value = {
            let mut cells = Cells {
                row,
                map: how.map,
                dates: how.dates,
                problems: &mut problems,
            };
            read(&mut cells)
        };
        if let (Some(v), true) = (value, problems.len() == before) {
            out.push(v);
        }
    })?;
    summary.problems.append(&mut problems);
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
        let row = AccountIn {
            line: c.row.line,
            external_id: external_id?,
            name: name?.0,
            owner: c.text("owner"),
            segment: c.term(
                "segment",
                "a segment: enterprise, mid_market, smb or self_serve (or translate yours in a --map file's [values.segment])",
            ),
            industry: c.text("industry"),
            region: c.text("region"),
            lifecycle_stage: c.term(
                "lifecycle_stage",
                "a lifecycle stage: onboarding, adoption, value_realization, growth or advocacy",
            ),
            arr: c.money("arr", how.currency),
            licensed_seats: c.count("licensed_seats"),
            started_on: c.date("started_on"),
            went_live_on: c.date("went_live_on"),
            churned_on: c.date("churned_on"),
        };
        Some(row)
    })
}

/// Contract rows; a contract without an id of its own is known by its account and start.
pub fn contracts(
    table: TableReader<'_>,
    how: Reading<'_>,
) -> Result<(Vec<ContractIn>, Summary), String> {
    each_row(table, how, |c| {
        let account = c.required("account");
        let starts = c.required("starts_on").and(c.date("starts_on"));
        let ends = c.required("ends_on").and(c.date("ends_on"));
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
        let arr = c.required("arr").and(c.money("arr", currency));
        let (account, account_column) = account?;
        let (starts_on, ends_on) = (starts?, ends?);
        if ends_on <= starts_on {
            let column = c.map.column("ends_on").map_or(1, |i| i + 1);
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
            (Some(cat), Some(conf)) => Some((cat, conf, forecast_arr.unwrap_or(arr?))),
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
            _ => None,
        };
        Some(ContractIn {
            forecast,
            outcome,
            line: c.row.line,
            external_id: c
                .text("external_id")
                .unwrap_or_else(|| format!("{account}:{starts_on}")),
            account,
            account_column,
            starts_on,
            ends_on,
            arr: arr?,
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
