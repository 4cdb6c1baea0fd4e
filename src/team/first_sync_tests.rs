//! A first sync in bulk gives the book the incremental sync gives: the
//! same current tables and the same history, change for change.

use chrono::{DateTime, Duration, Local, TimeZone};

use super::dump::{canonical_dump, search_index_holds};
use crate::app::{self, Context, DebriefRequest, EditRequest, LogRequest, NextRequest};
use crate::domain::{Money, Outcome, Probability, ProspectId, ProspectPatch};
use crate::history::Entry;
use crate::store::{self, ApplyStage, Book};

fn t(minutes: i64) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a plain local time")
        + Duration::minutes(minutes)
}

/// A server in memory: the changes in the order members pushed them.
#[derive(Default)]
struct Hub {
    changes: Vec<Entry>,
}

/// A member's book and how far it pushed and pulled.
struct Member {
    book: Book,
    pushed: i64,
    pulled: usize,
}

impl Member {
    fn new(name: &str) -> Member {
        let mut book = Book::open_in_memory().expect("a book");
        book.set_author(Some(name));
        Member {
            book,
            pushed: 0,
            pulled: 0,
        }
    }

    /// Pushes this book's own changes, then merges everyone else's.
    fn sync(&mut self, hub: &mut Hub) {
        let device = store::own_device(self.book.conn()).expect("device");
        let mine =
            store::changes_after(self.book.conn(), self.pushed, usize::MAX >> 1).expect("changes");
        if let Some((last, _)) = mine.last() {
            self.pushed = *last;
        }
        hub.changes.extend(
            mine.into_iter()
                .map(|(_, e)| e)
                .filter(|e| e.device == device),
        );
        let theirs: Vec<Entry> = hub.changes[self.pulled..]
            .iter()
            .filter(|e| e.device != device)
            .cloned()
            .collect();
        self.pulled = hub.changes.len();
        // The pushed changes come back as this book's own: skipped.
        self.book
            .write(|tx| store::merge(tx, &theirs, t(60 * 24 * 60).to_utc()))
            .expect("merge");
        self.pushed = self.pushed.max(
            store::changes_after(self.book.conn(), self.pushed, usize::MAX >> 1)
                .expect("changes")
                .last()
                .map_or(self.pushed, |(seq, _)| *seq),
        );
    }

    fn id_of(&self, name: &str) -> ProspectId {
        ProspectId(
            self.book
                .conn()
                .query_row("SELECT id FROM prospect WHERE name = ?1", [name], |r| {
                    r.get(0)
                })
                .unwrap_or_else(|_| panic!("{name} is not in the book")),
        )
    }
}

fn add(m: &mut Member, ctx: &Context, at: i64, name: &str) -> ProspectId {
    let fields = ProspectPatch {
        name: Some(name.into()),
        value: Some(Some(Money::from_cents(1_200_000))),
        probability: Some(Probability::new(30).ok()),
        ..Default::default()
    };
    let next = NextRequest::call("tomorrow");
    app::add_prospect(&mut m.book, ctx, t(at), fields, Some(&next))
        .expect("add")
        .0
        .id
}

fn edit(m: &mut Member, ctx: &Context, at: i64, id: ProspectId, patch: ProspectPatch) {
    let request = EditRequest {
        patch,
        ..Default::default()
    };
    app::edit_prospect(&mut m.book, ctx, t(at), id, request).expect("edit");
}

