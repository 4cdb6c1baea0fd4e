//! A new member's first sync in bulk: the team's whole history taken into
//! an empty book at once, instead of change by change through [`merge`].
//!
//! Changes arrive in batches and are set down in `first_sync_change`
//! (migration 020), each batch with the pull cursor ([`stage_changes`]);
//! then [`apply_staged`] takes them all in, in one transaction: every
//! prospect's changes are read together (in prospect order, through
//! SQLite's sorter, so memory holds one prospect at a time), appended to
//! the history, and its rows written once from its whole history, with the
//! indexes that nothing reads meanwhile set aside and built once at the
//! end, and the search index rebuilt in one pass.
//!
//! The rows are those [`merge`] would write, by the same statements
//! (`merge::insert_placeholder`, `insert_attempt_row`, `append`,
//! `write_rows`) in the same order per prospect, so the triggers that keep
//! derived columns (open step, pipeline totals) end the same; the last
//! conversation and the debrief due, whose triggers fire on every attempt,
//! are set once at the end by the triggers' own formula ([`DERIVED`]). The
//! tables equal `history::project` of the history, as after any merge.
//!
//! [`merge`]: super::merge

use rusqlite::Connection;
use std::collections::HashMap;

use super::merge::{
    AttemptRows, append, device_id, insert_attempt_row, insert_placeholder, write_rows,
};
use super::{StoreError, SyncCursor, Tx, sync_cursor};
use crate::history::{Entry, EntryKind, Hlc, Op, Uid, Value};

/// Where [`apply_staged`] has come to, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyStage {
    /// Taking the changes in: (changes done, changes staged).
    Changes,
    /// Building the indexes set aside: (built, to build).
    Indexes,
}

/// What [`apply_staged`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Changes taken into the book.
    pub applied: u64,
    /// Prospects whose staged changes were left out because their creation
    /// was not among them (or the book held them already): the caller
    /// takes each whole from the server, through `merge`.
    pub left_out: Vec<Uid>,
}

