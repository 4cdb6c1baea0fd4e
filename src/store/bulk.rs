//! Loading many rows at once (sample books, imports): finished rows with
//! their own timestamps, written through one cached statement per table
//! inside the caller's transaction, with no per-row queries.
//!
//! Two things make row-by-row inserts slow and are set aside while loading:
//! the CHECK constraints written as `IN (...)` lists (SQLite builds a small
//! temporary table for each one on every row; the loader's typed rows
//! satisfy them, and the few that types do not guarantee are checked here)
//! and the search index's insert trigger (the index is rebuilt once at the
//! end instead). Both come back before [`bulk_load`] returns.

use chrono::{DateTime, Utc};
use rusqlite::{CachedStatement, Connection, params};
use std::collections::BTreeMap;

use super::convert::secs;
use super::{StoreError, Tx};
use crate::domain::{
    Action, AttemptId, Channel, NextStepId, Outcome, ProspectId, Status, StepResolution,
};
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

/// A whole attempt row, as [`BulkLoader::attempt`] writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkAttempt<'a> {
    /// Who was contacted.
    pub prospect_id: ProspectId,
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

/// A whole next-step row, as [`BulkLoader::step`] writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkStep<'a> {
    /// Whose step.
    pub prospect_id: ProspectId,
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
pub struct BulkLoader<'c> {
    prospects: CachedStatement<'c>,
    attempts: CachedStatement<'c>,
    steps: CachedStatement<'c>,
    /// The last conversation of each prospect an attempt was loaded for
    /// (its trigger is set aside), written once at the end in id order:
    /// one pass along the table instead of a jump per row (at a million
    /// prospects, 12 s of CPU became 4 s).
    spoke: BTreeMap<i64, i64>,
}

impl std::fmt::Debug for BulkLoader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BulkLoader").finish_non_exhaustive()
    }
}

impl<'c> BulkLoader<'c> {
    /// Prepares the three statements on `conn`.
    fn new(conn: &'c Connection) -> Result<BulkLoader<'c>, StoreError> {
        Ok(BulkLoader {
            prospects: conn.prepare_cached(
                "INSERT INTO prospect (name, company, phone, email, product, value_cents, \
                 probability, objection, decision_process, notes, status, lost_reason, \
                 series_name, series_performed, series_paused, last_contact_at, created_at, \
                 updated_at, closed_at, uid) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, ?18, ?19, ?20)",
            )?,
            attempts: conn.prepare_cached(
                "INSERT INTO attempt (prospect_id, at, channel, outcome, note, series_step, uid) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            steps: conn.prepare_cached(
                "INSERT INTO next_step (prospect_id, action, due_start, due_end, note, \
                 created_at, done_at, resolution, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            spoke: BTreeMap::new(),
        })
    }

    /// Writes a prospect; returns its new id.
    pub fn prospect(&mut self, p: &BulkProspect<'_>) -> Result<ProspectId, StoreError> {
        if p.name.trim().is_empty() {
            return Err(refused("a prospect needs a name"));
        }
        if p.value_cents.is_some_and(|v| v < 0) {
            return Err(refused("a quote value cannot be negative"));
        }
        if p.probability.is_some_and(|v| v > 100) {
            return Err(refused("a probability is at most 100"));
        }
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
            Uid::new(p.created_at).0,
        ])?;
        Ok(ProspectId(id))
    }

    /// Writes an attempt; returns its new id.
    pub fn attempt(&mut self, a: &BulkAttempt<'_>) -> Result<AttemptId, StoreError> {
        if a.series_step == Some(0) {
            return Err(refused("series steps count from 1"));
        }
        let id = self.attempts.insert(params![
            a.prospect_id.0,
            secs(a.at),
            a.channel,
            a.outcome,
            a.note,
            a.series_step,
            Uid::new(a.at).0,
        ])?;
        if a.outcome.is_contact() {
            let last = self.spoke.entry(a.prospect_id.0).or_insert(i64::MIN);
            *last = (*last).max(secs(a.at));
        }
        Ok(AttemptId(id))
    }

    /// Writes a next step; returns its new id.
    pub fn step(&mut self, s: &BulkStep<'_>) -> Result<NextStepId, StoreError> {
        if s.window.end < s.window.start {
            return Err(refused("a window cannot end before it starts"));
        }
        let id = self.steps.insert(params![
            s.prospect_id.0,
            s.action,
            secs(s.window.start),
            secs(s.window.end),
            s.note,
            secs(s.created_at),
            s.closed.map(|(at, _)| secs(at)),
            s.closed.map(|(_, how)| how),
            Uid::new(s.created_at).0,
        ])?;
        Ok(NextStepId(id))
    }
}

