//! Writing an import: rows already read and checked (by `import/`) are upserted by
//! their external id in one transaction, counted as inserted, updated or unchanged, and
//! recorded (file, SHA-256, who, when, counts) with one journal entry. Rows the book
//! itself must refuse (an account it does not hold, a new account without a segment)
//! are problems at their line and column, and then nothing is kept.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

mod records;

use crate::book::write::Stamp;
use crate::book::{Book, BookError};

use crate::domain::Money;
use crate::domain::vocab::{
    ForecastCategory, ForecastConfidence, LifecycleStage, RenewalOutcome, Segment,
};
pub use records::{RecordIn, RecordTable};

/// Something wrong with one cell (or row) of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; the header is line 1.
    pub line: usize,
    /// 1-based.
    pub column: usize,
    pub value: String,
    pub expected: String,
}

impl Problem {
    /// `file:line:column: value: expected ...`.
    pub fn at(&self, file: &str) -> String {
        format!("{file}:{self}")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.value.is_empty() {
            "(empty)".to_string()
        } else {
            format!("`{}`", crate::text::clip(&self.value, 40))
        };
        write!(
            f,
            "{}:{}: {value}: expected {}",
            self.line, self.column, self.expected
        )
    }
}

/// What a file says of an account; None is "not said", and keeps what the book has.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountIn {
    pub line: usize,
    pub external_id: String,
    pub name: String,
    /// A team member's external id or name.
    pub owner: Option<String>,
    pub segment: Option<Segment>,
    pub industry: Option<String>,
    pub region: Option<String>,
    pub lifecycle_stage: Option<LifecycleStage>,
    pub arr: Option<Money>,
    pub licensed_seats: Option<i64>,
    pub started_on: Option<NaiveDate>,
    pub went_live_on: Option<NaiveDate>,
    pub churned_on: Option<NaiveDate>,
}

/// A contract term from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractIn {
    pub line: usize,
    pub external_id: String,
    /// The account's external id or, if unique, its name.
    pub account: String,
    pub account_column: usize,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub arr: Money,
    /// The CSM's forecast, when the file has one: category, confidence, ARR.
    pub forecast: Option<(ForecastCategory, ForecastConfidence, Money)>,
    /// What the renewal did, when it is done: outcome, day, ARR after.
    pub outcome: Option<(RenewalOutcome, NaiveDate, Money)>,
}

/// A week of an account's usage from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageIn {
    pub line: usize,
    pub account: String,
    pub account_column: usize,
    pub week_start: NaiveDate,
    pub active_users: i64,
    /// None: the account's licensed seats.
    pub licensed_seats: Option<i64>,
    pub sessions: i64,
    pub key_features_used: i64,
}

/// Where the rows came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: String,
    pub file: String,
    pub sha256: String,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Team members named as owners and added.
    pub team_added: Vec<String>,
}

/// The rows to write.
pub enum Rows<'a> {
    Accounts(&'a [AccountIn]),
    Contracts(&'a [ContractIn]),
    Usage(&'a [UsageIn]),
    /// Contacts, tickets, surveys, interactions or goals.
    Records(RecordTable, &'a [RecordIn]),
}

/// The page cache an import works with: a big file touches much of its table, and
/// SQLite's default (2 MB) would spill and re-read pages all the way through.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

impl Book {
    /// Writes `rows` in one transaction (kept only when `keep` and no row is refused),
    /// recording the import; the counts, or every problem.
    pub fn import(
        &mut self,
        stamp: &Stamp,
        rows: Rows<'_>,
        source: &Source,
        keep: bool,
    ) -> Result<Result<Counts, Vec<Problem>>, BookError> {
        self.conn()
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        self.write_checked(stamp, keep, |change| {
            let tx = change.tx();
            let mut counts = Counts::default();
            let mut problems = Vec::new();
            match rows {
                Rows::Accounts(rows) => accounts(tx, rows, &mut counts, &mut problems)?,
                Rows::Contracts(rows) => contracts(tx, rows, &mut counts, &mut problems)?,
                Rows::Usage(rows) => usage(tx, rows, &mut counts, &mut problems)?,
                Rows::Records(table, rows) => {
                    records::records(tx, table, rows, &mut counts, &mut problems)?
                }
            }
            if !problems.is_empty() {
                return Ok(Err(problems));
            }
            tx.execute(
                "INSERT INTO imports (kind, file, sha256, imported_at, actor, inserted, updated, unchanged)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    source.kind,
                    source.file,
                    source.sha256,
                    stamp.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    stamp.actor,
                    counts.inserted as i64,
                    counts.updated as i64,
                    counts.unchanged as i64
                ],
            )?;
            change.record_import(
                &source.kind,
                &format!(
                    "imported {} from {}: {} new, {} updated, {} unchanged",
                    source.kind, source.file, counts.inserted, counts.updated, counts.unchanged
                ),
            )?;
            Ok(Ok(counts))
        })
    }
}

/// Accounts by external id, and by lower-cased name when the name is unique.
struct AccountIds {
    by_id: HashMap<String, i64>,
    by_name: HashMap<String, Option<i64>>,
}

impl AccountIds {
    fn load(tx: &Transaction<'_>) -> Result<AccountIds, BookError> {
        let mut by_id = HashMap::new();
        let mut by_name: HashMap<String, Option<i64>> = HashMap::new();
        let mut stmt = tx.prepare("SELECT id, external_id, name FROM accounts")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if let Some(ext) = r.get::<_, Option<String>>(1)? {
                by_id.insert(ext, id);
            }
            by_name
                .entry(r.get::<_, String>(2)?.to_lowercase())
                .and_modify(|e| *e = None)
                .or_insert(Some(id));
        }
        Ok(AccountIds { by_id, by_name })
    }

    fn find(&self, account: &str) -> Option<i64> {
        self.by_id
            .get(account)
            .copied()
            .or_else(|| self.by_name.get(&account.to_lowercase()).copied().flatten())
    }
}

fn unknown_account(line: usize, column: usize, account: &str) -> Problem {
    Problem {
        line,
        column,
        value: account.to_string(),
        expected: "an account in the book, by external id or unique name (import accounts first)"
            .into(),
    }
}

/// A team member's id by external id or name; added (as a CSM) when unknown.
fn owner_id(tx: &Transaction<'_>, owner: &str, counts: &mut Counts) -> Result<i64, BookError> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM team_members WHERE external_id = ?1 OR lower(name) = lower(?1)
             ORDER BY external_id = ?1 DESC LIMIT 1",
            [owner],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO team_members (external_id, name, role) VALUES (?1, ?1, 'csm')",
        [owner],
    )?;
    counts.team_added.push(owner.to_string());
    Ok(tx.last_insert_rowid())
}

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

