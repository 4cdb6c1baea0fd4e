//! `followup sync`: push this book's changes the server does not have yet,
//! then pull everyone else's that this member may read, in batches.
//!
//! Nothing is lost or applied twice however a sync is interrupted:
//! - a push batch is one server transaction; the local push cursor moves
//!   after it commits, so a batch whose commit was not recorded is pushed
//!   again, and the server skips the changes it has (their identity is
//!   unique there);
//! - a pull batch is merged in one local transaction that also moves the
//!   pull cursor, so the batch and the cursor commit together or not at all
//!   (and merging is idempotent besides).
//!
//! A change the server's rules refuse (its prospect was reassigned to
//! another member) is set aside in the book (`store::park`), in the
//! transaction that moves the push cursor past it: it is not pushed again
//! at every sync, it is not lost (the history keeps it), and the rest of
//! the push goes on.
//!
//! The server gives out sequence numbers in commit order (see its
//! migration), so a cursor never passes a change committed later.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::hub::Hub;
use super::{TeamError, schema, server};
use std::collections::BTreeSet;

use crate::history::{Entry, EntryKind, Op, Uid};
use crate::store::{self, Book, SyncCursor};

/// The changes moved per batch (one server and one local transaction each).
pub const BATCH: usize = 1000;

/// The page cache of a sync's connection to the book, in MiB (filled only
/// as far as the sync needs).
const PULL_CACHE_MIB: i64 = 256;

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// This book's changes sent to the server.
    pub pushed: u64,
    /// Of those, the ones the server did not have yet.
    pub pushed_new: u64,
    /// Of those, the ones the server refused and this sync set aside
    /// (`followup sync --parked` lists them).
    pub parked: u64,
    /// All the changes set aside in this book now (after the retry).
    pub parked_total: u64,
    /// Changes set aside earlier that this sync pushed again (see
    /// `team::retry`).
    pub retried: u64,
    /// Of those, the ones the server took this time.
    pub settled: u64,
    /// Changes received from the server.
    pub pulled: u64,
    /// Of those, the ones this book did not have yet.
    pub applied: u64,
    /// Prospects that came whole because they were reassigned to this
    /// member.
    pub reassigned: u64,
    /// The last server position taken in.
    pub server_seq: i64,
}

/// A hook run after each pull batch is committed, with the number of
/// batches committed so far (the tests interrupt a sync there).
pub type AfterBatch<'a> = &'a mut dyn FnMut(usize) -> Result<(), TeamError>;

/// Told how far a sync has come: (changes done, changes to do) of the
/// push, then of the pull (see [`Stage`]).
pub type OnProgress<'a> = &'a mut dyn FnMut(Stage, u64, u64);

/// Which half of a sync a progress report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Sending this book's changes.
    Push,
    /// Taking in the team's.
    Pull,
    /// A first sync in bulk: writing the changes taken in into the book.
    Apply,
    /// A first sync in bulk: building the book's indexes again (counted
    /// in indexes).
    Index,
}

/// How to sync.
#[derive(Default)]
pub struct Options<'a> {
    /// Changes per batch (0: [`BATCH`]).
    pub batch: usize,
    /// Run after each pull batch.
    pub after_pull_batch: Option<AfterBatch<'a>>,
    /// Told after each batch (a progress bar); the totals cost one query
    /// each, made only when this is set.
    pub on_progress: Option<OnProgress<'a>>,
    /// Which changes set aside earlier to push again (by default those of
    /// the prospects that are this member's again).
    pub retry_parked: super::retry::Which,
    /// Never take a new member's first sync in bulk (`first_sync`): the
    /// tests compare the two paths.
    pub incremental_only: bool,
}

