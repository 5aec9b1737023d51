//! Every active account's next renewal as the timeline shows it: its window, motion,
//! health, forecast (the CSM's, and the cockpit's suggestion) and warnings.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::book::sql::{money, opt_date, term};
use crate::book::{Book, BookError};
use crate::domain::Money;
use crate::domain::health::{HealthRules, effective};
use crate::domain::records::Forecast;
use crate::domain::renewal::{
    HealthNow, Motion, Step, Suggestion, Warning, Window, days_until, suggest, warnings,
};
use crate::domain::vocab::{HealthBand, Segment};

/// One account's next renewal.
#[derive(Debug, Clone, PartialEq)]
pub struct Renewal {
    pub account_id: i64,
    pub account: String,
    pub owner: Option<String>,
    pub segment: Segment,
    /// The open contract renewing; None for an account without one.
    pub contract_id: Option<i64>,
    pub renewal_on: Option<NaiveDate>,
    pub days_until: Option<i64>,
    pub window: Option<Window>,
    pub arr: Money,
    pub health: Option<HealthNow>,
    /// Whether the health shown is a CSM's override.
    pub overridden: bool,
    pub forecast: Option<Forecast>,
    pub suggestion: Suggestion,
    pub motion: Option<Motion>,
    pub warnings: Vec<Warning>,
}

/// A window's count of renewals and their ARR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lane {
    pub window: Window,
    pub count: usize,
    pub arr_cents: i64,
}

/// The count and ARR of each window from overdue to 120 days.
pub fn lanes<'a>(renewals: impl Iterator<Item = &'a Renewal> + Clone) -> Vec<Lane> {
    Window::LANES
        .iter()
        .map(|&window| {
            let (count, arr_cents) = renewals
                .clone()
                .filter(|r| r.window == Some(window))
                .fold((0, 0), |(n, arr), r| (n + 1, arr + r.arr.cents));
            Lane {
                window,
                count,
                arr_cents,
            }
        })
        .collect()
}

impl Book {
    /// Every active account's next renewal as of `today`, soonest first (accounts
    /// without a renewal date last).
    pub fn renewals(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
    ) -> Result<Vec<Renewal>, BookError> {
        self.renewals_by(rules, today, None)
    }

    /// [`Book::renewals`] with a renewal date on or before `by` (when given): what is
    /// overdue or coming, without reading the rest.
    pub fn renewals_by(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        by: Option<NaiveDate>,
    ) -> Result<Vec<Renewal>, BookError> {
        let mut out = Vec::new();
        self.each_renewal(rules, today, by, |r| out.push(r))?;
        out.sort_by_key(|r| (r.renewal_on.is_none(), r.renewal_on, -r.arr.cents));
        Ok(out)
    }

    /// Each renewal of [`Book::renewals_by`] as it is read, in no order: for a reader
    /// that keeps only a little of each.
    pub fn each_renewal(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        by: Option<NaiveDate>,
        each: impl FnMut(Renewal),
    ) -> Result<(), BookError> {
        self.read_renewals(rules, today, by, None, each)
    }

    /// [`Book::each_renewal`] of the accounts whose ids lie in `ids` (all without).
    pub fn each_renewal_in(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        by: Option<NaiveDate>,
        ids: Option<(i64, i64)>,
        each: impl FnMut(Renewal),
    ) -> Result<(), BookError> {
        self.read_renewals(rules, today, by, ids, each)
    }

    /// One account's next renewal, read by itself (None without an open one).
    pub fn renewal_of(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        account: i64,
    ) -> Result<Option<Renewal>, BookError> {
        let mut found = None;
        self.read_renewals(rules, today, None, Some((account, account)), |r| {
            found = Some(r)
        })?;
        Ok(found)
    }

    fn read_renewals(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        by: Option<NaiveDate>,
        ids: Option<(i64, i64)>,
        mut each: impl FnMut(Renewal),
    ) -> Result<(), BookError> {
        let mut steps: HashMap<i64, Vec<Step>> = HashMap::new();
        // A narrow read uses the indexes: `?1 IS NULL OR ...` would scan them all.
        let (steps_of, of_account) = match ids {
            Some((first, last)) => (
                format!(
                    "WHERE contract_id IN
                     (SELECT id FROM contracts WHERE account_id BETWEEN {first} AND {last})"
                ),
                format!("AND a.id BETWEEN {first} AND {last}"),
            ),
            None => (String::new(), String::new()),
        };
        let mut stmt = self.conn().prepare(&format!(
            "SELECT contract_id, step FROM renewal_steps {steps_of}"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(step) = Step::parse(&r.get::<_, String>(1)?) {
                steps.entry(r.get(0)?).or_default().push(step);
            }
        }
        let overrides = self.active_overrides(today)?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.id, a.name, t.name, a.segment, c.id, c.ends_on,
                    coalesce(c.arr_cents, a.arr_cents), coalesce(c.currency, a.currency),
                    c.forecast_category, c.forecast_confidence, c.forecast_arr_cents,
                    h.score, h.band, h.signal_count
             FROM accounts a
             LEFT JOIN team_members t ON t.id = a.owner_id
             LEFT JOIN contracts c ON c.id = (
                 SELECT id FROM contracts
                 WHERE account_id = a.id AND outcome IS NULL ORDER BY ends_on LIMIT 1)
             LEFT JOIN account_health h ON h.account_id = a.id
             WHERE (a.churned_on IS NULL OR a.churned_on > ?1) AND (?2 IS NULL OR c.ends_on <= ?2)
               {of_account}"
        ))?;
        let mut rows = stmt.query(rusqlite::params![
            today.to_string(),
            by.map(|d| d.to_string())
        ])?;
        while let Some(r) = rows.next()? {
            let account_id: i64 = r.get(0)?;
            let segment: Segment = term(r, 3)?;
            let contract_id: Option<i64> = r.get(4)?;
            let renewal_on = opt_date(r, 5)?;
            let arr = money(r, 6, 7)?;
            let has_forecast = r.get::<_, Option<String>>(8)?.is_some()
                && r.get::<_, Option<String>>(9)?.is_some();
            let forecast = if has_forecast {
                Some(Forecast {
                    category: term(r, 8)?,
                    confidence: term(r, 9)?,
                    arr: Money {
                        cents: r.get::<_, Option<i64>>(10)?.unwrap_or(arr.cents),
                        currency: arr.currency,
                    },
                })
            } else {
                None
            };
            let score: Option<u8> = r.get(11)?;
            let band: Option<HealthBand> =
                r.get::<_, Option<String>>(12)?.and_then(|b| b.parse().ok());
            let signals: Option<u16> = r.get(13)?;
            let shown = effective(
                score,
                band,
                overrides.get(&account_id),
                &rules.bands_for(segment),
                today,
            );
            let health = signals.map(|signals| HealthNow {
                score: shown.score,
                band: shown.band,
                signals,
            });
            let days = renewal_on.map(|on| days_until(on, today));
            let window = days.map(Window::of);
            let motion = window.map(|w| {
                let done = contract_id
                    .and_then(|c| steps.get(&c))
                    .map_or(&[][..], Vec::as_slice);
                Motion::of(w, done)
            });
            each(Renewal {
                account_id,
                account: r.get(1)?,
                owner: r.get(2)?,
                segment,
                contract_id,
                renewal_on,
                days_until: days,
                window,
                arr,
                warnings: warnings(forecast.as_ref(), motion.as_ref(), health),
                suggestion: suggest(arr, health),
                health,
                overridden: shown.overridden,
                forecast,
                motion,
            });
        }
        Ok(())
    }
}
