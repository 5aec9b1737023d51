//! Writing the kinds that hang off an account (contacts, tickets, surveys, interactions,
//! goals): each row's columns by the book's names, upserted by external id and counted;
//! the account, a contact and a team member found by their ids (team members added when
//! new); who a contact reports to set once every contact of the file is in.

use std::collections::HashMap;

use rusqlite::Transaction;
use rusqlite::types::Value;

use super::{AccountIds, Counts, Problem, owner_id, unknown_account};
use crate::book::BookError;

/// A row of one of these kinds, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordIn {
    pub line: usize,
    pub external_id: String,
    pub account: String,
    pub account_column: usize,
    /// The columns the file gave, by the book's column name.
    pub values: Vec<(&'static str, Value)>,
    /// A contact by external id, for `contact_id`, and its column in the file.
    pub contact: Option<(String, usize)>,
    /// A team member by name or id, for this book column (added when new).
    pub member: Option<(&'static str, String)>,
    /// For a contact: who they report to, by external id, and its column.
    pub reports_to: Option<(String, usize)>,
}

/// Which table, and what a new row takes for a column the file did not give.
#[derive(Debug, Clone, Copy)]
pub struct RecordTable {
    pub table: &'static str,
    pub defaults: &'static [(&'static str, &'static str)],
}

fn contact_ids(tx: &Transaction<'_>) -> Result<HashMap<String, i64>, BookError> {
    let mut stmt =
        tx.prepare("SELECT external_id, id FROM contacts WHERE external_id IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Contacts by lower-cased email: a survey tool knows its respondents by their address.
fn contact_emails(tx: &Transaction<'_>) -> Result<HashMap<String, i64>, BookError> {
    let mut stmt = tx
        .prepare("SELECT lower(email), id FROM contacts WHERE email IS NOT NULL AND email <> ''")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn records(
    tx: &Transaction<'_>,
    table: RecordTable,
    rows: &[RecordIn],
    counts: &mut Counts,
    problems: &mut Vec<Problem>,
) -> Result<(), BookError> {
    let ids = AccountIds::load(tx)?;
    let mut contacts = contact_ids(tx)?;
    let emails = contact_emails(tx)?;
    let mut written: Vec<(i64, &RecordIn)> = Vec::new();
    for row in rows {
        let Some(account) = ids.find(&row.account) else {
            problems.push(unknown_account(row.line, row.account_column, &row.account));
            continue;
        };
        let mut cols: Vec<(&str, Value)> = vec![("account_id", Value::Integer(account))];
        cols.extend(row.values.iter().cloned());
        if let Some((contact, column)) = &row.contact {
            let found = contacts
                .get(contact)
                .or_else(|| emails.get(&contact.to_lowercase()));
            match found {
                Some(id) => cols.push(("contact_id", Value::Integer(*id))),
                // Who answered is worth keeping, not worth refusing the answer over.
                None if contact.contains('@') => counts.note(
                    "a respondent who is not a contact in the book: kept without one (import contacts to link them)",
                ),
                None => {
                    problems.push(Problem {
                        line: row.line,
                        column: *column,
                        value: contact.clone(),
                        expected: "a contact in the book, by external id or email (import contacts first)"
                            .into(),
                    });
                    continue;
                }
            }
        }
        if let Some((column, who)) = &row.member {
            cols.push((column, Value::Integer(owner_id(tx, who, counts)?)));
        }
        let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
        let existing: Option<(i64, Vec<Value>)> = {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT id, {} FROM {} WHERE external_id = ?1",
                names.join(", "),
                table.table
            ))?;
            let mut found = stmt.query([&row.external_id])?;
            match found.next()? {
                Some(r) => Some((
                    r.get(0)?,
                    (1..=names.len())
                        .map(|i| r.get::<_, Value>(i))
                        .collect::<Result<_, _>>()?,
                )),
                None => None,
            }
        };
        let now: Vec<Value> = cols.iter().map(|(_, v)| v.clone()).collect();
        match existing {
            Some((id, was)) if was == now => {
                counts.unchanged += 1;
                written.push((id, row));
            }
            Some((id, _)) => {
                let sets: Vec<String> = names
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{c} = ?{}", i + 2))
                    .collect();
                let mut values = vec![Value::Integer(id)];
                values.extend(now);
                tx.execute(
                    &format!(
                        "UPDATE {} SET {} WHERE id = ?1",
                        table.table,
                        sets.join(", ")
                    ),
                    rusqlite::params_from_iter(values),
                )?;
                counts.updated += 1;
                written.push((id, row));
            }
            None => {
                let mut names = names.clone();
                let mut values = now;
                for (column, default) in table.defaults {
                    if !names.contains(column) {
                        names.push(column);
                        values.push(Value::Text((*default).into()));
                    }
                }
                names.push("external_id");
                values.push(Value::Text(row.external_id.clone()));
                let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
                tx.execute(
                    &format!(
                        "INSERT INTO {} ({}) VALUES ({})",
                        table.table,
                        names.join(", "),
                        marks.join(", ")
                    ),
                    rusqlite::params_from_iter(values),
                )?;
                let id = tx.last_insert_rowid();
                if table.table == "contacts" {
                    contacts.insert(row.external_id.clone(), id);
                }
                counts.inserted += 1;
                written.push((id, row));
            }
        }
    }
    // Reporting lines, now that every contact of the file is in the book.
    for (id, row) in written {
        let Some((manager, column)) = &row.reports_to else {
            continue;
        };
        let Some(manager_id) = contacts.get(manager) else {
            problems.push(Problem {
                line: row.line,
                column: *column,
                value: manager.clone(),
                expected: "a contact's external id, in this file or the book".into(),
            });
            continue;
        };
        tx.execute(
            "UPDATE contacts SET reports_to_id = ?2 WHERE id = ?1 AND reports_to_id IS NOT ?2",
            [id, *manager_id],
        )?;
    }
    Ok(())
}
