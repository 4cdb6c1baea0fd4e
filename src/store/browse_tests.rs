//! Paging through the table of all prospects: pages join up without gaps or
//! repeats for every filter and sort, each sort means what it says, and
//! every page is an index range.

use chrono::{Local, TimeZone};

use super::*;
use crate::domain::Outcome;
use crate::store::{Book, last_conversation};

/// A demo book of `n` prospects (every status, long histories).
fn book(n: usize) -> Book {
    let mut book = Book::open_in_memory().unwrap();
    let now = Local.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let options = crate::demo::DemoOptions {
        prospects: n,
        ..crate::demo::DemoOptions::small(now, crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut book, &options).unwrap();
    book
}

/// Every id the filter keeps, in the sort's order, read without an index,
/// a limit or a key: what the pages must add up to.
fn whole(conn: &Connection, filter: BrowseFilter, sort: BrowseSort) -> Vec<i64> {
    let status = filter
        .status()
        .map_or(String::new(), |s| format!("WHERE p.status = '{s}'"));
    let sql = format!(
        "SELECT p.id FROM prospect p NOT INDEXED {status} ORDER BY {}, p.id",
        sort.key()
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn all_pages(conn: &Connection, filter: BrowseFilter, sort: BrowseSort, size: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut after: Option<BrowseKey> = None;
    loop {
        let page = browse(conn, filter, sort, after.as_ref(), size).unwrap();
        assert!(page.len() <= size);
        ids.extend(page.iter().map(|r| r.item.id.0));
        match page.last() {
            Some(last) if page.len() == size => after = Some(last.key.clone()),
            _ => return ids,
        }
    }
}

#[test]
fn pages_join_up_without_gaps_or_repeats_for_every_filter_and_sort() {
    let book = book(300);
    for filter in BrowseFilter::ALL {
        for sort in BrowseSort::ALL {
            let expected = whole(book.conn(), filter, sort);
            assert!(
                !expected.is_empty(),
                "{filter:?} lists nobody in the demo book"
            );
            let paged = all_pages(book.conn(), filter, sort, 7);
            assert_eq!(paged, expected, "{filter:?} by {sort:?}");
        }
    }
}

#[test]
fn a_page_and_the_next_one() {
    let book = book(120);
    let first = browse(book.conn(), BrowseFilter::All, BrowseSort::Name, None, 10).unwrap();
    assert_eq!(first.len(), 10);
    let next = browse(
        book.conn(),
        BrowseFilter::All,
        BrowseSort::Name,
        Some(&first[9].key),
        10,
    )
    .unwrap();
    assert_eq!(next.len(), 10);
    let names = |rows: &[BrowseRow]| -> Vec<String> {
        rows.iter().map(|r| r.item.name.to_lowercase()).collect()
    };
    let mut both = names(&first);
    both.extend(names(&next));
    assert!(both.windows(2).all(|w| w[0] <= w[1]), "{both:?}");
    assert!(
        next.iter()
            .all(|r| first.iter().all(|f| f.item.id != r.item.id))
    );
}

#[test]
fn each_filter_keeps_its_status_only() {
    let book = book(200);
    for filter in BrowseFilter::ALL {
        let rows = browse(book.conn(), filter, BrowseSort::Name, None, 500).unwrap();
        if let Some(status) = filter.status() {
            assert!(rows.iter().all(|r| r.status == status), "{filter:?}");
        } else {
            assert_eq!(rows.len(), 200);
        }
    }
}

#[test]
fn each_sort_means_what_it_says() {
    let book = book(200);
    let rows = |sort| browse(book.conn(), BrowseFilter::All, sort, None, 500).unwrap();
    let values: Vec<i64> = rows(BrowseSort::Value)
        .iter()
        .map(|r| r.item.value.map_or(-1, |v| v.cents()))
        .collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "biggest first");
    let weighted: Vec<i64> = rows(BrowseSort::Weighted)
        .iter()
        .map(|r| match (r.item.value, r.item.probability) {
            (Some(v), Some(p)) => v.cents() * i64::from(p.percent()),
            _ => -1,
        })
        .collect();
    assert!(
        weighted.windows(2).all(|w| w[0] >= w[1]),
        "biggest weighted first"
    );
    let steps: Vec<u32> = rows(BrowseSort::SeriesStep)
        .iter()
        .map(|r| r.item.series.performed)
        .collect();
    assert!(steps.windows(2).all(|w| w[0] >= w[1]), "furthest first");
    let next: Vec<i64> = rows(BrowseSort::NextStep)
        .iter()
        .map(|r| r.item.due.map_or(i64::MAX, |w| w.start.timestamp()))
        .collect();
    assert!(
        next.windows(2).all(|w| w[0] <= w[1]),
        "soonest first, none last"
    );
    let spoke = rows(BrowseSort::LastSpoke);
    let times: Vec<i64> = spoke
        .iter()
        .map(|r| r.last_spoke.map_or(0, |t| t.timestamp()))
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest conversation first"
    );
    // "Last spoke" is the last conversation, not the last attempt.
    for r in spoke.iter().take(60) {
        let conversation = last_conversation(book.conn(), r.item.id).unwrap();
        assert_eq!(r.last_spoke, conversation.map(|a| a.at), "{}", r.item.name);
    }
}

#[test]
fn last_spoke_follows_conversations_and_their_undo() {
    let mut book = book(0);
    let now = Local.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let ctx = crate::app::Context::builtin();
    let fields = crate::domain::ProspectPatch {
        name: Some("Ada".into()),
        ..Default::default()
    };
    let next = crate::app::NextRequest::call("tomorrow");
    let (p, _) = crate::app::add_prospect(&mut book, &ctx, now, fields, Some(&next)).unwrap();
    let spoke = |book: &Book| {
        browse(book.conn(), BrowseFilter::All, BrowseSort::Name, None, 5).unwrap()[0].last_spoke
    };
    assert_eq!(spoke(&book), None);
    let mut reached = crate::app::LogRequest::outcome(Outcome::Reached);
    reached.next = Some(crate::app::NextRequest::call("fri"));
    let logged = crate::app::log_attempt(&mut book, &ctx, now, p.id, &reached).unwrap();
    assert_eq!(spoke(&book), Some(now.to_utc()));
    // Undoing the conversation forgets it.
    crate::app::undo(&mut book, &logged.change, chrono::Utc::now()).unwrap();
    assert_eq!(spoke(&book), None);
    crate::app::log_attempt(&mut book, &ctx, now, p.id, &reached).unwrap();
    // A voicemail later is an attempt, not a conversation.
    let later = now + chrono::Duration::hours(2);
    let vm = crate::app::LogRequest::outcome(Outcome::Voicemail);
    crate::app::log_attempt(&mut book, &ctx, later, p.id, &vm).unwrap();
    assert_eq!(spoke(&book), Some(now.to_utc()));
}

/// Every page query ranges over its index, with no sort step: a page
/// costs what it returns. Over every status, all but the name sort merge
/// the four statuses' ranges as they come.
#[test]
fn page_queries_use_their_index_without_sorting() {
    let book = book(2000);
    book.conn().execute_batch("ANALYZE").unwrap();
    for filter in [BrowseFilter::All, BrowseFilter::Active] {
        for sort in BrowseSort::ALL {
            let sql = page_sql(filter, sort, 10);
            let mut stmt = book
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let mut params: Vec<(&str, &dyn rusqlite::ToSql)> =
                vec![(":after_key", &0), (":after_id", &0)];
            if filter.status().is_some() {
                params.push((":status", &"active"));
            }
            let plan: Vec<String> = stmt
                .query_map(params.as_slice(), |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let text = plan.join(" | ");
            let merged = filter.status().is_none() && sort != BrowseSort::Name;
            let index = match (filter.status(), sort) {
                (None, BrowseSort::Name) => "prospect_by_name",
                _ => sort.index_by_status(),
            };
            let searches = text.matches(&format!("USING INDEX {index} ")).count();
            assert_eq!(searches, if merged { 4 } else { 1 }, "{text}");
            assert_eq!(text.contains("MERGE (UNION ALL)"), merged, "{text}");
            assert!(
                !text.contains("TEMP B-TREE"),
                "{filter:?} {sort:?} sorts: {text}"
            );
            assert!(
                text.contains('>') || text.contains('<'),
                "{filter:?} {sort:?} does not start at the key: {text}"
            );
        }
    }
}
