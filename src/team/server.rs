//! Moving changes to and from `followup.change` on the team's server (the
//! only SQL that touches the server's history), over a [`Hub`].

use serde_json::Value as Json;
use std::collections::BTreeMap;
use tokio_postgres::Transaction;

use super::TeamError;
use super::hub::Hub;
use crate::history::{Entry, EntryKind, Hlc, Op, Uid, Value};

pub use super::hub::connect;

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

/// What a push did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pushed {
    /// The changes the server did not have yet.
    pub new: u64,
    /// The prospects whose changes the server's rules refused (the
    /// prospect is another member's now), each with the server's words;
    /// none of their changes was taken, all the others were.
    pub refused: Vec<(Uid, String)>,
}

/// Sends `entries` in one server transaction; a change the server already
/// has is skipped (its identity is unique there). When the server's rules
/// refuse some, the push is made again prospect by prospect (each behind a
/// savepoint, still one transaction), so the refused prospects' changes
/// are left out and the others go through.
pub fn push(hub: &mut Hub, entries: &[Entry]) -> Result<Pushed, TeamError> {
    hub.run(async |client| {
        let tx = client.transaction().await?;
        match insert(&tx, entries).await {
            Ok(new) => {
                tx.commit().await?;
                return Ok(Pushed {
                    new,
                    refused: Vec::new(),
                });
            }
            Err(e) if is_refusal(&e) => tx.rollback().await?,
            Err(e) => return Err(e.into()),
        }
        let mut by_prospect: BTreeMap<Uid, Vec<Entry>> = BTreeMap::new();
        for e in entries {
            by_prospect.entry(e.prospect).or_default().push(e.clone());
        }
        let mut pushed = Pushed::default();
        let mut tx = client.transaction().await?;
        for (prospect, group) in by_prospect {
            let one = tx.savepoint("one_prospect").await?;
            match insert(&one, &group).await {
                Ok(n) => {
                    one.commit().await?;
                    pushed.new += n;
                }
                Err(e) if is_refusal(&e) => {
                    one.rollback().await?;
                    pushed.refused.push((prospect, super::error_text(&e)));
                }
                Err(e) => return Err(e.into()),
            }
        }
        tx.commit().await?;
        Ok(pushed)
    })
}

/// Whether the server's rules (row-level security) refused a change.
fn is_refusal(e: &tokio_postgres::Error) -> bool {
    e.code() == Some(&tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE)
}

/// Inserts `entries` (the server skips those it has); how many were new.
async fn insert(tx: &Transaction<'_>, entries: &[Entry]) -> Result<u64, tokio_postgres::Error> {
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
    tx.execute(
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
    .await
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
    hub: &mut Hub,
    after: i64,
    own_device: Uid,
    limit: usize,
) -> Result<Vec<(i64, Entry)>, TeamError> {
    let device = uuid(own_device);
    let limit = limit as i64;
    let rows = hub.run(async |c| {
        Ok(c.query(
            "SELECT seq, device, hlc, author, prospect, kind, entity, op, field, old, new \
             FROM followup.change WHERE seq > $1 AND device <> $2 ORDER BY seq LIMIT $3",
            &[&after, &device, &limit],
        )
        .await?)
    })?;
    entries(&rows)
}

/// Every change of prospect `prospect` this member may read, in the
/// server's order: a prospect reassigned to this member arrives whole,
/// though its earlier changes are behind the pull cursor.
pub fn prospect_history(hub: &mut Hub, prospect: Uid) -> Result<Vec<Entry>, TeamError> {
    let prospect = uuid(prospect);
    let rows = hub.run(async |c| {
        Ok(c.query(
            "SELECT seq, device, hlc, author, prospect, kind, entity, op, field, old, new \
             FROM followup.change WHERE prospect = $1 ORDER BY seq",
            &[&prospect],
        )
        .await?)
    })?;
    Ok(entries(&rows)?.into_iter().map(|(_, e)| e).collect())
}

/// What the server says of reassignments: when it was asked (the
/// server's clock, microseconds since 1970) and each prospect this member
/// may see that was reassigned since then.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reassignments {
    /// When the server answered.
    pub checked_us: i64,
    /// Each reassigned prospect.
    pub prospects: Vec<Reassigned>,
}

/// A prospect given to another member after its first change reached the
/// server (as opposed to one its creator owns since its first push).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassigned {
    /// The prospect.
    pub prospect: Uid,
    /// Its owner now: the name that member's changes carry (their latest),
    /// else their role's.
    pub owner: String,
    /// True when the owner is the member asking.
    pub mine: bool,
}

/// The prospects this member may see that were reassigned after `since_us`
/// (the server's clock; `None`: ever), and the server's clock now, in one
/// exchange.
pub fn reassigned_since(hub: &mut Hub, since_us: Option<i64>) -> Result<Reassignments, TeamError> {
    // The clock comes on a row of its own joined to the answer, so it
    // arrives when no prospect does.
    let rows = hub.run(async |c| {
        Ok(c.query(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::int8, \
                    r.prospect, r.owner, r.mine \
             FROM (SELECT 1) AS asked LEFT JOIN ( \
                 SELECT o.prospect, coalesce( \
                            (SELECT c.author FROM followup.change c \
                             WHERE c.author_role = o.owner ORDER BY c.seq DESC LIMIT 1), \
                            o.owner::text) AS owner, \
                        o.owner = current_user AS mine \
                 FROM followup.prospect_owner o \
                 WHERE ($1::int8 IS NULL OR o.assigned_at > to_timestamp($1::int8 / 1000000.0)) \
                   AND o.assigned_at > (SELECT min(c.pushed_at) FROM followup.change c \
                                        WHERE c.prospect = o.prospect) \
             ) AS r ON true",
            &[&since_us],
        )
        .await?)
    })?;
    let mut answer = Reassignments::default();
    for row in &rows {
        answer.checked_us = row.try_get(0)?;
        if let Some(prospect) = row.try_get::<_, Option<uuid::Uuid>>(1)? {
            answer.prospects.push(Reassigned {
                prospect: Uid(*prospect.as_bytes()),
                owner: row.try_get(2)?,
                mine: row.try_get(3)?,
            });
        }
    }
    Ok(answer)
}

/// The prospects this member owns (a consultant's; a coordinator or a
/// manager reads every prospect's changes anyway).
pub fn owned_prospects(hub: &mut Hub) -> Result<Vec<Uid>, TeamError> {
    let rows = hub.run(async |c| {
        Ok(c.query(
            "SELECT prospect FROM followup.prospect_owner WHERE owner = current_user",
            &[],
        )
        .await?)
    })?;
    rows.iter()
        .map(|r| Ok(Uid(*r.try_get::<_, uuid::Uuid>(0)?.as_bytes())))
        .collect()
}

fn entries(rows: &[tokio_postgres::Row]) -> Result<Vec<(i64, Entry)>, TeamError> {
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
pub fn last_seq(hub: &mut Hub) -> Result<i64, TeamError> {
    hub.run(async |c| {
        Ok(
            c.query_one("SELECT coalesce(max(seq), 0) FROM followup.change", &[])
                .await?
                .try_get(0)?,
        )
    })
}
