//! The team book brought up to this csm's schema: the tables and columns a newer local
//! schema shares that the team book lacks are added (each with its rules, and open to
//! every member's login), the push function replaced, and the version moved on, in the
//! caller's transaction and under the change log's lock, so no push runs half-way
//! through. Only the team book's owner may change its tables; a member whose csm is
//! newer is told to have it upgraded, and what waits in their outbox waits.

use postgres::Transaction;

use super::TeamBookError;
use super::access::{grants, table_rules};
use super::schema::{column_ddl, table_ddl};
use crate::book::team_sync::shape::Table;

/// What an upgrade did: the version it found and the one it left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgraded {
    pub from: u32,
    pub to: u32,
    pub tables: Vec<String>,
    pub columns: Vec<String>,
}

/// The version the team book is at.
pub fn team_version(tx: &mut Transaction<'_>) -> Result<u32, postgres::Error> {
    let v: String = tx
        .query_one(
            "SELECT value FROM csm_meta WHERE key = 'schema_version'",
            &[],
        )?
        .get(0);
    Ok(v.parse().unwrap_or(0))
}

/// Brings the team book to `version` from `tables` (this csm's shape); None when it is
/// there already.
pub fn upgrade(
    tx: &mut Transaction<'_>,
    tables: &[Table],
    version: u32,
    shown: &str,
) -> Result<Option<Upgraded>, TeamBookError> {
    let server = |e: postgres::Error| TeamBookError::Server {
        address: shown.to_string(),
        why: match e.as_db_error() {
            Some(db) if db.code() == &postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => format!(
                "the team book is at an older schema than this csm ({version}): its owner must bring it up with csm team-book upgrade; your changes wait here"
            ),
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        },
    };
    tx.batch_execute("LOCK TABLE change_log IN EXCLUSIVE MODE")
        .map_err(server)?;
    let from = team_version(tx).map_err(server)?;
    if from >= version {
        return Ok(None);
    }
    let mut done = Upgraded {
        from,
        to: version,
        tables: Vec::new(),
        columns: Vec::new(),
    };
    let mut sql = String::new();
    for t in tables {
        let held: Vec<String> = tx
            .query(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1",
                &[&t.name],
            )
            .map_err(server)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        if held.is_empty() {
            sql += &table_ddl(t);
            sql += &table_rules(t, tables);
            done.tables.push(t.name.to_string());
            continue;
        }
        for c in t.columns.iter().filter(|c| !held.contains(&c.name)) {
            sql += &format!("ALTER TABLE {} ADD COLUMN {};\n", t.name, column_ddl(c));
            done.columns.push(format!("{}.{}", t.name, c.name));
        }
    }
    sql += include_str!("sql/push.sql");
    sql += &super::access::may_write(tables);
    sql += &format!("UPDATE csm_meta SET value = '{version}' WHERE key = 'schema_version';\n");
    tx.batch_execute(&sql).map_err(server)?;
    // The members' logins may use what is new.
    let logins: Vec<String> = tx
        .query("SELECT login FROM csm_logins", &[])
        .map_err(server)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for login in logins {
        tx.batch_execute(&grants(&login)).map_err(server)?;
    }
    Ok(Some(done))
}
