//! Row identity across a team's books: each shared table's rows carry a `uid`, the same
//! in every book. SQLite gives a row written in the cockpit a time-ordered UUID (version 7)
//! as it is written (migration 0022's triggers); a row imported from another system gets a
//! name-based one (version 5) from its table and external id, worked out here, so that two
//! people who import the same record apart hold the same row.

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::BookError;

/// The tables whose rows are shared, and whether each has an external id.
pub const SHARED: &[(&str, bool)] = &[
    ("team_members", true),
    ("accounts", true),
    ("contracts", true),
    ("features", true),
    ("tickets", true),
    ("contacts", true),
    ("survey_responses", true),
    ("interactions", true),
    ("tasks", true),
    ("goals", true),
    ("opportunities", true),
    ("trials", true),
    ("health_overrides", false),
    ("renewal_steps", false),
    ("onboarding_milestones", false),
    ("reference_asks", false),
    ("arr_changes", false),
];

/// The shared tables whose rows are found by a natural key (a week's usage of an
/// account, a month's frozen forecast of a contract) rather than a uid column: the team
/// book names each such row by a uid worked out from its table and key
/// ([`keyed_uid`]), the same in every book.
pub const KEYED: &[(&str, &[&str])] = &[
    ("usage_weeks", &["account_id", "week_start"]),
    ("forecast_freezes", &["period", "contract_id"]),
];

/// The uid the team book holds a keyed row under, from its key as the team book names
/// it (references as uids).
pub fn keyed_uid(table: &str, key: &[String]) -> Uuid {
    let mut name = table.to_string();
    for part in key {
        name.push('\u{1f}');
        name.push_str(part);
    }
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

/// The schema version that brought the uids (migration 0022).
const SINCE_VERSION: u32 = 22;

/// The namespace of csm's name-based ids.
const NAMESPACE: Uuid = Uuid::from_u128(0x6a1f_3c2e_9b7d_4e58_a0c4_5d2b_8f61_e930);

/// The id of the row imported into `table` under `external_id`: the same in every book.
pub fn imported_uid(table: &str, external_id: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{table}\u{1f}{external_id}").as_bytes())
}

/// The id of the task a playbook's step makes for an event of an account: the same in
/// every book that runs the same play on the same facts, so a team's books that each
/// ran it before syncing hold one task, not one each.
pub fn played_task_uid(playbook: &str, account_uid: &str, event: &str, step: &str) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("tasks\u{1f}played\u{1f}{playbook}\u{1f}{account_uid}\u{1f}{event}\u{1f}{step}")
            .as_bytes(),
    )
}

/// An external id as a record holds it: always there, or not.
pub trait ExternalId {
    fn external(&self) -> Option<&str>;
}

impl ExternalId for String {
    fn external(&self) -> Option<&str> {
        Some(self)
    }
}

impl ExternalId for Option<String> {
    fn external(&self) -> Option<&str> {
        self.as_deref()
    }
}

/// The uid an imported row is written with (None, without an external id: SQLite gives
/// it a time-ordered one).
pub fn uid_text(table: &str, external_id: &impl ExternalId) -> Option<String> {
    external_id
        .external()
        .map(|e| imported_uid(table, e).to_string())
}

/// Gives every imported row still without a uid its own, inside the caller's
/// transaction; returns how many it gave. Each table's index of the rows without one
/// finds them at once, so with none to give this costs a lookup per table.
pub fn settle(conn: &Connection) -> Result<usize, BookError> {
    // A book kept at an older version (tests make them) has no uids to give.
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < SINCE_VERSION {
        return Ok(0);
    }
    let mut given = 0;
    for (table, external) in SHARED.iter().filter(|(_, e)| *e) {
        debug_assert!(*external);
        let missing: Vec<(i64, String)> = conn
            .prepare_cached(&format!(
                "SELECT id, external_id FROM {table} WHERE uid IS NULL AND external_id IS NOT NULL"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut set = conn.prepare_cached(&format!("UPDATE {table} SET uid = ?1 WHERE id = ?2"))?;
        for (id, external_id) in &missing {
            set.execute(params![imported_uid(table, external_id).to_string(), id])?;
        }
        given += missing.len();
    }
    Ok(given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_imported_rows_id_depends_on_its_table_and_external_id_only() {
        let a = imported_uid("accounts", "0015g00000ABC");
        assert_eq!(a, imported_uid("accounts", "0015g00000ABC"));
        assert_eq!(a.get_version_num(), 5);
        assert_ne!(a, imported_uid("contacts", "0015g00000ABC"));
        assert_ne!(a, imported_uid("accounts", "0015g00000ABD"));
        // The separator keeps table and id apart: "a" + "bc" is not "ab" + "c".
        assert_ne!(imported_uid("a", "bc"), imported_uid("ab", "c"));
    }
}
