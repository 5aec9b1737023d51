//! The Renewals pane's read model: each account's next renewal as one compact row, read
//! from `renewal_timeline` (kept current by the book's triggers) one date range at a
//! time, or one account at a time after a write. A row keeps the facts; its motion,
//! warnings and suggestion are worked out when asked, for the rows on screen.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use rusqlite::{Row, params};

use crate::book::sql::{date, money, owned_by, term};
use crate::book::{Book, BookError};
use crate::domain::Money;
use crate::domain::health::{Effective, HealthOverride, HealthRules, effective};
use crate::domain::records::Forecast;
use crate::domain::renewal::{
    HealthNow, Motion, Step, Suggestion, Warning, Window, days_until, suggest, warnings,
};
use crate::domain::vocab::{HealthBand, Segment};

/// Days ahead the near span covers: the motion starts 120 days out.
pub const NEAR_DAYS: i64 = 120;

/// Which renewals a read takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Overdue to 120 days out.
    Near,
    /// Past 120 days.
    Later,
}

/// The motion steps ticked for a renewal, a bit each in the order the motion runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ticked(u16);

impl Ticked {
    pub fn of(steps: &[Step]) -> Ticked {
        Ticked(steps.iter().fold(0, |bits, s| bits | Ticked::bit(*s)))
    }

    fn bit(step: Step) -> u16 {
        let i = Step::ALL.iter().position(|s| *s == step).unwrap_or(0);
        1 << i
    }

    pub fn steps(self) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| self.0 & Ticked::bit(*s) != 0)
            .collect()
    }
}

/// One account's next renewal, as the pane lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub account_id: i64,
    pub contract_id: i64,
    pub account: String,
    /// The owner's name, shared by every row of theirs.
    pub owner: Option<Arc<str>>,
    pub renewal_on: NaiveDate,
    pub days_until: i64,
    pub window: Window,
    pub arr: Money,
    pub health: Option<HealthNow>,
    /// Whether the health shown is a CSM's override.
    pub overridden: bool,
    pub forecast: Option<Forecast>,
    pub ticked: Ticked,
}

impl TimelineRow {
    /// Where its motion stands.
    pub fn motion(&self) -> Motion {
        Motion::of(self.window, &self.ticked.steps())
    }

    /// What a CSM should fix about it, with its motion already worked out.
    pub fn warnings(&self, motion: &Motion) -> Vec<Warning> {
        warnings(self.forecast.as_ref(), Some(motion), self.health)
    }

    /// The forecast the cockpit suggests.
    pub fn suggestion(&self) -> Suggestion {
        suggest(self.arr, self.health)
    }

    /// The order the pane lists renewals in: soonest first, then the largest ARR, then
    /// the account read first.
    pub fn order(&self) -> (NaiveDate, i64, i64) {
        (self.renewal_on, -self.arr.cents, self.account_id)
    }
}

/// What reading rows needs besides the table: owners' names, standing overrides.
struct Reader<'a> {
    rules: &'a HealthRules,
    today: NaiveDate,
    owners: HashMap<i64, Arc<str>>,
    overrides: HashMap<i64, HealthOverride>,
}

const COLUMNS: &str = "SELECT account_id, contract_id, name, owner_id, segment, ends_on,
        arr_cents, currency, forecast_category, forecast_confidence, forecast_arr_cents,
        steps, score, band, signals
     FROM renewal_timeline";

/// Not churned as of ?1.
const ACTIVE: &str = "(churned_on IS NULL OR churned_on > ?1)";

impl Reader<'_> {
    fn row(&self, r: &Row<'_>) -> rusqlite::Result<TimelineRow> {
        let account_id: i64 = r.get(0)?;
        let segment: Segment = term(r, 4)?;
        let renewal_on = date(r, 5)?;
        let arr = money(r, 6, 7)?;
        let forecast = match (
            r.get_ref(8)?.as_str_or_null()?,
            r.get_ref(9)?.as_str_or_null()?,
        ) {
            (Some(_), Some(_)) => Some(Forecast {
                category: term(r, 8)?,
                confidence: term(r, 9)?,
                arr: Money {
                    cents: r.get::<_, Option<i64>>(10)?.unwrap_or(arr.cents),
                    currency: arr.currency,
                },
            }),
            _ => None,
        };
        let score: Option<u8> = r.get(12)?;
        let band: Option<HealthBand> = r
            .get_ref(13)?
            .as_str_or_null()?
            .and_then(|b| b.parse().ok());
        let signals: Option<u16> = r.get(14)?;
        let shown = match self.overrides.get(&account_id) {
            Some(o) => effective(
                score,
                band,
                Some(o),
                &self.rules.bands_for(segment),
                self.today,
            ),
            None => Effective {
                score,
                band,
                overridden: false,
            },
        };
        let days = days_until(renewal_on, self.today);
        Ok(TimelineRow {
            account_id,
            contract_id: r.get(1)?,
            account: r.get(2)?,
            owner: r
                .get::<_, Option<i64>>(3)?
                .and_then(|id| self.owners.get(&id).cloned()),
            renewal_on,
            days_until: days,
            window: Window::of(days),
            arr,
            health: signals.map(|signals| HealthNow {
                score: shown.score,
                band: shown.band,
                signals,
            }),
            overridden: shown.overridden,
            forecast,
            ticked: Ticked(r.get::<_, i64>(11)? as u16),
        })
    }
}

