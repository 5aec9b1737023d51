//! The one write path. Every change a person makes, from the TUI or the command line, and
//! every import, runs inside `Book::write`: one transaction that applies it and appends it
//! to the change journal, so a change and its record land together or not at all. The
//! entries one call appends form one change (what an undo takes back whole), told to a
//! person by its first entry's summary: a writer journals the row the change is about
//! first.

use chrono::NaiveDateTime;
use rusqlite::types::{ToSql, ValueRef};
use rusqlite::{OptionalExtension, Transaction};

use super::journal::{self, JournalAction, NewEntry};
use super::{Book, BookError};

/// Who makes a change, and when (UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub actor: String,
    pub at: NaiveDateTime,
}

/// The tables a person edits row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Account,
    Contract,
    Contact,
    Interaction,
    Task,
    HealthOverride,
    Goal,
    Opportunity,
    /// The ARR a won expansion adds to a contract from a day.
    ArrChange,
    TeamMember,
    RenewalStep,
    TodayDismissal,
    /// An onboarding milestone ticked.
    Milestone,
    /// A contact asked to be a reference, and how it went.
    ReferenceAsk,
}

impl Entity {
    pub fn table(self) -> &'static str {
        match self {
            Entity::Account => "accounts",
            Entity::Contract => "contracts",
            Entity::Contact => "contacts",
            Entity::Interaction => "interactions",
            Entity::Task => "tasks",
            Entity::HealthOverride => "health_overrides",
            Entity::Goal => "goals",
            Entity::Opportunity => "opportunities",
            Entity::ArrChange => "arr_changes",
            Entity::TeamMember => "team_members",
            Entity::RenewalStep => "renewal_steps",
            Entity::TodayDismissal => "today_dismissals",
            Entity::Milestone => "onboarding_milestones",
            Entity::ReferenceAsk => "reference_asks",
        }
    }

    /// The entity a table holds, if a person edits it row by row.
    pub fn from_table(table: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.table() == table)
    }

    pub const ALL: [Entity; 14] = [
        Entity::Account,
        Entity::Contract,
        Entity::Contact,
        Entity::Interaction,
        Entity::Task,
        Entity::HealthOverride,
        Entity::Goal,
        Entity::Opportunity,
        Entity::ArrChange,
        Entity::TeamMember,
        Entity::RenewalStep,
        Entity::TodayDismissal,
        Entity::Milestone,
        Entity::ReferenceAsk,
    ];
}

/// A change in progress: the transaction and who makes it. Every journal entry it
/// appends belongs to one change, named by the id of its first entry.
pub struct Change<'a> {
    tx: Transaction<'a>,
    stamp: &'a Stamp,
    /// The journal entries appended so far.
    written: Vec<i64>,
    /// The change this one takes back (an undo or a redo), and whether it is a redo.
    undoes: Option<(i64, bool)>,
}

impl<'a> Change<'a> {
    fn new(tx: Transaction<'a>, stamp: &'a Stamp) -> Change<'a> {
        Change {
            tx,
            stamp,
            written: Vec::new(),
            undoes: None,
        }
    }
}

