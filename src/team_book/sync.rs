//! `csm sync`: this book's changes pushed to the team book and the team's pulled here.
//! A push is one PostgreSQL transaction (the team book's `csm_push` checks, applies and
//! logs each operation; see sql/push.sql); only once it commits does the outbox let go of
//! what it sent, so a push cut off half-way is sent again, under the same operation ids,
//! and the team book skips what it already has. A pull reads the change log after the
//! last position this book saw and applies it here in one transaction.

use std::collections::HashMap;

use postgres::Client;
use serde_json::Value;

use super::TeamBookError;
use crate::book::team_sync::apply::{Applied, Pulled, apply};
use crate::book::team_sync::conflicts::Met;
use crate::book::team_sync::ops::Op;
use crate::book::team_sync::outbox::{self, Outgoing};
use crate::book::team_sync::shape::{Table, tables};
use crate::book::{Book, BookError};

/// How many operations go to the team book in one call, and how many changes a pull
/// reads at a time.
const BATCH: usize = 2_000;

/// What a sync moved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Synced {
    /// Changes the team book took from this book.
    pub pushed: usize,
    /// Changes it had already (a retry of a push whose answer was lost).
    pub already: usize,
    /// Changes it refused (a row this login may not change), put back here.
    pub refused: Vec<Op>,
    /// Changes the team book could not take, each with why (kept here as they are).
    pub invalid: Vec<(Op, String)>,
    /// Conflicts the push met.
    pub conflicts: Vec<Met>,
    /// The team's changes read, and what they did here.
    pub pulled: usize,
    pub applied: Applied,
}

/// Errors from either side, each named.
fn server(shown: &str) -> impl Fn(postgres::Error) -> TeamBookError + '_ {
    move |e| TeamBookError::Server {
        address: shown.to_string(),
        why: match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        },
    }
}

fn local(shown: &str) -> impl Fn(BookError) -> TeamBookError + '_ {
    move |e| TeamBookError::Server {
        address: shown.to_string(),
        why: format!("the local book: {e}"),
    }
}

/// The time as the book records it (UTC, to the second).
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The shared tables' shape, read from the local book.
pub fn shape(book: &Book, shown: &str) -> Result<Vec<Table>, TeamBookError> {
    tables(book.conn()).map_err(|e| local(shown)(e.into()))
}