fn accounts(
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

/// A contract's account, start, end, ARR cents and currency, forecast (category,
/// confidence, ARR cents) and outcome (kind, day, ARR cents).
type ContractValues = (
    i64,
    String,
    String,
    i64,
    String,
    (Option<String>, Option<String>, Option<i64>),
    (Option<String>, Option<String>, Option<i64>),
);

fn contracts(
    tx: &Transaction<'_>,
    rows: &[ContractIn],
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let ids = AccountIds::load(tx)?;
    let mut touched = Vec::new();
    for row in rows {
        let Some(account) = ids.find(&row.account) else {
            problems.push(unknown_account(row.line, row.account_column, &row.account));
            continue;
        };
        touched.push(account);
        let now: ContractValues = (
            account,
            row.starts_on.to_string(),
            row.ends_on.to_string(),
            row.arr.cents,
            row.arr.currency.code().to_string(),
            match &row.forecast {
                Some((c, f, m)) => (
                    Some(c.as_str().into()),
                    Some(f.as_str().into()),
                    Some(m.cents),
                ),
                None => (None, None, None),
            },
            match &row.outcome {
                Some((k, on, m)) => (Some(k.as_str().into()), Some(on.to_string()), Some(m.cents)),
                None => (None, None, None),
            },
        );
        let was: Option<(i64, ContractValues)> = tx
            .query_row(
                "SELECT id, account_id, starts_on, ends_on, arr_cents, currency,
                        forecast_category, forecast_confidence, forecast_arr_cents,
                        outcome, outcome_on, outcome_arr_cents
                 FROM contracts WHERE external_id = ?1",
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
                            (r.get(6)?, r.get(7)?, r.get(8)?),
                            (r.get(9)?, r.get(10)?, r.get(11)?),
                        ),
                    ))
                },
            )
            .optional()?;
        // A file without forecast or outcome columns keeps what the book has.
        let now = match &was {
            Some((_, w)) => (
                now.0,
                now.1,
                now.2,
                now.3,
                now.4,
                if row.forecast.is_some() {
                    now.5
                } else {
                    w.5.clone()
                },
                if row.outcome.is_some() {
                    now.6
                } else {
                    w.6.clone()
                },
            ),
            None => now,
        };
        match was {
            Some((_, was)) if was == now => counts.unchanged += 1,
            Some((id, _)) => {
                tx.execute(
                    "UPDATE contracts SET account_id = ?1, starts_on = ?2, ends_on = ?3,
                         arr_cents = ?4, currency = ?5, forecast_category = ?6,
                         forecast_confidence = ?7, forecast_arr_cents = ?8, outcome = ?9,
                         outcome_on = ?10, outcome_arr_cents = ?11
                     WHERE id = ?12",
                    params![
                        now.0, now.1, now.2, now.3, now.4, now.5.0, now.5.1, now.5.2, now.6.0,
                        now.6.1, now.6.2, id
                    ],
                )?;
                counts.updated += 1;
            }
            None => {
                tx.execute(
                    "INSERT INTO contracts (account_id, starts_on, ends_on, arr_cents, currency,
                         forecast_category, forecast_confidence, forecast_arr_cents, outcome,
                         outcome_on, outcome_arr_cents, external_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        now.0,
                        now.1,
                        now.2,
                        now.3,
                        now.4,
                        now.5.0,
                        now.5.1,
                        now.5.2,
                        now.6.0,
                        now.6.1,
                        now.6.2,
                        row.external_id
                    ],
                )?;
                counts.inserted += 1;
            }
        }
    }
    // An account whose own file had no ARR takes its latest open term's.
    let mut arr = tx.prepare(
        "UPDATE accounts SET (arr_cents, currency) = (
             SELECT arr_cents, currency FROM contracts c
             WHERE c.account_id = accounts.id AND c.outcome IS NULL
             ORDER BY ends_on DESC LIMIT 1)
         WHERE id = ?1 AND arr_cents = 0
           AND EXISTS (SELECT 1 FROM contracts c WHERE c.account_id = ?1 AND c.outcome IS NULL)",
    )?;
    touched.sort_unstable();
    touched.dedup();
    for account in touched {
        arr.execute([account])?;
    }
    Ok(())
}

