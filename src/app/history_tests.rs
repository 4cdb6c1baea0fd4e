//! The history is the source of truth: for random sequences of what a
//! salesperson does (add, log, next, edit, note, finish, reopen, pause,
//! undo), replaying the history from empty gives exactly the tables.

use chrono::{DateTime, Duration, Local, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::domain::{Money, Outcome, Probability, ProspectPatch};
use crate::store::{self, Book};

#[derive(Debug, Clone)]
enum Step {
    Add {
        next: bool,
    },
    Log {
        who: usize,
        outcome: usize,
    },
    Next {
        who: usize,
        when: usize,
    },
    Edit {
        who: usize,
        probability: u8,
        value: i64,
    },
    Note {
        who: usize,
    },
    Finish {
        who: usize,
        how: usize,
    },
    Reopen {
        who: usize,
    },
    Pause {
        who: usize,
    },
    /// Both debriefs of an appointment, with the follow-up or without.
    Debrief {
        who: usize,
        next: bool,
    },
    /// Tick off a customer's after-sale item, or mark it back-ordered.
    Tick {
        who: usize,
        backorder: bool,
    },
    Undo,
    Redo,
    /// The clock moves (forward, or back as a test's `--now` can).
    Clock {
        minutes: i64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => any::<bool>().prop_map(|next| Step::Add { next }),
        4 => (0..6usize, 0..5usize).prop_map(|(who, outcome)| Step::Log { who, outcome }),
        2 => (0..6usize, 0..4usize).prop_map(|(who, when)| Step::Next { who, when }),
        2 => (0..6usize, 0..=100u8, 0..50_000i64)
            .prop_map(|(who, probability, value)| Step::Edit { who, probability, value }),
        1 => (0..6usize).prop_map(|who| Step::Note { who }),
        1 => (0..6usize, 0..3usize).prop_map(|(who, how)| Step::Finish { who, how }),
        1 => (0..6usize).prop_map(|who| Step::Reopen { who }),
        1 => (0..6usize).prop_map(|who| Step::Pause { who }),
        2 => (0..6usize, any::<bool>()).prop_map(|(who, next)| Step::Debrief { who, next }),
        2 => (0..6usize, any::<bool>()).prop_map(|(who, backorder)| Step::Tick { who, backorder }),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        2 => (-90i64..600).prop_map(|minutes| Step::Clock { minutes }),
    ]
}

fn start() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a plain local time")
}

/// Runs the steps; refusals (a finished prospect, nothing to undo) are
/// part of the game and change nothing.
fn play(steps: &[Step]) -> (Book, usize) {
    let mut book = Book::open_in_memory().expect("book");
    let ctx = Context::builtin();
    let mut now = start();
    let mut ids: Vec<ProspectId> = Vec::new();
    let mut undo_stack: Vec<Change> = Vec::new();
    let mut redo_stack: Vec<Change> = Vec::new();
    let pick = |ids: &[ProspectId], who: usize| ids.get(who % ids.len().max(1)).copied();
    for (i, s) in steps.iter().enumerate() {
        now += Duration::minutes(1);
        let b = &mut book;
        let change = match s {
            Step::Add { next } => {
                let fields = ProspectPatch {
                    name: Some(format!("Prospect {i}")),
                    company: (i % 2 == 0).then(|| "Acme".to_string()),
                    ..Default::default()
                };
                let next = next.then(|| NextRequest::call("tomorrow morning"));
                add_prospect(b, &ctx, now, fields, next.as_ref()).map(|(p, c)| {
                    ids.push(p.id);
                    c
                })
            }
            Step::Log { who, outcome } => match pick(&ids, *who) {
                Some(id) => {
                    let outcome = [
                        Outcome::Reached,
                        Outcome::Voicemail,
                        Outcome::NoAnswer,
                        Outcome::Email,
                        Outcome::Meeting,
                    ][*outcome];
                    let mut request = LogRequest::outcome(outcome);
                    if outcome == Outcome::Reached {
                        request.note = Some("talked it over".into());
                        request.next = Some(NextRequest::call("fri afternoon"));
                    }
                    log_attempt(b, &ctx, now, id, &request).map(|l| l.change)
                }
                None => continue,
            },
            Step::Next { who, when } => match pick(&ids, *who) {
                Some(id) => {
                    let when = ["tomorrow", "mon morning", "in 2 days", "next week"][*when];
                    set_next_step(b, &ctx, now, id, &NextRequest::call(when)).map(|(_, c)| c)
                }
                None => continue,
            },
            Step::Edit {
                who,
                probability,
                value,
            } => match pick(&ids, *who) {
                Some(id) => {
                    let patch = ProspectPatch {
                        probability: Some(Probability::new(i64::from(*probability)).ok()),
                        value: Some(Some(Money::from_cents(value * 100))),
                        ..Default::default()
                    };
                    let request = EditRequest {
                        patch,
                        ..Default::default()
                    };
                    edit_prospect(b, &ctx, now, id, request).map(|e| e.change)
                }
                None => continue,
            },
            Step::Note { who } => match pick(&ids, *who) {
                Some(id) => add_note(b, now, id, &format!("note {i}")).map(|(_, c)| c),
                None => continue,
            },
            Step::Finish { who, how } => match pick(&ids, *who) {
                Some(id) => {
                    let finish = [
                        Finish::Won,
                        Finish::Lost(Some("price".into())),
                        Finish::ClosedOut,
                    ][*how]
                        .clone();
                    finish_prospect(b, &ctx, now, id, &finish).map(|(_, c)| c)
                }
                None => continue,
            },
            Step::Reopen { who } => match pick(&ids, *who) {
                Some(id) => {
                    let request = ReopenRequest {
                        next: NextRequest::call("tomorrow"),
                        reason: Some("called back".into()),
                    };
                    reopen_prospect(b, &ctx, now, id, &request).map(|(_, c)| c)
                }
                None => continue,
            },
            Step::Pause { who } => match pick(&ids, *who) {
                Some(id) => set_paused(b, now, id, true).map(|(_, c)| c),
                None => continue,
            },
            Step::Debrief { who, next } => match pick(&ids, *who) {
                Some(id) => {
                    let request = DebriefRequest {
                        product: Some(format!("product {i}")),
                        value: Some(Money::from_cents(100_000 + i as i64)),
                        probability: Probability::new(50).ok(),
                        next: next.then(|| NextRequest::call("thu morning")),
                        well: ["a".into(), "b".into(), "c".into()],
                        work_on: "d".into(),
                    };
                    record_debrief(b, &ctx, now, id, &request).map(|d| d.change)
                }
                None => continue,
            },
            Step::Tick {
                who,
                backorder: back,
            } => match pick(&ids, *who) {
                Some(id) if *back => backorder(b, &ctx, now, id).map(|t| t.change),
                Some(id) => tick(b, &ctx, now, id).map(|t| t.change),
                None => continue,
            },
            Step::Undo => {
                if let Some(change) = undo_stack.pop()
                    && let Ok(inverse) = undo(b, &change, now.to_utc())
                {
                    redo_stack.push(inverse);
                }
                continue;
            }
            Step::Redo => {
                if let Some(change) = redo_stack.pop()
                    && let Ok(inverse) = undo(b, &change, now.to_utc())
                {
                    undo_stack.push(inverse);
                }
                continue;
            }
            Step::Clock { minutes } => {
                now += Duration::minutes(*minutes);
                continue;
            }
        };
        if let Ok(change) = change {
            undo_stack.push(change);
            redo_stack.clear();
        }
    }
    (book, ids.len())
}

