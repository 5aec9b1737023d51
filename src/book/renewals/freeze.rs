//! Forecast freezes: on the first look in a month, the forecasts of the renewals due that
//! month are kept as they stand, so the month's accuracy can be told once the outcomes
//! are in. Kept outside the journal: they are a record of journaled values.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::params;

use crate::book::sql::{money, opt_date, term};
use crate::book::{Book, BookError};
use crate::domain::records::{Forecast, Outcome};
use crate::domain::renewal::{Accuracy, accuracy};

/// A frozen forecast and, once in, what the renewal did.
type Frozen = (Forecast, Option<Outcome>);

/// The contracts (`c`) ending in the month from ?2 to ?3 with a forecast.
const DUE_WITH_FORECAST: &str = "WHERE c.ends_on >= ?2 AND c.ends_on < ?3
    AND c.forecast_category IS NOT NULL AND c.forecast_confidence IS NOT NULL";

/// Of those, the ones not frozen for the period ?1.
const NOT_FROZEN: &str = "AND NOT EXISTS (SELECT 1 FROM forecast_freezes f
    WHERE f.period = ?1 AND f.contract_id = c.id)";

/// `2026-03` for any day of March 2026.
pub fn period_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

impl Book {
    /// Freezes the forecasts of the renewals due in `today`'s month that have one and
    /// were not frozen yet; returns how many were.
    pub fn freeze_forecasts(&mut self, today: NaiveDate) -> Result<usize, BookError> {
        let first = today.with_day(1).unwrap_or(today);
        let next = first + Months::new(1);
        let (period, first, next) = (period_of(today), first.to_string(), next.to_string());
        // Checked first, so that looking at the renewals takes no lock once the month's
        // forecasts are kept.
        let unfrozen: i64 = self.conn().query_row(
            &format!("SELECT count(*) FROM contracts c {DUE_WITH_FORECAST} {NOT_FROZEN}"),
            params![period, first, next],
            |r| r.get(0),
        )?;
        if unfrozen == 0 {
            return Ok(0);
        }
        let tx = self.begin_write()?;
        let frozen = tx.execute(
            &format!(
                "INSERT OR IGNORE INTO forecast_freezes
                     (period, contract_id, category, confidence, arr_cents, currency, frozen_on)
                 SELECT ?1, id, forecast_category, forecast_confidence,
                        coalesce(forecast_arr_cents, arr_cents), currency, ?4
                 FROM contracts c {DUE_WITH_FORECAST}"
            ),
            params![period, first, next, today.to_string()],
        )?;
        tx.commit()?;
        Ok(frozen)
    }

    /// Each frozen month's forecast against its outcomes, latest month first.
    pub fn forecast_accuracy(&self) -> Result<Vec<Accuracy>, BookError> {
        let frozen = self.frozen_forecasts()?;
        Ok(months(frozen.iter().map(|(_, p, f)| (p.as_str(), f))))
    }

    /// Each CSM's frozen months against their outcomes, latest month first, CSMs by
    /// name (the account's owner now; renewals of unowned accounts under None).
    pub fn forecast_accuracy_by_owner(&self) -> Result<Vec<OwnerAccuracy>, BookError> {
        Ok(by_owner(self.frozen_forecasts()?))
    }

    /// The team's months ([`Book::forecast_accuracy`]) and each CSM's
    /// ([`Book::forecast_accuracy_by_owner`]), from one read of the freezes.
    pub fn forecast_accuracy_all(&self) -> Result<(Vec<Accuracy>, Vec<OwnerAccuracy>), BookError> {
        let frozen = self.frozen_forecasts()?;
        let team = months(frozen.iter().map(|(_, p, f)| (p.as_str(), f)));
        Ok((team, by_owner(frozen)))
    }

    /// Every frozen forecast with its owner and period, latest period first.
    fn frozen_forecasts(&self) -> Result<Vec<(Option<String>, String, Frozen)>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT f.period, f.category, f.confidence, f.arr_cents, f.currency,
                    c.outcome, c.outcome_on, c.outcome_arr_cents, m.name
             FROM forecast_freezes f JOIN contracts c ON c.id = f.contract_id
                  JOIN accounts a ON a.id = c.account_id
                  LEFT JOIN team_members m ON m.id = a.owner_id
             ORDER BY f.period DESC, f.contract_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let period: String = r.get(0)?;
            let forecast = Forecast {
                category: term(r, 1)?,
                confidence: term(r, 2)?,
                arr: money(r, 3, 4)?,
            };
            let outcome = match (r.get::<_, Option<String>>(5)?, opt_date(r, 6)?) {
                (Some(_), Some(on)) => Some(Outcome {
                    kind: term(r, 5)?,
                    on,
                    arr: crate::domain::Money {
                        cents: r.get::<_, Option<i64>>(7)?.unwrap_or(0),
                        currency: forecast.arr.currency,
                    },
                    reason: None,
                    note: None,
                }),
                _ => None,
            };
            out.push((r.get(8)?, period, (forecast, outcome)));
        }
        Ok(out)
    }
}

/// One CSM's months.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OwnerAccuracy {
    pub owner: Option<String>,
    pub months: Vec<Accuracy>,
}

/// The accuracy of each run of one period's forecasts, in the order given.
fn months<'a>(frozen: impl Iterator<Item = (&'a str, &'a Frozen)>) -> Vec<Accuracy> {
    let mut periods: Vec<(&str, Vec<Frozen>)> = Vec::new();
    for (period, f) in frozen {
        match periods.last_mut() {
            Some((p, list)) if *p == period => list.push(f.clone()),
            _ => periods.push((period, vec![f.clone()])),
        }
    }
    periods
        .iter()
        .map(|(period, list)| accuracy(period, list))
        .collect()
}

/// The frozen forecasts grouped by owner, each owner's months latest first.
fn by_owner(mut frozen: Vec<(Option<String>, String, Frozen)>) -> Vec<OwnerAccuracy> {
    frozen.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<OwnerAccuracy> = Vec::new();
    let mut i = 0;
    while i < frozen.len() {
        let owner = frozen[i].0.clone();
        let j = i + frozen[i..].iter().take_while(|f| f.0 == owner).count();
        out.push(OwnerAccuracy {
            owner,
            months: months(frozen[i..j].iter().map(|(_, p, f)| (p.as_str(), f))),
        });
        i = j;
    }
    out
}