/// A consultant with a sample book and a week of work, and a coordinator
/// editing the same prospects while apart: conflicting edits, removals
/// and their undo, debriefs, steps replaced, a win.
fn a_team_at_work() -> Hub {
    let ctx = Context::builtin();
    let mut hub = Hub::default();
    let mut ada = Member::new("Ada");
    let mut cora = Member::new("Cora");
    let options = crate::demo::DemoOptions {
        prospects: 30,
        ..crate::demo::DemoOptions::small(t(0), crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut ada.book, &options).expect("sample");
    let grace = add(&mut ada, &ctx, 10, "Grace Hopper");
    let alan = add(&mut ada, &ctx, 11, "Alan Turing");
    let (_, added) = {
        let fields = ProspectPatch {
            name: Some("Added by mistake".into()),
            ..Default::default()
        };
        app::add_prospect(&mut ada.book, &ctx, t(12), fields, None).expect("add")
    };
    app::undo(&mut ada.book, &added, t(13).to_utc()).expect("undo the add");
    ada.sync(&mut hub);
    cora.sync(&mut hub);

    // Apart: both edit Grace's probability (Cora's, later, wins); Ada
    // meets her and debriefs; Cora replaces Alan's step twice.
    let probability = |p| ProspectPatch {
        probability: Some(Probability::new(p).ok()),
        ..Default::default()
    };
    edit(&mut ada, &ctx, 20, grace, probability(40));
    let grace_c = cora.id_of("Grace Hopper");
    let alan_c = cora.id_of("Alan Turing");
    edit(&mut cora, &ctx, 25, grace_c, probability(60));
    let met = LogRequest::outcome(Outcome::Meeting);
    app::log_attempt(&mut ada.book, &ctx, t(30), grace, &met).expect("met");
    let debrief = DebriefRequest {
        probability: Probability::new(70).ok(),
        next: Some(NextRequest::call("fri afternoon")),
        well: ["listened".into(), "measured".into(), "followed up".into()],
        work_on: "ask for the order".into(),
        ..Default::default()
    };
    app::record_debrief(&mut ada.book, &ctx, t(35), grace, &debrief).expect("debrief");
    for (at, when) in [(26, "mon morning"), (27, "tue afternoon")] {
        app::set_next_step(
            &mut cora.book,
            &ctx,
            t(at),
            alan_c,
            &NextRequest::call(when),
        )
        .expect("replace the step");
    }
    // A conversation and a meeting logged, then undone: the last
    // conversation and the debrief owed go back.
    for (at, outcome) in [(38, Outcome::Reached), (40, Outcome::Meeting)] {
        let request = LogRequest::outcome(outcome);
        let logged = app::log_attempt(&mut ada.book, &ctx, t(at), alan, &request).expect("log");
        app::undo(&mut ada.book, &logged.change, t(at + 1).to_utc()).expect("undo the log");
    }
    app::add_note(&mut ada.book, t(42), alan, "call after lunch").expect("note");
    app::add_note(&mut cora.book, t(43), alan_c, "asked for references").expect("note");
    ada.book
        .write(|tx| store::remove_prospect(tx, alan, t(44).to_utc()))
        .expect("remove");
    ada.book
        .write(|tx| store::unremove_prospect(tx, alan, t(45).to_utc()))
        .expect("restore");
    ada.sync(&mut hub);
    cora.sync(&mut hub);
    ada.sync(&mut hub);

    // Won on one book while the other edits; a sample prospect removed.
    app::win_prospect(&mut ada.book, &ctx, t(50), grace, Some("dec 9")).expect("won");
    let company = ProspectPatch {
        company: Some("Analytical Engines".into()),
        ..Default::default()
    };
    edit(&mut cora, &ctx, 51, grace_c, company);
    let first = ProspectId(1);
    cora.book
        .write(|tx| store::remove_prospect(tx, first, t(52).to_utc()))
        .expect("remove a sample prospect");
    ada.sync(&mut hub);
    cora.sync(&mut hub);
    hub
}

/// A new book that took in `changes` through `merge`, `batch` at a time.
fn merged(changes: &[Entry], batch: usize) -> Book {
    let mut book = Book::open_in_memory().expect("a book");
    for part in changes.chunks(batch) {
        book.write(|tx| store::merge(tx, part, t(60 * 24 * 60).to_utc()))
            .expect("merge");
    }
    book
}

/// A new book that staged `changes`, `batch` at a time, then applied them.
fn in_bulk(changes: &[Entry], batch: usize) -> (Book, Vec<(ApplyStage, u64, u64)>) {
    let mut book = Book::open_in_memory().expect("a book");
    assert!(store::first_sync_in_bulk(book.conn()).expect("check"));
    let numbered: Vec<(i64, Entry)> = changes
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, e)| (i as i64 + 1, e))
        .collect();
    for part in numbered.chunks(batch) {
        book.write(|tx| store::stage_changes(tx, part))
            .expect("stage");
    }
    let mut told = Vec::new();
    let applied = book
        .write(|tx| {
            store::apply_staged(tx, t(60 * 24 * 60).to_utc(), &mut |stage, done, total| {
                told.push((stage, done, total))
            })
        })
        .expect("apply");
    assert_eq!(applied.applied, changes.len() as u64);
    assert!(applied.left_out.is_empty(), "{:?}", applied.left_out);
    (book, told)
}

