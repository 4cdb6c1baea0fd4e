//! Reading the whole book for an export, one prospect at a time.
//!
//! Three cursors walk the book in prospect order (the prospects by row id,
//! their attempts and next steps by the indexes that lead with the
//! prospect's id) and are merged as they go, so memory holds one prospect
//! and its own rows however big the book is. The walk runs in one read
//! transaction: an export is a consistent snapshot even while the cockpit
//! writes.

use rusqlite::{Connection, Row, Statement, named_params};

use super::StoreError;
use crate::domain::{Attempt, NextStep, Prospect, Status};
use crate::history::Uid;

/// What an export reads besides the prospects themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportScope {
    /// Only prospects of this status (`None`: every one).
    pub status: Option<Status>,
    /// Read each prospect's attempts.
    pub attempts: bool,
    /// Which next steps to read.
    pub steps: StepScope,
}

/// Which of a prospect's next steps an export reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepScope {
    /// None.
    None,
    /// The open one only (at most one per prospect).
    Open,
    /// Every one, done, replaced and cancelled included.
    All,
}

/// One prospect as exported. Removed (tombstoned) rows are never in it.
#[derive(Debug, Clone)]
pub struct ExportRecord {
    /// The prospect's stable id (`None` only in a hand-made book).
    pub uid: Option<Uid>,
    /// Its fields.
    pub prospect: Prospect,
    /// Its attempts with their stable ids, oldest first (empty unless the
    /// scope asked for them).
    pub attempts: Vec<(Option<Uid>, Attempt)>,
    /// Its next steps with their stable ids, oldest first (as the scope
    /// asked).
    pub steps: Vec<(Option<Uid>, NextStep)>,
}

impl ExportRecord {
    /// The open next step, if it was read.
    pub fn open_step(&self) -> Option<&(Option<Uid>, NextStep)> {
        self.steps.iter().find(|(_, s)| s.done_at.is_none())
    }
}

/// The filter every cursor applies to its prospect (`p`).
const PROSPECT_FILTER: &str = "p.removed_at IS NULL AND (:status IS NULL OR p.status = :status)";

fn prospects_sql() -> String {
    format!(
        "SELECT {}, p.uid FROM prospect p WHERE {PROSPECT_FILTER} ORDER BY p.id",
        super::prospects::COLUMNS
    )
}

/// Attempts in prospect order; the index `attempt_by_prospect` (prospect,
/// at, then the row id) gives that order without sorting.
const ATTEMPTS_SQL: &str = "SELECT a.id, a.prospect_id, a.at, a.channel, a.outcome, a.note, \
     a.series_step, a.uid FROM attempt a JOIN prospect p ON p.id = a.prospect_id \
     WHERE a.removed_at IS NULL AND {PROSPECT_FILTER} ORDER BY a.prospect_id, a.at, a.id";

/// Next steps in prospect order (index `next_step_by_prospect`).
const STEPS_SQL: &str = "SELECT s.id, s.prospect_id, s.action, s.due_start, s.due_end, s.note, \
     s.created_at, s.done_at, s.resolution, s.windows, s.plan_item, s.uid FROM next_step s \
     JOIN prospect p ON p.id = s.prospect_id \
     WHERE s.removed_at IS NULL AND {OPEN} AND {PROSPECT_FILTER} \
     ORDER BY s.prospect_id, s.created_at, s.id";

fn attempts_sql() -> String {
    ATTEMPTS_SQL.replace("{PROSPECT_FILTER}", PROSPECT_FILTER)
}

fn steps_sql(open_only: bool) -> String {
    let open = if open_only { "s.done_at IS NULL" } else { "1" };
    STEPS_SQL
        .replace("{OPEN}", open)
        .replace("{PROSPECT_FILTER}", PROSPECT_FILTER)
}

/// A stable id as stored (a 16-byte blob; anything else reads as none).
fn uid_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<Uid>> {
    Ok(row
        .get_ref(index)?
        .as_blob_or_null()
        .ok()
        .flatten()
        .and_then(Uid::from_slice))
}

/// A row of a cursor: the prospect's id, the row's stable id, the row.
type Owned<T> = (i64, Option<Uid>, T);

/// Reads a cursor's row.
type ReadRow<T> = fn(&Row<'_>) -> rusqlite::Result<Owned<T>>;

/// One cursor of the merge: its rows in prospect order, with the next row
/// read ahead.
struct Cursor<'s, T> {
    rows: Option<rusqlite::Rows<'s>>,
    read: ReadRow<T>,
    head: Option<Owned<T>>,
}

impl<'s, T> Cursor<'s, T> {
    fn new(
        stmt: Option<&'s mut Statement<'_>>,
        status: Option<&str>,
        read: ReadRow<T>,
    ) -> Result<Self, StoreError> {
        let rows = match stmt {
            Some(stmt) => Some(stmt.query(named_params! { ":status": status })?),
            None => None,
        };
        let mut cursor = Cursor {
            rows,
            read,
            head: None,
        };
        cursor.advance()?;
        Ok(cursor)
    }

