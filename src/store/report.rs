//! What the weekly flow review reads (`report/` computes it): the changes
//! that move the pipeline, the rows they end in, the attempts and next
//! steps of the prospects concerned. Every query is an index range
//! (migration 013) or a lookup by prospect; none reads the whole history.
//!
//! Times are UTC seconds; stamps are [`Hlc`](crate::history::Hlc) integers.
//! A period "as of" a moment reads only what was known then: changes
//! stamped before it, attempts made before it and not removed by then.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};

use super::StoreError;
use crate::history::{EntryKind, Op, Value};

/// The prospect fields whose changes the review follows (migration 013
/// indexes exactly these, with the prospect's creation, removal and return).
pub const FLOW_FIELDS: &[&str] = &[
    "status",
    "value_cents",
    "probability",
    "lost_reason",
    "name",
];

/// The condition that selects the changes the `history_flow` index holds.
/// Written with the stored codes of [`EntryKind`] and [`Op`] as literals:
/// SQLite uses a partial index only when the query repeats its condition.
fn flow_condition() -> String {
    format!(
        "h.kind = {prospect} AND (h.op <> {set} OR h.field IN ({fields}))",
        prospect = sql_kind(EntryKind::Prospect),
        set = sql_op(Op::Set),
        fields = FLOW_FIELDS
            .iter()
            .map(|f| format!("'{f}'"))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// The condition of the `history_step_closed` index: a next step's
/// resolution being set.
fn closed_condition() -> String {
    format!(
        "h.kind = {step} AND h.op = {set} AND h.field = 'resolution'",
        step = sql_kind(EntryKind::Step),
        set = sql_op(Op::Set),
    )
}

/// A kind as the history table stores it, as an SQL literal.
fn sql_kind(kind: EntryKind) -> String {
    kind.code().to_string()
}

/// An operation as the history table stores it, as an SQL literal.
fn sql_op(op: Op) -> String {
    op.code().to_string()
}

/// One change that moves the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowChange {
    /// Its stamp.
    pub hlc: i64,
    /// The prospect's local id.
    pub prospect: i64,
    /// What happened.
    pub op: Op,
    /// The field set (for [`Op::Set`]).
    pub field: Option<String>,
    /// The value before.
    pub old: Value,
    /// The value after (left empty for a creation: its fields are in the row).
    pub new: Value,
}

/// A prospect as the book has it now, as far as the review needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRow {
    /// Local id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Status word.
    pub status: String,
    /// Quote value in cents.
    pub value_cents: Option<i64>,
    /// Probability in percent.
    pub probability: Option<i64>,
    /// Why they said no.
    pub lost_reason: Option<String>,
    /// Removed (a tombstone).
    pub removed: bool,
    /// The series it follows (`None`: the default).
    pub series_name: Option<String>,
}

fn op_of(stored: i64) -> Op {
    Op::from_code(stored).unwrap_or(Op::Set)
}

