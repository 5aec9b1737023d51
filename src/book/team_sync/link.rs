//! The book's link to its team book: where it is, how far this book has read the team's
//! change log, and when it last synced.

use rusqlite::{OptionalExtension, params};

use crate::book::{Book, BookError};

/// Where the team book is and how far this book has read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address, never a password.
    pub address: String,
    pub position: i64,
    /// When the last sync ended (UTC), if one has.
    pub synced_at: Option<String>,
}

impl Book {
    /// The book's team book, if it has one.
    pub fn team_link(&self) -> Result<Option<Link>, BookError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT address, position, synced_at FROM team_link",
                [],
                |r| {
                    Ok(Link {
                        address: r.get(0)?,
                        position: r.get(1)?,
                        synced_at: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Ties the book to the team book at `address`, read up to `position`, as the book
    /// of `member` (their uid, and whether a manager; None for the team book's owner):
    /// from now on every change to a shared row waits in the outbox for the next push.
    pub fn link_team_book(
        &mut self,
        address: &str,
        position: i64,
        member: Option<(&str, bool)>,
    ) -> Result<(), BookError> {
        let tx = self.begin_write()?;
        tx.execute(
            "INSERT INTO team_link (id, address, position, member_uid, manager)
             VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET address = excluded.address,
                                            position = excluded.position,
                                            member_uid = excluded.member_uid,
                                            manager = excluded.manager",
            params![
                address,
                position,
                member.map(|m| m.0),
                member.is_some_and(|m| m.1)
            ],
        )?;
        tx.execute(
            "INSERT INTO book_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![super::super::meta::TEAM_BOOK, address],
        )?;
        super::capture::install(&tx)?;
        // What waited for another team book, or was met with it, is not this one's.
        tx.execute_batch(
            "DELETE FROM team_pending; DELETE FROM team_pending_keyed; DELETE FROM team_pending_gone;\n             DELETE FROM team_conflicts;",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The team member (local id) whose accounts alone this book may change, when it is
    /// a CSM's book in a team: None for a book without a team book, a manager's, or the
    /// team book's owner's.
    pub fn works_only_on(&self) -> Result<Option<i64>, BookError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT m.id FROM team_link l JOIN team_members m ON m.uid = l.member_uid
                 WHERE NOT l.manager",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records that a sync ended at `at`.
    pub fn mark_synced(&mut self, at: &str) -> Result<(), BookError> {
        let tx = self.begin_write()?;
        tx.execute("UPDATE team_link SET synced_at = ?1", [at])?;
        tx.commit()?;
        Ok(())
    }
}

impl Book {
    /// Whether the book holds no accounts and no team members yet: a new book.
    pub fn is_empty(&self) -> Result<bool, BookError> {
        Ok(self.conn().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM accounts) AND NOT EXISTS (SELECT 1 FROM team_members)",
            [],
            |r| r.get(0),
        )?)
    }
}