/// Pushes the outbox: every operation in one transaction, in batches; returns what the
/// team book answered, the outbox cleared of what it took.
pub fn push(
    client: &mut Client,
    book: &mut Book,
    tables: &[Table],
    shown: &str,
) -> Result<Synced, TeamBookError> {
    let outgoing = outbox::read(book, tables).map_err(local(shown))?;
    let mut synced = Synced::default();
    let resolutions = book.untold_resolutions().map_err(local(shown))?;
    if outgoing.is_empty() && resolutions.is_empty() {
        return Ok(synced);
    }
    let version = book.schema_version().map_err(local(shown))? as i32;
    let mut answers = Vec::new();
    // Asked before the push, so nothing stands between its answer and keeping it.
    let names = member_names(client, shown)?;
    let me = actor_name(client, shown)?;
    let mut tx = client.transaction().map_err(server(shown))?;
    // A team book behind this csm's schema is brought up first (by its owner), in the
    // same transaction; an older csm is refused by csm_push itself.
    if super::upgrade::team_version(&mut tx).map_err(server(shown))? < version as u32 {
        super::upgrade::upgrade(&mut tx, tables, version as u32, shown)?;
    }
    for batch in outgoing.chunks(BATCH) {
        let ops: Vec<&Op> = batch.iter().map(|o| &o.op).collect();
        let ops = serde_json::to_string(&ops).expect("operations are plain JSON");
        let answer: String = tx
            .query_one(
                "SELECT csm_push($1::text::jsonb, $2)::text",
                &[&ops, &version],
            )
            .map_err(server(shown))?
            .get(0);
        let answer: Vec<Value> =
            serde_json::from_str(&answer).map_err(|e| TeamBookError::Server {
                address: shown.to_string(),
                why: format!("an answer csm cannot read: {e}"),
            })?;
        answers.extend(answer);
    }
    // Their edits kept against this book's removal: the row back in the team book, as
    // they left it (the pull that follows brings it back here).
    for (entity, uid) in book.rows_to_bring_back().map_err(local(shown))? {
        if !tables.iter().any(|t| t.name == entity) {
            continue;
        }
        let row = tx
            .query_opt(
                &format!("SELECT to_jsonb(t)::text FROM {entity} t WHERE uid = $1::text::uuid"),
                &[&uid],
            )
            .map_err(server(shown))?;
        let Some(row) = row else { continue };
        let row: serde_json::Map<String, Value> =
            serde_json::from_str(&row.get::<_, String>(0)).unwrap_or_default();
        let op = Op {
            op_id: uuid::Uuid::now_v7().to_string(),
            entity,
            row_uid: uid,
            kind: crate::book::team_sync::ops::Kind::Update,
            base_position: 0,
            fields: row
                .into_iter()
                .filter(|(k, _)| !matches!(k.as_str(), "uid" | "row_version" | "deleted_at"))
                .map(|(k, v)| (k, serde_json::json!({ "after": v })))
                .collect(),
        };
        let ops = serde_json::to_string(&[&op]).expect("operations are plain JSON");
        tx.query_one(
            "SELECT csm_push($1::text::jsonb, $2)::text",
            &[&ops, &version],
        )
        .map_err(server(shown))?;
    }
    for (team_id, kept) in &resolutions {
        tx.execute(
            "UPDATE conflicts SET resolved = $2, resolved_at = now() WHERE id = $1",
            &[team_id, kept],
        )
        .map_err(server(shown))?;
    }
    tx.commit().map_err(server(shown))?;
    let mut put_back = Vec::new();
    for (o, answer) in outgoing.iter().zip(&answers) {
        match answer["outcome"].as_str() {
            Some("applied") => synced.pushed += 1,
            Some("already") => synced.already += 1,
            Some("invalid") => {
                let why = answer["why"].as_str().unwrap_or_default().to_string();
                // Kept here as it is (it is this person's work), and said.
                synced.invalid.push((o.op.clone(), why));
            }
            _ => {
                synced.refused.push(o.op.clone());
                put_back.push(team_row(o, &answer["row"]));
            }
        }
        for c in answer["conflicts"].as_array().into_iter().flatten() {
            synced.conflicts.push(Met {
                team_id: c["id"].as_i64().unwrap_or_default(),
                entity: o.op.entity.clone(),
                row_uid: o.op.row_uid.clone(),
                field: c["field"].as_str().unwrap_or_default().to_string(),
                mine: c["mine"].clone(),
                theirs: c["theirs"].clone(),
                their_actor: c["their_actor"].as_str().map(str::to_string),
            });
        }
    }
    let at = now();
    for c in &mut synced.conflicts {
        if let Some(name) = c.their_actor.as_ref().and_then(|a| names.get(a)) {
            c.their_actor = Some(name.clone());
        }
    }
    // The conflicts are kept before the outbox lets go of what met them.
    book.keep_conflicts(&synced.conflicts, &me, &at)
        .map_err(local(shown))?;
    outbox::sent(book, &outgoing).map_err(local(shown))?;
    let ids: Vec<i64> = resolutions.iter().map(|r| r.0).collect();
    book.told_resolutions(&ids).map_err(local(shown))?;
    // A refused change is undone here: the row goes back to what the team holds.
    let position = book
        .team_link()
        .map_err(local(shown))?
        .map_or(0, |l| l.position);
    let put_back: Vec<Pulled> = put_back.into_iter().flatten().collect();
    apply(book, tables, &put_back, position, &at).map_err(local(shown))?;
    Ok(synced)
}

/// A refused operation's row as the team book holds it, to put back here: the row as it
/// is there (a refused edit or removal undone), or, for a row the team book does not
/// hold (a refused addition), its removal.
fn team_row(o: &Outgoing, row: &Value) -> Option<Pulled> {
    use crate::book::team_sync::ops::Kind;
    let (kind, fields) = match row.as_object() {
        Some(row) if row.get("deleted_at").is_none_or(Value::is_null) => (
            Kind::Insert,
            row.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "uid" | "row_version" | "deleted_at"))
                .map(|(k, v)| (k.clone(), serde_json::json!({ "after": v })))
                .collect(),
        ),
        _ => (Kind::Delete, o.op.fields.clone()),
    };
    Some(Pulled {
        op: Op {
            fields,
            kind,
            ..o.op.clone()
        },
        actor: "the team book".into(),
        position: 0,
    })
}

/// Each login's team member name.
fn member_names(
    client: &mut Client,
    shown: &str,
) -> Result<HashMap<String, String>, TeamBookError> {
    Ok(client
        .query(
            "SELECT l.login, m.name FROM csm_logins l JOIN team_members m ON m.uid = l.member_uid",
            &[],
        )
        .map_err(server(shown))?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

/// The name this login works under: its team member's, or the login itself.
fn actor_name(client: &mut Client, shown: &str) -> Result<String, TeamBookError> {
    let row = client
        .query_one(
            "SELECT coalesce((SELECT m.name FROM csm_logins l JOIN team_members m ON m.uid = l.member_uid
                              WHERE l.login = current_user), current_user::text)",
            &[],
        )
        .map_err(server(shown))?;
    Ok(row.get(0))
}

