//! The Stakeholders pane's read model: every active account with a coverage gap as one
//! compact row (its gaps counted, not kept), read in one pass over the contacts index
//! that carries what the coverage rules read; the gaps' reasons are read for the rows on
//! screen, and one account's row again after a write. A big book is read in two halves
//! of its accounts, on two connections at once.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Row, params};

use crate::book::sql::{money, opt_date, owned_by, term};
use crate::book::{Book, BookError};
use crate::domain::Money;
use crate::domain::stakeholders::{CoverageRules, Gap, Stakeholder, gap_count, gaps};
use crate::domain::vocab::{Influence, Segment};

/// An account with a coverage gap, as the pane lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct GapRow {
    pub account_id: i64,
    pub account: String,
    /// The owner's name, shared by every row of theirs.
    pub owner: Option<Arc<str>>,
    pub segment: Segment,
    pub arr: Money,
    /// How many gaps it has.
    pub gaps: usize,
}

impl GapRow {
    /// The pane's order: largest ARR first, then the account read first.
    pub fn order(&self) -> (i64, i64) {
        (-self.arr.cents, self.account_id)
    }
}

/// The columns of `contacts_by_account`, which covers them: what the coverage rules
/// read of a person.
const PEOPLE_FOR_GAPS: &str =
    "SELECT account_id, id, role, left_on, last_touch_on, sentiment, name FROM contacts";

const ACCOUNTS: &str = "SELECT a.id, a.name, a.owner_id, a.segment, a.arr_cents, a.currency
     FROM accounts a WHERE (a.churned_on IS NULL OR a.churned_on > ?1)";

/// Accounts `gap_list_first` reads, at most, for each row it is asked for.
const WALKED_PER_ROW: usize = 20;

/// A book with more accounts (by id) than this reads its gaps on two connections.
const HALVED_FROM: i64 = 4096;

/// A person as the coverage rules see them; what they do not read is left empty.
fn person_for_gaps(r: &Row<'_>) -> rusqlite::Result<Stakeholder> {
    Ok(Stakeholder {
        id: r.get(1)?,
        name: r.get(6)?,
        title: None,
        role: term(r, 2)?,
        sentiment: term(r, 5)?,
        influence: Influence::Medium,
        reports_to: None,
        last_touch: opt_date(r, 4)?.map(|on| (on, None)),
        left_on: opt_date(r, 3)?,
        advocacy: None,
        referenceable: false,
        last_reference_on: None,
    })
}

/// An account's row from the columns of [`ACCOUNTS`] and its people; None without a gap.
fn gap_row(
    r: &Row<'_>,
    people: &[Stakeholder],
    owners: &HashMap<i64, Arc<str>>,
    rules: &CoverageRules,
    today: NaiveDate,
) -> rusqlite::Result<Option<GapRow>> {
    let segment: Segment = term(r, 3)?;
    let gaps = gap_count(segment, people, rules, today);
    if gaps == 0 {
        return Ok(None);
    }
    Ok(Some(GapRow {
        account_id: r.get(0)?,
        account: r.get(1)?,
        owner: r
            .get::<_, Option<i64>>(2)?
            .and_then(|o| owners.get(&o).cloned()),
        segment,
        arr: money(r, 4, 5)?,
        gaps,
    }))
}

