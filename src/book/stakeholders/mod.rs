//! Stakeholders in the book: an account's people for its map, every account's coverage
//! gaps in one pass, and the changes a CSM makes to a contact (role, sentiment,
//! influence, left the company, a new contact), each through the journal, closing the
//! tasks a new champion or sponsor makes moot; and the pane's compact gap list.

mod gap_list;

pub use gap_list::GapRow;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::sql::{money, opt_date, term};
use super::write::{Entity, Stamp};
use super::{Book, BookError};
use crate::domain::Money;
use crate::domain::stakeholders::{CoverageRules, Gap, Stakeholder, gaps};
use crate::domain::vocab::{ContactRole, Influence, Segment, Sentiment};

const PEOPLE: &str =
    "SELECT account_id, id, name, title, role, sentiment, influence, reports_to_id,
        last_touch_on, last_touch_kind, left_on, advocacy, referenceable, last_reference_on
     FROM contacts";

fn stakeholder(r: &Row<'_>) -> rusqlite::Result<Stakeholder> {
    let last_touch = opt_date(r, 8)?.map(|on| {
        let kind = r
            .get::<_, Option<String>>(9)
            .ok()
            .flatten()
            .and_then(|k| k.parse().ok());
        (on, kind)
    });
    Ok(Stakeholder {
        id: r.get(1)?,
        name: r.get(2)?,
        title: r.get(3)?,
        role: term(r, 4)?,
        sentiment: term(r, 5)?,
        influence: term(r, 6)?,
        reports_to: r.get(7)?,
        last_touch,
        left_on: opt_date(r, 10)?,
        advocacy: r.get::<_, Option<String>>(11)?.and_then(|a| a.parse().ok()),
        referenceable: r.get(12)?,
        last_reference_on: opt_date(r, 13)?,
    })
}

/// An account and the gaps in its coverage.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountGaps {
    pub account_id: i64,
    pub account: String,
    pub owner: Option<String>,
    pub segment: Segment,
    pub arr: Money,
    pub gaps: Vec<Gap>,
}

/// A contact to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub name: String,
    pub title: Option<String>,
    pub role: ContactRole,
    pub reports_to: Option<i64>,
}

/// A field of a contact a CSM edits from the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactEdit {
    Role(ContactRole),
    Sentiment(Sentiment),
    Influence(Influence),
    /// They agreed to be a reference (or withdrew it).
    Referenceable(bool),
}

