//! A new member's first sync in bulk: the pull of a book that holds
//! nothing yet (see `store::first_sync_in_bulk` for the exact condition)
//! takes the team's history in large batches, set down in the book as they
//! come, then applies it all at once (`store::apply_staged`), instead of
//! merging change by change. The incremental pull in `sync` then goes on
//! from where this stopped (the changes pushed meanwhile).
//!
//! Interrupted anywhere, nothing is lost or applied twice:
//! - each batch is set down in one local transaction that also moves the
//!   pull cursor, so a batch is staged once and the next sync pulls on
//!   from the cursor;
//! - the staged changes are applied in one transaction that also empties
//!   the staging table: killed before it commits, the book is as it was and
//!   the next sync (which sees the staged changes, whatever the cursor)
//!   applies them again from the start.

use chrono::{DateTime, Utc};

use super::TeamError;
use super::hub::Hub;
use super::server;
use super::sync::{AfterBatch, OnProgress, Stage};
use crate::store::{self, ApplyStage, Book, SyncCursor};

/// The changes per batch of a first sync in bulk (one server round trip
/// and one local transaction each).
pub const BULK_BATCH: usize = 20_000;

/// What a first sync in bulk did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FirstSync {
    /// Changes received from the server by this run.
    pub pulled: u64,
    /// Changes taken into the book (staged by this run or an earlier one).
    pub applied: u64,
    /// Prospects taken whole from the server afterwards (their creation
    /// was not among the changes pulled).
    pub whole: u64,
    /// The pull batches committed.
    pub batches: usize,
}

/// Takes the team's history into `book` in bulk if its pull may (a new
/// member's book, or one whose first sync was interrupted); `None` when
/// the ordinary pull should run instead. `batch`: changes per batch (0:
/// [`BULK_BATCH`]).
pub fn take_in_bulk(
    book: &mut Book,
    hub: &mut Hub,
    now: DateTime<Utc>,
    batch: usize,
    mut on_progress: Option<&mut OnProgress<'_>>,
    mut after_batch: Option<&mut AfterBatch<'_>>,
) -> Result<Option<FirstSync>, TeamError> {
    if !store::first_sync_in_bulk(book.conn())? {
        return Ok(None);
    }
    let batch = if batch == 0 { BULK_BATCH } else { batch };
    let device = store::own_device(book.conn())?;
    let mut report = FirstSync::default();
    let from = store::sync_cursor(book.conn(), SyncCursor::Pulled)?;
    let to = match on_progress {
        Some(_) => server::last_seq(hub)?,
        None => 0,
    };
    // The next batch is fetched (and decoded) while this one is written:
    // the server, the network and the book work side by side.
    let puller = &mut *hub;
    std::thread::scope(|scope| -> Result<(), TeamError> {
        let (send, batches) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            let mut after = from;
            loop {
                let pulled = server::pull(puller, after, device, batch);
                let last = pulled
                    .as_ref()
                    .ok()
                    .and_then(|c| c.last().map(|(seq, _)| *seq));
                let more = last.is_some();
                if send.send(pulled).is_err() || !more {
                    break;
                }
                after = last.unwrap_or(after);
            }
        });
        for changes in batches {
            let changes = changes?;
            let Some(&(last, _)) = changes.last() else {
                break;
            };
            report.pulled += book.write(|tx| store::stage_changes(tx, &changes))?;
            report.batches += 1;
            if let Some(tell) = on_progress.as_mut() {
                let to = to.max(last);
                tell(Stage::Pull, (last - from) as u64, (to - from) as u64);
            }
            if let Some(hook) = after_batch.as_mut() {
                hook(report.batches)?;
            }
        }
        Ok(())
    })?;
    let applied = book.write(|tx| {
        store::apply_staged(tx, now, &mut |stage, done, total| {
            if let Some(tell) = on_progress.as_mut() {
                let stage = match stage {
                    ApplyStage::Changes => Stage::Apply,
                    ApplyStage::Indexes => Stage::Index,
                };
                tell(stage, done, total);
            }
        })
    })?;
    report.applied = applied.applied;
    // Rare: a prospect whose creation this member could not read in the
    // server's order. It comes whole, as a reassigned one does.
    for uid in applied.left_out {
        let entries = server::prospect_history(hub, uid)?;
        report.applied += book.write(|tx| store::merge(tx, &entries, now))? as u64;
        report.whole += 1;
    }
    Ok(Some(report))
}