impl Book {
    fn owner_names(&self) -> Result<HashMap<i64, Arc<str>>, BookError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name FROM team_members")?;
        let names = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, Arc::from(r.get::<_, String>(1)?)))
            })?
            .collect::<Result<_, _>>()?;
        Ok(names)
    }

    /// Every active account with a coverage gap as of `today`, in the pane's order
    /// ([`GapRow::order`]): the accounts [`Book::coverage_gaps`] lists, gaps counted.
    pub fn gap_list(
        &self,
        rules: &CoverageRules,
        today: NaiveDate,
    ) -> Result<Vec<GapRow>, BookError> {
        let (first, last) = self.account_id_span()?;
        let reader = match last - first >= HALVED_FROM {
            true => self.reader()?,
            false => None,
        };
        let mut out = match reader {
            // Two connections, half of the accounts each.
            Some(reader) => {
                let middle = first + (last - first) / 2;
                std::thread::scope(|s| {
                    let other = s.spawn(move || reader.gap_rows(rules, today, (middle + 1, last)));
                    let mut mine = self.gap_rows(rules, today, (first, middle))?;
                    let theirs = other
                        .join()
                        .map_err(|_| BookError::Invalid("reading the gaps failed".into()))??;
                    mine.extend(theirs);
                    Ok::<_, BookError>(mine)
                })?
            }
            None => self.gap_rows(rules, today, (first, last))?,
        };
        out.sort_by_key(GapRow::order);
        Ok(out)
    }

    /// The first accounts with a coverage gap in the pane's order, `owner`'s alone when
    /// named: the accounts are walked largest ARR first, each with its people, until
    /// `n` have a gap (or 20 accounts a row have been read: then fewer). What the pane
    /// shows while the rest is read: a few accounts read for each one shown, however
    /// big the book.
    pub fn gap_list_first(
        &self,
        rules: &CoverageRules,
        today: NaiveDate,
        owner: Option<&str>,
        n: usize,
    ) -> Result<Vec<GapRow>, BookError> {
        let owners = self.owner_names()?;
        let mut accounts = self.conn().prepare_cached(&format!(
            "{ACCOUNTS} AND {} ORDER BY a.arr_cents DESC, a.id",
            owned_by("a.owner_id", "?2")
        ))?;
        let mut people = self.conn().prepare_cached(&format!(
            "{PEOPLE_FOR_GAPS} WHERE account_id = ?1 ORDER BY id"
        ))?;
        let mut rows = accounts.query(params![today.to_string(), owner])?;
        let mut out = Vec::with_capacity(n);
        // In a well-covered book few accounts have a gap: past this many read, the
        // first screen shows what it found and the whole read finds the rest.
        let mut left = n.saturating_mul(WALKED_PER_ROW);
        while out.len() < n
            && left > 0
            && let Some(r) = rows.next()?
        {
            left -= 1;
            let id: i64 = r.get(0)?;
            let theirs = people
                .query_map([id], person_for_gaps)?
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(row) = gap_row(r, &theirs, &owners, rules, today)? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// One account's row, read by itself: None when it has no gap (or is churned).
    pub fn gap_row(
        &self,
        rules: &CoverageRules,
        today: NaiveDate,
        account: i64,
    ) -> Result<Option<GapRow>, BookError> {
        Ok(self.gap_rows(rules, today, (account, account))?.pop())
    }

    /// The rows of the accounts whose ids lie in `ids`, by id.
    fn gap_rows(
        &self,
        rules: &CoverageRules,
        today: NaiveDate,
        ids: (i64, i64),
    ) -> Result<Vec<GapRow>, BookError> {
        let owners = self.owner_names()?;
        let people_sql =
            format!("{PEOPLE_FOR_GAPS} WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id, id");
        let accounts_sql = format!("{ACCOUNTS} AND a.id BETWEEN ?2 AND ?3 ORDER BY a.id");
        let mut people = self.conn().prepare_cached(&people_sql)?;
        let mut people = people.query(params![ids.0, ids.1])?;
        let mut next_person = people.next()?;
        let mut accounts = self.conn().prepare_cached(&accounts_sql)?;
        let mut rows = accounts.query(params![today.to_string(), ids.0, ids.1])?;
        let mut out = Vec::new();
        let mut theirs = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            theirs.clear();
            while let Some(p) = next_person {
                let of: i64 = p.get(0)?;
                if of > id {
                    break;
                }
                if of == id {
                    theirs.push(person_for_gaps(p)?);
                }
                next_person = people.next()?;
            }
            if let Some(row) = gap_row(r, &theirs, &owners, rules, today)? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// The gaps of these accounts, with their reasons, as of `today`.
    pub fn gaps_of(
        &self,
        rules: &CoverageRules,
        today: NaiveDate,
        accounts: &[i64],
    ) -> Result<HashMap<i64, Vec<Gap>>, BookError> {
        let mut out = HashMap::with_capacity(accounts.len());
        let mut people = self.conn().prepare_cached(&format!(
            "{PEOPLE_FOR_GAPS} WHERE account_id = ?1 ORDER BY id"
        ))?;
        let mut segment = self
            .conn()
            .prepare_cached("SELECT segment FROM accounts WHERE id = ?1")?;
        for &account in accounts {
            let theirs = people
                .query_map([account], person_for_gaps)?
                .collect::<Result<Vec<_>, _>>()?;
            let seg: Segment = segment.query_row([account], |r| term(r, 0))?;
            out.insert(account, gaps(seg, &theirs, rules, today));
        }
        Ok(out)
    }
}