/// Every change of [`FLOW_FIELDS`] (and every creation, removal and
/// return of a prospect) stamped at or after `since`, newest first.
pub fn flow_changes_since(conn: &Connection, since: i64) -> Result<Vec<FlowChange>, StoreError> {
    let sql = flow_changes_sql();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([since], |r| {
        Ok(FlowChange {
            hlc: r.get(0)?,
            prospect: r.get(1)?,
            op: op_of(r.get(2)?),
            field: r.get(3)?,
            old: r.get(4)?,
            new: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn flow_changes_sql() -> String {
    format!(
        "SELECT h.hlc, h.prospect, h.op, h.field, h.old, \
         CASE WHEN h.op = {create} THEN NULL ELSE h.new END \
         FROM history h INDEXED BY history_flow \
         WHERE {cond} AND h.hlc >= ?1 ORDER BY h.hlc DESC, h.seq DESC",
        create = sql_op(Op::Create),
        cond = flow_condition(),
    )
}

const ROW_COLUMNS: &str = "p.id, p.name, p.status, p.value_cents, p.probability, p.lost_reason, \
     p.removed_at IS NOT NULL, p.series_name";

fn flow_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FlowRow> {
    Ok(FlowRow {
        id: r.get(0)?,
        name: r.get(1)?,
        status: r.get(2)?,
        value_cents: r.get(3)?,
        probability: r.get(4)?,
        lost_reason: r.get(5)?,
        removed: r.get(6)?,
        series_name: r.get(7)?,
    })
}

/// The rows, as they are now, of every prospect a change since `since`
/// touched (the start of walking the pipeline back).
pub fn rows_changed_since(conn: &Connection, since: i64) -> Result<Vec<FlowRow>, StoreError> {
    let sql = rows_changed_sql();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([since], flow_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn rows_changed_sql() -> String {
    format!(
        "SELECT {ROW_COLUMNS} FROM prospect p WHERE p.id IN ( \
             SELECT h.prospect FROM history h INDEXED BY history_flow \
             WHERE {cond} AND h.hlc >= ?1)",
        cond = flow_condition(),
    )
}

const ACTIVE_NOW: &str =
    "SELECT id FROM prospect INDEXED BY prospect_pipeline WHERE status = 'active'";
const WEIGHTED_NOW: &str = "SELECT coalesce(sum((value_cents * probability + 50) / 100), 0) \
     FROM prospect INDEXED BY prospect_pipeline WHERE status = 'active'";

/// The ids of the prospects active now (read from the pipeline's index).
pub fn active_now(conn: &Connection) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(ACTIVE_NOW)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The weighted value of the pipeline now, in cents times percent (summed
/// per prospect with the same rounding as the cockpit's pipeline figure).
pub fn weighted_now(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(WEIGHTED_NOW)?
        .query_row([], |r| r.get(0))?)
}

/// The ids of every prospect `owner` owns now (removed ones too: their
/// history still counts in a past period).
pub fn owned_by(conn: &Connection, owner: i64) -> Result<HashSet<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(OWNED_BY)?;
    let rows = stmt.query_map([owner], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The weighted value of one owner's pipeline now (as [`weighted_now`]).
pub fn weighted_now_of(conn: &Connection, owner: i64) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(WEIGHTED_NOW_OF)?
        .query_row([owner], |r| r.get(0))?)
}

const WEIGHTED_NOW_OF: &str = "SELECT coalesce(sum((value_cents * probability + 50) / 100), 0) \
     FROM prospect INDEXED BY prospect_pipeline WHERE status = 'active' AND owner = ?1";

/// Every prospect's id, grouped by owner (one pass over the table).
pub fn prospects_by_owner(
    conn: &Connection,
) -> Result<std::collections::HashMap<i64, HashSet<i64>>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT owner, id FROM prospect")?;
    let mut out: std::collections::HashMap<i64, HashSet<i64>> = Default::default();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (owner, id) = row?;
        out.entry(owner).or_default().insert(id);
    }
    Ok(out)
}

const OWNED_BY: &str = "SELECT id FROM prospect WHERE owner = ?1";

/// A consultant: an author who owns prospects in this book.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Consultant {
    /// The author's local id (`prospect.owner`).
    #[serde(skip)]
    pub id: i64,
    /// Their name (the team member's name once synced).
    pub name: String,
}

/// The consultants of the book: every author who owns a prospect, by name.
pub fn owners(conn: &Connection) -> Result<Vec<Consultant>, StoreError> {
    let mut stmt = conn.prepare_cached(OWNERS)?;
    let rows = stmt.query_map([], |r| {
        Ok(Consultant {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const OWNERS: &str = "SELECT a.id, a.name FROM author a \
     WHERE EXISTS (SELECT 1 FROM prospect p WHERE p.owner = a.id) ORDER BY a.name";

/// Rows of the given prospects as they are now.
pub fn rows_of(conn: &Connection, ids: &[i64]) -> Result<Vec<FlowRow>, StoreError> {
    let sql = format!("SELECT {ROW_COLUMNS} FROM prospect p WHERE p.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = stmt.query_row([id], flow_row).optional()? {
            out.push(row);
        }
    }
    Ok(out)
}

/// A contact attempt as the review counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    /// When (UTC seconds).
    pub at: i64,
    /// True for a conversation (reached, met or quoted).
    pub spoke: bool,
    /// True for an appointment: a meeting or visit, or a quote given.
    pub met: bool,
    /// True for a quote given.
    pub quoted: bool,
    /// The series step it performed.
    pub series_step: Option<u32>,
}

const CONTACTS: &str = "SELECT at, outcome IN ('reached', 'meeting', 'quote'), \
     outcome IN ('meeting', 'quote'), outcome = 'quote', series_step FROM attempt INDEXED BY attempt_by_prospect \
     WHERE prospect_id = ?1 AND at < ?2 AND (removed_at IS NULL OR removed_at >= ?3) \
     ORDER BY at, id";

/// A prospect's attempts made before `before` and not removed by `as_of`,
/// oldest first.
pub fn contacts_of(
    conn: &Connection,
    id: i64,
    before: i64,
    as_of: i64,
) -> Result<Vec<Contact>, StoreError> {
    let mut stmt = conn.prepare_cached(CONTACTS)?;
    let rows = stmt.query_map([id, before, as_of], |r| {
        Ok(Contact {
            at: r.get(0)?,
            spoke: r.get(1)?,
            met: r.get(2)?,
            quoted: r.get(3)?,
            series_step: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Where an active prospect stood at a moment: its newest attempt before
/// it and the next step open then (its window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The newest attempt before the moment.
    pub last_attempt: Option<i64>,
    /// When the prospect was added.
    pub created: i64,
    /// The window of the step open at the moment.
    pub open_step: Option<(i64, i64)>,
}

const LAST_ATTEMPT: &str = "SELECT max(at) FROM attempt INDEXED BY attempt_by_prospect \
     WHERE prospect_id = ?1 AND at < ?2 AND (removed_at IS NULL OR removed_at >= ?2)";
const OPEN_STEP: &str = "SELECT due_start, due_end FROM next_step INDEXED BY next_step_by_prospect \
     WHERE prospect_id = ?1 AND created_at < ?2 AND (done_at IS NULL OR done_at >= ?2) \
       AND (removed_at IS NULL OR removed_at >= ?2) \
     ORDER BY created_at DESC LIMIT 1";

/// Where prospect `id` stood at `at`.
pub fn standing_at(conn: &Connection, id: i64, at: i64) -> Result<Standing, StoreError> {
    let last_attempt: Option<i64> = conn
        .prepare_cached(LAST_ATTEMPT)?
        .query_row([id, at], |r| r.get(0))?;
    let created: i64 = conn
        .prepare_cached("SELECT created_at FROM prospect WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let open_step = conn
        .prepare_cached(OPEN_STEP)?
        .query_row([id, at], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(Standing {
        last_attempt,
        created,
        open_step,
    })
}

/// A next step closed in a period: its window and when it was closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedStep {
    /// The prospect's local id.
    pub prospect: i64,
    /// The window's start.
    pub due_start: i64,
    /// The window's end.
    pub due_end: i64,
    /// When it was closed (UTC seconds, from the change's stamp).
    pub closed: i64,
    /// How: done, replaced or cancelled.
    pub resolution: String,
}

/// Next steps whose resolution was set with a stamp in `from..to`.
pub fn steps_closed(conn: &Connection, from: i64, to: i64) -> Result<Vec<ClosedStep>, StoreError> {
    let sql = steps_closed_sql();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([from, to], |r| {
        let hlc: i64 = r.get(2)?;
        let resolution: Value = r.get(3)?;
        Ok(ClosedStep {
            prospect: r.get(4)?,
            due_start: r.get(0)?,
            due_end: r.get(1)?,
            closed: crate::history::Hlc(hlc).time().timestamp(),
            resolution: resolution.as_text().unwrap_or_default().to_string(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn steps_closed_sql() -> String {
    format!(
        "SELECT s.due_start, s.due_end, h.hlc, h.new, s.prospect_id \
         FROM history h INDEXED BY history_step_closed \
         JOIN next_step s ON s.uid = h.entity \
         WHERE {cond} AND h.hlc >= ?1 AND h.hlc < ?2 ORDER BY h.hlc",
        cond = closed_condition(),
    )
}

/// A series step performed, and what the prospect's next attempt was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesTouch {
    /// The prospect's local id.
    pub prospect: i64,
    /// The prospect's series (`None`: the default).
    pub series_name: Option<String>,
    /// The step performed (1-based).
    pub step: u32,
    /// True when the step itself reached them.
    pub spoke: bool,
    /// The next attempt before the period's end: was it a conversation?
    /// (`None`: no attempt since.)
    pub next_spoke: Option<bool>,
}

/// Series steps performed in `from..to` (UTC seconds), with the attempt
/// that followed each before `to`.
pub fn series_touches(
    conn: &Connection,
    from: i64,
    to: i64,
) -> Result<Vec<SeriesTouch>, StoreError> {
    let mut stmt = conn.prepare_cached(SERIES_TOUCHES)?;
    let rows = stmt.query_map([from, to], |r| {
        Ok(SeriesTouch {
            prospect: r.get(4)?,
            series_name: r.get(0)?,
            step: r.get(1)?,
            spoke: r.get(2)?,
            next_spoke: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const SERIES_TOUCHES: &str = "SELECT p.series_name, a.series_step, a.outcome IN ('reached', 'meeting', 'quote'), \
           (SELECT b.outcome IN ('reached', 'meeting', 'quote') FROM attempt b \
                 INDEXED BY attempt_by_prospect \
            WHERE b.prospect_id = a.prospect_id AND b.at < ?2 \
              AND (b.at > a.at OR (b.at = a.at AND b.id > a.id)) \
              AND (b.removed_at IS NULL OR b.removed_at >= ?2) \
            ORDER BY b.at, b.id LIMIT 1), a.prospect_id \
         FROM attempt a INDEXED BY attempt_series_by_time \
         JOIN prospect p ON p.id = a.prospect_id \
         WHERE a.series_step IS NOT NULL AND a.at >= ?1 AND a.at < ?2 \
           AND (a.removed_at IS NULL OR a.removed_at >= ?2)";

/// Every query of the review with a name, for the query-plan test.
#[cfg(test)]
pub(super) fn report_queries() -> Vec<(&'static str, String)> {
    vec![
        ("flow_changes", flow_changes_sql()),
        ("rows_changed", rows_changed_sql()),
        ("steps_closed", steps_closed_sql()),
        ("series_touches", SERIES_TOUCHES.to_string()),
        ("contacts", CONTACTS.to_string()),
        ("last_attempt", LAST_ATTEMPT.to_string()),
        ("open_step", OPEN_STEP.to_string()),
        ("active_now", ACTIVE_NOW.to_string()),
        ("weighted_now", WEIGHTED_NOW.to_string()),
        ("weighted_now_of", WEIGHTED_NOW_OF.to_string()),
    ]
}