impl Book {
    /// An account's people, in the order they were added.
    pub fn stakeholders(&self, account: i64) -> Result<Vec<Stakeholder>, BookError> {
        let mut stmt = self
            .conn()
            .prepare(&format!("{PEOPLE} WHERE account_id = ?1 ORDER BY id"))?;
        let rows = stmt.query_map([account], stakeholder)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// An account's segment, which decides the roles its map needs.
    pub fn segment_of(&self, account: i64) -> Result<Segment, BookError> {
        Ok(self.conn().query_row(
            "SELECT segment FROM accounts WHERE id = ?1",
            [account],
            |r| term(r, 0),
        )?)
    }

    /// Every active account with a coverage gap as of `today`, largest ARR first.
    pub fn coverage_gaps(
        &self,
        rules: &CoverageRules,
        today: NaiveDate,
    ) -> Result<Vec<AccountGaps>, BookError> {
        let mut people = self
            .conn()
            .prepare(&format!("{PEOPLE} ORDER BY account_id, id"))?;
        let mut people = people
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, stakeholder(r)?)))?
            .peekable();
        let mut accounts = self.conn().prepare(
            "SELECT a.id, a.name, t.name, a.segment, a.arr_cents, a.currency
             FROM accounts a LEFT JOIN team_members t ON t.id = a.owner_id
             WHERE a.churned_on IS NULL OR a.churned_on > ?1
             ORDER BY a.id",
        )?;
        let mut rows = accounts.query([today.to_string()])?;
        let mut out = Vec::new();
        let mut theirs = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            theirs.clear();
            while let Some(Ok((account, _))) = people.peek() {
                if *account > id {
                    break;
                }
                let (account, person) = people.next().expect("peeked")?;
                if account == id {
                    theirs.push(person);
                }
            }
            if let Some(Err(_)) = people.peek() {
                people.next().expect("peeked")?;
            }
            let segment: Segment = term(r, 3)?;
            let found = gaps(segment, &theirs, rules, today);
            if found.is_empty() {
                continue;
            }
            out.push(AccountGaps {
                account_id: id,
                account: r.get(1)?,
                owner: r.get(2)?,
                segment,
                arr: money(r, 4, 5)?,
                gaps: found,
            });
        }
        out.sort_by_key(|a| std::cmp::Reverse(a.arr.cents));
        Ok(out)
    }

    /// Changes a contact's role, sentiment or influence; a task it makes moot (a
    /// champion named, a sponsor) closes in the same change, as of `today`.
    pub fn edit_contact(
        &mut self,
        stamp: &Stamp,
        contact: i64,
        edit: ContactEdit,
        today: NaiveDate,
    ) -> Result<(), BookError> {
        let name = self.contact_name(contact)?;
        let account = self.contact_account(contact)?;
        self.write(stamp, |change| {
            match edit {
                ContactEdit::Role(r) => change.set(
                    Entity::Contact,
                    contact,
                    "role",
                    &r.as_str(),
                    &format!("{name}: role now {}", r.label()),
                )?,
                ContactEdit::Sentiment(s) => change.set(
                    Entity::Contact,
                    contact,
                    "sentiment",
                    &s.as_str(),
                    &format!("{name}: sentiment now {}", s.label()),
                )?,
                ContactEdit::Influence(i) => change.set(
                    Entity::Contact,
                    contact,
                    "influence",
                    &i.as_str(),
                    &format!("{name}: influence now {}", i.label()),
                )?,
                ContactEdit::Referenceable(yes) => change.set(
                    Entity::Contact,
                    contact,
                    "referenceable",
                    &yes,
                    &if yes {
                        format!("{name}: agreed to be a reference")
                    } else {
                        format!("{name}: no longer a reference")
                    },
                )?,
            }
            if matches!(edit, ContactEdit::Role(_)) {
                change.settle_account(account, today)?;
            }
            Ok(())
        })
    }

    /// Records that a contact left the customer on `on`.
    pub fn mark_left(
        &mut self,
        stamp: &Stamp,
        contact: i64,
        on: NaiveDate,
    ) -> Result<(), BookError> {
        let name = self.contact_name(contact)?;
        self.write(stamp, |change| {
            change.set(
                Entity::Contact,
                contact,
                "left_on",
                &on.to_string(),
                &format!("{name} left on {on}"),
            )
        })
    }

    /// Adds a contact to an account; a task it makes moot (a new champion, a sponsor)
    /// closes in the same change, as of `today`. Returns its id.
    pub fn add_contact(
        &mut self,
        stamp: &Stamp,
        account: i64,
        contact: &NewContact,
        today: NaiveDate,
    ) -> Result<i64, BookError> {
        let name = contact.name.trim();
        if name.is_empty() {
            return Err(BookError::Invalid("a contact needs a name".into()));
        }
        self.write(stamp, |change| {
            let id = change.insert(
                Entity::Contact,
                &[
                    ("account_id", &account),
                    ("name", &name),
                    ("title", &contact.title),
                    ("role", &contact.role.as_str()),
                    ("sentiment", &Sentiment::Unknown.as_str()),
                    ("influence", &Influence::Medium.as_str()),
                    ("reports_to_id", &contact.reports_to),
                ],
                &format!("added {name}, {}", contact.role.label()),
            )?;
            change.settle_account(account, today)?;
            Ok(id)
        })
    }

    fn contact_account(&self, contact: i64) -> Result<i64, BookError> {
        Ok(self.conn().query_row(
            "SELECT account_id FROM contacts WHERE id = ?1",
            params![contact],
            |r| r.get(0),
        )?)
    }

    fn contact_name(&self, contact: i64) -> Result<String, BookError> {
        self.conn()
            .query_row(
                "SELECT name FROM contacts WHERE id = ?1",
                params![contact],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| BookError::Invalid(format!("there is no contact #{contact}")))
    }
}
