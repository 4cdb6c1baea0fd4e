//! Sample books: a reproducible, realistic book for trying the cockpit
//! (`--demo`) and for benchmarks (`followup demo --prospects 100000`).
//!
//! The same seed, `now` (and local time zone) and business hours always give
//! the same book: the generator uses its own small PRNG and lays every
//! prospect's history out backwards from a point before `now`.
//!
//! Most prospects of a large book are finished (won, lost with a reason,
//! or closed out after the whole voicemail series), spread over about three
//! years; about 5% are active and fill today's queues: due today, overdue,
//! without a next step, gone quiet, paused in the series, or scheduled later.

mod active;
mod calendar;
mod chase;
mod customers;
mod debriefs;
mod moment;
mod names;
mod plan;
mod rng;
mod span;
#[cfg(test)]
mod tests;
mod timeline;

use chrono::{DateTime, Local, Utc};

use crate::domain::{Status, StepResolution};
use crate::schedule::{BusinessHours, Window};
use crate::store::{Book, BulkAttempt, BulkProspect, BulkStep, StoreError, bulk_load};
use active::{Queue, queue_of};
use plan::Planner;

pub use moment::{DemoMoment, demo_moment};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// How many prospects.
    pub prospects: usize,
    /// The seed: the same seed (with the same `now` and hours) gives the same book.
    pub seed: u64,
    /// The moment the book is generated for: every attempt lies before it,
    /// and the queues are arranged around its day.
    pub now: DateTime<Local>,
    /// Business hours: attempts and windows fall inside them.
    pub hours: BusinessHours,
}

/// The seed of the cockpit's sample book.
pub const SMALL_SEED: u64 = 0x5EED_F011_0C0F_FEE5;