impl Book {
    fn timeline_reader<'a>(
        &self,
        rules: &'a HealthRules,
        today: NaiveDate,
    ) -> Result<Reader<'a>, BookError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name FROM team_members")?;
        let owners = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, Arc::from(r.get::<_, String>(1)?)))
            })?
            .collect::<Result<_, _>>()?;
        Ok(Reader {
            rules,
            today,
            owners,
            overrides: self.active_overrides(today)?,
        })
    }

    /// The renewals of active accounts in `span` as of `today`, in the pane's order
    /// ([`TimelineRow::order`]); the same renewals [`Book::renewals`] gives with a date.
    pub fn timeline(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        span: Span,
    ) -> Result<Vec<TimelineRow>, BookError> {
        let reader = self.timeline_reader(rules, today)?;
        let horizon = (today + Duration::days(NEAR_DAYS)).to_string();
        let range = match span {
            Span::Near => "ends_on <= ?2",
            Span::Later => "ends_on > ?2",
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "{COLUMNS} WHERE {range} AND {ACTIVE} ORDER BY ends_on"
        ))?;
        let mut rows = stmt.query(params![today.to_string(), horizon])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(reader.row(r)?);
        }
        out.sort_unstable_by_key(TimelineRow::order);
        Ok(out)
    }

    /// The first renewals of the next 120 days in the pane's order, `owner`'s alone when
    /// named: the soonest `at_least` (fewer if there are not so many) and every other
    /// renewal due the same day as the last of them, so that a day's order by ARR is
    /// whole. What the pane shows while the rest is read: one range of the table's key,
    /// however big the book.
    pub fn timeline_first(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        owner: Option<&str>,
        at_least: usize,
    ) -> Result<Vec<TimelineRow>, BookError> {
        let reader = self.timeline_reader(rules, today)?;
        let horizon = (today + Duration::days(NEAR_DAYS)).to_string();
        let whose = owned_by("owner_id", "?3");
        let mut stmt = self.conn().prepare_cached(&format!(
            "{COLUMNS} WHERE ends_on <= coalesce(
                 (SELECT ends_on FROM renewal_timeline
                  WHERE ends_on <= ?2 AND {ACTIVE} AND {whose}
                  ORDER BY ends_on LIMIT 1 OFFSET ?4), ?2)
               AND {ACTIVE} AND {whose}
             ORDER BY ends_on"
        ))?;
        let last = at_least.saturating_sub(1) as i64;
        let mut rows = stmt.query(params![today.to_string(), horizon, owner, last])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(reader.row(r)?);
        }
        out.sort_unstable_by_key(TimelineRow::order);
        Ok(out)
    }

    /// One account's next renewal, read by itself: None without an open contract, or
    /// once churned.
    pub fn timeline_row(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        account: i64,
    ) -> Result<Option<TimelineRow>, BookError> {
        let reader = self.timeline_reader(rules, today)?;
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{COLUMNS} WHERE account_id = ?2 AND {ACTIVE}"))?;
        let mut rows = stmt.query(params![today.to_string(), account])?;
        match rows.next()? {
            Some(r) => Ok(Some(reader.row(r)?)),
            None => Ok(None),
        }
    }

    /// The owners of active accounts, by name, once each: whose renewals the pane can
    /// show.
    pub fn renewal_owners(&self, today: NaiveDate) -> Result<Vec<String>, BookError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT t.name FROM team_members t WHERE EXISTS (
                 SELECT 1 FROM accounts a
                 WHERE a.owner_id = t.id AND (a.churned_on IS NULL OR a.churned_on > ?1))",
        )?;
        let mut owners: Vec<String> = stmt
            .query_map([today.to_string()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        owners.sort();
        Ok(owners)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_steps_read_back_in_the_order_the_motion_runs_them() {
        let ticked = Ticked::of(&[Step::ContractSigned, Step::RiskReview]);
        assert_eq!(ticked.steps(), [Step::RiskReview, Step::ContractSigned]);
        assert_eq!(Ticked::of(&Step::ALL).steps(), Step::ALL);
        assert!(Ticked::default().steps().is_empty());
    }
}
