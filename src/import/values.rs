//! Cells to values as exports write them: money like `$12,000.50`, `12.000,50 EUR` or
//! `1 234,5`; dates as ISO, ISO with a time and zone (`2006-04-15T03:23:15.000Z`), or
//! `MM/DD/YYYY` and `DD/MM/YYYY` when the file's order is told or the day is over 12;
//! whole numbers with thousands separators. Each refusal says what was expected.

use chrono::NaiveDate;

use crate::domain::money::{Currency, Money};

/// How slashed dates are ordered, when the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 03/01/2026 is March 1st.
    MonthFirst,
    /// 03/01/2026 is January 3rd.
    DayFirst,
}

/// A date in any of the shapes above.
pub fn date(cell: &str, order: Option<DateOrder>) -> Result<NaiveDate, String> {
    let s = cell.trim();
    if let Some(d) = iso(s) {
        return Ok(d);
    }
    // Unix time, as APIs export it: seconds (Stripe, Intercom) or milliseconds (Pendo).
    if (9..=13).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().map_err(|_| "a date".to_string())?;
        let seconds = if s.len() >= 12 { n / 1000 } else { n };
        return chrono::DateTime::from_timestamp(seconds, 0)
            .map(|t| t.date_naive())
            .ok_or_else(|| "a date".into());
    }
    // ISO, possibly with a time and zone after it.
    if s.len() >= 10 && s.as_bytes()[4] == b'-' {
        let shaped =
            s.as_bytes()[7] == b'-' && s[..10].bytes().filter(u8::is_ascii_digit).count() == 8;
        return NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").map_err(|_| {
            if shaped {
                "a real calendar day (YYYY-MM-DD)".to_string()
            } else {
                "a date: YYYY-MM-DD".to_string()
            }
        });
    }
    let parts: Vec<&str> = s.split(['/', '.']).collect();
    let [a, b, y] = parts.as_slice() else {
        return Err("a date: YYYY-MM-DD, or MM/DD/YYYY".into());
    };
    let y = y.split([' ', 'T']).next().unwrap_or("");
    let (a, b, y): (u32, u32, i32) = match (a.parse(), b.parse(), y.parse()) {
        (Ok(a), Ok(b), Ok(y)) if y > 999 => (a, b, y),
        _ => return Err("a date: YYYY-MM-DD, or MM/DD/YYYY".into()),
    };
    let (month, day) = match order {
        Some(DateOrder::MonthFirst) => (a, b),
        Some(DateOrder::DayFirst) => (b, a),
        None if a > 12 => (b, a),
        None if b > 12 || a == b => (a, b),
        None => {
            return Err(
                "a date whose order is clear: is it MM/DD or DD/MM? say --dates mdy or --dates dmy"
                    .into(),
            );
        }
    };
    NaiveDate::from_ymd_opt(y, month, day).ok_or_else(|| "a real calendar day".into())
}

/// `YYYY-MM-DD` exactly, read without allocating: most cells of a big file.
fn iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// A whole number, thousands separators allowed ("1,025", "1 025", "12.0").
pub fn whole(cell: &str) -> Result<i64, String> {
    if let Ok(n) = cell.parse::<i64>() {
        return Ok(n);
    }
    let s: String = cell
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '_' | '\''))
        .collect();
    let s = s.strip_suffix(".0").unwrap_or(&s);
    s.parse::<i64>().map_err(|_| "a whole number".to_string())
}

