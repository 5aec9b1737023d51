//! A CSM's manual health override: a score or band, with a reason and an expiry, set and
//! cleared through the journaled write path. Recompute never touches it; until it
//! expires it stands beside the computed score.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};

use crate::book::sql::date;
use crate::book::write::{Entity, Stamp};
use crate::book::{Book, BookError};
use crate::domain::health::HealthOverride;
use crate::domain::vocab::HealthBand;

/// What a CSM asks for when overriding an account's health.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideRequest {
    pub score: Option<u8>,
    pub band: Option<HealthBand>,
    pub reason: String,
    pub expires_on: NaiveDate,
}

const ACTIVE: &str = "SELECT id, account_id, score, band, reason, set_by, set_on, expires_on
     FROM health_overrides
     WHERE cleared_on IS NULL AND set_on <= ?1 AND expires_on > ?1";

impl Book {
    /// The override standing on `today` for an account, with its row id.
    pub fn active_override(
        &self,
        account: i64,
        today: NaiveDate,
    ) -> Result<Option<(i64, HealthOverride)>, BookError> {
        Ok(self
            .conn()
            .query_row(
                &format!("{ACTIVE} AND account_id = ?2 ORDER BY id DESC LIMIT 1"),
                rusqlite::params![today.to_string(), account],
                |r| Ok((r.get(0)?, read(r)?)),
            )
            .optional()?)
    }

    /// Every override standing on `today`, by account.
    pub fn active_overrides(
        &self,
        today: NaiveDate,
    ) -> Result<HashMap<i64, HealthOverride>, BookError> {
        let mut stmt = self.conn().prepare(&format!("{ACTIVE} ORDER BY id"))?;
        let rows = stmt.query_map([today.to_string()], |r| Ok((r.get(1)?, read(r)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Overrides an account's health from `today` until `expires_on`, replacing the one
    /// standing; journaled. Returns the override's id.
    pub fn set_override(
        &mut self,
        stamp: &Stamp,
        account: i64,
        request: &OverrideRequest,
        today: NaiveDate,
    ) -> Result<i64, BookError> {
        if request.score.is_none() && request.band.is_none() {
            return Err(BookError::Invalid(
                "an override needs a score (0-100) or a band (green, yellow, red)".into(),
            ));
        }
        if request.score.is_some_and(|s| s > 100) {
            return Err(BookError::Invalid(
                "an override's score is from 0 to 100".into(),
            ));
        }
        if request.reason.trim().is_empty() {
            return Err(BookError::Invalid(
                "an override needs a reason: say why the computed score is wrong".into(),
            ));
        }
        if request.expires_on <= today {
            return Err(BookError::Invalid(format!(
                "an override must expire after today ({today}), not on {}",
                request.expires_on
            )));
        }
        let standing = self.active_override(account, today)?;
        // The new override is journaled first: a change reads as its first entry.
        self.write(stamp, |change| {
            let what = match (request.score, request.band) {
                (Some(s), _) => format!("health overridden to {s}"),
                (None, Some(b)) => format!("health overridden to {}", b.as_str()),
                (None, None) => unreachable!("checked above"),
            };
            let id = change.insert(
                Entity::HealthOverride,
                &[
                    ("account_id", &account),
                    ("score", &request.score),
                    ("band", &request.band.map(|b| b.as_str())),
                    ("reason", &request.reason.trim()),
                    ("set_by", &stamp.actor),
                    ("set_on", &today.to_string()),
                    ("expires_on", &request.expires_on.to_string()),
                ],
                &format!("{what}: {}", request.reason.trim()),
            )?;
            if let Some((standing, _)) = standing {
                change.set(
                    Entity::HealthOverride,
                    standing,
                    "cleared_on",
                    &today.to_string(),
                    "replaced by a new override",
                )?;
            }
            Ok(id)
        })
    }

    /// Clears the override standing on an account; false when there was none.
    pub fn clear_override(
        &mut self,
        stamp: &Stamp,
        account: i64,
        today: NaiveDate,
    ) -> Result<bool, BookError> {
        let Some((id, _)) = self.active_override(account, today)? else {
            return Ok(false);
        };
        self.write(stamp, |change| {
            change.set(
                Entity::HealthOverride,
                id,
                "cleared_on",
                &today.to_string(),
                "override cleared: the computed score stands",
            )
        })?;
        Ok(true)
    }
}

fn read(r: &Row<'_>) -> rusqlite::Result<HealthOverride> {
    let band: Option<String> = r.get(3)?;
    Ok(HealthOverride {
        score: r.get(2)?,
        band: band.and_then(|b| b.parse().ok()),
        reason: r.get(4)?,
        set_by: r.get(5)?,
        set_on: date(r, 6)?,
        expires_on: date(r, 7)?,
    })
}