/// Pushes, then pulls; `now` bounds how far another device's clock may
/// drag this book's (see `store::merge`).
pub fn sync(
    book: &mut Book,
    hub: &mut Hub,
    now: DateTime<Utc>,
    options: Options<'_>,
) -> Result<SyncReport, TeamError> {
    schema::check(hub)?;
    let batch = if options.batch == 0 {
        BATCH
    } else {
        options.batch
    };
    // A pull writes every prospect it touches through half a dozen indexes:
    // through the default 2 MB page cache, a book far behind (a new
    // member's first sync) reads most pages back from the kernel again and
    // again. This sync's connection only.
    store::allow_large_transaction(book, PULL_CACHE_MIB)?;
    let mut after_pull_batch = options.after_pull_batch;
    let mut on_progress = options.on_progress;
    let device = store::own_device(book.conn())?;
    let mut report = SyncReport::default();
    let push_from = store::sync_cursor(book.conn(), SyncCursor::Pushed)?;
    let push_total = match on_progress {
        Some(_) => store::changes_since(book.conn(), push_from)?,
        None => 0,
    };
    loop {
        let from = store::sync_cursor(book.conn(), SyncCursor::Pushed)?;
        let changes = store::changes_after(book.conn(), from, batch)?;
        let Some(&(last, _)) = changes.last() else {
            break;
        };
        // Only this book's own changes: those it pulled are on the server
        // already, under their own device.
        let (seqs, own): (Vec<i64>, Vec<Entry>) = changes
            .into_iter()
            .filter(|(_, e)| e.device == device)
            .unzip();
        let mut refused = Vec::new();
        if !own.is_empty() {
            let pushed = server::push(hub, &own)?;
            report.pushed_new += pushed.new;
            report.pushed += own.len() as u64;
            refused = pushed.refused;
        }
        book.write(|tx| {
            for (prospect, reason) in &refused {
                let parked: Vec<i64> = seqs
                    .iter()
                    .zip(&own)
                    .filter(|(_, e)| e.prospect == *prospect)
                    .map(|(seq, _)| *seq)
                    .collect();
                report.parked += parked.len() as u64;
                store::park(tx, &parked, reason, now.timestamp())?;
            }
            store::set_sync_cursor(tx, SyncCursor::Pushed, last)
        })?;
        if let Some(tell) = on_progress.as_mut() {
            let done = store::changes_between(book.conn(), push_from, last)?;
            tell(Stage::Push, done, push_total.max(done));
        }
    }
    // A new member's book takes the team's history in bulk.
    if !options.incremental_only {
        let bulk = super::first_sync::take_in_bulk(
            book,
            hub,
            now,
            options.batch,
            on_progress.as_mut(),
            after_pull_batch.as_mut(),
        )?;
        if let Some(bulk) = bulk {
            report.pulled += bulk.pulled;
            report.applied += bulk.applied;
        }
    }
    // Changes set aside earlier whose cause may be gone.
    let retried = super::retry::retry_parked(book, hub, now, options.retry_parked, batch)?;
    report.retried = retried.tried;
    report.settled = retried.settled;
    // Prospects reassigned to this member: their changes are behind the
    // pull cursor (the server showed them only to their owner then), so
    // they are fetched whole: those this book never held, and those given
    // back since the last look, whose changes made meanwhile by their other
    // owner this book could not read.
    let given_back = given_back(book, hub)?;
    for uid in server::owned_prospects(hub)? {
        let held = store::has_prospect(book.conn(), uid)?;
        if held && !given_back.prospects.contains(&uid) {
            continue;
        }
        let entries = server::prospect_history(hub, uid)?;
        let applied = book.write(|tx| store::merge(tx, &entries, now))?;
        report.applied += applied as u64;
        // One held already is fetched again for a minute after it came
        // back (see `GIVEN_BACK_OVERLAP_US`): only what was new counts.
        if !held {
            report.pulled += entries.len() as u64;
            report.reassigned += 1;
        } else if applied > 0 {
            report.pulled += applied as u64;
            report.reassigned += 1;
        }
    }
    let mut batches = 0;
    report.server_seq = store::sync_cursor(book.conn(), SyncCursor::Pulled)?;
    let pull_from = report.server_seq;
    let pull_to = match on_progress {
        Some(_) => server::last_seq(hub)?,
        None => 0,
    };
    loop {
        let from = store::sync_cursor(book.conn(), SyncCursor::Pulled)?;
        let changes = server::pull(hub, from, device, batch)?;
        let Some(&(last, _)) = changes.last() else {
            break;
        };
        let mut entries: Vec<Entry> = changes.into_iter().map(|(_, e)| e).collect();
        let received = entries.len();
        entries = with_missing_creations(book, hub, entries)?;
        let fetched = entries.len() - received;
        let applied = book.write(|tx| {
            let n = store::merge(tx, &entries, now)?;
            store::set_sync_cursor(tx, SyncCursor::Pulled, last)?;
            Ok::<_, TeamError>(n)
        })?;
        report.pulled += (entries.len() - fetched) as u64;
        report.applied += applied as u64;
        report.server_seq = last;
        batches += 1;
        if let Some(tell) = on_progress.as_mut() {
            let to = pull_to.max(last);
            tell(
                Stage::Pull,
                (last - pull_from) as u64,
                (to - pull_from) as u64,
            );
        }
        if let Some(hook) = after_pull_batch.as_mut() {
            hook(batches)?;
        }
    }
    // Prospects given to another member since the last look: this book
    // files them under their new owner (the coordinator's Team screen, the
    // reports per consultant), now that the pull brought any it lacked.
    // Looked: the next sync asks from here (a sync stopped before this
    // asks again from the last look, and fetching twice is harmless).
    book.write(|tx| {
        for r in &given_back.seen.prospects {
            store::set_owner(tx, r.prospect, &r.owner)?;
        }
        store::set_sync_cursor(tx, SyncCursor::GivenBackChecked, given_back.seen.checked_us)
    })?;
    // The manager's coaching notes travel beside the changes.
    super::coaching::sync_coaching(book, hub)?;
    // The member's role, for the cockpit's Team screen (read offline).
    let role = super::roles::my_role(hub)?;
    book.write(|tx| store::set_team_role(tx, role.map(super::roles::Role::as_str)))?;
    report.parked_total = store::parked_count(book.conn())?;
    Ok(report)
}

