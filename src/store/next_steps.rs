//! Next steps in the book. At most one is open per prospect (a unique
//! partial index enforces it).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::convert::{opt_time, secs, time, windows_from, windows_text};
use super::{StoreError, Tx};
use crate::domain::{NewNextStep, NextStep, NextStepId, ProspectId, StepResolution};
use crate::schedule::Window;

const COLUMNS: &str =
    "id, prospect_id, action, due_start, due_end, note, created_at, done_at, resolution, windows";

fn from_row(row: &Row<'_>) -> rusqlite::Result<NextStep> {
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
        conn.prepare_cached("UPDATE next_step SET done_at = ?2, resolution = ?3 WHERE id = ?1")?
            .execute(rusqlite::params![step.id.0, secs(now), resolution])?;
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
    let note = step
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    conn.prepare_cached(
        "INSERT INTO next_step (prospect_id, action, due_start, due_end, note, created_at, windows) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        prospect.0,
        step.action,
        secs(step.window.start),
        secs(step.window.end),
        note,
        secs(now),
        windows_text(&step.alternatives)
    ])?;
    Ok(NextStepId(conn.last_insert_rowid()))
}

/// Removes a next step (undo of scheduling it).
pub fn delete_step(conn: &Tx<'_>, id: NextStepId) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM next_step WHERE id = ?1")?
        .execute([id.0])?;
    Ok(())
}

/// Opens a closed next step again (undo of closing it).
pub fn reopen_step(conn: &Tx<'_>, id: NextStepId) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE next_step SET done_at = NULL, resolution = NULL WHERE id = ?1")?
        .execute([id.0])?;
    Ok(())
}
