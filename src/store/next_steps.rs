//! Next steps in the book. At most one is open per prospect (a unique
//! partial index enforces it).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::convert::{opt_time, secs, time, windows_from, windows_text};
use super::history::Record;
use super::{StoreError, Tx};
use crate::domain::{NewNextStep, NextStep, NextStepId, ProspectId, StepResolution};
use crate::history::{EntryKind, Op, Uid, Value};
use crate::schedule::Window;

const COLUMNS: &str = "id, prospect_id, action, due_start, due_end, note, created_at, done_at, resolution, windows, \
     plan_item";

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<NextStep> {
    Ok(NextStep {
        id: NextStepId(row.get(0)?),
        prospect_id: ProspectId(row.get(1)?),
        action: row.get(2)?,
        window: Window::new(time(row.get(3)?), time(row.get(4)?)),
        alternatives: windows_from(row.get::<_, Option<String>>(9)?.as_deref()),
        note: row.get(5)?,
        created_at: time(row.get(6)?),
        done_at: opt_time(row.get(7)?),
        resolution: row.get(8)?,
        plan_item: row.get(10)?,
    })
}

/// The prospect's open next step, if any.
pub fn open_step(conn: &Connection, prospect: ProspectId) -> Result<Option<NextStep>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM next_step WHERE prospect_id = ?1 AND done_at IS NULL");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([prospect.0], from_row)
        .optional()?)
}

/// Closes the prospect's open next step (if any) with `resolution`; returns
/// the step as it was while open.
pub fn close_open_step(
    conn: &Tx<'_>,
    prospect: ProspectId,
    resolution: StepResolution,
    now: DateTime<Utc>,
) -> Result<Option<NextStep>, StoreError> {
    let open = open_step(conn, prospect)?;
    if let Some(step) = &open {
        close_step(conn, step, resolution, now)?;
    }
    Ok(open)
}

/// Schedules a new open next step (with its alternatives, if any). The
/// caller closes any open one first.
pub fn insert_step(
    conn: &Tx<'_>,
    prospect: ProspectId,
    step: &NewNextStep,
    now: DateTime<Utc>,
) -> Result<NextStepId, StoreError> {
    let windows = windows_text(&step.alternatives);
    let note = step
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let uid = Uid::new(now);
    conn.prepare_cached(
        "INSERT INTO next_step (uid, prospect_id, action, due_start, due_end, note, created_at, \
         windows, plan_item) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params![
        uid.0.to_vec(),
        prospect.0,
        step.action,
        secs(step.window.start),
        secs(step.window.end),
        note,
        secs(now),
        windows,
        step.plan_item,
    ])?;
    let id = NextStepId(conn.last_insert_rowid());
    // The same object the upgrade reconstructs for older steps (and the
    // plan item, for an after-sale step).
    let mut fields = serde_json::json!({
        "action": step.action.as_str(),
        "due_start": secs(step.window.start),
        "due_end": secs(step.window.end),
        "note": note,
        "created_at": secs(now),
        "windows": windows,
    });
    if let Some(item) = &step.plan_item {
        fields["plan_item"] = item.as_str().into();
    }
    conn.record(
        Record {
            prospect,
            kind: EntryKind::Step,
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

/// Removes a next step (undo of scheduling it).
pub fn remove_step(conn: &Tx<'_>, step: &NextStep, now: DateTime<Utc>) -> Result<(), StoreError> {
    let uid = step_uid(conn, step.id)?;
    if step.done_at.is_none() {
        // Closed first, as its own changes, so the history holds exactly
        // what the row will hold.
        close_step(conn, step, StepResolution::Cancelled, now)?;
    }
    conn.prepare_cached("UPDATE next_step SET removed_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![step.id.0, secs(now)])?;
    conn.record(
        Record {
            prospect: step.prospect_id,
            kind: EntryKind::Step,
            entity: uid,
            op: Op::Remove,
            field: None,
            old: Value::Null,
            new: Value::Null,
        },
        now,
    )
}

pub fn reopen_step(conn: &Tx<'_>, step: &NextStep, now: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE next_step SET done_at = NULL, resolution = NULL WHERE id = ?1")?
        .execute([step.id.0])?;
    let uid = step_uid(conn, step.id)?;
    let done = Value::from(step.done_at.map(secs));
    let how = Value::from(step.resolution.map(|r| r.as_str()));
    record_step(
        conn,
        step.prospect_id,
        uid,
        "done_at",
        done,
        Value::Null,
        now,
    )?;
    record_step(
        conn,
        step.prospect_id,
        uid,
        "resolution",
        how,
        Value::Null,
        now,
    )
}

/// A step's stable id.
fn step_uid(conn: &Connection, id: NextStepId) -> Result<Option<Uid>, StoreError> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT uid FROM next_step WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))?;
    Ok(bytes.as_deref().and_then(Uid::from_slice))
}

/// Appends the change of one field of a step.
fn record_step(
    conn: &Tx<'_>,
    prospect: ProspectId,
    uid: Option<Uid>,
    field: &str,
    old: Value,
    new: Value,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.record(
        Record {
            prospect,
            kind: EntryKind::Step,
            entity: uid,
            op: Op::Set,
            field: Some(field),
            old,
            new,
        },
        now,
    )
}

/// The after-sale plan steps of a customer made from `since` on (the
/// last win; all when `None`), removed ones left out, oldest first.
pub fn plan_steps(
    conn: &Connection,
    prospect: ProspectId,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<NextStep>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM next_step INDEXED BY next_step_by_prospect \
         WHERE prospect_id = ?1 AND created_at >= ?2 AND plan_item IS NOT NULL \
         AND removed_at IS NULL ORDER BY created_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        rusqlite::params![prospect.0, since.map_or(i64::MIN, secs)],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A step by its local id, open or not, removed or not (for undo).
pub fn step(conn: &Connection, id: NextStepId) -> Result<Option<NextStep>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM next_step WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id.0], from_row)
        .optional()?)
}

/// Brings back a removed step, open again (an undone undo: redo). The
/// prospect must have no other open step.
pub fn restore_step(conn: &Tx<'_>, step: &NextStep, now: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE next_step SET removed_at = NULL WHERE id = ?1")?
        .execute([step.id.0])?;
    conn.record(
        Record {
            prospect: step.prospect_id,
            kind: EntryKind::Step,
            entity: step_uid(conn, step.id)?,
            op: Op::Restore,
            field: None,
            old: Value::Null,
            new: Value::Null,
        },
        now,
    )?;
    reopen_step(conn, step, now)
}

/// Closes a given step (open) as `resolution`: a redo closing again what
/// its undo had reopened.
pub fn close_step(
    conn: &Tx<'_>,
    step: &NextStep,
    resolution: StepResolution,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE next_step SET done_at = ?2, resolution = ?3 WHERE id = ?1")?
        .execute(rusqlite::params![step.id.0, secs(now), resolution])?;
    let uid = step_uid(conn, step.id)?;
    record_step(
        conn,
        step.prospect_id,
        uid,
        "done_at",
        Value::Null,
        Value::Int(secs(now)),
        now,
    )?;
    let how = Value::Text(resolution.as_str().into());
    record_step(
        conn,
        step.prospect_id,
        uid,
        "resolution",
        Value::Null,
        how,
        now,
    )
}