#[test]
fn a_first_sync_in_bulk_holds_what_the_incremental_one_holds() {
    let hub = a_team_at_work();
    assert!(hub.changes.len() > 300, "{}", hub.changes.len());
    let incremental = merged(&hub.changes, 7);
    let (bulk, told) = in_bulk(&hub.changes, 50);
    let (want, got) = (
        canonical_dump(incremental.conn()),
        canonical_dump(bulk.conn()),
    );
    let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
    let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{missing:#?}\n{extra:#?}"
    );
    assert_eq!(want, got, "the same rows in the same order");
    assert!(search_index_holds(bulk.conn()));
    assert_eq!(
        store::search_prospects(bulk.conn(), "Analytical", 10)
            .expect("search")
            .len(),
        1
    );
    // Staging emptied; the book is an ordinary one now.
    assert_eq!(store::staged_count(bulk.conn()).expect("count"), 0);
    assert!(!store::first_sync_in_bulk(bulk.conn()).expect("check"));
    // Every prospect's rows are its history's.
    let ids: Vec<i64> = bulk
        .conn()
        .prepare("SELECT id FROM prospect")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("ids");
    for id in ids {
        let problems = store::history_disagreements(bulk.conn(), ProspectId(id)).expect("check");
        assert!(problems.is_empty(), "{problems:#?}");
    }
    // The bar moves through the apply and the index builds, to the end.
    let changes: Vec<_> = told.iter().filter(|t| t.0 == ApplyStage::Changes).collect();
    assert!(changes.windows(2).all(|w| w[0].1 <= w[1].1), "{told:?}");
    let total = hub.changes.len() as u64;
    assert_eq!(changes.last().map(|t| (t.1, t.2)), Some((total, total)));
    let indexes: Vec<_> = told.iter().filter(|t| t.0 == ApplyStage::Indexes).collect();
    assert!(indexes.len() > 5, "{told:?}");
    assert!(indexes.last().is_some_and(|t| t.1 == t.2), "{told:?}");
}

#[test]
fn an_apply_that_fails_keeps_the_staged_changes_for_the_next() {
    let hub = a_team_at_work();
    let numbered: Vec<(i64, Entry)> = hub
        .changes
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, e)| (i as i64 + 1, e))
        .collect();
    let mut book = Book::open_in_memory().expect("a book");
    book.write(|tx| store::stage_changes(tx, &numbered))
        .expect("stage");
    // Interrupted half way through the apply, then in the index builds.
    for (at, stage) in [(100, ApplyStage::Changes), (3, ApplyStage::Indexes)] {
        let failed = book.write(|tx| {
            let mut n = 0;
            store::apply_staged(tx, t(0).to_utc(), &mut |s, done, _| {
                if s == stage && done >= at {
                    n += 1;
                }
            })?;
            if n > 0 {
                return Err(store::StoreError::Sql("interrupted".into()));
            }
            Ok(())
        });
        assert!(failed.is_err());
        assert_eq!(
            store::staged_count(book.conn()).expect("count"),
            numbered.len() as u64
        );
        let prospects: i64 = book
            .conn()
            .query_row("SELECT count(*) FROM prospect", [], |r| r.get(0))
            .expect("count");
        assert_eq!(prospects, 0, "nothing applied");
        assert!(store::first_sync_in_bulk(book.conn()).expect("check"));
    }
    // Staging the same batch again (a second sync that pulled it too)
    // adds nothing: the cursor is past it.
    let again = book
        .write(|tx| store::stage_changes(tx, &numbered))
        .expect("stage again");
    assert_eq!(again, 0);
    book.write(|tx| store::apply_staged(tx, t(0).to_utc(), &mut |_, _, _| {}))
        .expect("apply");
    assert_eq!(
        canonical_dump(book.conn()),
        canonical_dump(merged(&hub.changes, 1000).conn())
    );
    assert!(search_index_holds(book.conn()));
}
