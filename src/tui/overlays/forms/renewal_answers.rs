//! The answers of the Renewals pane's forms, read from what a CSM types: a forecast in
//! one line (`downsell at risk 80k`), and an outcome's kind, day and ARR.

use chrono::NaiveDate;

use crate::domain::Money;
use crate::domain::records::Forecast;
use crate::domain::vocab::{ForecastCategory, ForecastConfidence, RenewalOutcome};

/// `120000`, `$120,000`, `120k`, `1.2m`, in dollars (or the contract's currency units).
pub fn amount(text: &str) -> Option<i64> {
    let t = text
        .trim()
        .trim_start_matches('$')
        .replace(',', "")
        .to_lowercase();
    let (number, scale) = match t.strip_suffix('k') {
        Some(n) => (n.to_string(), 1_000.0),
        None => match t.strip_suffix('m') {
            Some(n) => (n.to_string(), 1_000_000.0),
            None => (t, 1.0),
        },
    };
    let value: f64 = number.parse().ok()?;
    (value >= 0.0 && value.is_finite()).then(|| (value * scale * 100.0).round() as i64)
}

/// A forecast typed as category, confidence and, optionally, ARR; without ARR the
/// renewal's `arr` (none for a churn).
pub fn forecast(answer: &str, arr: Money) -> Result<Forecast, String> {
    let words: Vec<&str> = answer.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return Err("a category (renew, upsell, downsell, churn) and a confidence (commit, likely, at risk)".into());
    };
    let category: ForecastCategory = first
        .parse()
        .map_err(|e: crate::domain::vocab::UnknownTerm| e.to_string())?;
    let (cents, confidence_words) = match rest.split_last() {
        Some((last, before)) if amount(last).is_some() => (amount(last), before),
        _ => (None, rest),
    };
    if confidence_words.is_empty() {
        return Err(format!(
            "how sure? `{} commit`, `{} likely` or `{} at risk`",
            first, first, first
        ));
    }
    let confidence: ForecastConfidence = confidence_words
        .join(" ")
        .parse()
        .map_err(|e: crate::domain::vocab::UnknownTerm| e.to_string())?;
    let cents = cents.unwrap_or(if category == ForecastCategory::Churn {
        0
    } else {
        arr.cents
    });
    Ok(Forecast {
        category,
        confidence,
        arr: Money {
            cents,
            currency: arr.currency,
        },
    })
}

/// The text that stands for `f` in the forecast form, its default.
pub fn forecast_text(f: &Forecast) -> String {
    format!(
        "{} {} {}",
        f.category.as_str(),
        f.confidence.as_str(),
        f.arr.cents / 100
    )
}

pub fn outcome_kind(answer: &str) -> Result<RenewalOutcome, String> {
    if answer.is_empty() {
        return Ok(RenewalOutcome::Renewed);
    }
    answer
        .parse()
        .map_err(|e: crate::domain::vocab::UnknownTerm| e.to_string())
}

/// The day of an outcome: blank for `default`, `today`, or a date; never after today.
pub fn outcome_day(
    answer: &str,
    default: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, String> {
    super::answers::past_day(answer, default.min(today), today)
}

/// The ARR after the renewal: blank keeps `arr` (none after a churn).
pub fn outcome_arr(answer: &str, kind: RenewalOutcome, arr: Money) -> Result<Money, String> {
    let cents = match answer.trim() {
        "" if kind == RenewalOutcome::Churned => 0,
        "" => arr.cents,
        text => {
            amount(text).ok_or_else(|| format!("`{text}` is not an amount like 120000 or 120k"))?
        }
    };
    if kind == RenewalOutcome::Churned && cents != 0 {
        return Err("a churned customer pays nothing: leave it blank or 0".into());
    }
    let was = Money::new(arr.cents, arr.currency).short();
    if kind == RenewalOutcome::Downsold && cents >= arr.cents {
        return Err(format!(
            "a downsell pays less than the {was} it did: the ARR from now on"
        ));
    }
    if kind == RenewalOutcome::Upsold && cents <= arr.cents {
        return Err(format!(
            "an upsell pays more than the {was} it did: the ARR from now on"
        ));
    }
    Ok(Money {
        cents,
        currency: arr.currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr() -> Money {
        Money::usd(120_000 * 100)
    }

    #[test]
    fn amounts_read_as_people_type_them() {
        assert_eq!(amount("120000"), Some(12_000_000));
        assert_eq!(amount("$120,000"), Some(12_000_000));
        assert_eq!(amount("120k"), Some(12_000_000));
        assert_eq!(amount("1.2M"), Some(120_000_000));
        assert_eq!(amount("lots"), None);
        assert_eq!(amount("-5"), None);
    }

    #[test]
    fn a_forecast_is_one_line_with_the_arr_optional() {
        let f = forecast("downsell at risk 80k", arr()).unwrap();
        assert_eq!(
            (f.category, f.confidence, f.arr.cents),
            (
                ForecastCategory::Downsell,
                ForecastConfidence::AtRisk,
                8_000_000
            )
        );
        let f = forecast("renew commit", arr()).unwrap();
        assert_eq!(f.arr, arr());
        let f = forecast("churn at_risk", arr()).unwrap();
        assert_eq!(f.arr.cents, 0);
        assert!(forecast("renew", arr()).unwrap_err().contains("how sure"));
        assert!(
            forecast("grow likely", arr())
                .unwrap_err()
                .contains("forecast category")
        );
        assert_eq!(
            forecast(&forecast_text(&f), arr()).unwrap(),
            f,
            "the default text reads back"
        );
    }

    #[test]
    fn an_outcome_defaults_to_renewed_on_its_date_at_its_arr() {
        let today: NaiveDate = "2026-03-10".parse().unwrap();
        let due: NaiveDate = "2026-03-01".parse().unwrap();
        let kind = outcome_kind("").unwrap();
        assert_eq!(
            (
                kind,
                outcome_day("", due, today),
                outcome_arr("", kind, arr())
            ),
            (RenewalOutcome::Renewed, Ok(due), Ok(arr()))
        );
        let kind = outcome_kind("upsold").unwrap();
        assert_eq!(
            (
                kind,
                outcome_day("today", due, today),
                outcome_arr("150k", kind, arr()).map(|m| m.cents)
            ),
            (RenewalOutcome::Upsold, Ok(today), Ok(15_000_000))
        );
        assert!(outcome_arr("5000", RenewalOutcome::Churned, arr()).is_err());
        let blank = outcome_arr("", RenewalOutcome::Downsold, arr()).unwrap_err();
        assert!(blank.contains("less than the $120K"), "{blank}");
        assert!(outcome_arr("130k", RenewalOutcome::Downsold, arr()).is_err());
        assert!(outcome_arr("100k", RenewalOutcome::Upsold, arr()).is_err());
        assert!(
            outcome_day("2026-04-01", due, today)
                .unwrap_err()
                .contains("once it happened")
        );
        // A renewal due after today defaults to today.
        let later: NaiveDate = "2026-03-20".parse().unwrap();
        assert_eq!(outcome_day("", later, today), Ok(today));
    }
}
