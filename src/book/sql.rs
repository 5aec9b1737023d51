//! Small conversions between the book's columns and our types: vocabulary terms stored as
//! text, money as cents and a currency code.

use std::str::FromStr;

use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type};

use crate::domain::money::{Currency, Money};

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
