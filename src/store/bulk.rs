//! Loading many rows at once (sample books, imports): finished rows with
//! their own timestamps, written through one cached statement per table
//! inside the caller's transaction. No per-row queries.

use chrono::{DateTime, Utc};
use rusqlite::{CachedStatement, Connection, params};

use super::StoreError;
use super::convert::secs;
use crate::domain::{
    Action, AttemptId, Channel, NextStepId, Outcome, ProspectId, Status, StepResolution,
};
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

/// Writes rows through cached statements; use it inside one
/// [`Book::write`](super::Book::write) transaction.
pub struct BulkLoader<'c> {
    prospects: CachedStatement<'c>,
    attempts: CachedStatement<'c>,
    steps: CachedStatement<'c>,
}

impl std::fmt::Debug for BulkLoader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BulkLoader").finish_non_exhaustive()
    }
}

impl<'c> BulkLoader<'c> {
    /// Prepares the three statements on `conn` (normally the transaction).
    pub fn new(conn: &'c Connection) -> Result<BulkLoader<'c>, StoreError> {
        Ok(BulkLoader {
            prospects: conn.prepare_cached(
                "INSERT INTO prospect (name, company, phone, email, product, value_cents, \
                 probability, objection, decision_process, notes, status, lost_reason, \
                 series_name, series_performed, series_paused, last_contact_at, created_at, \
                 updated_at, closed_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, ?18, ?19)",
            )?,
            attempts: conn.prepare_cached(
                "INSERT INTO attempt (prospect_id, at, channel, outcome, note, series_step) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            steps: conn.prepare_cached(
                "INSERT INTO next_step (prospect_id, action, due_start, due_end, note, \
                 created_at, done_at, resolution) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
        })
    }

    /// Writes a prospect; returns its new id.
    pub fn prospect(&mut self, p: &BulkProspect<'_>) -> Result<ProspectId, StoreError> {
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
        ])?;
        Ok(ProspectId(id))
    }

    /// Writes an attempt; returns its new id.
    pub fn attempt(&mut self, a: &BulkAttempt<'_>) -> Result<AttemptId, StoreError> {
        let id = self.attempts.insert(params![
            a.prospect_id.0,
            secs(a.at),
            a.channel,
            a.outcome,
            a.note,
            a.series_step,
        ])?;
        Ok(AttemptId(id))
    }

    /// Writes a next step; returns its new id.
    pub fn step(&mut self, s: &BulkStep<'_>) -> Result<NextStepId, StoreError> {
        let id = self.steps.insert(params![
            s.prospect_id.0,
            s.action,
            secs(s.window.start),
            secs(s.window.end),
            s.note,
            secs(s.created_at),
            s.closed.map(|(at, _)| secs(at)),
            s.closed.map(|(_, how)| how),
        ])?;
        Ok(NextStepId(id))
    }
}