/// Weekly usage, set-based: the rows go to a temporary table first, then one INSERT
/// and one UPDATE move them (row-at-a-time statements each journal the pages they touch,
/// which made a million-row file four times slower).
fn usage(
    tx: &Transaction<'_>,
    rows: &[UsageIn],
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let ids = AccountIds::load(tx)?;
    let mut seats: HashMap<i64, Option<i64>> = HashMap::new();
    let mut weeks: HashMap<(i64, NaiveDate), usize> = HashMap::with_capacity(rows.len());
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.import_usage;
         CREATE TEMP TABLE import_usage (
             account_id INTEGER NOT NULL, week_start TEXT NOT NULL, active_users INTEGER NOT NULL,
             licensed_seats INTEGER NOT NULL, sessions INTEGER NOT NULL,
             key_features_used INTEGER NOT NULL);",
    )?;
    {
        let mut stage =
            tx.prepare("INSERT INTO temp.import_usage VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for row in rows {
            let Some(account) = ids.find(&row.account) else {
                problems.push(unknown_account(row.line, row.account_column, &row.account));
                continue;
            };
            if let Some(first) = weeks.insert((account, row.week_start), row.line) {
                problems.push(Problem {
                    line: row.line,
                    column: row.account_column,
                    value: row.account.clone(),
                    expected: format!(
                        "one row per account and week; line {first} has the week of {} too",
                        row.week_start
                    ),
                });
                continue;
            }
            let licensed = match row.licensed_seats {
                Some(n) => Some(n),
                None => match seats.get(&account) {
                    Some(s) => *s,
                    None => {
                        let s: Option<i64> = tx.query_row(
                            "SELECT licensed_seats FROM accounts WHERE id = ?1",
                            [account],
                            |r| r.get(0),
                        )?;
                        seats.insert(account, s);
                        s
                    }
                },
            };
            let Some(licensed) = licensed else {
                problems.push(Problem {
                    line: row.line,
                    column: row.account_column,
                    value: row.account.clone(),
                    expected:
                        "licensed seats: a licensed_seats column, or an account that has them"
                            .into(),
                });
                continue;
            };
            stage.execute(params![
                account,
                row.week_start.to_string(),
                row.active_users,
                licensed,
                row.sessions,
                row.key_features_used
            ])?;
        }
    }
    if !problems.is_empty() {
        return Ok(());
    }
    let (inserted, unchanged): (i64, i64) = tx.query_row(
        "SELECT count(*) FILTER (WHERE u.account_id IS NULL),
                count(*) FILTER (WHERE u.active_users = i.active_users
                    AND u.licensed_seats = i.licensed_seats AND u.sessions = i.sessions
                    AND u.key_features_used = i.key_features_used)
         FROM temp.import_usage i
         LEFT JOIN usage_weeks u ON u.account_id = i.account_id AND u.week_start = i.week_start",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute(
        "UPDATE usage_weeks SET active_users = i.active_users, licensed_seats = i.licensed_seats,
             sessions = i.sessions, key_features_used = i.key_features_used
         FROM temp.import_usage i
         WHERE usage_weeks.account_id = i.account_id AND usage_weeks.week_start = i.week_start
           AND (usage_weeks.active_users, usage_weeks.licensed_seats, usage_weeks.sessions,
                usage_weeks.key_features_used)
               IS NOT (i.active_users, i.licensed_seats, i.sessions, i.key_features_used)",
        [],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO usage_weeks (account_id, week_start, active_users, licensed_seats,
             sessions, key_features_used)
         SELECT account_id, week_start, active_users, licensed_seats, sessions, key_features_used
         FROM temp.import_usage ORDER BY account_id, week_start",
        [],
    )?;
    tx.execute_batch("DROP TABLE temp.import_usage;")?;
    counts.inserted += inserted as usize;
    counts.unchanged += unchanged as usize;
    counts.updated += rows.len() - inserted as usize - unchanged as usize;
    Ok(())
}