/// How long before the last look a reassignment is looked for again: one
/// committed while the last look ran carries an earlier time.
const GIVEN_BACK_OVERLAP_US: i64 = 60 * 1_000_000;

/// The last look at reassignments: the prospects given back to this
/// member since the one before, and every reassignment seen.
struct GivenBack {
    prospects: BTreeSet<Uid>,
    seen: server::Reassignments,
}

/// Asks the server which prospects were reassigned since this book last
/// asked (all of them, the first time). Those given back to this member
/// are fetched whole; a book that never asked took in, at its first pull,
/// every change of the prospects its member owned then: nothing to fetch.
fn given_back(book: &Book, hub: &mut Hub) -> Result<GivenBack, TeamError> {
    let last = store::sync_cursor(book.conn(), SyncCursor::GivenBackChecked)?;
    let since = (last > 0).then(|| last - GIVEN_BACK_OVERLAP_US);
    let seen = server::reassigned_since(hub, since)?;
    let prospects = match since {
        Some(_) => seen
            .prospects
            .iter()
            .filter(|r| r.mine)
            .map(|r| r.prospect)
            .collect(),
        None => BTreeSet::new(),
    };
    Ok(GivenBack { prospects, seen })
}

/// `entries` preceded by the whole history of every prospect they name
/// that this book does not hold and whose creation is not among them: a
/// prospect reassigned to this member (its creation is behind the pull
/// cursor). Merging is idempotent, so changes fetched twice do no harm.
fn with_missing_creations(
    book: &Book,
    hub: &mut Hub,
    entries: Vec<Entry>,
) -> Result<Vec<Entry>, TeamError> {
    let created: BTreeSet<Uid> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Prospect && e.op == Op::Create)
        .map(|e| e.prospect)
        .collect();
    let mut missing = BTreeSet::new();
    for e in &entries {
        if !created.contains(&e.prospect)
            && !missing.contains(&e.prospect)
            && !store::has_prospect(book.conn(), e.prospect)?
        {
            missing.insert(e.prospect);
        }
    }
    if missing.is_empty() {
        return Ok(entries);
    }
    let mut whole = Vec::new();
    for uid in missing {
        whole.extend(server::prospect_history(hub, uid)?);
    }
    whole.extend(entries);
    Ok(whole)
}
