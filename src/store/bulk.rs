//! Loading many rows at once (sample books, imports): finished rows with
//! their own timestamps, written through one cached statement per table
//! inside the caller's transaction, with no per-row queries.
//!
//! Two things make row-by-row inserts slow and are set aside while loading:
//! the CHECK constraints written as `IN (...)` lists (SQLite builds a small
//! temporary table for each one on every row; the loader's typed rows
//! satisfy them, and the few that types do not guarantee are checked here)
//! and the search index's insert trigger (the index is built once instead:
//! on another core as the rows come when the book had no prospect yet,
//! `search_side`, otherwise rebuilt at the end). Both come back before
//! [`bulk_load`] returns.

use chrono::{DateTime, Utc};
use rusqlite::{CachedStatement, Connection, params};

use super::bulk_triggers;
use super::convert::secs;
use super::search_side::{self, SearchSide};
use super::{StoreError, Tx};
use crate::domain::{Action, Channel, Outcome, ProspectId, Status, StepResolution};
use crate::history::Uid;
use crate::schedule::Window;

/// A whole prospect row, as [`BulkLoader::prospect`] writes it. Text is
/// written as given (no trimming); `None` is NULL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkProspect<'a> {
    /// Name (not blank).
    pub name: &'a str,
    /// Company.
    pub company: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// Email.
    pub email: Option<&'a str>,
    /// Product likely chosen.
    pub product: Option<&'a str>,
    /// Quote value in cents.
    pub value_cents: Option<i64>,
    /// Probability of closing, 0–100.
    pub probability: Option<u8>,
    /// What holds them back.
    pub objection: Option<&'a str>,
    /// Who decides, when, with what.
    pub decision_process: Option<&'a str>,
    /// Free notes.
    pub notes: Option<&'a str>,
    /// Status.
    pub status: Status,
    /// Why they said no (lost only).
    pub lost_reason: Option<&'a str>,
    /// Series name (`None`: the configured default).
    pub series_name: Option<&'a str>,
    /// Series steps performed in the current chase.
    pub series_performed: u32,
    /// Series paused.
    pub series_paused: bool,
    /// Newest attempt.
    pub last_contact_at: Option<DateTime<Utc>>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was won, lost or closed out.
    pub closed_at: Option<DateTime<Utc>>,
}

/// A whole attempt row of the prospect [`BulkLoader::prospect`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkAttempt<'a> {
    /// When.
    pub at: DateTime<Utc>,
    /// How.
    pub channel: Channel,
    /// How it went.
    pub outcome: Outcome,
    /// What was said.
    pub note: Option<&'a str>,
    /// Series step performed (1-based).
    pub series_step: Option<u32>,
}

/// A whole next-step row of the prospect [`BulkLoader::prospect`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkStep<'a> {
    /// What to do.
    pub action: Action,
    /// When it is due.
    pub window: Window,
    /// What to remember.
    pub note: Option<&'a str>,
    /// When it was scheduled.
    pub created_at: DateTime<Utc>,
    /// When and how it stopped being open; `None` for the open step (at
    /// most one per prospect, and only for an active prospect).
    pub closed: Option<(DateTime<Utc>, StepResolution)>,
}

/// Writes rows through cached statements; see [`bulk_load`].
///
/// A prospect comes whole, with its attempts and steps, so the columns the
/// set-aside insert triggers would have kept (the last conversation, the
/// debrief owed, the open step's start) are written with the row itself
/// rather than by an update of every prospect afterwards (at a million
/// prospects, 13 s).
pub struct BulkLoader<'c> {
    prospects: CachedStatement<'c>,
    attempts: CachedStatement<'c>,
    steps: CachedStatement<'c>,
    /// Meetings before this owe no debrief (`book_meta`'s `debrief_from`,
    /// as the "no debrief" trigger reads it).
    debrief_from: i64,
    /// When the load began, and how many ids it has given: the rows' ids
    /// are one run of UUIDv7s ([`Uid::in_run`]), rising as they are
    /// written, so the id indexes are kept as the rows come.
    started: DateTime<Utc>,
    ids_given: u64,
    /// The search index being built on another core, when the book had no
    /// prospect before the load.
    search: Option<SearchSide>,
}

impl std::fmt::Debug for BulkLoader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BulkLoader").finish_non_exhaustive()
    }
}

/// What a prospect's attempts and steps make of its own row, as the
/// triggers of migrations 004, 008, 012 and 015 would have.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Kept {
    last_spoke_at: Option<i64>,
    debrief_due: Option<i64>,
    open_step_due: Option<i64>,
}

