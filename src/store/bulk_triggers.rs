//! The insert triggers of the tables a bulk load fills, set aside while it
//! runs and made good once at the end.
//!
//! A trigger costs more than its own work: an INSERT that fires one may
//! write several rows, so SQLite opens a statement journal for it and
//! copies every page it touches there first, a page copy and allocations
//! per row (at a hundred thousand prospects, a fifth of the load's time).
//! Without triggers each insert is a single-row write and needs none.
//!
//! Every insert trigger on a loaded table must be made good: the search
//! index is built once (beside the load, `search_side`, or rebuilt in
//! place), the running totals added here, and the columns the
//! others keep are written by the loader with each prospect's row
//! (`bulk::Kept`). One this module does not know stops the load: a later
//! migration adding a trigger must add its replay, not be silently
//! skipped.

use rusqlite::Connection;

use super::StoreError;

/// The search index's insert trigger: the index is built once instead
/// (`search_side::finish`).
pub(super) const SEARCH: &str = "prospect_search_insert";

/// The insert triggers this module knows how to make good.
const KNOWN: [&str; 7] = [
    SEARCH,
    "attempt_spoke_added",
    "attempt_meeting_added",
    "next_step_opened",
    "next_step_needs_active_prospect",
    "prospect_pipeline_added",
    "prospect_debrief_owed_added",
];

/// The insert triggers on the loaded tables, each with the statement that
/// makes it again; refuses one that cannot be made good.
pub(super) fn insert_triggers(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let triggers: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' \
             AND tbl_name IN ('prospect', 'attempt', 'next_step') \
             AND upper(sql) LIKE '%INSERT ON%' ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if let Some((unknown, _)) = triggers.iter().find(|(n, _)| !KNOWN.contains(&n.as_str())) {
        return Err(StoreError::Sql(format!(
            "bulk load cannot set aside the trigger {unknown}: it has no replay"
        )));
    }
    Ok(triggers)
}

/// Adds the active prospects above `mark` to their owner's running totals,
/// as `prospect_pipeline_added` and `prospect_debrief_owed_added` would
/// have row by row: the weighted pipeline (the same rounding per prospect)
/// and the owed debriefs. Run once the indexes are back: each reads its
/// own partial index.
pub(super) fn add_totals(conn: &Connection, mark: i64) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO pipeline_total (owner, weighted_cents)
         SELECT owner, sum((value_cents * probability + 50) / 100) FROM prospect
         WHERE id > ?1 AND status = 'active' AND value_cents IS NOT NULL
           AND probability IS NOT NULL
         GROUP BY owner
         ON CONFLICT (owner) DO UPDATE SET weighted_cents = weighted_cents + excluded.weighted_cents",
        [mark],
    )?;
    conn.execute(
        "INSERT INTO debrief_owed_total (owner, owed)
         SELECT owner, count(*) FROM prospect INDEXED BY prospect_debrief_owed
         WHERE id > ?1 AND status = 'active' AND debrief_due IS NOT NULL
         GROUP BY owner
         ON CONFLICT (owner) DO UPDATE SET owed = owed + excluded.owed",
        [mark],
    )?;
    Ok(())
}