/// A row the schema would refuse.
fn refused(why: &str) -> StoreError {
    StoreError::Sql(format!("bulk load refused a row: {why}"))
}

/// What is set aside while loading, rebuilt once at the end: the search
/// index's insert trigger (migration 003), the trigger that keeps
/// `last_spoke_at` (migration 008; the loader writes that column itself)
/// and every index of the loaded tables. Building an index once from a
/// sort is several times cheaper than keeping it up to date row by row in
/// a random order (at a million prospects: 56 s of loading became 40 s
/// plus the builds). A unique index that the rows break fails to build,
/// and the whole load rolls back with it. `attempt_by_prospect` stays: the
/// "no debrief" trigger (migration 012) looks a prospect's meetings up
/// through it on every meeting loaded (without it, each would read the
/// whole table), and loading in prospect order keeps it cheap to fill.
const SET_ASIDE: &str = "SELECT type, name, sql FROM sqlite_master \
     WHERE (type = 'trigger' AND name IN ('prospect_search_insert', 'attempt_spoke_added')) \
     OR (type = 'index' AND sql IS NOT NULL AND name <> 'attempt_by_prospect' \
         AND tbl_name IN ('prospect', 'attempt', 'next_step', 'history')) \
     ORDER BY name";
const SEARCH_TRIGGER: &str = "prospect_search_insert";
/// The search index built in one pass, with a 64 MB buffer of pending
/// terms instead of FTS5's 1 MB (fewer, larger segments to merge: a third
/// less time), then the default put back for everyday writes.
pub(super) const SEARCH_REBUILD: &str = "INSERT INTO prospect_search (prospect_search, rank) \
     VALUES ('hashsize', 67108864); \
     INSERT INTO prospect_search (prospect_search) VALUES ('rebuild'); \
     INSERT INTO prospect_search (prospect_search, rank) VALUES ('hashsize', 1048576)";

impl BulkLoader<'_> {
    /// Writes the last conversation of every prospect that had one loaded,
    /// as the set-aside trigger would have (a loaded attempt is never a
    /// removed one), before the table's indexes are built again.
    fn write_spoke(&self, conn: &Connection) -> Result<(), StoreError> {
        let mut update = conn.prepare_cached(
            "UPDATE prospect SET last_spoke_at = max(coalesce(last_spoke_at, ?1), ?1) WHERE id = ?2",
        )?;
        for (id, at) in &self.spoke {
            update.execute(params![at, id])?;
        }
        Ok(())
    }
}

