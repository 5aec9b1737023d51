//! `csm team-book member`: a PostgreSQL login tied to a team member, so the team book
//! knows whose rows it may change (see access.rs), and given what it needs to sync.
//! Run by the team book's owner; the login itself is made with PostgreSQL's own tools.

use postgres::Client;

use super::TeamBookError;
use super::access::grants;

/// Ties `login` to the team member named `member` (by name or email), as a manager or
/// not; returns the member's name as the team book has it.
pub fn add(
    client: &mut Client,
    login: &str,
    member: &str,
    manager: bool,
    shown: &str,
) -> Result<String, TeamBookError> {
    let server = |e: postgres::Error| TeamBookError::Server {
        address: shown.to_string(),
        why: match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        },
    };
    let mut tx = client.transaction().map_err(server)?;
    let found = tx
        .query(
            "SELECT uid::text, name FROM team_members
             WHERE deleted_at IS NULL AND (lower(name) = lower($1) OR lower(email) = lower($1))",
            &[&member],
        )
        .map_err(server)?;
    let [row] = found.as_slice() else {
        return Err(TeamBookError::Server {
            address: shown.to_string(),
            why: if found.is_empty() {
                format!("no team member is named {member}")
            } else {
                format!(
                    "{} team members answer to {member}: give an email",
                    found.len()
                )
            },
        });
    };
    let uid: String = row.get(0);
    let name: String = row.get(1);
    let exists: bool = tx
        .query_one(
            "SELECT count(*) > 0 FROM pg_roles WHERE rolname = $1",
            &[&login],
        )
        .map_err(server)?
        .get(0);
    if !exists {
        return Err(TeamBookError::Server {
            address: shown.to_string(),
            why: format!(
                "there is no login {login}: make it first (createuser {login} --pwprompt)"
            ),
        });
    }
    tx.execute(
        "INSERT INTO csm_logins (login, member_uid, manager) VALUES ($1, $2::text::uuid, $3)
         ON CONFLICT (login) DO UPDATE SET member_uid = excluded.member_uid,
                                           manager = excluded.manager",
        &[&login, &uid, &manager],
    )
    .map_err(server)?;
    tx.batch_execute(&grants(login)).map_err(server)?;
    tx.commit().map_err(server)?;
    Ok(name)
}