/// Money: a symbol or a three-letter code before or after, thousands separators, and a
/// decimal point or comma (the last separator with one or two digits after it).
pub fn money(cell: &str, default: Currency) -> Result<Money, String> {
    const EXPECTED: &str = "an amount such as 12000, $12,000.50 or 12.000,50 EUR";
    let mut s: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let mut currency = None;
    for (symbol, code) in [('$', "USD"), ('€', "EUR"), ('£', "GBP"), ('¥', "JPY")] {
        if s.contains(symbol) {
            s = s.replace(symbol, "");
            currency = Currency::parse(code);
        }
    }
    let letters: String = s.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if !letters.is_empty() {
        currency = Some(Currency::parse(&letters.to_uppercase()).ok_or(EXPECTED)?);
        s.retain(|c| !c.is_ascii_alphabetic());
    }
    let negative = s.starts_with('-') || (s.starts_with('(') && s.ends_with(')'));
    s.retain(|c| c.is_ascii_digit() || c == '.' || c == ',');
    if s.is_empty() || !s.chars().any(|c| c.is_ascii_digit()) {
        return Err(EXPECTED.into());
    }
    // The decimal separator: the last '.' or ',' followed by one or two digits; a lone
    // '.' is a decimal point whatever follows.
    let last = s.rfind(['.', ',']);
    let decimal = last.filter(|&i| {
        let after = s.len() - i - 1;
        let sep = s.as_bytes()[i];
        let lone = s.bytes().filter(|b| *b == sep).count() == 1;
        (1..=2).contains(&after) || (sep == b'.' && lone && !s.contains(','))
    });
    let (units, fraction) = match decimal {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (&s[..], ""),
    };
    let units: String = units.chars().filter(char::is_ascii_digit).collect();
    let units: i64 = if units.is_empty() {
        0
    } else {
        units.parse().map_err(|_| EXPECTED)?
    };
    let mut cents_text: String = fraction.chars().take(3).collect();
    while cents_text.len() < 3 {
        cents_text.push('0');
    }
    let thousandths: i64 = cents_text.parse().map_err(|_| EXPECTED)?;
    let cents = units
        .checked_mul(100)
        .and_then(|c| c.checked_add((thousandths + 5) / 10))
        .ok_or(EXPECTED)?;
    Ok(Money::new(
        if negative { -cents } else { cents },
        currency.unwrap_or(default),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn money_as_exports_write_it() {
        let usd = Currency::USD;
        let eur = Currency::parse("EUR").unwrap();
        let m = |s: &str| money(s, usd).unwrap();
        assert_eq!(m("$12,000.50"), Money::new(1_200_050, usd));
        assert_eq!(m("12.000,50 EUR"), Money::new(1_200_050, eur));
        assert_eq!(m("€1.234,5"), Money::new(123_450, eur));
        assert_eq!(m("1 234,56"), Money::new(123_456, usd));
        assert_eq!(m("12000"), Money::new(1_200_000, usd));
        assert_eq!(m("12,000"), Money::new(1_200_000, usd));
        assert_eq!(m("1,250,000"), Money::new(125_000_000, usd));
        assert_eq!(m("99.9"), Money::new(9_990, usd));
        assert_eq!(m("USD 5000"), Money::new(500_000, usd));
        assert_eq!(m("(1,000.00)"), Money::new(-100_000, usd));
        assert!(money("twelve", usd).unwrap_err().contains("an amount"));
        assert!(money("", usd).is_err());
    }

    #[test]
    fn dates_iso_with_time_and_zone_and_slashed_when_clear() {
        assert_eq!(date("2026-03-01", None), Ok(d("2026-03-01")));
        assert_eq!(date("2006-04-15T03:23:15.000Z", None), Ok(d("2006-04-15")));
        assert_eq!(date("2026-03-01 09:30:00", None), Ok(d("2026-03-01")));
        assert_eq!(date("03/25/2026", None), Ok(d("2026-03-25")));
        assert_eq!(date("25/03/2026", None), Ok(d("2026-03-25")));
        assert!(
            date("03/01/2026", None)
                .unwrap_err()
                .contains("--dates mdy")
        );
        assert_eq!(
            date("03/01/2026", Some(DateOrder::MonthFirst)),
            Ok(d("2026-03-01"))
        );
        assert_eq!(
            date("03/01/2026", Some(DateOrder::DayFirst)),
            Ok(d("2026-01-03"))
        );
        assert_eq!(
            date("3/1/2026 9:14 AM", Some(DateOrder::MonthFirst)),
            Ok(d("2026-03-01"))
        );
        assert!(date("2026-02-30", None).is_err());
        assert!(date("next week", None).is_err());
    }

    #[test]
    fn whole_numbers_with_separators() {
        assert_eq!(whole("1,025"), Ok(1025));
        assert_eq!(whole(" 12 "), Ok(12));
        assert_eq!(whole("40.0"), Ok(40));
        assert!(whole("4.5").is_err());
    }
}
