//! Which accounts the change journal's latest entries touched: what a pane must read
//! again after a write (its own, an undo, another program's) instead of everything.

use std::collections::BTreeSet;

use super::{Book, BookError};

/// Past this many entries, reading everything again is as quick as finding out.
const AT_MOST_ENTRIES: usize = 500;

impl Book {
    /// The accounts the journal's entries after `after` touched; None when one of them
    /// reaches further than accounts can say (an import, a team member, a whole
    /// table) or there are too many to be worth sorting out.
    pub fn accounts_touched_since(&self, after: i64) -> Result<Option<BTreeSet<i64>>, BookError> {
        let mut stmt = self.conn().prepare(
            "SELECT j.action, j.entity, j.entity_id,
                    json_extract(coalesce(j.after, j.before), '$.account_id'),
                    json_extract(coalesce(j.after, j.before), '$.item_key'),
                    (SELECT c.account_id FROM contracts c
                     WHERE c.id = json_extract(coalesce(j.after, j.before), '$.contract_id'))
             FROM change_journal j WHERE j.id > ?1 ORDER BY j.id LIMIT ?2",
        )?;
        let mut rows = stmt.query(rusqlite::params![after, AT_MOST_ENTRIES as i64 + 1])?;
        let mut accounts = BTreeSet::new();
        let mut entries = 0;
        while let Some(r) = rows.next()? {
            entries += 1;
            if entries > AT_MOST_ENTRIES {
                return Ok(None);
            }
            let action: String = r.get(0)?;
            let entity: String = r.get(1)?;
            let id: Option<i64> = r.get(2)?;
            let account: Option<i64> = r.get(3)?;
            let item_key: Option<String> = r.get(4)?;
            let of_contract: Option<i64> = r.get(5)?;
            let found = match (action.as_str(), entity.as_str()) {
                ("import", _) => None,
                (_, "accounts") => id,
                (_, "renewal_steps") => of_contract,
                (_, "today_dismissals") => match item_key.as_deref() {
                    Some(key) => self.account_of_item(key)?,
                    None => None,
                },
                _ => account,
            };
            match found {
                Some(a) => accounts.insert(a),
                None => return Ok(None),
            };
        }
        Ok(Some(accounts))
    }

    /// The account a Today item's key is about: `task:ID`, `renewal:CONTRACT`, or the
    /// account's id after the kind (`signal:ID:kind`, `no_touch:ID`, `override:ID`).
    fn account_of_item(&self, key: &str) -> Result<Option<i64>, BookError> {
        let mut parts = key.split(':');
        let (Some(kind), Some(id)) = (parts.next(), parts.next().and_then(|p| p.parse().ok()))
        else {
            return Ok(None);
        };
        let table = match kind {
            "task" => "tasks",
            "renewal" => "contracts",
            _ => return Ok(Some(id)),
        };
        let sql = format!("SELECT account_id FROM {table} WHERE id = ?1");
        match self.conn().query_row(&sql, [id], |r| r.get(0)) {
            Ok(a) => Ok(a),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::book::account::NewTouch;
    use crate::book::tasks::NewTask;
    use crate::book::{Book, Stamp};
    use crate::demo::{DemoSpec, write_demo};
    use crate::domain::vocab::{InteractionKind, Priority};

    fn book() -> Book {
        let mut book = Book::open_in_memory().unwrap();
        let spec = DemoSpec {
            accounts: 12,
            csms: 2,
            seed: 3,
            today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        };
        write_demo(&mut book, &spec).unwrap();
        book
    }

    #[test]
    fn a_touch_and_a_task_name_their_accounts_and_nothing_else() {
        let mut book = book();
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let before = book.last_journal_id().unwrap();
        let stamp = Stamp {
            actor: "mia".into(),
            at: today.and_hms_opt(9, 0, 0).unwrap(),
        };
        let touch = NewTouch {
            contact: None,
            kind: InteractionKind::Call,
            on: today,
            summary: "check-in".into(),
        };
        book.log_touch(&stamp, 3, &touch).unwrap();
        book.add_task(
            &stamp,
            &NewTask {
                account: 7,
                title: "Send the deck".into(),
                due_on: today,
                priority: Priority::Medium,
                playbook: None,
            },
            today,
        )
        .unwrap();
        let touched = book.accounts_touched_since(before).unwrap();
        assert_eq!(touched, Some([3, 7].into_iter().collect()));
        let now = book.last_journal_id().unwrap();
        assert_eq!(
            book.accounts_touched_since(now).unwrap(),
            Some(Default::default())
        );
    }

    #[test]
    fn an_import_cannot_be_narrowed_to_accounts() {
        let book = book();
        // The demo book was written as an import.
        assert_eq!(book.accounts_touched_since(0).unwrap(), None);
    }
}
