//! Changes the team's server refused, set aside (see migration 017): a
//! sync records them here instead of pushing them again at every sync;
//! the history keeps them.

use rusqlite::Connection;

use super::{StoreError, Tx};
use crate::domain::ProspectId;

/// A change set aside, with what it was about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParkedChange {
    /// Its position in this book's history.
    pub seq: i64,
    /// The prospect's local id.
    pub prospect: ProspectId,
    /// The prospect's name (untrusted text: sanitise before showing).
    pub name: String,
    /// What changed: the field, else the kind of change.
    pub what: String,
    /// When it was set aside (Unix seconds).
    pub parked_at: i64,
    /// The server's words.
    pub reason: String,
}

/// Sets aside the changes at `seqs` with the server's `reason`.
pub fn park(tx: &Tx<'_>, seqs: &[i64], reason: &str, now: i64) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO parked_change (seq, reason, parked_at) VALUES (?1, ?2, ?3)",
    )?;
    for seq in seqs {
        stmt.execute(rusqlite::params![seq, reason, now])?;
    }
    Ok(())
}

/// How many changes are set aside.
pub fn parked_count(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM parked_change")?
        .query_row([], |r| r.get::<_, i64>(0))? as u64)
}

/// The changes set aside, oldest first, at most `limit`.
pub fn parked_changes(conn: &Connection, limit: usize) -> Result<Vec<ParkedChange>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.seq, p.id, p.name, \
                coalesce(h.field, CASE h.kind WHEN 0 THEN 'prospect' WHEN 1 THEN 'attempt' \
                                              WHEN 2 THEN 'next step' WHEN 3 THEN 'note' \
                                              ELSE 'debrief' END), \
                k.parked_at, k.reason \
         FROM parked_change k JOIN history h ON h.seq = k.seq \
         JOIN prospect p ON p.id = h.prospect ORDER BY k.seq LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(ParkedChange {
            seq: r.get(0)?,
            prospect: ProspectId(r.get(1)?),
            name: r.get(2)?,
            what: r.get(3)?,
            parked_at: r.get(4)?,
            reason: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