/// Runs `load` with a [`BulkLoader`] inside the caller's write transaction
/// ([`Book::write`](super::Book::write)): its commit or rollback covers
/// everything `load` wrote.
///
/// While `load` runs, CHECK constraints are not compiled into the inserts,
/// and the search index, the last-conversation column and the table's
/// indexes are not updated row by row; afterwards each is rebuilt in one
/// pass and the constraint setting restored, whether `load` succeeded or not.
pub fn bulk_load<T>(
    conn: &Tx<'_>,
    load: impl FnOnce(&mut BulkLoader<'_>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let ignored: bool = conn.pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))?;
    let aside: Vec<(String, String, String)> = conn
        .prepare(SET_ASIDE)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    let result = (|| -> Result<T, StoreError> {
        for (kind, name, _) in &aside {
            conn.execute_batch(&format!("DROP {kind} {name}"))?;
        }
        let marks = super::adopt::Marks::read(conn)?;
        let value = {
            let mut loader = BulkLoader::new(conn)?;
            let value = load(&mut loader)?;
            loader.write_spoke(conn)?;
            value
        };
        // The loaded rows get their ids and a history, as an upgraded
        // book's rows do: one statement per kind of fact.
        super::adopt::adopt(
            conn,
            marks,
            chrono::Utc::now(),
            super::adopt::Spelling::Codes,
        )?;
        for (_, name, sql) in &aside {
            conn.execute_batch(sql)?;
            if name == SEARCH_TRIGGER {
                conn.execute_batch(SEARCH_REBUILD)?;
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
mod tests {
    use super::*;
    use crate::store::{Book, insert_prospect, search_prospects};

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn prospect(name: &str) -> BulkProspect<'_> {
        BulkProspect {
            name,
            company: Some("Maple Street Bakery"),
            phone: None,
            email: None,
            product: Some("Storefront glazing"),
            value_cents: Some(1_500_000),
            probability: Some(40),
            objection: None,
            decision_process: None,
            notes: None,
            status: Status::Active,
            lost_reason: None,
            series_name: None,
            series_performed: 1,
            series_paused: false,
            last_contact_at: Some(at(2_000)),
            created_at: at(1_000),
            updated_at: at(2_000),
            closed_at: None,
        }
    }

    fn checks_ignored(book: &Book) -> bool {
        book.conn()
            .pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn loads_rows_and_keeps_search_and_checks_working() {
        let mut book = Book::open_in_memory().unwrap();
        let id = book
            .write(|tx| {
                bulk_load(tx, |loader| {
                    let id = loader.prospect(&prospect("Zoë Åberg"))?;
                    loader.attempt(&BulkAttempt {
                        prospect_id: id,
                        at: at(2_000),
                        channel: Channel::Voicemail,
                        outcome: Outcome::Voicemail,
                        note: Some("Left a short message."),
                        series_step: Some(1),
                    })?;
                    loader.step(&BulkStep {
                        prospect_id: id,
                        action: Action::Call,
                        window: Window::at(at(2_900)),
                        note: None,
                        created_at: at(2_000),
                        closed: None,
                    })?;
                    Ok(id)
                })
            })
            .unwrap();
        assert!(!checks_ignored(&book));
        let found = search_prospects(book.conn(), "bakery", 10).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.id, id);
        // The insert trigger is back: a prospect added the usual way is found too.
        book.write(|tx| {
            let new = crate::domain::NewProspect::new(crate::domain::ProspectPatch {
                name: Some("Hélène Côté".into()),
                ..Default::default()
            })
            .map_err(|e| StoreError::Sql(e.to_string()))?;
            insert_prospect(tx, &new, at(3_000))
        })
        .unwrap();
        assert_eq!(search_prospects(book.conn(), "Côté", 10).unwrap().len(), 1);
        // And so are the CHECK constraints.
        let bad = book.conn().execute(
            "INSERT INTO attempt (prospect_id, at, channel, outcome) VALUES (?1, 1, 'fax', 'reached')",
            [id.0],
        );
        assert!(bad.is_err());
    }

    #[test]
    fn loaded_conversations_set_last_spoke_as_the_trigger_would() {
        let mut book = Book::open_in_memory().unwrap();
        let attempt = |id, secs, outcome| BulkAttempt {
            prospect_id: id,
            at: at(secs),
            channel: Channel::Call,
            outcome,
            note: None,
            series_step: None,
        };
        let (spoke, silent) = book
            .write(|tx| {
                bulk_load(tx, |loader| {
                    let spoke = loader.prospect(&prospect("Spoke twice"))?;
                    loader.attempt(&attempt(spoke, 2_000, Outcome::Reached))?;
                    loader.attempt(&attempt(spoke, 4_000, Outcome::Meeting))?;
                    loader.attempt(&attempt(spoke, 5_000, Outcome::NoAnswer))?;
                    let silent = loader.prospect(&prospect("Never reached"))?;
                    loader.attempt(&attempt(silent, 3_000, Outcome::NoAnswer))?;
                    Ok((spoke, silent))
                })
            })
            .unwrap();
        let last = |id: ProspectId| -> Option<i64> {
            book.conn()
                .query_row(
                    "SELECT last_spoke_at FROM prospect WHERE id = ?1",
                    [id.0],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(last(spoke), Some(4_000));
        assert_eq!(last(silent), None);
        // The trigger is back for everyday writes.
        let n: i64 = book
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'attempt_spoke_added'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn refuses_rows_the_schema_would_refuse_and_rolls_back() {
        let mut book = Book::open_in_memory().unwrap();
        let result = book.write(|tx| {
            bulk_load(tx, |loader| {
                loader.prospect(&prospect("Kept only if all succeed"))?;
                loader.prospect(&prospect("   "))
            })
        });
        assert!(matches!(result, Err(StoreError::Sql(_))), "{result:?}");
        assert!(!checks_ignored(&book));
        let n: i64 = book
            .conn()
            .query_row("SELECT count(*) FROM prospect", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        let trigger: i64 = book
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'prospect_search_insert'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(trigger, 1);
        let mut bad = prospect("Over a hundred");
        bad.probability = Some(101);
        let result = book.write(|tx| bulk_load(tx, |loader| loader.prospect(&bad)));
        assert!(result.is_err());
    }
}
