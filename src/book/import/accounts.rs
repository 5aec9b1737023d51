//! Writing accounts: each upserted by external id, what the file did not say kept as
//! the book has it, owners found (or added) on the team.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{AccountIn, Counts, Problem, owner_id};
use crate::book::BookError;
use crate::domain::vocab::LifecycleStage;

type AccountRowValues = (
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub(super) fn accounts(
    tx: &Transaction<'_>,
    rows: &[AccountIn],
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    for row in rows {
        let owner = match &row.owner {
            Some(o) => Some(owner_id(tx, o, counts)?),
            None => None,
        };
        let existing: Option<(i64, AccountRowValues)> = tx
            .query_row(
                "SELECT id, name, segment, owner_id, industry, region, lifecycle_stage, arr_cents,
                        currency, licensed_seats, started_on, went_live_on, churned_on
                 FROM accounts WHERE external_id = ?1",
                [&row.external_id],
                |r| {
                    Ok((
                        r.get(0)?,
                        (
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                            r.get(7)?,
                            r.get(8)?,
                            r.get(9)?,
                            r.get(10)?,
                            r.get(11)?,
                            r.get(12)?,
                        ),
                    ))
                },
            )
            .optional()?;
        match existing {
            None => {
                let Some(segment) = row.segment else {
                    problems.push(Problem {
                        line: row.line,
                        column: 1,
                        value: row.name.clone(),
                        expected: "a segment for a new account: add a segment column, or translate one of yours in a --map file".into(),
                    });
                    continue;
                };
                let arr = row.arr.unwrap_or_default();
                tx.execute(
                    "INSERT INTO accounts (external_id, name, segment, owner_id, industry, region,
                         lifecycle_stage, arr_cents, currency, licensed_seats, started_on,
                         went_live_on, churned_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    params![
                        row.external_id,
                        row.name,
                        segment.as_str(),
                        owner,
                        row.industry,
                        row.region,
                        row.lifecycle_stage
                            .unwrap_or(LifecycleStage::Onboarding)
                            .as_str(),
                        arr.cents,
                        arr.currency.code(),
                        row.licensed_seats,
                        day(row.started_on),
                        day(row.went_live_on),
                        day(row.churned_on)
                    ],
                )?;
                counts.inserted += 1;
            }
            Some((id, was)) => {
                let now: AccountRowValues = (
                    row.name.clone(),
                    row.segment.map_or(was.1.clone(), |s| s.as_str().into()),
                    owner.or(was.2),
                    row.industry.clone().or(was.3.clone()),
                    row.region.clone().or(was.4.clone()),
                    row.lifecycle_stage
                        .map_or(was.5.clone(), |s| s.as_str().into()),
                    row.arr.map_or(was.6, |m| m.cents),
                    row.arr.map_or(was.7.clone(), |m| m.currency.code().into()),
                    row.licensed_seats.or(was.8),
                    day(row.started_on).or(was.9.clone()),
                    day(row.went_live_on).or(was.10.clone()),
                    day(row.churned_on).or(was.11.clone()),
                );
                if now == was {
                    counts.unchanged += 1;
                    continue;
                }
                tx.execute(
                    "UPDATE accounts SET name = ?2, segment = ?3, owner_id = ?4, industry = ?5,
                         region = ?6, lifecycle_stage = ?7, arr_cents = ?8, currency = ?9,
                         licensed_seats = ?10, started_on = ?11, went_live_on = ?12,
                         churned_on = ?13
                     WHERE id = ?1",
                    params![
                        id, now.0, now.1, now.2, now.3, now.4, now.5, now.6, now.7, now.8, now.9,
                        now.10, now.11
                    ],
                )?;
                counts.updated += 1;
            }
        }
    }
    Ok(())
}
