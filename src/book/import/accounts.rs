//! Writing accounts: each upserted by external id, what the file did not say kept as
//! the book has it, owners found (or added) on the team.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{AccountIn, Counts, ImportRules, owner_id};
use crate::book::BookError;
use crate::domain::segments::{SegmentBy, SegmentTiers};
use crate::domain::vocab::{LifecycleStage, Segment};

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
    rules: &ImportRules,
    counts: &mut Counts,
) -> Result<(), BookError> {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    for row in rows {
        let owner = match &row.owner {
            Some(o) => Some(owner_id(tx, o, counts)?),
            None => None,
        };
        let existing: Option<(i64, AccountRowValues, Option<String>)> = tx
            .query_row(
                "SELECT id, name, segment, owner_id, industry, region, lifecycle_stage, arr_cents,
                        currency, licensed_seats, started_on, went_live_on, churned_on, segment_by
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
                        r.get(13)?,
                    ))
                },
            )
            .optional()?;
        match existing {
            None => {
                let (segment, by) = match row.segment {
                    Some(s) if row.segment_from_plan => {
                        *counts.segmented.entry("by their plan tier").or_default() += 1;
                        (s, Some("plan"))
                    }
                    Some(s) => (s, None),
                    None => {
                        let (segment, rule) = tier(row, &rules.tiers);
                        *counts.segmented.entry(rule.1).or_default() += 1;
                        (segment, Some(rule.0))
                    }
                };
                let arr = row.arr.unwrap_or_default();
                tx.execute(
                    "INSERT INTO accounts (external_id, name, segment, owner_id, industry, region,
                         lifecycle_stage, arr_cents, currency, licensed_seats, started_on,
                         went_live_on, churned_on, segment_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
                        day(row.churned_on),
                        by
                    ],
                )?;
                if row.products.is_some() {
                    tx.execute(
                        "UPDATE accounts SET products = ?2 WHERE external_id = ?1",
                        params![row.external_id, row.products],
                    )?;
                }
                counts.inserted += 1;
            }
            Some((id, was, was_by)) => {
                // A segment the file names wins; one the ARR bands gave follows new ARR.
                let (segment, by) = match (row.segment, row.arr) {
                    (Some(s), _) => (
                        s.as_str().to_string(),
                        row.segment_from_plan.then_some("plan"),
                    ),
                    (None, Some(arr)) if was_by.as_deref() == Some("arr") => (
                        rules
                            .tiers
                            .segment_for(arr.cents / 100)
                            .as_str()
                            .to_string(),
                        Some("arr"),
                    ),
                    _ => (was.1.clone(), was_by.as_deref()),
                };
                if by != was_by.as_deref() {
                    tx.execute(
                        "UPDATE accounts SET segment_by = ?2 WHERE id = ?1",
                        params![id, by],
                    )?;
                }
                let now: AccountRowValues = (
                    row.name.clone(),
                    segment,
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
                // What the customer uses, when the file says: kept apart from the row's
                // other values, an unchanged row still counts as unchanged.
                let products_changed = match &row.products {
                    Some(p) => tx.execute(
                        "UPDATE accounts SET products = ?2 WHERE id = ?1 AND products IS NOT ?2",
                        params![id, p],
                    )? > 0,
                    None => false,
                };
                if now == was {
                    if products_changed {
                        counts.updated += 1;
                    } else {
                        counts.unchanged += 1;
                    }
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

/// The segment the `[segments]` bands give a new account the file gave none, and the rule:
/// its stored name and how the report says it. Without the measure the bands ask for
/// (seats or employees), the ARR bands decide; an account with no ARR yet is tiered again
/// when its ARR arrives with contracts.
fn tier(row: &AccountIn, tiers: &SegmentTiers) -> (Segment, (&'static str, &'static str)) {
    let measured = match tiers.by {
        SegmentBy::Arr => None,
        SegmentBy::Seats => row.licensed_seats,
        SegmentBy::Employees => row.employees,
    };
    match measured {
        Some(n) => (
            tiers.segment_for(n),
            match tiers.by {
                SegmentBy::Seats => ("seats", "by their seats ([segments] bands)"),
                _ => ("employees", "by their employees ([segments] bands)"),
            },
        ),
        None => match row.arr {
            Some(arr) => (
                SegmentTiers::default_for_arr(tiers).segment_for(arr.cents / 100),
                ("arr", "by their ARR ([segments] bands)"),
            ),
            None => (
                Segment::SelfServe,
                (
                    "arr",
                    "as self-serve until their ARR comes with contracts, then by it ([segments] bands)",
                ),
            ),
        },
    }
}