impl Kept {
    fn of(
        status: Status,
        attempts: &[BulkAttempt<'_>],
        steps: &[BulkStep<'_>],
        debrief_from: i64,
    ) -> Result<Kept, StoreError> {
        let mut kept = Kept::default();
        for a in attempts {
            let at = secs(a.at);
            if a.outcome.is_contact() {
                kept.last_spoke_at = kept.last_spoke_at.max(Some(at));
            }
            // A loaded prospect has no debrief yet: its newest appointment
            // since the book began asking is owed.
            if a.outcome.owes_debrief() && at > debrief_from {
                kept.debrief_due = kept.debrief_due.max(Some(at));
            }
        }
        for s in steps.iter().filter(|s| s.closed.is_none()) {
            if kept.open_step_due.is_some() {
                return Err(refused("a prospect has at most one open next step"));
            }
            // The loader writes no after-sale plan items, so an open step
            // needs an active prospect.
            if status != Status::Active {
                return Err(refused("a finished prospect cannot have an open next step"));
            }
            kept.open_step_due = Some(secs(s.window.start));
        }
        Ok(kept)
    }
}

impl<'c> BulkLoader<'c> {
    /// Prepares the three statements on `conn`.
    fn new(conn: &'c Connection) -> Result<BulkLoader<'c>, StoreError> {
        let debrief_from: i64 = conn.query_row(
            "SELECT coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)",
            [],
            |r| r.get(0),
        )?;
        Ok(BulkLoader {
            prospects: conn.prepare_cached(
                "INSERT INTO prospect (name, company, phone, email, product, value_cents, \
                 probability, objection, decision_process, notes, status, lost_reason, \
                 series_name, series_performed, series_paused, last_contact_at, created_at, \
                 updated_at, closed_at, uid, last_spoke_at, debrief_due, open_step_due) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
            )?,
            attempts: conn.prepare_cached(
                "INSERT INTO attempt (prospect_id, at, channel, outcome, note, series_step, uid) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            steps: conn.prepare_cached(
                "INSERT INTO next_step (prospect_id, action, due_start, due_end, note, \
                 created_at, done_at, resolution, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            debrief_from,
            started: Utc::now(),
            ids_given: 0,
            search: SearchSide::start(conn)?,
        })
    }

    /// The next id of the load's run.
    fn next_uid(&mut self) -> [u8; 16] {
        self.ids_given += 1;
        Uid::in_run(self.started, self.ids_given).0
    }

    /// Writes a prospect with its attempts and next steps; returns its new
    /// id. Nothing is written when a row is refused (the caller's
    /// transaction rolls back).
    pub fn prospect(
        &mut self,
        p: &BulkProspect<'_>,
        attempts: &[BulkAttempt<'_>],
        steps: &[BulkStep<'_>],
    ) -> Result<ProspectId, StoreError> {
        if p.name.trim().is_empty() {
            return Err(refused("a prospect needs a name"));
        }
        if p.value_cents.is_some_and(|v| v < 0) {
            return Err(refused("a quote value cannot be negative"));
        }
        if p.probability.is_some_and(|v| v > 100) {
            return Err(refused("a probability is at most 100"));
        }
        if attempts.iter().any(|a| a.series_step == Some(0)) {
            return Err(refused("series steps count from 1"));
        }
        if steps.iter().any(|s| s.window.end < s.window.start) {
            return Err(refused("a window cannot end before it starts"));
        }
        let kept = Kept::of(p.status, attempts, steps, self.debrief_from)?;
        let uid = self.next_uid();
        let id = self.prospects.insert(params![
            p.name,
            p.company,
            p.phone,
            p.email,
            p.product,
            p.value_cents,
            p.probability,
            p.objection,
            p.decision_process,
            p.notes,
            p.status,
            p.lost_reason,
            p.series_name,
            p.series_performed,
            p.series_paused,
            p.last_contact_at.map(secs),
            secs(p.created_at),
            secs(p.updated_at),
            p.closed_at.map(secs),
            uid,
            kept.last_spoke_at,
            kept.debrief_due,
            kept.open_step_due,
        ])?;
        if let Some(search) = &mut self.search {
            search.add(id, p.name, p.company, p.email, p.phone);
        }
        for a in attempts {
            let uid = self.next_uid();
            self.attempts.insert(params![
                id,
                secs(a.at),
                a.channel,
                a.outcome,
                a.note,
                a.series_step,
                uid,
            ])?;
        }
        for s in steps {
            let uid = self.next_uid();
            self.steps.insert(params![
                id,
                s.action,
                secs(s.window.start),
                secs(s.window.end),
                s.note,
                secs(s.created_at),
                s.closed.map(|(at, _)| secs(at)),
                s.closed.map(|(_, how)| how),
                uid,
            ])?;
        }
        Ok(ProspectId(id))
    }
}

/// A row the schema would refuse.
fn refused(why: &str) -> StoreError {
    StoreError::Sql(format!("bulk load refused a row: {why}"))
}

/// The indexes set aside while loading, rebuilt once at the end: every
/// index of the loaded tables. Building an index once from a sort is
/// several times cheaper than keeping it up to date row by row in a random
/// order (at a million prospects: 56 s of loading became 40 s plus the
/// builds). A unique index that the rows break fails to build, and the
/// whole load rolls back with it. `attempt_by_prospect` stays: rows come
/// in prospect order and time order within each, so every entry lands at
/// the index's right edge, cheaper than a sort of them all afterwards. So
/// do the three id indexes, for the same reason: the loaded rows' ids are
/// one rising run (at a million prospects, sorting ten million random
/// attempt ids took 19 s).
/// (The history's two small flow indexes were tried kept as the rows come:
/// 4 s slower at 300,000 prospects than building each from a pass over the
/// history.) The insert triggers are set aside too (`bulk_triggers`).
const INDEXES_ASIDE: &str = "SELECT name, sql FROM sqlite_master \
     WHERE type = 'index' AND sql IS NOT NULL \
     AND name NOT IN ('attempt_by_prospect', 'prospect_by_uid', 'attempt_by_uid', 'next_step_by_uid') \
     AND tbl_name IN ('prospect', 'attempt', 'next_step', 'history') \
     ORDER BY name";
/// The history's partial indexes no attempt's entry is in (the flow
/// review's).
const WITHOUT_ATTEMPTS: [&str; 2] = ["history_flow", "history_step_closed"];
/// The search index's buffer of pending terms while it is built in one
/// pass: 64 MB instead of FTS5's 1 MB (fewer, larger segments to merge: a
/// third less time).
pub(super) const SEARCH_BUILD_HASHSIZE: i64 = 64 * 1024 * 1024;
/// The search index rebuilt in one pass with [`SEARCH_BUILD_HASHSIZE`]
/// (spelled out: a test holds the two together), then the default put
/// back for everyday writes.
pub(super) const SEARCH_REBUILD: &str = "INSERT INTO prospect_search (prospect_search, rank) \
     VALUES ('hashsize', 67108864); \
     INSERT INTO prospect_search (prospect_search) VALUES ('rebuild'); \
     INSERT INTO prospect_search (prospect_search, rank) VALUES ('hashsize', 1048576)";

/// Runs `load` with a [`BulkLoader`] inside the caller's write transaction
/// ([`Book::write`](super::Book::write)): its commit or rollback covers
/// everything `load` wrote.
///
/// While `load` runs, CHECK constraints are not compiled into the inserts,
/// and the search index, the last-conversation column and the table's
/// indexes are not updated row by row; afterwards each is built once (the
/// search index beside the load when the book had no prospect,
/// `search_side`) and the constraint setting restored, whether `load`
/// succeeded or not.
pub fn bulk_load<T>(
    conn: &Tx<'_>,
    load: impl FnOnce(&mut BulkLoader<'_>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let ignored: bool = conn.pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))?;
    let triggers = bulk_triggers::insert_triggers(conn)?;
    let indexes: Vec<(String, String)> = conn
        .prepare(INDEXES_ASIDE)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    let result = (|| -> Result<T, StoreError> {
        for (name, _) in &triggers {
            conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
        }
        for (name, _) in &indexes {
            conn.execute_batch(&format!("DROP INDEX {name}"))?;
        }
        let marks = super::adopt::Marks::read(conn)?;
        let mut loader = BulkLoader::new(conn)?;
        let value = load(&mut loader)?;
        let mut search = loader.search.take();
        drop(loader);
        // The loaded rows get their ids and a history, as an upgraded
        // book's rows do: one statement per kind of fact. The history's
        // indexes that leave attempts out are built before the attempts'
        // history is written: from a third of the rows, and the attempts'
        // rows then only fail their condition on the way in (at a million
        // prospects, 9 s became 3).
        let codes = super::adopt::Spelling::Codes;
        super::adopt::adopt_all_but_attempts(conn, marks, chrono::Utc::now(), codes)?;
        let (before, after): (Vec<_>, Vec<_>) = indexes
            .iter()
            .partition(|(name, _)| WITHOUT_ATTEMPTS.contains(&name.as_str()));
        for (_, sql) in before {
            conn.execute_batch(sql)?;
        }
        super::adopt::adopt_attempts(conn, marks, codes)?;
        for (_, sql) in after {
            conn.execute_batch(sql)?;
        }
        bulk_triggers::add_totals(conn, marks.prospect())?;
        for (name, sql) in &triggers {
            conn.execute_batch(sql)?;
            if name == bulk_triggers::SEARCH {
                search_side::finish(conn, search.take(), SEARCH_REBUILD)?;
            }
        }
        Ok(value)
    })();
    // A connection setting, not part of the transaction: always put it back.
    let restored = conn.pragma_update(None, "ignore_check_constraints", ignored);
    let value = result?;
    restored?;
    Ok(value)
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