impl Book {
    /// Runs `f` in one transaction; what it changes and its journal entries are committed
    /// together when it returns `Ok`, and nothing is kept when it fails. Imported rows
    /// written without their team-wide ids get them before the commit
    /// ([`super::identity::settle`]).
    pub fn write<T>(
        &mut self,
        stamp: &Stamp,
        f: impl FnOnce(&mut Change<'_>) -> Result<T, BookError>,
    ) -> Result<T, BookError> {
        let mut change = Change::new(super::begin_write(&mut self.conn)?, stamp);
        let out = f(&mut change)?;
        let Change { tx, written, .. } = change;
        super::identity::settle(&tx)?;
        tx.commit()?;
        self.written.extend(written);
        Ok(out)
    }

    /// Runs `f` in one transaction and commits only when it returns `Ok(Ok(_))` and
    /// `keep` holds: a change refused row by row, or a dry run, leaves the book as it was.
    pub fn write_checked<T, E>(
        &mut self,
        stamp: &Stamp,
        keep: bool,
        f: impl FnOnce(&mut Change<'_>) -> Result<Result<T, E>, BookError>,
    ) -> Result<Result<T, E>, BookError> {
        let mut change = Change::new(super::begin_write(&mut self.conn)?, stamp);
        let out = f(&mut change)?;
        if keep && out.is_ok() {
            let Change { tx, written, .. } = change;
            super::identity::settle(&tx)?;
            tx.commit()?;
            self.written.extend(written);
        }
        Ok(out)
    }
}

impl Change<'_> {
    /// Sets one field of one row, journaling the row as it was and as it is.
    pub fn set(
        &mut self,
        entity: Entity,
        id: i64,
        field: &str,
        value: &dyn ToSql,
        summary: &str,
    ) -> Result<(), BookError> {
        self.update(entity, id, &[(field, value)], summary)
    }

    /// Sets several fields of one row as one change: one statement, one journal entry
    /// with the row as it was and as it is.
    pub fn update(
        &mut self,
        entity: Entity,
        id: i64,
        fields: &[(&str, &dyn ToSql)],
        summary: &str,
    ) -> Result<(), BookError> {
        self.update_in(entity.table(), id, fields, summary)
    }

    /// Sets one field of one row of any table, as [`Change::set`] does: for changes that
    /// come from the team book's tables, which are not all edited row by row here.
    pub(crate) fn set_any(
        &mut self,
        table: &str,
        id: i64,
        field: &str,
        value: &dyn ToSql,
        summary: &str,
    ) -> Result<(), BookError> {
        self.update_in(table, id, &[(field, value)], summary)
    }

    fn update_in(
        &mut self,
        table: &str,
        id: i64,
        fields: &[(&str, &dyn ToSql)],
        summary: &str,
    ) -> Result<(), BookError> {
        for (field, _) in fields {
            self.check_field(table, field)?;
        }
        let before = self
            .row_json(table, id)?
            .ok_or_else(|| BookError::Invalid(format!("there is no {table} row {id}")))?;
        let sets: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, (f, _))| format!("\"{f}\" = ?{}", i + 2))
            .collect();
        let mut values: Vec<&dyn ToSql> = vec![&id];
        values.extend(fields.iter().map(|(_, v)| *v));
        self.tx.execute(
            &format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", ")),
            values.as_slice(),
        )?;
        let after = self.row_json(table, id)?;
        self.journal(
            JournalAction::Update,
            table,
            Some(id),
            summary,
            Some(&before),
            after.as_ref(),
        )
    }

    /// Removes one row, journaling it as it was.
    pub fn delete(&mut self, entity: Entity, id: i64, summary: &str) -> Result<(), BookError> {
        self.delete_in(entity.table(), id, summary)
    }

    /// Removes one row of any table, as [`Change::delete`] does: for a removal the team
    /// made that a person keeps.
    pub(crate) fn delete_in(
        &mut self,
        table: &str,
        id: i64,
        summary: &str,
    ) -> Result<(), BookError> {
        let before = self
            .row_json(table, id)?
            .ok_or_else(|| BookError::Invalid(format!("there is no {table} row {id}")))?;
        self.tx
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        self.journal(
            JournalAction::Delete,
            table,
            Some(id),
            summary,
            Some(&before),
            None,
        )
    }

    /// Adds a row from (field, value) pairs, journaling it; returns its id.
    pub fn insert(
        &mut self,
        entity: Entity,
        fields: &[(&str, &dyn ToSql)],
        summary: &str,
    ) -> Result<i64, BookError> {
        let table = entity.table();
        for (field, _) in fields {
            self.check_field(table, field)?;
        }
        let names: Vec<String> = fields.iter().map(|(f, _)| format!("\"{f}\"")).collect();
        let marks: Vec<String> = (1..=fields.len()).map(|i| format!("?{i}")).collect();
        let values: Vec<&dyn ToSql> = fields.iter().map(|(_, v)| *v).collect();
        self.tx.execute(
            &format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                names.join(", "),
                marks.join(", ")
            ),
            values.as_slice(),
        )?;
        let id = self.tx.last_insert_rowid();
        let after = self.row_json(table, id)?;
        self.journal(
            JournalAction::Insert,
            table,
            Some(id),
            summary,
            None,
            after.as_ref(),
        )?;
        Ok(id)
    }

    /// Adds back, under its own id, a row as it was before a removal (an undo), journaling
    /// it as an insert.
    pub(crate) fn restore(
        &mut self,
        entity: Entity,
        id: i64,
        fields: &[(&str, &dyn ToSql)],
        summary: &str,
    ) -> Result<(), BookError> {
        let table = entity.table();
        for (field, _) in fields {
            self.check_field(table, field)?;
        }
        let mut names = vec!["id".to_string()];
        names.extend(fields.iter().map(|(f, _)| format!("\"{f}\"")));
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let mut values: Vec<&dyn ToSql> = vec![&id];
        values.extend(fields.iter().map(|(_, v)| *v));
        self.tx.execute(
            &format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                names.join(", "),
                marks.join(", ")
            ),
            values.as_slice(),
        )?;
        let after = self.row_json(table, id)?;
        self.journal(
            JournalAction::Insert,
            table,
            Some(id),
            summary,
            None,
            after.as_ref(),
        )
    }

    /// Marks this change as taking back `change` (an undo; with `redo`, the undo of an
    /// undo), before its first entry is appended.
    pub(crate) fn mark_undoing(&mut self, change: i64, redo: bool) {
        self.undoes = Some((change, redo));
    }

    /// The journal entries appended so far.
    pub(crate) fn written(&self) -> &[i64] {
        &self.written
    }

    /// Records a bulk change (an import, a demo book) as one journal entry.
    pub(crate) fn record_import(&mut self, entity: &str, summary: &str) -> Result<(), BookError> {
        self.journal(JournalAction::Import, entity, None, summary, None, None)
    }

    /// Records a bulk change as one journal entry, with what it did row by row in
    /// `rows` (the entry's `after`).
    pub(crate) fn record_bulk(
        &mut self,
        entity: &str,
        summary: &str,
        rows: &serde_json::Value,
    ) -> Result<(), BookError> {
        self.journal(
            JournalAction::Import,
            entity,
            None,
            summary,
            None,
            Some(rows),
        )
    }

    /// Who makes the change.
    pub(crate) fn actor(&self) -> &str {
        &self.stamp.actor
    }

    /// The transaction, for the bulk loaders in this module's siblings.
    pub(crate) fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    fn journal(
        &mut self,
        action: JournalAction,
        entity: &str,
        entity_id: Option<i64>,
        summary: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<(), BookError> {
        let id = journal::append(
            &self.tx,
            &NewEntry {
                at: self.stamp.at,
                actor: &self.stamp.actor,
                action,
                entity,
                entity_id,
                summary,
                before,
                after,
                change_id: self.written.first().copied(),
                undoes: self.undoes,
            },
        )?;
        self.written.push(id);
        Ok(())
    }

    /// Refuses a field the table does not have (field names are spliced into SQL).
    fn check_field(&self, table: &str, field: &str) -> Result<(), BookError> {
        if field != "id" && super::sql::has_column(&self.tx, table, field)? {
            Ok(())
        } else {
            Err(BookError::Invalid(format!(
                "{table} has no field `{field}`"
            )))
        }
    }

    /// The whole row as a JSON object, column by column.
    pub(crate) fn row_json(
        &self,
        table: &str,
        id: i64,
    ) -> Result<Option<serde_json::Value>, BookError> {
        let mut stmt = self
            .tx
            .prepare(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        Ok(stmt
            .query_row([id], |row| {
                let mut object = serde_json::Map::new();
                for (i, name) in names.iter().enumerate() {
                    let value = match row.get_ref(i)? {
                        ValueRef::Null => serde_json::Value::Null,
                        ValueRef::Integer(n) => n.into(),
                        ValueRef::Real(x) => x.into(),
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                        ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
                    };
                    object.insert(name.clone(), value);
                }
                Ok(serde_json::Value::Object(object))
            })
            .optional()?)
    }
}
