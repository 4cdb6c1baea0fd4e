//! The agenda's pages: window order from a moment on, joined up without
//! gaps or repeats, over the open-step index.

use chrono::{Duration, Local, TimeZone};

use super::*;
use crate::store::Book;

fn book(n: usize) -> (Book, DateTime<Utc>) {
    let mut book = Book::open_in_memory().unwrap();
    let now = Local.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let options = crate::demo::DemoOptions {
        prospects: n,
        ..crate::demo::DemoOptions::small(now, crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut book, &options).unwrap();
    (book, (now + Duration::days(1)).to_utc())
}

/// Every open step of an active prospect from `from` on, read without the
/// index or a key.
fn whole(conn: &Connection, from: DateTime<Utc>) -> Vec<(i64, i64)> {
    let mut stmt = conn
        .prepare(
            "SELECT s.due_start, s.prospect_id FROM next_step s NOT INDEXED \
             JOIN prospect p ON p.id = s.prospect_id \
             WHERE s.done_at IS NULL AND p.status = 'active' AND s.due_start >= ?1 \
             ORDER BY s.due_start, s.prospect_id",
        )
        .unwrap();
    stmt.query_map([secs(from)], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn pages_join_up_in_window_order_from_the_start() {
    let (book, from) = book(2000);
    let expected = whole(book.conn(), from);
    assert!(expected.len() > 10, "the demo book schedules ahead");
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = upcoming(book.conn(), from, after, 4).unwrap();
        seen.extend(page.iter().map(|i| {
            let w = i.due.expect("a listed step has a window");
            (secs(w.start), i.id.0)
        }));
        match page.last() {
            Some(last) if page.len() == 4 => after = AgendaKey::of(last),
            _ => break,
        }
    }
    assert_eq!(seen, expected);
}

#[test]
fn a_page_and_the_next_one_start_where_they_should() {
    let (book, from) = book(200);
    let first = upcoming(book.conn(), from, None, 5).unwrap();
    assert_eq!(first.len(), 5);
    assert!(first.iter().all(|i| i.due.is_some_and(|w| w.start >= from)));
    let next = upcoming(book.conn(), from, AgendaKey::of(&first[4]), 5).unwrap();
    assert!(next.iter().all(|i| first.iter().all(|f| f.id != i.id)));
    let key = |i: &QueueItem| (i.due.map(|w| w.start), i.id);
    assert!(key(&first[4]) < key(&next[0]));
}

#[test]
fn the_agenda_query_ranges_over_the_open_step_index() {
    let (book, _) = book(1500);
    book.conn().execute_batch("ANALYZE").unwrap();
    let sql = format!("EXPLAIN QUERY PLAN SELECT {ITEM_COLUMNS} {AGENDA} LIMIT 10");
    let mut stmt = book.conn().prepare(&sql).unwrap();
    let plan: Vec<String> = stmt
        .query_map(
            named_params! { ":from": 0, ":after_start": 0, ":after_id": 0 },
            |r| r.get::<_, String>(3),
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let text = plan.join(" | ");
    assert!(
        text.contains("next_step_open_by_start (due_start>"),
        "{text}"
    );
    assert!(!text.contains("SCAN p"), "{text}");
}
