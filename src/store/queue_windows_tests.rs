//! Next steps with alternatives ("fri afternoon or mon morning"): stored
//! as windows of their own, and placed in the queues by the one that
//! applies now.

use chrono::{DateTime, Local, TimeZone};

use super::{queue_counts, today_queue};
use crate::app::{self, Context, NextRequest};
use crate::domain::{DayBounds, ProspectId, ProspectPatch, QueueItem, TodayQueue};
use crate::store::{self, Book};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a plain local time")
}

fn add(book: &mut Book, now: DateTime<Local>, name: &str, when: &str) -> ProspectId {
    let fields = ProspectPatch {
        name: Some(name.into()),
        ..Default::default()
    };
    let next = NextRequest::call(when);
    app::add_prospect(book, &Context::builtin(), now, fields, Some(&next))
        .expect("added")
        .0
        .id
}

fn has(list: &[QueueItem], id: ProspectId) -> bool {
    list.iter().any(|i| i.id == id)
}

fn queues(book: &Book, now: DateTime<Local>, limit: usize) -> (TodayQueue, DayBounds) {
    let bounds = DayBounds::new(&now, 14);
    (
        today_queue(book.conn(), &bounds, limit).expect("the queues"),
        bounds,
    )
}

/// Friday 27 Nov 2026, 10:00.
fn friday() -> DateTime<Local> {
    at(2026, 11, 27, 10, 0)
}

#[test]
fn alternatives_round_trip_through_the_book() {
    let mut book = Book::open_in_memory().unwrap();
    let id = add(&mut book, friday(), "Ada", "fri afternoon or mon morning");
    let step = store::open_step(book.conn(), id).unwrap().unwrap();
    let parts = step.parts();
    assert_eq!(parts.len(), 2, "{step:?}");
    assert_eq!(parts[0].start, at(2026, 11, 27, 12, 0).to_utc());
    assert_eq!(parts[0].end, at(2026, 11, 27, 17, 0).to_utc());
    assert_eq!(parts[1].start, at(2026, 11, 30, 8, 0).to_utc());
    assert_eq!(parts[1].end, at(2026, 11, 30, 12, 0).to_utc());
    // The span the indexes range over: first start to last end.
    assert_eq!(step.window.start, parts[0].start);
    assert_eq!(step.window.end, parts[1].end);
    // One window stores no alternatives.
    let one = add(&mut book, friday(), "Bo", "mon morning");
    let step = store::open_step(book.conn(), one).unwrap().unwrap();
    assert!(step.alternatives.is_empty());
    assert_eq!(step.parts(), [step.window]);
}

#[test]
fn a_step_is_placed_by_the_window_that_applies_now() {
    let mut book = Book::open_in_memory().unwrap();
    let id = add(&mut book, friday(), "Ada", "fri afternoon or mon morning");
    // Friday: due today, shown by Friday's window.
    let (q, _) = queues(&book, friday(), 100);
    let item = q.due_today.iter().find(|i| i.id == id).expect("due friday");
    assert_eq!(item.due.unwrap().start, at(2026, 11, 27, 12, 0).to_utc());
    assert_eq!(item.alternatives.len(), 2);
    // Saturday: not due today, not overdue, not stretched over the weekend.
    for now in [at(2026, 11, 28, 10, 0), at(2026, 11, 29, 18, 0)] {
        let (q, _) = queues(&book, now, 100);
        assert!(!has(&q.due_today, id) && !has(&q.overdue, id), "{now}");
    }
    // Friday evening, after its window: Monday's is next; not late.
    let (q, _) = queues(&book, at(2026, 11, 27, 18, 0), 100);
    assert!(!has(&q.due_today, id) && !has(&q.overdue, id));
    // Monday morning: due now, shown by Monday's window.
    let (q, bounds) = queues(&book, at(2026, 11, 30, 9, 0), 100);
    let item = q.due_today.iter().find(|i| i.id == id).expect("due monday");
    assert_eq!(item.due.unwrap().start, at(2026, 11, 30, 8, 0).to_utc());
    assert!(bounds.is_due_now(item.parts()));
    // Monday after noon: overdue, counted from the last window.
    let (q, _) = queues(&book, at(2026, 11, 30, 12, 1), 100);
    assert!(has(&q.overdue, id) && !has(&q.due_today, id));
}

#[test]
fn the_last_exact_time_keeps_its_grace_period() {
    let mut book = Book::open_in_memory().unwrap();
    let id = add(&mut book, friday(), "Cy", "mon 3pm or tue 3pm");
    let (q, _) = queues(&book, at(2026, 12, 1, 15, 20), 100);
    assert!(has(&q.due_today, id) && !has(&q.overdue, id));
    let (q, _) = queues(&book, at(2026, 12, 1, 15, 31), 100);
    assert!(has(&q.overdue, id) && !has(&q.due_today, id));
    // Between the two: Monday's has gone by, Tuesday's is tomorrow.
    let (q, _) = queues(&book, at(2026, 11, 30, 16, 0), 100);
    assert!(!has(&q.due_today, id) && !has(&q.overdue, id));
}

#[test]
fn a_capped_queue_is_filled_and_counted_past_the_rows_left_out() {
    let mut book = Book::open_in_memory().unwrap();
    // Seen on Sunday, three steps whose span starts first (on Friday) but
    // that wait for Monday, and two exact times due today: with a limit of
    // two, the query's first rows are all left out.
    for name in ["A", "B", "C"] {
        add(&mut book, friday(), name, "fri afternoon or mon morning");
    }
    let due = [
        add(&mut book, friday(), "D", "sun 10am"),
        add(&mut book, friday(), "E", "sun 11am"),
    ];
    let now = at(2026, 11, 29, 9, 0);
    let (q, bounds) = queues(&book, now, 2);
    let ids: Vec<ProspectId> = q.due_today.iter().map(|i| i.id).collect();
    assert_eq!(ids, due);
    let counts = queue_counts(book.conn(), &bounds, &q, 2).unwrap();
    assert_eq!(counts.due_today, 2);
    assert_eq!(counts.overdue, 0);
}
