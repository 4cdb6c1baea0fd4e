//! Talking to the team's server: connecting, and moving changes to and from
//! `followup.change` (the only SQL that touches the server's history).
//!
//! Connections are made without TLS for now (`NoTls`): a Unix socket or a
//! private network. `sslmode=prefer` (the default) then talks in the clear;
//! `sslmode=require` is refused by the connection.

use postgres::{Client, NoTls};
use serde_json::Value as Json;

use super::TeamError;
use crate::history::{Entry, EntryKind, Hlc, Op, Uid, Value};

/// Connects to `server` (a libpq connection string; see `team::config`).
pub fn connect(server: &str) -> Result<Client, TeamError> {
    let config = super::config::connection(server)?;
    config.connect(NoTls).map_err(|e| {
        TeamError::Offline(format!(
            "could not reach the team server ({}): {}",
            describe(&config),
            super::error_text(&e)
        ))
    })
}

/// Where a connection goes, for messages (never the password).
fn describe(config: &postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    format!(
        "{} as {} to {}",
        host,
        config.get_user().unwrap_or("?"),
        config.get_dbname().unwrap_or("(default database)")
    )
}

fn to_json(v: &Value) -> Option<Json> {
    match v {
        Value::Null => None,
        Value::Int(i) => Some(Json::from(*i)),
        Value::Text(t) => Some(Json::from(t.as_str())),
    }
}

fn from_json(v: Option<Json>) -> Value {
    match v {
        None | Some(Json::Null) => Value::Null,
        Some(Json::Number(n)) => n
            .as_i64()
            .map_or_else(|| Value::Text(n.to_string()), Value::Int),
        Some(Json::String(s)) => Value::Text(s),
        Some(other) => Value::Text(other.to_string()),
    }
}

fn uuid(u: Uid) -> uuid::Uuid {
    uuid::Uuid::from_bytes(u.0)
}

/// Sends `entries` in one server transaction; a change the server already
/// has is skipped (its identity is unique there). Returns how many were new.
pub fn push(client: &mut Client, entries: &[Entry]) -> Result<u64, TeamError> {
    let mut cols = Columns::default();
    for e in entries {
        cols.device.push(uuid(e.device));
        cols.hlc.push(e.hlc.0);
        cols.author.push(e.author.clone());
        cols.prospect.push(uuid(e.prospect));
        cols.kind.push(e.kind.code() as i16);
        cols.entity.push(e.entity.map(uuid));
        cols.op.push(e.op.code() as i16);
        cols.field.push(e.field.clone());
        cols.old.push(to_json(&e.old));
        cols.new.push(to_json(&e.new));
    }
    let mut tx = client.transaction()?;
    let n = tx
        .execute(
            "INSERT INTO followup.change \
         (device, hlc, author, prospect, kind, entity, op, field, old, new) \
         SELECT * FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::uuid[], $5::int2[], \
                              $6::uuid[], $7::int2[], $8::text[], $9::jsonb[], $10::jsonb[]) \
         ON CONFLICT DO NOTHING",
            &[
                &cols.device,
                &cols.hlc,
                &cols.author,
                &cols.prospect,
                &cols.kind,
                &cols.entity,
                &cols.op,
                &cols.field,
                &cols.old,
                &cols.new,
            ],
        )
        .map_err(refused_push)?;
    tx.commit()?;
    Ok(n)
}

/// A push the server's rules refused, said so (the server's words kept).
fn refused_push(e: postgres::Error) -> TeamError {
    if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        TeamError::Refused(format!(
            "the team server refused this book's changes: they touch a prospect another member \
             owns (reassigned?), and nothing more was pushed ({})",
            super::error_text(&e)
        ))
    } else {
        TeamError::from(e)
    }
}

#[derive(Default)]
struct Columns {
    device: Vec<uuid::Uuid>,
    hlc: Vec<i64>,
    author: Vec<String>,
    prospect: Vec<uuid::Uuid>,
    kind: Vec<i16>,
    entity: Vec<Option<uuid::Uuid>>,
    op: Vec<i16>,
    field: Vec<Option<String>>,
    old: Vec<Option<Json>>,
    new: Vec<Option<Json>>,
}

/// The changes after server position `after` that this member may read and
/// that another device made, at most `limit`, each with its position.
pub fn pull(
    client: &mut Client,
    after: i64,
    own_device: Uid,
    limit: usize,
) -> Result<Vec<(i64, Entry)>, TeamError> {
    let rows = client.query(
        "SELECT seq, device, hlc, author, prospect, kind, entity, op, field, old, new \
         FROM followup.change WHERE seq > $1 AND device <> $2 ORDER BY seq LIMIT $3",
        &[&after, &uuid(own_device), &(limit as i64)],
    )?;
    entries(&rows)
}

/// Every change of prospect `prospect` this member may read, in the
/// server's order: a prospect reassigned to this member arrives whole,
/// though its earlier changes are behind the pull cursor.
pub fn prospect_history(client: &mut Client, prospect: Uid) -> Result<Vec<Entry>, TeamError> {
    let rows = client.query(
        "SELECT seq, device, hlc, author, prospect, kind, entity, op, field, old, new \
         FROM followup.change WHERE prospect = $1 ORDER BY seq",
        &[&uuid(prospect)],
    )?;
    Ok(entries(&rows)?.into_iter().map(|(_, e)| e).collect())
}

/// The prospects this member owns (a consultant's; a coordinator or a
/// manager reads every prospect's changes anyway).
pub fn owned_prospects(client: &mut Client) -> Result<Vec<Uid>, TeamError> {
    let rows = client.query(
        "SELECT prospect FROM followup.prospect_owner WHERE owner = current_user",
        &[],
    )?;
    rows.iter()
        .map(|r| Ok(Uid(*r.try_get::<_, uuid::Uuid>(0)?.as_bytes())))
        .collect()
}

fn entries(rows: &[postgres::Row]) -> Result<Vec<(i64, Entry)>, TeamError> {
    rows.iter()
        .map(|r| {
            let kind: i16 = r.try_get(5)?;
            let op: i16 = r.try_get(7)?;
            let entry = Entry {
                hlc: Hlc(r.try_get(2)?),
                device: Uid(*r.try_get::<_, uuid::Uuid>(1)?.as_bytes()),
                author: r.try_get(3)?,
                prospect: Uid(*r.try_get::<_, uuid::Uuid>(4)?.as_bytes()),
                kind: EntryKind::from_code(kind.into())
                    .ok_or_else(|| TeamError::Refused(format!("unknown change kind {kind}")))?,
                entity: r
                    .try_get::<_, Option<uuid::Uuid>>(6)?
                    .map(|u| Uid(*u.as_bytes())),
                op: Op::from_code(op.into())
                    .ok_or_else(|| TeamError::Refused(format!("unknown change op {op}")))?,
                field: r.try_get(8)?,
                old: from_json(r.try_get(9)?),
                new: from_json(r.try_get(10)?),
            };
            Ok((r.try_get(0)?, entry))
        })
        .collect()
}

/// The greatest server position, as this member sees it.
pub fn last_seq(client: &mut Client) -> Result<i64, TeamError> {
    Ok(client
        .query_one("SELECT coalesce(max(seq), 0) FROM followup.change", &[])?
        .get(0))
}