impl DemoOptions {
    /// The cockpit's sample book: 40 prospects with a fixed seed, most of
    /// them active (at least 6 due today, 4 overdue, 3 without a next step
    /// and 2 gone quiet).
    pub fn small(now: DateTime<Local>, hours: BusinessHours) -> DemoOptions {
        DemoOptions {
            prospects: 40,
            seed: SMALL_SEED,
            now,
            hours,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoStats {
    /// Prospects written.
    pub prospects: usize,
    /// Attempts written.
    pub attempts: usize,
    /// Active prospects among them.
    pub active: usize,
    /// Active prospects with a next step due today.
    pub due_today: usize,
    /// Active prospects with an overdue next step.
    pub overdue: usize,
    /// Active prospects with no next step.
    pub no_next_step: usize,
    /// Active prospects gone quiet (no attempt for 14 days, next step after
    /// today but within the next 14).
    pub gone_quiet: usize,
    /// Debriefs written.
    pub debriefs: usize,
    /// Won customers with their after-sale plan under way.
    pub customers: usize,
}

/// How far [`generate_reporting`] has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Prospects written so far, of how many.
    Prospects {
        /// Written.
        done: usize,
        /// To write.
        total: usize,
    },
    /// Every row is written; the history, the indexes and the search index
    /// are being built (the last third of a large book's time).
    Indexing,
}

/// How often (in prospects) [`generate_reporting`] reports.
const REPORT_EVERY: usize = 1_000;

/// Writes a sample book into `book` in one transaction and says what it
/// wrote. Prospects get ids in the order they were created; each one's
/// attempts follow in time order.
pub fn generate(book: &mut Book, options: &DemoOptions) -> Result<DemoStats, StoreError> {
    generate_reporting(book, options, &mut |_| {})
}

/// [`generate`], telling `progress` how far it has come (a large book takes
/// minutes).
pub fn generate_reporting(
    book: &mut Book,
    options: &DemoOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<DemoStats, StoreError> {
    let planner = Planner::new(options);
    // Generate once to sort by creation time, then again to write: each
    // prospect draws from its own streams, so both passes agree (and the
    // second core can take half of the first pass).
    let mut order = creation_order(&planner);
    order.sort_unstable();
    // The prospects are made on a second thread while this one writes
    // them: the book's writes are most of the time, and the other core
    // makes the next prospects meanwhile.
    let (made, rows) = std::sync::mpsc::sync_channel(MADE_AHEAD);
    std::thread::scope(|scope| {
        let maker = scope.spawn(|| {
            for batch in order.chunks(MADE_AT_ONCE) {
                let batch: Vec<_> = batch
                    .iter()
                    .map(|&(_, i)| {
                        let t = planner.timeline(i);
                        let f = planner.fields(i, &t);
                        (t, f)
                    })
                    .collect();
                // The writer stopped (it failed): nothing more to make.
                if made.send(batch).is_err() {
                    break;
                }
            }
            drop(made);
        });
        // The receiving end goes when the writing ends, failed or not, so
        // the maker never waits for a reader that has gone.
        let written = write_made(book, options, &planner, &order, rows, progress);
        // A maker that panicked (a bug; its message is on stderr already)
        // left the writer short, and the writer rolled back: say so as an
        // error rather than panic again here.
        match maker.join() {
            Ok(()) => written,
            Err(_) => Err(StoreError::Sql(
                "making the sample's prospects failed; nothing was written".into(),
            )),
        }
    })
}

/// How many batches of prospects the maker thread may have ready before
/// the writer takes them.
const MADE_AHEAD: usize = 4;
/// Prospects handed over at once (one hand-over each would wake the other
/// thread for every prospect).
const MADE_AT_ONCE: usize = 512;

/// Each prospect's creation time and number, made on two threads.
fn creation_order(planner: &Planner) -> Vec<(i64, usize)> {
    let n = planner.len();
    let half = n / 2;
    let created = |range: std::ops::Range<usize>| -> Vec<(i64, usize)> {
        range.map(|i| (planner.timeline(i).created(), i)).collect()
    };
    std::thread::scope(|scope| {
        let first = scope.spawn(|| created(0..half));
        let mut second = created(half..n);
        // A half that panicked (a bug) panics here too.
        let mut order = first
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        order.append(&mut second);
        order
    })
}

/// Writes the prospects the maker thread sends, in `order`'s order, then
/// the debriefs and customers.
fn write_made(
    book: &mut Book,
    options: &DemoOptions,
    planner: &Planner,
    order: &[(i64, usize)],
    rows: std::sync::mpsc::Receiver<Vec<(plan::Timeline, plan::Fields)>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<DemoStats, StoreError> {
    let cal = planner.calendar();
    let quiet_since = cal.bounds.quiet_since.timestamp();
    let quiet_until = cal.bounds.quiet_until.timestamp();
    let recent_win = options.now.to_utc() - chrono::Duration::days(customers::RECENT_DAYS);
    book.write(|tx| {
        // Meetings before this owe no debrief (set before they are written:
        // the triggers read it).
        crate::store::set_debrief_from(tx, debriefs::since(options))?;
        let mut won = Vec::new();
        let mut stats = bulk_load(tx, |loader| {
            let mut stats = DemoStats::default();
            for (t, f) in rows.iter().flatten() {
                let status = t.status();
                let last_contact = t.last_contact();
                let attempts: Vec<BulkAttempt<'_>> = t
                    .attempts
                    .iter()
                    .map(|a| BulkAttempt {
                        at: utc(a.at),
                        channel: a.channel,
                        outcome: a.outcome,
                        note: a.note,
                        series_step: a.step,
                    })
                    .collect();
                let steps: Vec<BulkStep<'_>> = [(&t.history, true), (&t.open, false)]
                    .into_iter()
                    .filter_map(|(step, closed)| {
                        let s = step.as_ref()?;
                        Some(BulkStep {
                            action: s.action,
                            window: Window::new(utc(s.start), utc(s.end)),
                            note: s.note,
                            created_at: utc(s.created),
                            closed: closed
                                .then(|| (utc(s.done.unwrap_or(s.created)), StepResolution::Done)),
                        })
                    })
                    .collect();
                let id = loader.prospect(
                    &BulkProspect {
                        name: &f.name,
                        company: f.company.as_deref(),
                        phone: f.phone.as_deref(),
                        email: f.email.as_deref(),
                        product: Some(f.product),
                        value_cents: Some(f.value_cents),
                        probability: Some(f.probability),
                        objection: f.objection,
                        decision_process: f.decision,
                        notes: f.notes.as_deref(),
                        status,
                        lost_reason: f.lost_reason,
                        series_name: None,
                        series_performed: t.performed,
                        series_paused: t.paused,
                        last_contact_at: Some(utc(last_contact)),
                        created_at: utc(t.created()),
                        updated_at: utc(t.closed_at.unwrap_or(last_contact).max(last_contact)),
                        closed_at: t.closed_at.map(utc),
                    },
                    &attempts,
                    &steps,
                )?;
                if status == Status::Won && t.closed_at.is_some_and(|c| utc(c) >= recent_win) {
                    won.push((id, utc(t.closed_at.unwrap_or_default())));
                }
                stats.prospects += 1;
                if stats.prospects % REPORT_EVERY == 0 {
                    progress(Progress::Prospects {
                        done: stats.prospects,
                        total: order.len(),
                    });
                }
                stats.attempts += t.attempts.len();
                if status == Status::Active {
                    stats.active += 1;
                    match &t.open {
                        None => stats.no_next_step += 1,
                        Some(s) => match queue_of(cal, s.start, s.end) {
                            Queue::Due => stats.due_today += 1,
                            // A held series keeps its late step off the list.
                            Queue::Overdue(_) if t.paused => {}
                            Queue::Overdue(_) => stats.overdue += 1,
                            Queue::Later
                                if !t.paused
                                    && last_contact < quiet_since
                                    && s.start < quiet_until =>
                            {
                                stats.gone_quiet += 1;
                            }
                            Queue::Later => {}
                        },
                    }
                }
            }
            // The maker thread ends early only by a bug (a panic): write
            // nothing rather than part of the sample.
            if stats.prospects != order.len() {
                return Err(StoreError::Sql(format!(
                    "the sample's prospects stopped coming after {} of {}",
                    stats.prospects,
                    order.len()
                )));
            }
            progress(Progress::Indexing);
            Ok(stats)
        })?;
        stats.debriefs = debriefs::add(tx, options)?;
        // The newest wins are the customers mid-checklist.
        won.sort_by_key(|(id, at)| (std::cmp::Reverse(*at), id.0));
        let mut customers = customers::add(tx, options, &won)?;
        // A small sample whose own wins are too old still shows customers.
        if options.prospects <= customers::FRESH_UP_TO {
            let fresh = customers::add_fresh(tx, options, customers.len(), customers::WANT)?;
            customers.extend(fresh);
        }
        for w in &customers {
            match queue_of(cal, w.start.timestamp(), w.end.timestamp()) {
                Queue::Due => stats.due_today += 1,
                Queue::Overdue(_) => stats.overdue += 1,
                Queue::Later => {}
            }
        }
        stats.customers = customers.len();
        Ok(stats)
    })
}

/// The names of a sample team's `n` consultants: twenty first names,
/// then the same again numbered ("Ada 2").
pub fn consultant_names(n: usize) -> Vec<String> {
    const FIRST: [&str; 20] = [
        "Ada", "Bo", "Cora", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Max",
        "Nia", "Oto", "Pia", "Quinn", "Rui", "Sol", "Tess",
    ];
    (0..n)
        .map(|i| match i / FIRST.len() {
            0 => FIRST[i].to_string(),
            round => format!("{} {}", FIRST[i % FIRST.len()], round + 1),
        })
        .collect()
}

/// A stored time.
fn utc(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}
