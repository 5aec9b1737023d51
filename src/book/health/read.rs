//! Reading health back: one account's full explanation (computed fresh from its
//! evidence, next to any override, its trend and history), and finding an account by
//! what a person types for it.

use chrono::{Duration, NaiveDate};
use rusqlite::OptionalExtension;

use super::evidence::{Span, for_each_account};
use super::past::{PastScores, account_history};
use crate::book::{Book, BookError};
use crate::domain::health::{
    Assessment, Effective, HealthOverride, HealthRules, Signal, Trend, assess, effective, signals,
};

/// Everything about one account's health today.
#[derive(Debug, Clone)]
pub struct HealthDetail {
    pub id: i64,
    pub name: String,
    pub assessment: Assessment,
    pub signals: Vec<Signal>,
    pub trend: Trend,
    pub override_: Option<HealthOverride>,
    pub effective: Effective,
    /// Snapshots of the last year, oldest first.
    pub history: Vec<(NaiveDate, u8)>,
}

impl Book {
    /// The account's health as of `today`, explained, with a year of history; None for
    /// an unknown or churned id.
    pub fn health_detail(
        &self,
        rules: &HealthRules,
        account: i64,
        today: NaiveDate,
    ) -> Result<Option<HealthDetail>, BookError> {
        let mut found = None;
        self.each_health(rules, today, Some(account), |detail| {
            found = Some(detail);
            Ok(())
        })?;
        if let Some(detail) = found.as_mut() {
            detail.history = self.health_history(account, today - Duration::days(365), today)?;
        }
        Ok(found)
    }

    /// Every active account's health as of `today`, explained (without history), in id
    /// order; `only` limits it to one account.
    pub fn each_health(
        &self,
        rules: &HealthRules,
        today: NaiveDate,
        only: Option<i64>,
        mut each: impl FnMut(HealthDetail) -> Result<(), BookError>,
    ) -> Result<(), BookError> {
        let span = Span {
            from: today,
            to: today,
            touch_history: false,
        };
        let overrides = match only {
            Some(id) => self
                .active_override(id, today)?
                .map(|(_, o)| (id, o))
                .into_iter()
                .collect(),
            None => self.active_overrides(today)?,
        };
        let ids = only.map_or((i64::MIN, i64::MAX), |id| (id, id));
        let past = PastScores::load(self.conn(), today, today, ids)?;
        for_each_account(self.conn(), rules, span, only, |a| {
            let assessment = assess(&a.evidence(), rules, today);
            let signals = signals(&a.evidence(), &assessment, rules, today);
            let override_ = overrides.get(&a.id).cloned();
            let effective = effective(
                assessment.score,
                assessment.band,
                override_.as_ref(),
                &rules.bands_for(a.segment),
                today,
            );
            each(HealthDetail {
                id: a.id,
                name: a.name.clone(),
                trend: past.trend(a.id, &[], assessment.score, today),
                history: Vec::new(),
                assessment,
                signals,
                override_,
                effective,
            })
        })
    }

    /// The account's scored snapshots between two days, oldest first.
    pub fn health_history(
        &self,
        account: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, u8)>, BookError> {
        account_history(self.conn(), account, from, to)
    }

    /// The account a person means: its id, its external id, or its name (exactly, or
    /// the one account whose name starts with what they typed, ignoring case).
    /// The first day the book holds scores for, if any.
    pub fn first_scored_day(&self) -> Result<Option<chrono::NaiveDate>, BookError> {
        let day: Option<String> =
            self.conn()
                .query_row("SELECT min(taken_on) FROM health_snapshots", [], |r| {
                    r.get(0)
                })?;
        Ok(day.and_then(|d| d.parse().ok()))
    }

    pub fn find_account(&self, what: &str) -> Result<Option<(i64, String)>, BookError> {
        let what = what.trim();
        let exact: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT id, name FROM accounts
                 WHERE external_id = ?1 OR CAST(id AS TEXT) = ?1 OR name = ?1 COLLATE NOCASE
                 ORDER BY id LIMIT 1",
                [what],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if exact.is_some() {
            return Ok(exact);
        }
        let mut stmt = self.conn().prepare(
            "SELECT id, name FROM accounts WHERE name LIKE ?1 ESCAPE '\\' ORDER BY id LIMIT 2",
        )?;
        let pattern = format!(
            "{}%",
            what.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let found: Vec<(i64, String)> = stmt
            .query_map([pattern], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        match found.as_slice() {
            [one] => Ok(Some(one.clone())),
            [] => Ok(None),
            _ => Err(BookError::Invalid(format!(
                "`{what}` matches more than one account ({}, {}, ...): type more of the name or use its id",
                found[0].1, found[1].1
            ))),
        }
    }
}
