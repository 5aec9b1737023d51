//! Time for the whole program: `today` is the `--today` flag, else `CSM_TODAY`, else the
//! local date; every rule takes it as an argument and none reads the clock itself.

use chrono::{NaiveDate, NaiveDateTime, Timelike, Utc};

/// The date every rule works from: the one given, else the local date.
pub fn today(given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The moment a change is made, for the change journal (UTC, to the second).
pub fn now_utc() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Parses a date written as `YYYY-MM-DD`, with an error that says so.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: expected YYYY-MM-DD, e.g. 2026-03-01"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_date_wins_over_the_clock() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(today(Some(d)), d);
    }

    #[test]
    fn dates_are_read_as_iso_with_a_clear_error() {
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        assert_eq!(
            parse_date("03/01/2026").unwrap_err(),
            "`03/01/2026` is not a date: expected YYYY-MM-DD, e.g. 2026-03-01"
        );
        assert!(parse_date("2026-02-29").is_err(), "2026 is not a leap year");
    }
}
