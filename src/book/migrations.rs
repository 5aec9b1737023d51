//! The schema's history: numbered migrations, tracked by `PRAGMA user_version` and applied
//! together in one transaction, so a book is always at one whole version.

use rusqlite::Connection;

use super::{APPLICATION_ID, BookError};

/// The migrations in order; the book's version is how many of them it has.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "the book of business",
        include_str!("migrations/0001_book.sql"),
    ),
    (
        "the change journal",
        include_str!("migrations/0002_change_journal.sql"),
    ),
    (
        "an index of open contracts by account",
        include_str!("migrations/0003_open_contracts_by_account.sql"),
    ),
    (
        "account health",
        include_str!("migrations/0004_account_health.sql"),
    ),
    (
        "health snapshots by day",
        include_str!("migrations/0005_health_by_day.sql"),
    ),
    (
        "each account's recent usage, packed",
        include_str!("migrations/0006_usage_recent.sql"),
    ),
    (
        "indexes that cover what health reads of tickets and surveys",
        include_str!("migrations/0007_covering_health_indexes.sql"),
    ),
    (
        "the renewal motion and monthly forecast freezes",
        include_str!("migrations/0008_renewal_motion.sql"),
    ),
    (
        "items put away from the Today queue",
        include_str!("migrations/0009_today_dismissals.sql"),
    ),
    (
        "a record of each import",
        include_str!("migrations/0010_imports.sql"),
    ),
    (
        "how an account without a segment was tiered, and why a renewal churned",
        include_str!("migrations/0011_segment_rules_and_churn_reasons.sql"),
    ),
    (
        "changes grouped as made, and what an undo takes back",
        include_str!("migrations/0012_changes_for_undo.sql"),
    ),
    (
        "an index of the touches on each account's timeline, notes left out",
        include_str!("migrations/0013_touches_by_account.sql"),
    ),
    (
        "the playbook step each task is, and why a task closed itself",
        include_str!("migrations/0014_task_steps.sql"),
    ),
    (
        "every risk signal standing when health was recomputed",
        include_str!("migrations/0015_health_signals.sql"),
    ),
    (
        "each account's next renewal kept in renewal-date order",
        include_str!("migrations/0016_renewal_timeline.sql"),
    ),
    (
        "the open tasks kept in the order a task list shows them",
        include_str!("migrations/0017_open_tasks_by_due.sql"),
    ),
    (
        "the accounts kept largest ARR first",
        include_str!("migrations/0018_accounts_by_arr.sql"),
    ),
    (
        "expansion: an opportunity's chance and dates, and the ARR a won one adds",
        include_str!("migrations/0019_expansion.sql"),
    ),
    (
        "onboarding: the milestones of each account's program, ticked",
        include_str!("migrations/0020_onboarding_milestones.sql"),
    ),
    (
        "advocacy: what each account uses, and each reference ask and how it went",
        include_str!("migrations/0021_reference_asks.sql"),
    ),
    (
        "ids that are the same in every book of a team",
        include_str!("migrations/0022_row_identity.sql"),
    ),
    (
        "what the book keeps to sync with its team book",
        include_str!("migrations/0023_team_sync.sql"),
    ),
];

/// The schema version that brought the capture of changes for the team book.
const TEAM_SYNC_SINCE: u32 = 23;

/// The schema version this csm writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// Brings the book from version `from` to `to` in one transaction.
pub(crate) fn migrate(conn: &mut Connection, from: u32, to: u32) -> Result<(), BookError> {
    if from >= to {
        return Ok(());
    }
    // Taken up front, and the version read again under the lock: a csm opening the same
    // book at the same moment may have migrated it while this one waited.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let from = from.max(tx.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?);
    if from >= to {
        return Ok(());
    }
    for (i, (what, sql)) in MIGRATIONS
        .iter()
        .enumerate()
        .take(to as usize)
        .skip(from as usize)
    {
        tx.execute_batch(sql)
            .map_err(|e| BookError::Invalid(format!("migration {} ({what}) failed: {e}", i + 1)))?;
    }
    // Written from the schema as it now is, so they hold every column.
    if to >= TEAM_SYNC_SINCE {
        super::team_sync::capture::install_if_linked(&tx)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", to)?;
    // Imported rows' ids are worked out from their external ids, which SQL cannot do.
    super::identity::settle(&tx)?;
    tx.commit()?;
    Ok(())
}
