//! The search index built beside a load: the same index as a rebuild in
//! place, and the rebuild whenever the side one cannot be used.

use chrono::{DateTime, Local, TimeZone, Utc};

use super::*;
use crate::domain::Status;
use crate::store::{Book, BulkProspect, bulk_load, search_prospects};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

fn prospect<'a>(name: &'a str, phone: Option<&'a str>) -> BulkProspect<'a> {
    BulkProspect {
        name,
        company: Some("Côté Renovations"),
        phone,
        email: Some("ops@example.com"),
        product: None,
        value_cents: None,
        probability: None,
        objection: None,
        decision_process: None,
        notes: None,
        status: Status::Lost,
        lost_reason: Some("price"),
        series_name: None,
        series_performed: 0,
        series_paused: false,
        last_contact_at: None,
        created_at: at(1_000),
        updated_at: at(1_000),
        closed_at: Some(at(1_000)),
    }
}

/// FTS5's own check of an index against its content table: every term of
/// every row, both ways.
fn index_agrees_with_the_rows(book: &Book) {
    book.conn()
        .execute_batch(
            "INSERT INTO prospect_search (prospect_search, rank) VALUES ('integrity-check', 1)",
        )
        .unwrap();
}

/// The prospects an FTS5 query matches, straight from the index.
fn ids(book: &Book, query: &str) -> Vec<i64> {
    book.conn()
        .prepare("SELECT rowid FROM prospect_search WHERE prospect_search MATCH ?1 ORDER BY rowid")
        .unwrap()
        .query_map([query], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

const PHONES: [&str; 6] = [
    "+1 (555) 010-2030",
    "555.010.2030",
    "0044/20 7946 0958",
    "  555 - 0199 ",
    "no digits at all",
    "(+33) 1.23.45.67.89",
];

#[test]
fn phone_digits_is_the_books_generated_column() {
    let book = Book::open_in_memory().unwrap();
    for (n, phone) in PHONES.into_iter().enumerate() {
        book.conn()
            .execute(
                "INSERT INTO prospect (id, name, phone, status, created_at, updated_at) \
                 VALUES (?1, 'X', ?2, 'active', 0, 0)",
                rusqlite::params![n as i64 + 1, phone],
            )
            .unwrap();
        let column: String = book
            .conn()
            .query_row(
                "SELECT phone_digits FROM prospect WHERE id = ?1",
                [n as i64 + 1],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(phone_digits(phone), column, "{phone:?}");
    }
}

#[test]
fn the_books_index_is_the_one_a_side_build_knows() {
    // A migration that changes the search index must teach the side build
    // its new columns (or loads quietly go back to the rebuild in place).
    let book = Book::open_in_memory().unwrap();
    let definition = index_definition(book.conn()).unwrap().unwrap();
    assert!(copyable(&definition), "{definition}");
    assert!(SearchSide::start(book.conn()).unwrap().is_some());
}

#[test]
fn a_load_into_an_empty_book_gets_the_same_index_as_a_rebuild() {
    let mut book = Book::open_in_memory().unwrap();
    let names: Vec<String> = (0..3_000).map(|n| format!("Zoë Tremblay {n}")).collect();
    book.write(|tx| {
        bulk_load(tx, |loader| {
            for (n, name) in names.iter().enumerate() {
                let phone = Some(PHONES[n % PHONES.len()]);
                loader.prospect(&prospect(name, phone), &[], &[])?;
            }
            Ok(())
        })
    })
    .unwrap();
    index_agrees_with_the_rows(&book);
    // Copied from the side build: the rebuild in place leaves its buffer
    // setting in the index's configuration, the copy does not.
    let rebuild_marks = "SELECT count(*) FROM prospect_search_config WHERE k = 'hashsize'";
    let marks: i64 = book
        .conn()
        .query_row(rebuild_marks, [], |r| r.get(0))
        .unwrap();
    assert_eq!(marks, 0);
    let queries = [
        "\"zoe\"",
        "\"Tremblay 12\"",
        "\"cote reno\"",
        "\"ops@exa\"",
        "phone_digits : \"5550102030\"",
        "phone_digits : \"7946\"",
    ];
    let side: Vec<Vec<i64>> = queries.iter().map(|q| ids(&book, q)).collect();
    assert_eq!(side[0].len(), 3_000);
    assert_eq!(side[4].len(), 1_000, "two spellings of one number");
    // The same searches on the index rebuilt in place.
    book.conn()
        .execute_batch(crate::store::bulk::SEARCH_REBUILD)
        .unwrap();
    index_agrees_with_the_rows(&book);
    let rebuilt: Vec<Vec<i64>> = queries.iter().map(|q| ids(&book, q)).collect();
    assert_eq!(side, rebuilt);
    // And it keeps working as the cockpit writes.
    book.conn()
        .execute("UPDATE prospect SET name = 'Ann Other' WHERE id = 7", [])
        .unwrap();
    index_agrees_with_the_rows(&book);
    assert_eq!(ids(&book, "\"ann oth\""), vec![7]);
}

#[test]
fn a_load_into_a_book_with_prospects_rebuilds_in_place() {
    let mut book = Book::open_in_memory().unwrap();
    let load = |book: &mut Book, name: &'static str| {
        book.write(|tx| {
            bulk_load(tx, |loader| {
                loader.prospect(&prospect(name, None), &[], &[])?;
                Ok(())
            })
        })
        .unwrap();
    };
    load(&mut book, "Before Load");
    assert!(SearchSide::start(book.conn()).unwrap().is_none());
    load(&mut book, "After Load");
    index_agrees_with_the_rows(&book);
    assert_eq!(ids(&book, "\"load\""), vec![1, 2]);
}

#[test]
fn a_failed_side_build_leaves_the_rebuild_to_do_it() {
    let book = Book::open_in_memory().unwrap();
    book.conn()
        .execute_batch(
            "DROP TRIGGER prospect_search_insert;
             INSERT INTO prospect (name, status, created_at, updated_at)
             VALUES ('Unindexed Name', 'active', 0, 0);",
        )
        .unwrap();
    assert!(ids(&book, "\"unindexed\"").is_empty());
    let failed = SearchSide {
        sender: None,
        batch: Vec::new(),
        worker: Some(std::thread::spawn(|| {
            Err(StoreError::Sql("out of memory".into()))
        })),
    };
    finish(
        book.conn(),
        Some(failed),
        crate::store::bulk::SEARCH_REBUILD,
    )
    .unwrap();
    index_agrees_with_the_rows(&book);
    assert_eq!(ids(&book, "\"unindexed\""), vec![1]);
}

#[test]
fn a_sample_book_is_searchable_from_its_side_built_index() {
    let mut book = Book::open_in_memory().unwrap();
    let now = Local.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let options = crate::demo::DemoOptions {
        prospects: 2_000,
        ..crate::demo::DemoOptions::small(now, crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut book, &options).unwrap();
    index_agrees_with_the_rows(&book);
    let (name, id): (String, i64) = book
        .conn()
        .query_row("SELECT name, id FROM prospect WHERE id = 1234", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let found = search_prospects(book.conn(), &name, 50).unwrap();
    assert!(found.iter().any(|(item, _)| item.id.0 == id), "{name}");
}
