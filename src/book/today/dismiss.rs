//! Putting Today items away (dismissed until something new happens, or snoozed to a
//! day, with a reason), journaled like every change; and the day each CSM last looked.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use crate::book::write::{Entity, Stamp};
use crate::book::{Book, BookError, meta};
use crate::domain::today::{Dismissal, Item};

/// The `book_meta` key under which the day `owner` (None: the whole team's queue) last
/// looked at Today is kept.
pub fn last_looked_key(owner: Option<&str>) -> String {
    format!("today_last_looked:{}", owner.unwrap_or("*"))
}

impl Book {
    /// Every item put away, by item key.
    pub fn dismissals(&self) -> Result<HashMap<String, Dismissal>, BookError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT item_key, fingerprint, until, reason FROM today_dismissals")?;
        let rows = stmt.query_map([], |r| {
            Ok(Dismissal {
                key: r.get(0)?,
                fingerprint: r.get(1)?,
                until: r.get(2)?,
                reason: r.get(3)?,
            })
        })?;
        let mut out = HashMap::new();
        for d in rows {
            let d = d?;
            out.insert(d.key.clone(), d);
        }
        Ok(out)
    }

    /// Puts `item` away until something new happens to it or, with `until`, until that
    /// day at the latest. A snooze needs a day after today and a reason.
    pub fn put_away(
        &mut self,
        stamp: &Stamp,
        item: &Item,
        until: Option<NaiveDate>,
        reason: &str,
        today: NaiveDate,
    ) -> Result<(), BookError> {
        if let Some(day) = until {
            if day <= today {
                return Err(BookError::Invalid(format!(
                    "a snooze ends after today ({today}), not on {day}"
                )));
            }
            if reason.trim().is_empty() {
                return Err(BookError::Invalid(
                    "a snooze needs a reason: why wait?".into(),
                ));
            }
        }
        let key = item.key();
        let earlier: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM today_dismissals WHERE item_key = ?1",
                [&key],
                |r| r.get(0),
            )
            .optional()?;
        let summary = match until {
            Some(day) => format!(
                "today: snoozed until {day}: {} ({})",
                item.reason,
                reason.trim()
            ),
            None => format!("today: dismissed: {}", item.reason),
        };
        let until = until.map(|d| d.to_string());
        let today = today.to_string();
        self.write(stamp, |change| {
            if let Some(id) = earlier {
                change.delete(Entity::TodayDismissal, id, &summary)?;
            }
            change.insert(
                Entity::TodayDismissal,
                &[
                    ("item_key", &key),
                    ("fingerprint", &item.fingerprint),
                    ("until", &until),
                    ("reason", &reason.trim()),
                    ("dismissed_by", &stamp.actor),
                    ("dismissed_on", &today),
                ],
                &summary,
            )?;
            Ok(())
        })
    }

    /// The day `owner` last looked at their queue before `today`, if ever.
    pub fn last_looked(
        &self,
        owner: Option<&str>,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, BookError> {
        let key = last_looked_key(owner);
        let day = |k: &str| -> Result<Option<NaiveDate>, BookError> {
            Ok(self.meta(k)?.and_then(|v| v.parse().ok()))
        };
        match day(&key)? {
            Some(d) if d >= today => day(&format!("{key}:before")),
            other => Ok(other),
        }
    }

    /// Remembers that `owner` looked at their queue on `today` (and, the first time
    /// that day, the look before it).
    pub fn mark_looked(&mut self, owner: Option<&str>, today: NaiveDate) -> Result<(), BookError> {
        let key = last_looked_key(owner);
        let last = self.meta(&key)?;
        if last.as_deref() == Some(today.to_string().as_str()) {
            return Ok(()); // remembered already: no lock taken
        }
        let tx = self.begin_write()?;
        if let Some(last) = last.filter(|l| *l != today.to_string()) {
            meta::set(&tx, &format!("{key}:before"), &last)?;
        }
        meta::set(&tx, &key, &today.to_string())?;
        tx.commit()?;
        Ok(())
    }
}
