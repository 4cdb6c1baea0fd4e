//! Debriefs in the book: rows of their own that never change once made
//! (undo removes one with a tombstone), each kept in the history with all
//! its fields.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::convert::{secs, time};
use super::history::Record;
use super::{StoreError, Tx};
use crate::domain::{Debrief, DebriefId, Money, NewDebrief, Probability, ProspectId};
use crate::history::{EntryKind, Op, Uid, Value};

/// The fields of a debrief the history keeps (and the check compares).
pub(super) const FIELDS: &[&str] = &[
    "at",
    "product",
    "value_cents",
    "probability",
    "follow_up",
    "well_1",
    "well_2",
    "well_3",
    "work_on",
];

const COLUMNS: &str = "d.id, d.prospect_id, d.at, d.product, d.value_cents, d.probability, \
     d.follow_up, d.well_1, d.well_2, d.well_3, d.work_on";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Debrief> {
    let probability: Option<i64> = row.get(5)?;
    Ok(Debrief {
        id: DebriefId(row.get(0)?),
        prospect_id: ProspectId(row.get(1)?),
        at: time(row.get(2)?),
        product: row.get(3)?,
        value: row.get::<_, Option<i64>>(4)?.map(Money::from_cents),
        probability: probability.and_then(|p| Probability::new(p).ok()),
        follow_up: row.get(6)?,
        well: [row.get(7)?, row.get(8)?, row.get(9)?],
        work_on: row.get(10)?,
    })
}

/// Records a debrief of `prospect` made at `now`; returns its id.
pub fn insert_debrief(
    conn: &Tx<'_>,
    prospect: ProspectId,
    new: &NewDebrief,
    now: DateTime<Utc>,
) -> Result<DebriefId, StoreError> {
    let uid = Uid::new(now);
    let value = new.value.map(Money::cents);
    let probability = new.probability.map(|p| i64::from(p.percent()));
    conn.prepare_cached(
        "INSERT INTO debrief (uid, prospect_id, at, product, value_cents, probability, \
         follow_up, well_1, well_2, well_3, work_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(rusqlite::params![
        uid.0.to_vec(),
        prospect.0,
        secs(now),
        new.product,
        value,
        probability,
        new.follow_up,
        new.well[0],
        new.well[1],
        new.well[2],
        new.work_on,
    ])?;
    let id = DebriefId(conn.last_insert_rowid());
    let fields = serde_json::json!({
        "at": secs(now),
        "product": new.product,
        "value_cents": value,
        "probability": probability,
        "follow_up": new.follow_up,
        "well_1": new.well[0],
        "well_2": new.well[1],
        "well_3": new.well[2],
        "work_on": new.work_on,
    });
    conn.record(
        Record {
            prospect,
            kind: EntryKind::Debrief,
            entity: Some(uid),
            op: Op::Create,
            field: None,
            old: Value::Null,
            new: Value::Text(fields.to_string()),
        },
        now,
    )?;
    Ok(id)
}

/// Removes a debrief (undo of recording it), or brings a removed one back
/// (`removed = None`: redo). Nothing happens if it is already so.
pub fn set_debrief_removed(
    conn: &Tx<'_>,
    id: DebriefId,
    removed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row: Option<(i64, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT prospect_id, uid FROM debrief WHERE id = ?1 \
             AND (removed_at IS NULL) = (?2 IS NOT NULL)",
        )?
        .query_row(rusqlite::params![id.0, removed.map(secs)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((prospect, uid)) = row else {
        return Ok(());
    };
    conn.prepare_cached("UPDATE debrief SET removed_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id.0, removed.map(secs)])?;
    conn.record(
        Record {
            prospect: ProspectId(prospect),
            kind: EntryKind::Debrief,
            entity: Uid::from_slice(&uid),
            op: if removed.is_some() {
                Op::Remove
            } else {
                Op::Restore
            },
            field: None,
            old: Value::Null,
            new: Value::Null,
        },
        now,
    )
}

/// One debrief, if it exists and is not removed.
pub fn debrief(conn: &Connection, id: DebriefId) -> Result<Option<Debrief>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM debrief d WHERE d.id = ?1 AND d.removed_at IS NULL");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id.0], from_row)
        .optional()?)
}

/// A prospect's debriefs, newest first, at most `limit`.
pub fn debriefs_for(
    conn: &Connection,
    prospect: ProspectId,
    limit: usize,
) -> Result<Vec<Debrief>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM debrief d WHERE d.prospect_id = ?1 AND d.removed_at IS NULL \
         ORDER BY d.at DESC, d.id DESC LIMIT {}",
        super::convert::sql_limit(limit)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([prospect.0], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The debriefs recorded from `since` on (all when `None`), newest first,
/// each with the prospect's name; at most `limit` (an index range on the
/// debrief's time).
pub fn debriefs_since(
    conn: &Connection,
    since: Option<DateTime<Utc>>,
    limit: usize,
) -> Result<Vec<(Debrief, String)>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS}, p.name FROM debrief d INDEXED BY debrief_by_at \
         JOIN prospect p ON p.id = d.prospect_id \
         WHERE d.removed_at IS NULL AND d.at >= ?1 AND p.removed_at IS NULL \
         ORDER BY d.at DESC, d.id DESC LIMIT {}",
        super::convert::sql_limit(limit)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([since.map_or(i64::MIN, secs)], |r| {
        Ok((from_row(r)?, r.get(11)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Meetings up to `from` owe no debrief (`book_meta` 'debrief_from', read
/// by the triggers of migration 012): a sample book that "started
/// debriefing" recently, or a book upgraded with its past. Set before the
/// meetings it concerns are written.
pub fn set_debrief_from(conn: &Tx<'_>, from: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO book_meta (key, value) VALUES ('debrief_from', ?1)",
    )?
    .execute([secs(from)])?;
    Ok(())
}

/// The first `limit` owed debriefs, oldest meeting first, from the index
/// of their times alone (migration 024).
pub(super) fn owed_debriefs_sql(limit: usize) -> String {
    format!(
        "SELECT id, debrief_due FROM prospect INDEXED BY prospect_debrief_owed \
         WHERE status = 'active' AND debrief_due IS NOT NULL ORDER BY debrief_due, id LIMIT {}",
        super::convert::sql_limit(limit)
    )
}

/// Active prospects that owe a debrief, with the meeting that owes it,
/// oldest first, at most `limit`.
pub fn owed_debriefs(
    conn: &Connection,
    limit: usize,
) -> Result<Vec<(ProspectId, DateTime<Utc>)>, StoreError> {
    let mut stmt = conn.prepare_cached(&owed_debriefs_sql(limit))?;
    let rows = stmt.query_map([], |r| Ok((ProspectId(r.get(0)?), time(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
