//! Books that exchanged their histories, in any order, hold the same rows:
//! the base the team sync builds on. Conflicting edits of one field are
//! settled by the stamp (the later wins), on every book alike.

use chrono::{DateTime, Duration, Local, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::domain::{Outcome, Probability, ProspectPatch};
use crate::history::Entry;
use crate::store::{self, Book};

fn t(minutes: i64) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a plain local time")
        + Duration::minutes(minutes)
}

fn all_changes(book: &Book) -> Vec<Entry> {
    store::changes_after(book.conn(), 0, usize::MAX >> 1)
        .expect("changes")
        .into_iter()
        .map(|(_, e)| e)
        .collect()
}

fn take_in(book: &mut Book, entries: &[Entry]) -> usize {
    book.write(|tx| store::merge(tx, entries, t(60 * 24 * 30).to_utc()))
        .expect("merge")
}

/// Every row by its stable id, without local ids or bookkeeping times.
/// (`debrief_due` is left out: it is derived by each book from its own
/// rows and its own `debrief_from`, the date it began asking for
/// debriefs; the test of debriefs compares it itself.)
fn rows(book: &Book) -> Vec<String> {
    let mut out = Vec::new();
    let queries = [
        "SELECT hex(uid), name, company, phone, email, product, value_cents, probability, \
         objection, decision_process, notes, series_name, status, lost_reason, closed_at, \
         series_performed, series_paused, series_paused_until, last_contact_at, created_at, \
         liked, disliked, decision_who, decision_when, decision_info, decision_review, \
         delivery_at, purchases, \
         removed_at IS NOT NULL FROM prospect ORDER BY uid",
        "SELECT hex(d.uid), hex(p.uid), d.at, d.product, d.value_cents, d.probability, \
         d.follow_up, d.well_1, d.well_2, d.well_3, d.work_on, d.removed_at IS NOT NULL \
         FROM debrief d JOIN prospect p ON p.id = d.prospect_id ORDER BY d.uid",
        "SELECT hex(a.uid), hex(p.uid), a.at, a.channel, a.outcome, a.note, a.series_step, \
         a.removed_at IS NOT NULL FROM attempt a JOIN prospect p ON p.id = a.prospect_id \
         ORDER BY a.uid",
        "SELECT hex(s.uid), hex(p.uid), s.action, s.due_start, s.due_end, s.note, s.created_at, \
         s.done_at, s.resolution, s.plan_item, s.removed_at IS NOT NULL FROM next_step s \
         JOIN prospect p ON p.id = s.prospect_id ORDER BY s.uid",
    ];
    for sql in queries {
        let mut stmt = book.conn().prepare(sql).expect("prepare");
        let width = stmt.column_count();
        let found = stmt
            .query_map([], |r| {
                Ok((0..width)
                    .map(|i| format!("{:?}", r.get_ref(i).expect("cell")))
                    .collect::<Vec<_>>()
                    .join(" | "))
            })
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows");
        out.extend(found);
    }
    out
}

fn edit_probability(book: &mut Book, ctx: &Context, now: DateTime<Local>, id: ProspectId, p: i64) {
    let request = EditRequest {
        patch: ProspectPatch {
            probability: Some(Probability::new(p).ok()),
            ..Default::default()
        },
        ..Default::default()
    };
    edit_prospect(book, ctx, now, id, request).expect("edit");
}