fn disagreements(book: &Book) -> Vec<String> {
    let ids: Vec<i64> = book
        .conn()
        .prepare("SELECT id FROM prospect")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("ids");
    ids.into_iter()
        .flat_map(|id| store::history_disagreements(book.conn(), ProspectId(id)).expect("check"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn replaying_the_history_gives_the_tables(steps in prop::collection::vec(step(), 1..40)) {
        let (book, _) = play(&steps);
        let problems = disagreements(&book);
        prop_assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn nothing_a_user_does_deletes_a_row() {
    let steps = [
        Step::Add { next: true },
        Step::Log { who: 0, outcome: 1 },
        Step::Undo,
        Step::Undo,
        Step::Add { next: false },
        Step::Undo,
    ];
    let (book, added) = play(&steps);
    let count = |sql: &str| -> i64 { book.conn().query_row(sql, [], |r| r.get(0)).expect("count") };
    assert_eq!(added, 2);
    // Both prospects, the attempt and both steps are still rows: removed,
    // not deleted, and the history holds every change and its undoing.
    assert_eq!(count("SELECT count(*) FROM prospect"), 2);
    assert_eq!(
        count("SELECT count(*) FROM prospect WHERE removed_at IS NOT NULL"),
        2
    );
    assert_eq!(
        count("SELECT count(*) FROM attempt WHERE removed_at IS NOT NULL"),
        1
    );
    assert_eq!(count("SELECT count(*) FROM next_step"), 2);
    assert_eq!(
        count("SELECT count(*) FROM history WHERE op = 2"),
        // the attempt, the second step, the first prospect and its step,
        // the second prospect
        5
    );
    assert!(disagreements(&book).is_empty());
    assert_eq!(
        store::prospect(book.conn(), ProspectId(1)).expect("read"),
        None
    );
}

#[test]
fn every_change_is_stamped_in_order_even_when_the_clock_goes_back() {
    let steps = [
        Step::Add { next: true },
        Step::Clock { minutes: -600 },
        Step::Log { who: 0, outcome: 0 },
        Step::Edit {
            who: 0,
            probability: 50,
            value: 100,
        },
    ];
    let (book, _) = play(&steps);
    let stamps: Vec<i64> = book
        .conn()
        .prepare("SELECT hlc FROM history ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("stamps");
    assert!(stamps.len() > 5);
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "{stamps:?}");
}

#[test]
fn a_refused_write_leaves_no_history() {
    let (mut book, _) = play(&[Step::Add { next: false }]);
    let before = store::history_len(book.conn(), ProspectId(1)).expect("len");
    let ctx = Context::builtin();
    let bad = set_next_step(
        &mut book,
        &ctx,
        start(),
        ProspectId(1),
        &NextRequest::call("not a time at all"),
    );
    assert!(bad.is_err());
    assert_eq!(
        store::history_len(book.conn(), ProspectId(1)).expect("len"),
        before
    );
}

#[test]
fn the_author_is_the_profile_name() {
    let mut book = Book::open_in_memory().expect("book");
    book.set_author(Some("Sam Rivera"));
    let ctx = Context::builtin();
    let fields = ProspectPatch {
        name: Some("Ada".into()),
        ..Default::default()
    };
    let (ada, _) = add_prospect(&mut book, &ctx, start(), fields, None).expect("add");
    let entries = store::history_for(book.conn(), ada.id, 10).expect("history");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].author, "Sam Rivera");
}

#[test]
fn the_check_sees_a_table_that_drifted_from_its_history() {
    let (book, _) = play(&[Step::Add { next: true }, Step::Log { who: 0, outcome: 1 }]);
    assert!(disagreements(&book).is_empty());
    book.conn()
        .execute("UPDATE prospect SET probability = 99", [])
        .expect("tamper");
    book.conn()
        // (An attempt's own fields are its row, read by the history; a
        // removal the history never recorded is a drift.)
        .execute("UPDATE attempt SET removed_at = 1", [])
        .expect("tamper");
    let problems = disagreements(&book);
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

/// The rows a prospect shows, without the times that every change moves.
fn state(book: &Book, id: ProspectId) -> (Option<crate::domain::Prospect>, Vec<String>) {
    let prospect = store::prospect(book.conn(), id)
        .expect("read")
        .map(|mut p| {
            p.updated_at = chrono::DateTime::default();
            p
        });
    let mut rows = Vec::new();
    for sql in [
        "SELECT id, removed_at IS NULL FROM attempt WHERE prospect_id = ?1 ORDER BY id",
        "SELECT id, coalesce(resolution, 'open') || (removed_at IS NULL) FROM next_step \
         WHERE prospect_id = ?1 ORDER BY id",
    ] {
        let mut stmt = book.conn().prepare(sql).expect("prepare");
        let found = stmt
            .query_map([id.0], |r| {
                Ok(format!("{}:{:?}", r.get::<_, i64>(0)?, r.get_ref(1)?))
            })
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows");
        rows.extend(found);
    }
    (prospect, rows)
}

#[test]
fn redo_puts_back_exactly_what_undo_took_away() {
    let ctx = Context::builtin();
    let mut book = Book::open_in_memory().expect("book");
    let fields = ProspectPatch {
        name: Some("Ada".into()),
        ..Default::default()
    };
    let (ada, added) = add_prospect(
        &mut book,
        &ctx,
        start(),
        fields,
        Some(&NextRequest::call("tomorrow")),
    )
    .expect("add");
    let after_add = state(&book, ada.id);
    let logged = log_attempt(
        &mut book,
        &ctx,
        start() + Duration::minutes(5),
        ada.id,
        &LogRequest::outcome(Outcome::Voicemail),
    )
    .expect("log");
    let after_log = state(&book, ada.id);
    let later = |m| (start() + Duration::minutes(m)).to_utc();

    let undone = undo(&mut book, &logged.change, later(10)).expect("undo");
    assert_eq!(state(&book, ada.id).0, after_add.0);
    let redone = undo(&mut book, &undone, later(11)).expect("redo");
    assert_eq!(
        state(&book, ada.id),
        after_log,
        "redo gives back the same rows"
    );
    // And undoing the redo undoes the log again; then the add, and its redo.
    undo(&mut book, &redone, later(12)).expect("undo again");
    let removed = undo(&mut book, &added, later(13)).expect("undo the add");
    assert_eq!(store::prospect(book.conn(), ada.id).expect("read"), None);
    undo(&mut book, &removed, later(14)).expect("redo the add");
    assert_eq!(state(&book, ada.id).0, after_add.0);
    assert!(
        store::open_step(book.conn(), ada.id)
            .expect("read")
            .is_some()
    );
    assert!(
        disagreements(&book).is_empty(),
        "{:#?}",
        disagreements(&book)
    );
}

#[test]
fn an_undone_add_is_gone_from_search_the_table_and_the_count() {
    let (book, _) = play(&[Step::Add { next: true }, Step::Undo]);
    let conn = book.conn();
    assert!(
        store::search_prospects(conn, "Prospect", 10)
            .expect("search")
            .is_empty()
    );
    assert!(
        store::search_prospects(conn, "Acm", 10)
            .expect("search")
            .is_empty()
    );
    let page = store::browse(
        conn,
        store::BrowseFilter::All,
        store::BrowseSort::Name,
        None,
        10,
    )
    .expect("browse");
    assert!(page.is_empty(), "{page:?}");
    assert!(store::book_is_empty(conn).expect("empty"));
    assert!(
        store::list_prospects(conn, store::ProspectFilter::All, 10, 0)
            .expect("list")
            .is_empty()
    );
}