/// Whether this book's pull may take the bulk path: it holds changes
/// staged by a first sync not yet finished, or it has taken in nothing
/// from the server (pull cursor 0) and holds nothing at all, no prospect
/// and no change of its own (a new member's book, after its push).
pub fn first_sync_in_bulk(conn: &Connection) -> Result<bool, StoreError> {
    if staged_count(conn)? > 0 {
        return Ok(true);
    }
    if sync_cursor(conn, SyncCursor::Pulled)? != 0 {
        return Ok(false);
    }
    let empty: bool = conn
        .prepare_cached(
            "SELECT NOT EXISTS (SELECT 1 FROM history) AND NOT EXISTS (SELECT 1 FROM prospect)",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(empty)
}

/// How many changes wait in `first_sync_change`.
pub fn staged_count(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM first_sync_change")?
        .query_row([], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Sets `changes` (server position, change) down to be applied, and moves
/// the pull cursor to the last, in the caller's transaction. Changes at or
/// behind the cursor are skipped: another sync of this book took them
/// first (the cursor is read inside this write transaction).
pub fn stage_changes(tx: &Tx<'_>, changes: &[(i64, Entry)]) -> Result<u64, StoreError> {
    let cursor = sync_cursor(tx, SyncCursor::Pulled)?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO first_sync_change \
         (seq, prospect, hlc, device, author, kind, entity, op, field, old, new) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut staged = 0;
    let mut last = cursor;
    for (seq, e) in changes.iter().filter(|(seq, _)| *seq > cursor) {
        insert.execute(rusqlite::params![
            seq,
            e.prospect.0,
            e.hlc.0,
            e.device.0,
            e.author,
            e.kind.code(),
            e.entity.map(|u| u.0),
            e.op.code(),
            e.field,
            e.old,
            e.new,
        ])?;
        staged += 1;
        last = last.max(*seq);
    }
    super::set_sync_cursor(tx, SyncCursor::Pulled, last)?;
    Ok(staged)
}

/// The indexes and triggers set aside while staged changes are applied:
/// the search index's triggers (it is rebuilt whole at the end), the two
/// that keep a prospect's last conversation and its debrief due as each
/// attempt goes in (both are set once per prospect at the end, by
/// [`DERIVED`]: at a million attempts the triggers were half the time of
/// writing them), and every index of the tables written that is neither
/// unique (the upserts and the one open step rely on those) nor read by a
/// trigger as the rows go in (`attempt_by_prospect`, `next_step_by_prospect`).
const SET_ASIDE: &str = "SELECT type, name, sql FROM sqlite_master \
     WHERE (type = 'trigger' AND name IN ('prospect_search_insert', 'prospect_search_update', \
                                          'attempt_spoke_added', 'attempt_meeting_added')) \
     OR (type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' \
         AND name NOT IN ('attempt_by_prospect', 'next_step_by_prospect') \
         AND tbl_name IN ('prospect', 'attempt', 'next_step', 'history')) \
     ORDER BY name";

/// A prospect's last conversation and the meeting it owes a debrief for,
/// as the set-aside triggers compute them (migration 015's
/// `attempt_spoke_changed` and `attempt_meeting_added`): after any sequence
/// of their firings each column holds exactly this, so one pass at the end
/// leaves the rows the incremental sync leaves (the tests compare them).
const DERIVED: &str = "UPDATE prospect SET \
     last_spoke_at = (SELECT max(a.at) FROM attempt a \
         WHERE a.prospect_id = prospect.id AND a.outcome IN ('reached', 'meeting', 'quote') \
           AND a.removed_at IS NULL), \
     debrief_due = (SELECT max(a.at) FROM attempt a \
         WHERE a.prospect_id = prospect.id AND a.outcome IN ('meeting', 'quote') \
           AND a.removed_at IS NULL \
           AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1) \
           AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id \
                           AND d.removed_at IS NULL AND d.at >= a.at))";

/// How often (in changes) [`apply_staged`] reports progress, at most (a
/// fiftieth of the changes when that is less).
const TELL_EVERY: u64 = 5_000;

/// Takes every staged change into the book and empties the staging table,
/// in the caller's transaction: if it fails or the process dies, nothing
/// of it is kept and the staged changes wait for the next sync. `now`
/// bounds how far the changes may move the book's clock (as in `merge`).
pub fn apply_staged(
    tx: &Tx<'_>,
    now: chrono::DateTime<chrono::Utc>,
    tell: &mut dyn FnMut(ApplyStage, u64, u64),
) -> Result<Applied, StoreError> {
    let total = staged_count(tx)?;
    if total == 0 {
        return Ok(Applied::default());
    }
    let aside: Vec<(String, String, String)> = tx
        .prepare(SET_ASIDE)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (kind, name, _) in &aside {
        tx.execute_batch(&format!("DROP {kind} {name}"))?;
    }
    // The sorts (the staged changes by prospect, each index built) may
    // use a second thread.
    let threads: i64 = tx.pragma_query_value(None, "threads", |r| r.get(0))?;
    tx.pragma_update(None, "threads", 2)?;
    let applied = apply_all(tx, now, total, &aside, tell);
    // A connection setting, not part of the transaction: always put back.
    let restored = tx.pragma_update(None, "threads", threads);
    let applied = applied?;
    restored?;
    Ok(applied)
}

/// [`apply_staged`] once the indexes and triggers `aside` are dropped:
/// applies the `total` staged changes, then builds `aside` again.
fn apply_all(
    tx: &Tx<'_>,
    now: chrono::DateTime<chrono::Utc>,
    total: u64,
    aside: &[(String, String, String)],
    tell: &mut dyn FnMut(ApplyStage, u64, u64),
) -> Result<Applied, StoreError> {
    tell(ApplyStage::Changes, 0, total);
    let every = (total / 50).clamp(1, TELL_EVERY);
    let mut applier = Applier {
        tx,
        now,
        devices: HashMap::new(),
        authors: HashMap::new(),
        done: 0,
        told: 0,
        out: Applied::default(),
    };
    {
        let mut stmt = tx.prepare(
            "SELECT seq, prospect, hlc, device, author, kind, entity, op, field, old, new \
             FROM first_sync_change ORDER BY prospect, seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut group: Vec<Entry> = Vec::new();
        while let Some(row) = rows.next()? {
            let e = staged_entry(row)?;
            if group.first().is_some_and(|g| g.prospect != e.prospect) {
                applier.prospect(&mut group)?;
                if applier.done - applier.told >= every {
                    tell(ApplyStage::Changes, applier.done, total);
                    applier.told = applier.done;
                }
            }
            group.push(e);
        }
        applier.prospect(&mut group)?;
    }
    tx.execute_batch(DERIVED)?;
    tell(ApplyStage::Changes, total, total);
    let to_build = aside.len() as u64 + 1;
    tell(ApplyStage::Indexes, 0, to_build);
    for (i, (_, _, sql)) in aside.iter().enumerate() {
        tx.execute_batch(sql)?;
        tell(ApplyStage::Indexes, i as u64 + 1, to_build);
    }
    tx.execute_batch(super::bulk::SEARCH_REBUILD)?;
    tx.execute_batch("DELETE FROM first_sync_change")?;
    tell(ApplyStage::Indexes, to_build, to_build);
    Ok(applier.out)
}

/// Applies one prospect's staged changes at a time.
struct Applier<'t, 'c> {
    tx: &'t Tx<'c>,
    now: chrono::DateTime<chrono::Utc>,
    /// Local ids of the devices and authors met so far.
    devices: HashMap<Uid, i64>,
    authors: HashMap<String, i64>,
    /// Staged changes gone through, and as of the last report.
    done: u64,
    told: u64,
    out: Applied,
}

impl Applier<'_, '_> {
    /// Takes in `group`, one prospect's staged changes in server order
    /// (emptied): its creation first, as `merge` orders them, then the
    /// others; each appended to the history (an attempt's creation also
    /// writes its row), then its rows written once from the whole history.
    fn prospect(&mut self, group: &mut Vec<Entry>) -> Result<(), StoreError> {
        let Some(first) = group.first() else {
            return Ok(());
        };
        self.done += group.len() as u64;
        let uid = first.prospect;
        let is_creation = |e: &Entry| e.kind == EntryKind::Prospect && e.op == Op::Create;
        let creation = match group.iter().position(is_creation) {
            Some(at) if !self.held(uid)? => Some(at),
            _ => None,
        };
        let Some(creation) = creation else {
            self.out.left_out.push(uid);
            group.clear();
            return Ok(());
        };
        // Stable: the others keep their server order.
        group[..=creation].rotate_right(1);
        let id = insert_placeholder(self.tx, &group[0])?;
        for e in group.iter() {
            let device = self.device(e.device)?;
            let author = self.author(&e.author)?;
            let new = if e.kind == EntryKind::Attempt && e.op == Op::Create {
                insert_attempt_row(self.tx, id, e)?;
                &Value::Null
            } else {
                &e.new
            };
            append(self.tx, id, device, author, e, new, self.now)?;
        }
        write_rows(self.tx, id, group, AttemptRows::RemovedOnly)?;
        self.out.applied += group.len() as u64;
        group.clear();
        Ok(())
    }

    /// Whether the book holds prospect `uid` already.
    fn held(&self, uid: Uid) -> Result<bool, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM prospect WHERE uid = ?1)")?
            .query_row([uid.0], |r| r.get(0))?)
    }

    fn device(&mut self, uid: Uid) -> Result<i64, StoreError> {
        if let Some(id) = self.devices.get(&uid) {
            return Ok(*id);
        }
        let id = device_id(self.tx, uid)?;
        self.devices.insert(uid, id);
        Ok(id)
    }

    fn author(&mut self, name: &str) -> Result<i64, StoreError> {
        if let Some(id) = self.authors.get(name) {
            return Ok(*id);
        }
        let id = super::history::author_id(self.tx, Some(name))?;
        self.authors.insert(name.to_string(), id);
        Ok(id)
    }
}

/// A change as [`stage_changes`] set it down.
fn staged_entry(r: &rusqlite::Row<'_>) -> Result<Entry, StoreError> {
    let uid = |i: usize| -> rusqlite::Result<Option<Uid>> {
        Ok(r.get::<_, Option<Vec<u8>>>(i)?
            .as_deref()
            .and_then(Uid::from_slice))
    };
    let damaged = || StoreError::Sql("a staged change of the first sync is damaged".into());
    let kind: i64 = r.get(5)?;
    let op: i64 = r.get(7)?;
    Ok(Entry {
        hlc: Hlc(r.get(2)?),
        device: uid(3)?.ok_or_else(damaged)?,
        author: r.get(4)?,
        prospect: uid(1)?.ok_or_else(damaged)?,
        kind: EntryKind::from_code(kind).ok_or_else(damaged)?,
        entity: uid(6)?,
        op: Op::from_code(op).ok_or_else(damaged)?,
        field: r.get(8)?,
        old: r.get(9)?,
        new: r.get(10)?,
    })
}