/// Two books apart for a morning: both edit the same field, both set the
/// next step, one logs a voicemail and the other adds a note.
fn two_books_apart() -> (Book, Book) {
    let ctx = Context::builtin();
    let mut a = Book::open_in_memory().expect("book a");
    let mut b = Book::open_in_memory().expect("book b");
    let fields = ProspectPatch {
        name: Some("Ada Lovelace".into()),
        ..Default::default()
    };
    let (ada, _) = add_prospect(
        &mut a,
        &ctx,
        t(0),
        fields,
        Some(&NextRequest::call("tomorrow")),
    )
    .expect("add");
    assert!(take_in(&mut b, &all_changes(&a)) > 0);
    let ada_b =
        store::list_prospects(b.conn(), store::ProspectFilter::All, 10, 0).expect("list")[0].id;

    edit_probability(&mut a, &ctx, t(10), ada.id, 40);
    edit_probability(&mut b, &ctx, t(20), ada_b, 70); // later: wins
    log_attempt(
        &mut a,
        &ctx,
        t(30),
        ada.id,
        &LogRequest::outcome(Outcome::Voicemail),
    )
    .expect("log");
    set_next_step(
        &mut b,
        &ctx,
        t(25),
        ada_b,
        &NextRequest::call("fri afternoon"),
    )
    .expect("next");
    add_note(&mut b, t(40), ada_b, "husband decides").expect("note");
    let company = ProspectPatch {
        company: Some("Analytical Engines".into()),
        ..Default::default()
    };
    edit_prospect(
        &mut a,
        &ctx,
        t(50),
        ada.id,
        EditRequest {
            patch: company,
            ..Default::default()
        },
    )
    .expect("edit");
    (a, b)
}

#[test]
fn two_books_that_exchange_their_histories_hold_the_same_rows() {
    let (mut a, mut b) = two_books_apart();
    let from_a = all_changes(&a);
    let from_b = all_changes(&b);
    take_in(&mut a, &from_b);
    take_in(&mut b, &from_a);
    assert_eq!(rows(&a), rows(&b));
    // Taking them in again changes nothing.
    assert_eq!(take_in(&mut a, &from_b), 0);
    assert_eq!(rows(&a), rows(&b));

    let ada = store::list_prospects(a.conn(), store::ProspectFilter::All, 10, 0).expect("list")[0]
        .clone();
    assert_eq!(
        ada.probability.map(|p| p.percent()),
        Some(70),
        "the later edit wins"
    );
    assert_eq!(ada.company.as_deref(), Some("Analytical Engines"));
    assert!(
        ada.notes
            .as_deref()
            .is_some_and(|n| n.contains("husband decides"))
    );
    let open: i64 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM next_step WHERE done_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(open, 1, "one open step, the one set last");
    for book in [&a, &b] {
        let problems = store::history_disagreements(book.conn(), ada.id).expect("check");
        assert!(problems.is_empty(), "{problems:#?}");
    }
    // Later local changes order after everything seen.
    let before = all_changes(&a).iter().map(|e| e.hlc).max().expect("stamps");
    edit_probability(&mut a, &Context::builtin(), t(-600), ada.id, 10);
    let after = all_changes(&a).iter().map(|e| e.hlc).max().expect("stamps");
    assert!(after > before);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A third book taking in both books' changes in any order, in any
    /// batches, ends with the same rows as the two.
    #[test]
    fn any_order_of_arrival_gives_the_same_rows(
        order in Just(()).prop_perturb(|_, mut rng| {
            let mut keys: Vec<u64> = (0..64).map(|_| rng.random()).collect();
            keys.shrink_to_fit();
            keys
        }),
        batch in 1usize..8,
    ) {
        let (mut a, mut b) = two_books_apart();
        let from_a = all_changes(&a);
        let from_b = all_changes(&b);
        take_in(&mut a, &from_b);
        take_in(&mut b, &from_a);
        let mut everything: Vec<(u64, Entry)> = from_a
            .into_iter()
            .chain(from_b)
            .enumerate()
            .map(|(i, e)| (order[i % order.len()].wrapping_add(i as u64), e))
            .collect();
        everything.sort_by_key(|(k, _)| *k);
        let everything: Vec<Entry> = everything.into_iter().map(|(_, e)| e).collect();
        let mut c = Book::open_in_memory().expect("book c");
        // Whatever the order, a prospect's creation must come in the first
        // batch that needs it: merge sorts creations first within a batch.
        let (creations, rest): (Vec<Entry>, Vec<Entry>) = everything
            .into_iter()
            .partition(|e| e.kind == crate::history::EntryKind::Prospect
                && e.op == crate::history::Op::Create);
        take_in(&mut c, &creations);
        for chunk in rest.chunks(batch) {
            take_in(&mut c, chunk);
        }
        prop_assert_eq!(rows(&c), rows(&a));
        prop_assert_eq!(rows(&a), rows(&b));
    }
}