/// Pulls what the team book logged after this book's position and applies it here in
/// one transaction. This login's own changes come too (they are here already, and change
/// nothing), as one of them may have brought back a row someone else deleted before it;
/// only the others' are counted.
pub fn pull(
    client: &mut Client,
    book: &mut Book,
    tables: &[Table],
    shown: &str,
) -> Result<(usize, Applied), TeamBookError> {
    let mut position = book
        .team_link()
        .map_err(local(shown))?
        .map_or(0, |l| l.position);
    let names = member_names(client, shown)?;
    let me: String = client
        .query_one("SELECT current_user::text", &[])
        .map_err(server(shown))?
        .get(0);
    let (mut pulled, mut others) = (Vec::new(), 0);
    loop {
        let rows = client
            .query(
                "SELECT position, op_id::text, actor, kind, entity, row_uid::text, fields::text,
                        base_position
                 FROM change_log WHERE position > $1 ORDER BY position LIMIT $2",
                &[&position, &(BATCH as i64 * 5)],
            )
            .map_err(server(shown))?;
        let more = rows.len() == BATCH * 5;
        for r in rows {
            position = r.get(0);
            let actor: String = r.get(2);
            if actor != me {
                others += 1;
            }
            let kind: String = r.get(3);
            let fields: String = r.get(6);
            let op = Op {
                op_id: r.get(1),
                entity: r.get(4),
                row_uid: r.get(5),
                kind: serde_json::from_value(Value::String(kind)).map_err(|e| {
                    TeamBookError::Server {
                        address: shown.to_string(),
                        why: format!("change {position}: {e}"),
                    }
                })?,
                base_position: r.get(7),
                fields: serde_json::from_str(&fields).unwrap_or_default(),
            };
            pulled.push(Pulled {
                actor: names.get(&actor).cloned().unwrap_or(actor),
                op,
                position,
            });
        }
        if !more {
            break;
        }
    }
    let pulled = settle_rows(client, book, tables, pulled, shown)?;
    let applied = apply(book, tables, &pulled, position, &now()).map_err(local(shown))?;
    Ok((others, applied))
}

/// Readies pulled changes to apply: a delete that a later change in the same pull undoes
/// (an edit that brought the row back) is passed over, and an edit of a row this book
/// does not hold (brought back after this book deleted it) becomes the whole row as the
/// team book holds it.
fn settle_rows(
    client: &mut Client,
    book: &Book,
    tables: &[Table],
    pulled: Vec<Pulled>,
    shown: &str,
) -> Result<Vec<Pulled>, TeamBookError> {
    use crate::book::team_sync::ops::Kind;
    let mut last: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, p) in pulled.iter().enumerate() {
        last.insert((&p.op.entity, &p.op.row_uid), i);
    }
    let undone: Vec<bool> = pulled
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.op.kind == Kind::Delete && last[&(p.op.entity.as_str(), p.op.row_uid.as_str())] > i
        })
        .collect();
    let mut out = Vec::with_capacity(pulled.len());
    for (mut p, undone) in pulled.into_iter().zip(undone) {
        // A table this csm does not share (a newer csm's) is passed over, and its name is
        // never put in a query.
        if undone || !tables.iter().any(|t| t.name == p.op.entity) {
            continue;
        }
        if p.op.kind == Kind::Update
            && !crate::book::team_sync::apply::holds(book, &p.op.entity, &p.op.row_uid)
                .map_err(local(shown))?
        {
            let row = client
                .query_opt(
                    &format!(
                        "SELECT to_jsonb(t)::text FROM {} t WHERE uid = $1::text::uuid AND deleted_at IS NULL",
                        p.op.entity
                    ),
                    &[&p.op.row_uid],
                )
                .map_err(server(shown))?;
            let Some(row) = row else { continue };
            let row: serde_json::Map<String, Value> =
                serde_json::from_str(&row.get::<_, String>(0)).unwrap_or_default();
            p.op.kind = Kind::Insert;
            p.op.fields = row
                .into_iter()
                .filter(|(k, _)| !matches!(k.as_str(), "uid" | "row_version" | "deleted_at"))
                .map(|(k, v)| (k, serde_json::json!({ "after": v })))
                .collect();
        }
        out.push(p);
    }
    Ok(out)
}

/// Pushes, then pulls.
pub fn sync(client: &mut Client, book: &mut Book, shown: &str) -> Result<Synced, TeamBookError> {
    let tables = shape(book, shown)?;
    let mut synced = push(client, book, &tables, shown)?;
    let (pulled, applied) = pull(client, book, &tables, shown)?;
    synced.pulled = pulled;
    synced.applied = applied;
    Ok(synced)
}
