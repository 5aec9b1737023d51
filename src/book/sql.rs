//! Small conversions between the book's columns and our types: vocabulary terms stored as
//! text, money as cents and a currency code.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type, ValueRef};

use crate::domain::health::Weekly;
use crate::domain::money::{Currency, Money};

/// `column` holds the id of the team member named by parameter `param` (`?2`), or
/// that parameter is NULL (anyone's): how a read takes one owner's rows by name.
pub(crate) fn owned_by(column: &str, param: &str) -> String {
    format!("({param} IS NULL OR {column} IN (SELECT id FROM team_members WHERE name = {param}))")
}

/// Whether `table` has a column `column`: what guards a name before it is spliced into
/// SQL.
pub(crate) fn has_column(
    conn: &rusqlite::Connection,
    table: &str,
    column: &str,
) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2")?
        .query_row([table, column], |r| r.get(0))
}

/// Reads a vocabulary term stored as its text spelling.
pub(crate) fn term<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text = row.get_ref(idx)?.as_str()?;
    text.parse::<T>()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

/// Reads money from a cents column and a currency column.
pub(crate) fn money(row: &Row<'_>, cents: usize, currency: usize) -> rusqlite::Result<Money> {
    let code = row.get_ref(currency)?.as_str()?;
    let currency = Currency::parse(code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            currency,
            Type::Text,
            Box::new(FromSqlError::Other(
                format!("`{code}` is not a currency code").into(),
            )),
        )
    })?;
    Ok(Money::new(row.get(cents)?, currency))
}

/// Reads an optional ISO date (`YYYY-MM-DD`), by hand: chrono's general parser is the
/// slowest part of reading 50,000 accounts.
pub(crate) fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let Some(text) = row.get_ref(idx)?.as_str_or_null()? else {
        return Ok(None);
    };
    parse_iso_date(text).map(Some).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Text,
            Box::new(FromSqlError::Other(
                format!("`{text}` is not a date (YYYY-MM-DD)").into(),
            )),
        )
    })
}

/// Reads an ISO date that must be there.
pub(crate) fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    opt_date(row, idx)?.ok_or(rusqlite::Error::InvalidColumnType(
        idx,
        "a date".into(),
        Type::Null,
    ))
}

/// `2026-03-01` -> the date; anything else, or an impossible date, -> None.
pub(crate) fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32)
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Reads `account_health.weekly`: a byte per week, or the comma-separated text of books
/// written before the byte form.
pub(crate) fn weekly(
    row: &Row<'_>,
    idx: usize,
    last_on: Option<NaiveDate>,
) -> rusqlite::Result<Weekly> {
    Ok(match row.get_ref(idx)? {
        ValueRef::Blob(bytes) => Weekly::from_bytes(last_on, bytes),
        ValueRef::Text(text) => Weekly::from_text(last_on, std::str::from_utf8(text).unwrap_or("")),
        _ => Weekly::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::parse_iso_date;
    use chrono::NaiveDate;

    #[test]
    fn iso_dates_parse_by_hand_as_chrono_would() {
        assert_eq!(
            parse_iso_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in [
            "2026-02-29",
            "2026-3-01",
            "2026/03/01",
            "26-03-01",
            "2026-13-01",
            "abcd-ef-gh",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
