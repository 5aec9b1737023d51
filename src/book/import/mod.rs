//! Writing an import: rows already read and checked (by `import/`) are upserted by
//! their external id in one transaction, counted as inserted, updated or unchanged, and
//! recorded (file, SHA-256, who, when, counts) with one journal entry. Rows the book
//! itself must refuse (an account it does not hold, a new account without a segment)
//! are problems at their line and column, and then nothing is kept.

mod accounts;
mod churn;
mod contracts;
mod records;
mod usage;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::book::write::{Change, Stamp};
use crate::book::{Book, BookError};
use crate::domain::Money;
use crate::domain::segments::SegmentTiers;
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
    /// The segment came from a plan-tier word, not a segment of ours.
    pub segment_from_plan: bool,
    /// The customer's employees, for `[segments] by = "employees"`.
    pub employees: Option<i64>,
    pub industry: Option<String>,
    /// What the customer uses: product lines or modules, comma-separated.
    pub products: Option<String>,
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
    /// The customer's name, to find the account by when `account` is not one the book
    /// knows (a billing system's customer id).
    pub account_name: Option<String>,
    pub account_column: usize,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub arr: Money,
    /// The CSM's forecast, when the file has one: category, confidence, ARR.
    pub forecast: Option<(ForecastCategory, ForecastConfidence, Money)>,
    /// What the renewal did, when it is done: outcome, day, ARR after.
    pub outcome: Option<(RenewalOutcome, NaiveDate, Money)>,
    /// Why it churned, when the file says.
    pub outcome_reason: Option<String>,
    /// Seats the term is for (a subscription's quantity), when the file says.
    pub seats: Option<i64>,
    /// A trial: not revenue, kept aside only so its usage finds its account.
    pub trial: bool,
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

/// A churn event from a file: the account left on a day, for a reason.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnIn {
    pub line: usize,
    pub account: String,
    pub account_column: usize,
    pub churned_on: NaiveDate,
    pub reason: Option<String>,
    pub feedback: Option<String>,
}

/// The rules an import writes by: the day, and the `[segments]` bands that tier an
/// account without a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportRules {
    pub today: NaiveDate,
    pub tiers: SegmentTiers,
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
    /// Accounts given a segment by a rule, by the rule.
    pub segmented: BTreeMap<&'static str, usize>,
    /// What writing did that the person should know, with how many rows it touched.
    pub notes: BTreeMap<&'static str, usize>,
}

impl Counts {
    pub(crate) fn note(&mut self, note: &'static str) {
        *self.notes.entry(note).or_default() += 1;
    }

    /// "segmented 312 accounts without a segment: 300 by the ARR bands in [segments], 12
    /// by their plan tier".
    pub fn segmented_lines(&self) -> Vec<String> {
        if self.segmented.is_empty() {
            return Vec::new();
        }
        let all: usize = self.segmented.values().sum();
        let parts: Vec<String> = self
            .segmented
            .iter()
            .map(|(rule, n)| format!("{n} {rule}"))
            .collect();
        vec![format!(
            "segmented {all} account{} the file gave no segment: {}",
            if all == 1 { "" } else { "s" },
            parts.join(", ")
        )]
    }
}

