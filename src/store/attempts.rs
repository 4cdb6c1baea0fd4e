//! Contact attempts in the book.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::convert::{secs, time};
use super::history::Record;
use super::{StoreError, Tx};
use crate::domain::{Attempt, AttemptId, NewAttempt, ProspectId};
use crate::history::{EntryKind, Op, Uid, Value};

const COLUMNS: &str = "id, prospect_id, at, channel, outcome, note, series_step";

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Attempt> {
    let step: Option<i64> = row.get(6)?;
    Ok(Attempt {
        id: AttemptId(row.get(0)?),
        prospect_id: ProspectId(row.get(1)?),
        at: time(row.get(2)?),
        channel: row.get(3)?,
        outcome: row.get(4)?,
        note: row.get(5)?,
        series_step: step.and_then(|s| u32::try_from(s).ok()),
    })
}

/// Records an attempt; returns its id.
pub fn insert_attempt(
    conn: &Tx<'_>,
    new: &NewAttempt,
    now: DateTime<Utc>,
) -> Result<AttemptId, StoreError> {
    let note = new.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let uid = Uid::new(new.at);
    conn.prepare_cached(
        "INSERT INTO attempt (uid, prospect_id, at, channel, outcome, note, series_step) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        uid.0.to_vec(),
        new.prospect_id.0,
        secs(new.at),
        new.channel,
        new.outcome,
        note,
        new.series_step
    ])?;
    let id = AttemptId(conn.last_insert_rowid());
    // The attempt's fields stay in its row, which never changes: the
    // history reads them from there (see `history::ENTRY_COLUMNS`).
    conn.record(
        Record {
            prospect: new.prospect_id,
            kind: EntryKind::Attempt,
            entity: Some(uid),
            op: Op::Create,
            field: None,
            old: Value::Null,
            new: Value::Null,
        },
        now,
    )?;
    Ok(id)
}

/// A prospect's attempts, newest first, at most `limit`.
pub fn attempts_for(
    conn: &Connection,
    prospect: ProspectId,
    limit: usize,
) -> Result<Vec<Attempt>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attempt WHERE prospect_id = ?1 AND removed_at IS NULL ORDER BY at DESC, id DESC LIMIT {}",
        super::convert::sql_limit(limit)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([prospect.0], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A prospect's newest conversation (reached, met or quoted), however many
/// unanswered attempts came after it.
pub fn last_conversation(
    conn: &Connection,
    prospect: ProspectId,
) -> Result<Option<Attempt>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attempt WHERE prospect_id = ?1 AND removed_at IS NULL \
         AND outcome IN ('reached', 'meeting', 'quote') ORDER BY at DESC, id DESC LIMIT 1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([prospect.0], from_row)
        .optional()?)
}

/// One attempt by id.
pub fn attempt(conn: &Connection, id: AttemptId) -> Result<Option<Attempt>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM attempt WHERE id = ?1 AND removed_at IS NULL");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id.0], from_row)
        .optional()?)
}

/// The id of the attempt recorded last for a prospect (by insertion, not by
/// its time), if any.
pub fn newest_attempt_id(
    conn: &Connection,
    prospect: ProspectId,
) -> Result<Option<AttemptId>, StoreError> {
    let id: Option<i64> = conn
        .prepare_cached(
            "SELECT max(id) FROM attempt WHERE prospect_id = ?1 AND removed_at IS NULL",
        )?
        .query_row([prospect.0], |r| r.get(0))?;
    Ok(id.map(AttemptId))
}

/// A prospect's newest attempt, if any.
pub fn last_attempt(
    conn: &Connection,
    prospect: ProspectId,
) -> Result<Option<Attempt>, StoreError> {
    Ok(attempts_for(conn, prospect, 1)?.into_iter().next())
}

/// Removes an attempt (undo of logging it).
pub fn remove_attempt(conn: &Tx<'_>, id: AttemptId, now: DateTime<Utc>) -> Result<(), StoreError> {
    set_removed(conn, id, Some(now), now)
}

/// Brings back a removed attempt (an undone undo: redo).
pub fn restore_attempt(conn: &Tx<'_>, id: AttemptId, now: DateTime<Utc>) -> Result<(), StoreError> {
    set_removed(conn, id, None, now)
}

/// Removes (`Some`) or brings back (`None`) an attempt, with its change.
fn set_removed(
    conn: &Tx<'_>,
    id: AttemptId,
    removed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row: Option<(i64, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT prospect_id, uid FROM attempt WHERE id = ?1 \
             AND (removed_at IS NULL) = (?2 IS NOT NULL)",
        )?
        .query_row(rusqlite::params![id.0, removed.map(secs)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((prospect, uid)) = row else {
        return Ok(());
    };
    conn.prepare_cached("UPDATE attempt SET removed_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id.0, removed.map(secs)])?;
    conn.record(
        Record {
            prospect: ProspectId(prospect),
            kind: EntryKind::Attempt,
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
