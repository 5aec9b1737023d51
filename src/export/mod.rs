//! Giving the book back: every table as CSV or JSON in the shape `csm import` reads,
//! health and the renewal timeline as they stand today, and renewals and tasks as
//! calendars (iCalendar). CSV cells that a spreadsheet would run as a formula are
//! neutralised.

pub mod ics;

use std::borrow::Cow;
use std::io::Write;

use chrono::NaiveDate;

use crate::book::export::Cell;
use crate::book::{Book, BookError};
use crate::domain::health::HealthRules;

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    /// iCalendar: renewals as all-day events, tasks as to-dos.
    Ics,
}

/// What can be exported, as it is asked for.
pub const WHAT: [&str; 12] = [
    "accounts",
    "contracts",
    "usage",
    "contacts",
    "tickets",
    "surveys",
    "interactions",
    "goals",
    "opportunities",
    "tasks",
    "health",
    "renewals",
];

/// Why an export stopped.
#[derive(Debug)]
pub enum ExportError {
    Unknown(String),
    Book(BookError),
    Io(std::io::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Unknown(why) => f.write_str(why),
            ExportError::Book(e) => write!(f, "{e}"),
            ExportError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<BookError> for ExportError {
    fn from(e: BookError) -> Self {
        ExportError::Book(e)
    }
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Io(io),
            other => ExportError::Io(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return first) gets a leading apostrophe; numbers stay as they are.
/// `csm import` takes the apostrophe off again.
pub fn neutral(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes `what` to `out` in `format`; how many rows.
pub fn export(
    book: &Book,
    what: &str,
    format: Format,
    rules: &HealthRules,
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    match (what, format) {
        ("renewals", Format::Ics) => return ics::renewals(book, rules, today, out),
        ("tasks", Format::Ics) => return ics::tasks(book, today, out),
        (_, Format::Ics) => {
            return Err(ExportError::Unknown(format!(
                "{what} has no calendar form: --format ics is for renewals and tasks"
            )));
        }
        _ => {}
    }
    if what == "renewals" {
        let (columns, rows) = renewal_rows(book, rules, today)?;
        let mut sink = Sink::new(format, &columns, out)?;
        for row in &rows {
            sink.row(row)?;
        }
        return sink.finish();
    }
    let Some(columns) = book.export_columns(what)? else {
        return Err(ExportError::Unknown(format!(
            "csm cannot export `{what}`; it can export {}",
            WHAT.join(", ")
        )));
    };
    let mut sink = Sink::new(format, &columns, out)?;
    book.export_table(what, today, |cells| sink.row(cells))?;
    sink.finish()
}

/// The renewal timeline as rows.
fn renewal_rows(
    book: &Book,
    rules: &HealthRules,
    today: NaiveDate,
) -> Result<(Vec<String>, Vec<Vec<Cell>>), ExportError> {
    let columns = [
        "account",
        "owner",
        "segment",
        "renewal_on",
        "days_until",
        "window",
        "arr",
        "currency",
        "health_score",
        "health_band",
        "forecast_category",
        "forecast_confidence",
        "forecast_arr",
        "forecast_is_suggested",
        "motion_stage",
        "motion_done",
        "warnings",
    ]
    .map(str::to_string)
    .to_vec();
    let text = |s: Option<String>| s.map_or(Cell::Null, Cell::Text);
    let money = |cents: i64| Cell::Text(format!("{:.2}", cents as f64 / 100.0));
    let rows = book
        .renewals(rules, today)?
        .into_iter()
        .filter(|r| r.renewal_on.is_some())
        .map(|r| {
            let (forecast, suggested) = match &r.forecast {
                Some(f) => ((f.category, f.confidence, f.arr), false),
                None => (
                    (
                        r.suggestion.category,
                        r.suggestion.confidence,
                        r.suggestion.arr,
                    ),
                    true,
                ),
            };
            vec![
                Cell::Text(r.account.clone()),
                text(r.owner.clone()),
                Cell::Text(r.segment.as_str().into()),
                text(r.renewal_on.map(|d| d.to_string())),
                r.days_until.map_or(Cell::Null, Cell::Int),
                text(r.window.map(|w| w.as_str().into())),
                money(r.arr.cents),
                Cell::Text(r.arr.currency.code().into()),
                r.health
                    .and_then(|h| h.score)
                    .map_or(Cell::Null, |s| Cell::Int(i64::from(s))),
                text(r.health.and_then(|h| h.band).map(|b| b.as_str().into())),
                Cell::Text(forecast.0.as_str().into()),
                Cell::Text(forecast.1.as_str().into()),
                money(forecast.2.cents),
                Cell::Int(i64::from(suggested)),
                text(
                    r.motion
                        .as_ref()
                        .and_then(|m| m.stage)
                        .map(|s| s.as_str().into()),
                ),
                Cell::Text(
                    r.motion
                        .as_ref()
                        .map(|m| {
                            m.done
                                .iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    r.warnings
                        .iter()
                        .map(|w| w.reason.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]
        })
        .collect();
    Ok((columns, rows))
}

/// Rows on their way out as CSV or JSON.
enum Sink<'w> {
    Csv(Box<csv::Writer<&'w mut dyn Write>>, usize),
    Json {
        out: &'w mut dyn Write,
        columns: Vec<String>,
        rows: usize,
    },
}

impl<'w> Sink<'w> {
    fn new(
        format: Format,
        columns: &[String],
        out: &'w mut dyn Write,
    ) -> Result<Sink<'w>, ExportError> {
        Ok(match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(columns)?;
                Sink::Csv(Box::new(w), 0)
            }
            Format::Json | Format::Ics => {
                out.write_all(b"[")?;
                Sink::Json {
                    out,
                    columns: columns.to_vec(),
                    rows: 0,
                }
            }
        })
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        match self {
            Sink::Csv(w, rows) => {
                w.write_record(cells.iter().map(|c| neutral(&c.text()).into_owned()))?;
                *rows += 1;
            }
            Sink::Json { out, columns, rows } => {
                // Keys in column order, as the CSV has them.
                let mut object = String::from("{");
                for (i, (k, c)) in columns.iter().zip(cells).enumerate() {
                    if i > 0 {
                        object.push(',');
                    }
                    let v = match c {
                        Cell::Null => serde_json::Value::Null,
                        Cell::Int(i) => (*i).into(),
                        Cell::Real(r) => (*r).into(),
                        Cell::Text(t) => t.clone().into(),
                    };
                    object.push_str(&serde_json::to_string(k).map_err(std::io::Error::other)?);
                    object.push(':');
                    object.push_str(&v.to_string());
                }
                object.push('}');
                out.write_all(if *rows == 0 { b"\n  " } else { b",\n  " })?;
                out.write_all(object.as_bytes())?;
                *rows += 1;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<usize, ExportError> {
        match self {
            Sink::Csv(mut w, rows) => {
                w.flush()?;
                Ok(rows)
            }
            Sink::Json { out, rows, .. } => {
                out.write_all(if rows == 0 { b"]\n" } else { b"\n]\n" })?;
                Ok(rows)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_numbers_kept() {
        assert_eq!(neutral("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutral("+1 555 0100 call me"), "'+1 555 0100 call me");
        assert_eq!(neutral("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutral("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(neutral("-12.50"), "-12.50");
        assert_eq!(neutral("Acme"), "Acme");
    }
}