/// A shared prospect, known to both books.
fn shared() -> (Book, Book, ProspectId, ProspectId) {
    let ctx = Context::builtin();
    let mut a = Book::open_in_memory().expect("book a");
    let mut b = Book::open_in_memory().expect("book b");
    let fields = ProspectPatch {
        name: Some("Ada Lovelace".into()),
        ..Default::default()
    };
    let (ada, _) = add_prospect(
        &mut a,
        &ctx,
        t(0),
        fields,
        Some(&NextRequest::call("tomorrow")),
    )
    .expect("add");
    take_in(&mut b, &all_changes(&a));
    let ada_b =
        store::list_prospects(b.conn(), store::ProspectFilter::All, 10, 0).expect("list")[0].id;
    (a, b, ada.id, ada_b)
}

fn exchange(a: &mut Book, b: &mut Book) {
    let (from_a, from_b) = (all_changes(a), all_changes(b));
    take_in(a, &from_b);
    take_in(b, &from_a);
}

#[test]
fn a_prospect_won_on_one_book_and_scheduled_on_the_other_ends_won_with_only_its_plan_item_open() {
    let ctx = Context::builtin();
    let (mut a, mut b, ada, ada_b) = shared();
    finish_prospect(&mut a, &Context::builtin(), t(10), ada, &Finish::Won).expect("won");
    set_next_step(
        &mut b,
        &ctx,
        t(20),
        ada_b,
        &NextRequest::call("fri afternoon"),
    )
    .expect("next");
    exchange(&mut a, &mut b);
    assert_eq!(rows(&a), rows(&b));
    let open: i64 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM next_step WHERE done_at IS NULL AND plan_item IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(open, 0);
    // The customer keeps the first item of the after-sale plan.
    let plan = store::open_step(a.conn(), ada)
        .expect("read")
        .and_then(|s| s.plan_item);
    assert_eq!(plan.as_deref(), Some("order-entered"));
    assert!(
        store::history_disagreements(a.conn(), ada)
            .expect("check")
            .is_empty()
    );
}

#[test]
fn an_add_undone_on_one_book_while_the_other_schedules_converges() {
    let ctx = Context::builtin();
    let ctx_a = Context::builtin();
    let mut a = Book::open_in_memory().expect("book a");
    let mut b = Book::open_in_memory().expect("book b");
    let fields = ProspectPatch {
        name: Some("Ada".into()),
        ..Default::default()
    };
    let (ada, added) = add_prospect(
        &mut a,
        &ctx_a,
        t(0),
        fields,
        Some(&NextRequest::call("tomorrow")),
    )
    .expect("add");
    take_in(&mut b, &all_changes(&a));
    let ada_b =
        store::list_prospects(b.conn(), store::ProspectFilter::All, 10, 0).expect("list")[0].id;
    undo(&mut a, &added, t(5).to_utc()).expect("undo the add");
    set_next_step(
        &mut b,
        &ctx,
        t(6),
        ada_b,
        &NextRequest::call("fri afternoon"),
    )
    .expect("next");
    exchange(&mut a, &mut b);
    assert_eq!(rows(&a), rows(&b));
    assert_eq!(store::prospect(a.conn(), ada.id).expect("read"), None);
}