    fn advance(&mut self) -> Result<(), StoreError> {
        self.head = match self.rows.as_mut() {
            Some(rows) => match rows.next()? {
                Some(row) => Some((self.read)(row)?),
                None => None,
            },
            None => None,
        };
        Ok(())
    }

    /// Moves the rows of prospect `id` into `into` (after skipping any of
    /// an earlier prospect, which the snapshot makes impossible anyway).
    fn take(&mut self, id: i64, into: &mut Vec<(Option<Uid>, T)>) -> Result<(), StoreError> {
        into.clear();
        while let Some((owner, uid, item)) = self.head.take() {
            if owner > id {
                self.head = Some((owner, uid, item));
                break;
            }
            if owner == id {
                into.push((uid, item));
            }
            self.advance()?;
        }
        Ok(())
    }
}

fn read_attempt(row: &Row<'_>) -> rusqlite::Result<Owned<Attempt>> {
    let attempt = super::attempts::from_row(row)?;
    Ok((attempt.prospect_id.0, uid_at(row, 7)?, attempt))
}

fn read_step(row: &Row<'_>) -> rusqlite::Result<Owned<NextStep>> {
    let step = super::next_steps::from_row(row)?;
    Ok((step.prospect_id.0, uid_at(row, 11)?, step))
}

/// Calls `each` with every prospect in the scope, in id order, with the
/// rows the scope asks for; returns how many there were. Stops at the
/// first error `each` returns (a closed pipe, a full disk).
pub fn export_book<E: From<StoreError>>(
    conn: &Connection,
    scope: ExportScope,
    mut each: impl FnMut(&ExportRecord) -> Result<(), E>,
) -> Result<u64, E> {
    // One snapshot for the three cursors; dropped (rolled back, nothing to
    // undo) at the end.
    let snapshot = conn.unchecked_transaction().map_err(StoreError::from)?;
    let status = scope.status.map(|s| s.as_str());
    let mut prospects = snapshot
        .prepare(&prospects_sql())
        .map_err(StoreError::from)?;
    let mut attempts_stmt = if scope.attempts {
        Some(
            snapshot
                .prepare(&attempts_sql())
                .map_err(StoreError::from)?,
        )
    } else {
        None
    };
    let mut steps_stmt = match scope.steps {
        StepScope::None => None,
        StepScope::Open => Some(
            snapshot
                .prepare(&steps_sql(true))
                .map_err(StoreError::from)?,
        ),
        StepScope::All => Some(
            snapshot
                .prepare(&steps_sql(false))
                .map_err(StoreError::from)?,
        ),
    };
    let mut attempts = Cursor::new(attempts_stmt.as_mut(), status, read_attempt)?;
    let mut steps = Cursor::new(steps_stmt.as_mut(), status, read_step)?;
    let mut rows = prospects
        .query(named_params! { ":status": status })
        .map_err(StoreError::from)?;
    // The per-prospect lists are reused from one prospect to the next.
    let (mut attempt_rows, mut step_rows) = (Vec::new(), Vec::new());
    let mut count = 0;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        let prospect = super::prospects::from_row(row).map_err(StoreError::from)?;
        let uid = uid_at(row, super::prospects::COLUMN_COUNT).map_err(StoreError::from)?;
        attempts.take(prospect.id.0, &mut attempt_rows)?;
        steps.take(prospect.id.0, &mut step_rows)?;
        let record = ExportRecord {
            uid,
            prospect,
            attempts: attempt_rows,
            steps: step_rows,
        };
        each(&record)?;
        (attempt_rows, step_rows) = (record.attempts, record.steps);
        count += 1;
    }
    Ok(count)
}

/// Prospect ids with their name and company, for shell completion: those
/// whose id starts with `prefix` (all when it is empty), active ones first,
/// at most `limit`.
pub fn ids_for_completion(
    conn: &Connection,
    prefix: &str,
    limit: usize,
) -> Result<Vec<(i64, String, Option<String>)>, StoreError> {
    let digits: String = prefix.chars().filter(char::is_ascii_digit).collect();
    let mut stmt = conn.prepare(
        "SELECT id, name, company FROM prospect \
         WHERE removed_at IS NULL AND CAST(id AS TEXT) LIKE :prefix || '%' \
         ORDER BY status <> 'active', id LIMIT :limit",
    )?;
    let rows = stmt.query_map(
        named_params! { ":prefix": digits, ":limit": i64::try_from(limit).unwrap_or(i64::MAX) },
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursors read in index order: no temporary sort whose memory
    /// would grow with the book.
    #[test]
    fn the_cursors_never_sort() {
        let book = crate::store::Book::open_in_memory().unwrap();
        for sql in [
            prospects_sql(),
            attempts_sql(),
            steps_sql(true),
            steps_sql(false),
        ] {
            let mut stmt = book
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan: Vec<String> = stmt
                .query_map(named_params! { ":status": "active" }, |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(
                !plan.iter().any(|p| p.contains("TEMP B-TREE")),
                "{sql}: {plan:?}"
            );
        }
    }
}
