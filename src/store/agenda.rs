//! The upcoming agenda: every open next step from a moment on, in window
//! order, one page at a time.
//!
//! Pages are keyset ranges over `next_step_open_by_start` on (window start,
//! prospect id): a page costs what it returns, however far into the book it
//! is, and never skips or repeats a step when the one before it was read.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, named_params};

use super::StoreError;
use super::convert::secs;
use super::queues::{ITEM_COLUMNS, item};
use crate::domain::{ProspectId, QueueItem};

/// Where a page of the agenda starts: after this step's start and prospect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaKey {
    /// The window start of the last row read.
    pub start: DateTime<Utc>,
    /// Its prospect.
    pub id: ProspectId,
}

impl AgendaKey {
    /// The key of an agenda row (`None` for a row without a step, which the
    /// agenda never lists).
    pub fn of(item: &QueueItem) -> Option<AgendaKey> {
        item.due.map(|w| AgendaKey {
            start: w.start,
            id: item.id,
        })
    }
}

/// The range the agenda pages over; the named index delivers its order.
pub(super) const AGENDA: &str = "FROM next_step s INDEXED BY next_step_open_by_start \
     CROSS JOIN prospect p ON p.id = s.prospect_id \
     WHERE s.done_at IS NULL AND s.due_start >= :from \
     AND (s.due_start, s.prospect_id) > (:after_start, :after_id) \
     AND p.status = 'active' \
     ORDER BY s.due_start, s.prospect_id";

/// Open next steps starting at `from` or later (tomorrow's start, for the
/// agenda), after `after` when given, at most `limit`, in window order.
pub fn upcoming(
    conn: &Connection,
    from: DateTime<Utc>,
    after: Option<AgendaKey>,
    limit: usize,
) -> Result<Vec<QueueItem>, StoreError> {
    let limit = super::convert::sql_limit(limit);
    let sql = format!("SELECT {ITEM_COLUMNS} {AGENDA} LIMIT {limit}");
    let (after_start, after_id) = after.map_or((i64::MIN, i64::MIN), |k| (secs(k.start), k.id.0));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        named_params! {
            ":from": secs(from),
            ":after_start": after_start,
            ":after_id": after_id,
        },
        item,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