#[test]
fn first_notes_written_apart_stay_on_their_own_lines() {
    let (mut a, mut b, ada, ada_b) = shared();
    add_note(&mut a, t(10), ada, "first from a").expect("note");
    add_note(&mut b, t(11), ada_b, "first from b").expect("note");
    exchange(&mut a, &mut b);
    assert_eq!(rows(&a), rows(&b));
    let notes = store::require_prospect(a.conn(), ada)
        .expect("read")
        .notes
        .expect("notes");
    assert_eq!(notes.lines().count(), 2, "{notes:?}");
}

#[test]
fn an_upgraded_books_reconstructed_history_arrives_whole() {
    // A sample book's rows get a reconstructed history, several facts to a
    // stamp; another book taking it in must end with the same rows.
    let mut a = Book::open_in_memory().expect("book a");
    let options = crate::demo::DemoOptions {
        prospects: 60,
        ..crate::demo::DemoOptions::small(t(0), crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut a, &options).expect("sample");
    let mut c = Book::open_in_memory().expect("book c");
    take_in(&mut c, &all_changes(&a));
    assert_eq!(rows(&c), rows(&a));
}

#[test]
fn debriefs_and_after_sale_ticks_made_apart_converge() {
    let ctx = Context::builtin();
    let (mut a, mut b, ada, ada_b) = shared();
    log_attempt(
        &mut a,
        &ctx,
        t(10),
        ada,
        &LogRequest::outcome(Outcome::Meeting),
    )
    .expect("met");
    let request = DebriefRequest {
        probability: Probability::new(70).ok(),
        next: Some(NextRequest::call("fri afternoon")),
        well: ["listened".into(), "measured".into(), "followed up".into()],
        work_on: "ask for the order".into(),
        ..Default::default()
    };
    record_debrief(&mut a, &ctx, t(15), ada, &request).expect("debrief");
    edit_probability(&mut b, &ctx, t(12), ada_b, 40);
    exchange(&mut a, &mut b);
    assert_eq!(rows(&a), rows(&b));
    // The debrief counts on both books: nobody owes one.
    for (book, id) in [(&a, ada), (&b, ada_b)] {
        let p = store::require_prospect(book.conn(), id).expect("read");
        assert_eq!(p.debrief_due, None);
        assert_eq!(p.probability, Probability::new(70).ok());
    }

    win_prospect(&mut a, &ctx, t(30), ada, Some("dec 9")).expect("won");
    exchange(&mut a, &mut b);
    // Both tick the same item while apart: one item open after, on both.
    tick(&mut b, &ctx, t(40), ada_b).expect("tick on b");
    tick(&mut a, &ctx, t(45), ada).expect("tick on a");
    exchange(&mut a, &mut b);
    assert_eq!(rows(&a), rows(&b));
    let open: i64 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM next_step WHERE done_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(open, 1);
    for (book, id) in [(&a, ada), (&b, ada_b)] {
        let problems = store::history_disagreements(book.conn(), id).expect("check");
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn a_quote_owes_a_debrief_on_both_books_until_it_is_undone() {
    let ctx = Context::builtin();
    let (mut a, mut b, ada, ada_b) = shared();
    let logged = log_attempt(
        &mut a,
        &ctx,
        t(10),
        ada,
        &LogRequest::outcome(Outcome::Quote),
    )
    .expect("quoted");
    exchange(&mut a, &mut b);
    assert_eq!(rows(&a), rows(&b));
    for (book, id) in [(&a, ada), (&b, ada_b)] {
        let p = store::require_prospect(book.conn(), id).expect("read");
        assert_eq!(
            p.debrief_due,
            Some(logged.attempt.at),
            "owed after the quote"
        );
    }
    undo(&mut a, &logged.change, t(12).to_utc()).expect("undo");
    exchange(&mut a, &mut b);
    for (book, id) in [(&a, ada), (&b, ada_b)] {
        let p = store::require_prospect(book.conn(), id).expect("read");
        assert_eq!(p.debrief_due, None, "the quote undone owes nothing");
    }
}
