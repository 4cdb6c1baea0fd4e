//! Queue membership as of an injected "now": the grace period of an exact
//! time, agreed long waits, and pauses that end by themselves.

use chrono::{DateTime, Local, TimeZone};

use super::today_queue;
use crate::app::{self, Context, NextRequest};
use crate::domain::{DayBounds, ProspectId, ProspectPatch, QueueItem};
use crate::store::Book;

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

/// The queues as of `now` with 14 quiet days and `grace` minutes.
fn queues(book: &Book, now: DateTime<Local>, grace: u32) -> crate::domain::TodayQueue {
    let bounds = DayBounds::new(&now, 14).with_grace(grace);
    today_queue(book.conn(), &bounds, 100).expect("the queues")
}

#[test]
fn an_exact_time_turns_late_after_the_grace_period() {
    let mut book = Book::open_in_memory().unwrap();
    let exact = add(&mut book, at(2026, 11, 23, 7, 0), "Eve", "15:00");
    let window = add(&mut book, at(2026, 11, 23, 7, 0), "Mo", "today morning");
    let q = queues(&book, at(2026, 11, 23, 15, 29), 30);
    assert!(has(&q.due_today, exact) && !has(&q.overdue, exact));
    let q = queues(&book, at(2026, 11, 23, 15, 31), 30);
    assert!(has(&q.overdue, exact) && !has(&q.due_today, exact));
    // No grace: late the moment it passes.
    let q = queues(&book, at(2026, 11, 23, 15, 1), 0);
    assert!(has(&q.overdue, exact));
    // A window longer than the grace is late when it ends.
    let q = queues(&book, at(2026, 11, 23, 12, 1), 30);
    assert!(has(&q.overdue, window) && !has(&q.due_today, window));
}

#[test]
fn gone_quiet_leaves_out_an_agreed_long_wait() {
    let mut book = Book::open_in_memory().unwrap();
    let far = add(&mut book, at(2026, 11, 20, 10, 0), "Holly", "2027-01-15");
    let near = add(&mut book, at(2026, 11, 20, 10, 0), "Quinn", "2026-12-10");
    let q = queues(&book, at(2026, 12, 7, 9, 0), 30);
    assert!(!has(&q.gone_quiet, far));
    assert!(has(&q.gone_quiet, near));
    // Recently agreed: neither is quiet.
    let q = queues(&book, at(2026, 11, 30, 9, 0), 30);
    assert!(q.gone_quiet.is_empty());
}

#[test]
fn a_pause_with_an_end_holds_until_then() {
    let mut book = Book::open_in_memory().unwrap();
    let monday = at(2026, 11, 23, 9, 0);
    let late = add(&mut book, at(2026, 11, 19, 9, 0), "Larry", "fri 10am");
    let quiet = add(&mut book, at(2026, 11, 2, 9, 0), "Quentin", "2026-11-30");
    let until = at(2026, 12, 2, 8, 0).to_utc();
    for id in [late, quiet] {
        app::pause(&mut book, monday, id, Some(until)).expect("paused");
    }
    let q = queues(&book, monday, 30);
    assert!(!has(&q.overdue, late) && !has(&q.gone_quiet, quiet));
    let q = queues(&book, at(2026, 12, 2, 7, 59), 30);
    assert!(!has(&q.overdue, late));
    // The moment passes: back, with nothing written.
    let q = queues(&book, at(2026, 12, 2, 8, 0), 30);
    assert!(has(&q.overdue, late) && has(&q.overdue, quiet));
    assert!(q.overdue.iter().all(|i| !i.series.is_paused(until)));

    // Held for good: off the lists however late.
    app::set_paused(&mut book, monday, late, false).expect("resumed");
    app::set_paused(&mut book, monday, late, true).expect("paused");
    let q = queues(&book, at(2027, 6, 1, 9, 0), 30);
    assert!(!has(&q.overdue, late));
    // A pause that must end in the past is refused.
    assert!(app::pause(&mut book, monday, quiet, Some(monday.to_utc())).is_err());
}