/// The rows to write.
pub enum Rows<'a> {
    Accounts(&'a [AccountIn]),
    Contracts(&'a [ContractIn]),
    Usage(&'a [UsageIn]),
    /// Contacts, tickets, surveys, interactions or goals.
    Records(RecordTable, &'a [RecordIn]),
    Churn(&'a [ChurnIn]),
}

/// The page cache an import works with: a big file touches much of its table, and
/// SQLite's default (2 MB) would spill and re-read pages all the way through.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

impl Book {
    /// The key features' names, lower-cased: what usage events count toward adoption.
    pub fn key_features(&self) -> Result<std::collections::HashSet<String>, BookError> {
        self.collect("SELECT lower(name) FROM features WHERE is_key = 1", |r| {
            r.get(0)
        })
    }

    /// Every row of `sql` read by `each`, gathered into a collection.
    fn collect<T, C: FromIterator<T>>(
        &self,
        sql: &str,
        each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<C, BookError> {
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map([], each)?;
        Ok(rows.collect::<Result<C, _>>()?)
    }

    /// Writes `rows` in one transaction (kept only when `keep` and no row is refused),
    /// recording the import; the counts, or every problem.
    pub fn import(
        &mut self,
        stamp: &Stamp,
        rows: Rows<'_>,
        source: &Source,
        rules: &ImportRules,
        keep: bool,
    ) -> Result<Result<Counts, Vec<Problem>>, BookError> {
        self.import_all(stamp, &[(rows, source)], rules, keep)
            .map(|r| {
                r.map(|mut c| c.pop().unwrap_or_default())
                    .map_err(|(_, p)| p)
            })
    }

    /// Writes several files' rows in one transaction, in the order given (accounts
    /// before what hangs off them), kept only when `keep` and no row of any file is
    /// refused: each file's counts, or the first refused file's index and problems.
    #[allow(clippy::type_complexity)]
    pub fn import_all(
        &mut self,
        stamp: &Stamp,
        files: &[(Rows<'_>, &Source)],
        rules: &ImportRules,
        keep: bool,
    ) -> Result<Result<Vec<Counts>, (usize, Vec<Problem>)>, BookError> {
        self.conn()
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        self.write_checked(stamp, keep, |change| {
            let mut all = Vec::new();
            for (i, (rows, source)) in files.iter().enumerate() {
                match write_rows(change, stamp, rows, source, rules)? {
                    Ok(counts) => all.push(counts),
                    Err(problems) => return Ok(Err((i, problems))),
                }
            }
            Ok(Ok(all))
        })
    }
}

/// Writes one file's rows inside the import's transaction, and records it.
fn write_rows(
    change: &mut Change<'_>,
    stamp: &Stamp,
    rows: &Rows<'_>,
    source: &Source,
    rules: &ImportRules,
) -> Result<Result<Counts, Vec<Problem>>, BookError> {
    let tx = change.tx();
    let mut counts = Counts::default();
    let mut problems = Vec::new();
    match *rows {
        // Every account row can be written: a segment comes from the rules.
        Rows::Accounts(rows) => accounts::accounts(tx, rows, rules, &mut counts)?,
        Rows::Contracts(rows) => contracts::contracts(tx, rows, rules, &mut counts, &mut problems)?,
        Rows::Usage(rows) => usage::usage(tx, rows, &mut counts, &mut problems)?,
        Rows::Records(table, rows) => {
            records::records(tx, table, rows, &mut counts, &mut problems)?
        }
        Rows::Churn(rows) => churn::churn(tx, rows, &mut counts, &mut problems)?,
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
}

impl Book {
    /// Every account's external id.
    pub fn account_external_ids(&self) -> Result<std::collections::HashSet<String>, BookError> {
        self.collect(
            "SELECT external_id FROM accounts WHERE external_id IS NOT NULL",
            |r| r.get(0),
        )
    }

    /// Each contract's (subscription's) external id, with its account's external id:
    /// what usage events keyed by a subscription resolve through.
    pub fn subscription_accounts(&self) -> Result<HashMap<String, String>, BookError> {
        self.collect(
            "SELECT c.external_id, a.external_id FROM contracts c
             JOIN accounts a ON a.id = c.account_id
             WHERE c.external_id IS NOT NULL AND a.external_id IS NOT NULL
             UNION ALL
             SELECT t.external_id, a.external_id FROM trials t
             JOIN accounts a ON a.id = t.account_id WHERE a.external_id IS NOT NULL",
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
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
        expected: "an account in the book, by external id or unique name: import accounts first, or name the column that holds it in a --map file's [columns] (account = \"...\")"
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
