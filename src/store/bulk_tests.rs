//! The bulk loader's tests.

use super::*;
use crate::store::{Book, insert_prospect, search_prospects};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

fn prospect(name: &str) -> BulkProspect<'_> {
    BulkProspect {
        name,
        company: Some("Maple Street Bakery"),
        phone: None,
        email: None,
        product: Some("Storefront glazing"),
        value_cents: Some(1_500_000),
        probability: Some(40),
        objection: None,
        decision_process: None,
        notes: None,
        status: Status::Active,
        lost_reason: None,
        series_name: None,
        series_performed: 1,
        series_paused: false,
        last_contact_at: Some(at(2_000)),
        created_at: at(1_000),
        updated_at: at(2_000),
        closed_at: None,
    }
}

fn attempt(secs: i64, outcome: Outcome) -> BulkAttempt<'static> {
    BulkAttempt {
        at: at(secs),
        channel: Channel::Call,
        outcome,
        note: None,
        series_step: None,
    }
}

fn step(start: i64, closed: Option<i64>) -> BulkStep<'static> {
    BulkStep {
        action: Action::Call,
        window: Window::at(at(start)),
        note: None,
        created_at: at(1_500),
        closed: closed.map(|c| (at(c), StepResolution::Done)),
    }
}

fn checks_ignored(book: &Book) -> bool {
    book.conn()
        .pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))
        .unwrap()
}

fn count(book: &Book, sql: &str) -> i64 {
    book.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn loads_rows_and_keeps_search_and_checks_working() {
    let mut book = Book::open_in_memory().unwrap();
    let voicemail = BulkAttempt {
        at: at(2_000),
        channel: Channel::Voicemail,
        outcome: Outcome::Voicemail,
        note: Some("Left a short message."),
        series_step: Some(1),
    };
    let id = book
        .write(|tx| {
            bulk_load(tx, |loader| {
                loader.prospect(&prospect("Zoë Åberg"), &[voicemail], &[step(2_900, None)])
            })
        })
        .unwrap();
    assert!(!checks_ignored(&book));
    let found = search_prospects(book.conn(), "bakery", 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.id, id);
    assert_eq!(count(&book, "SELECT count(*) FROM attempt"), 1);
    assert_eq!(count(&book, "SELECT count(*) FROM next_step"), 1);
    // The insert trigger is back: a prospect added the usual way is found too.
    book.write(|tx| {
        let new = crate::domain::NewProspect::new(crate::domain::ProspectPatch {
            name: Some("Hélène Côté".into()),
            ..Default::default()
        })
        .map_err(|e| StoreError::Sql(e.to_string()))?;
        insert_prospect(tx, &new, at(3_000))
    })
    .unwrap();
    assert_eq!(search_prospects(book.conn(), "Côté", 10).unwrap().len(), 1);
    // And so are the CHECK constraints.
    let bad = book.conn().execute(
        "INSERT INTO attempt (prospect_id, at, channel, outcome) VALUES (?1, 1, 'fax', 'reached')",
        [id.0],
    );
    assert!(bad.is_err());
}

/// Per prospect (id, last conversation, debrief owed, open step's start),
/// the weighted pipeline of all owners, and how many debriefs they owe.
type Kept = (Vec<KeptRow>, i64, i64);
type KeptRow = (i64, Option<i64>, Option<i64>, Option<i64>);

/// What the insert triggers keep, computed from the tables as they stand:
/// (last conversation, debrief owed, open step's start) per prospect, and
/// the weighted pipeline per owner.
fn kept_by_the_rules(book: &Book) -> Kept {
    let rows: Vec<KeptRow> = book
        .conn()
        .prepare(
            "SELECT p.id,
               (SELECT max(a.at) FROM attempt a WHERE a.prospect_id = p.id
                 AND a.outcome IN ('reached', 'meeting', 'quote') AND a.removed_at IS NULL),
               (SELECT max(a.at) FROM attempt a WHERE a.prospect_id = p.id
                 AND a.outcome IN ('meeting', 'quote') AND a.removed_at IS NULL
                 AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
                 AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = p.id
                                 AND d.removed_at IS NULL AND d.at >= a.at)),
               (SELECT s.due_start FROM next_step s WHERE s.prospect_id = p.id
                 AND s.done_at IS NULL)
             FROM prospect p ORDER BY p.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let pipeline = count(
        book,
        "SELECT coalesce(sum((value_cents * probability + 50) / 100), 0) FROM prospect \
         WHERE status = 'active' AND value_cents IS NOT NULL AND probability IS NOT NULL",
    );
    let owing = rows
        .iter()
        .filter(|(id, _, owed, _)| {
            owed.is_some()
                && count(
                    book,
                    &format!("SELECT count(*) FROM prospect WHERE id = {id} AND status = 'active'"),
                ) == 1
        })
        .count() as i64;
    (rows, pipeline, owing)
}

fn kept_columns(book: &Book) -> Kept {
    let rows = book
        .conn()
        .prepare("SELECT id, last_spoke_at, debrief_due, open_step_due FROM prospect ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let pipeline = count(
        book,
        "SELECT coalesce(sum(weighted_cents), 0) FROM pipeline_total",
    );
    let owing = count(
        book,
        "SELECT coalesce(sum(owed), 0) FROM debrief_owed_total",
    );
    (rows, pipeline, owing)
}

#[test]
fn loaded_rows_keep_what_the_set_aside_triggers_would() {
    let mut book = Book::open_in_memory().unwrap();
    book.write(|tx| crate::store::set_debrief_from(tx, at(3_000)))
        .unwrap();
    book.write(|tx| {
        bulk_load(tx, |loader| {
            // Spoke, met before the debriefs began, then left a message.
            loader.prospect(
                &prospect("Spoke twice"),
                &[
                    attempt(2_000, Outcome::Reached),
                    attempt(2_500, Outcome::Meeting),
                    attempt(5_000, Outcome::NoAnswer),
                ],
                &[step(1_800, Some(2_000)), step(6_000, None)],
            )?;
            // Two appointments since: the newer is owed.
            loader.prospect(
                &prospect("Quoted"),
                &[
                    attempt(3_500, Outcome::Meeting),
                    attempt(4_500, Outcome::Quote),
                ],
                &[],
            )?;
            let mut won = prospect("Won long ago");
            won.status = Status::Won;
            won.closed_at = Some(at(4_000));
            loader.prospect(&won, &[attempt(3_900, Outcome::Reached)], &[])?;
            loader.prospect(
                &prospect("Never reached"),
                &[attempt(3_000, Outcome::NoAnswer)],
                &[],
            )
        })
    })
    .unwrap();
    let kept = kept_columns(&book);
    assert_eq!(kept, kept_by_the_rules(&book));
    assert_eq!(kept.0[0], (1, Some(2_500), None, Some(6_000)));
    assert_eq!(kept.0[1], (2, Some(4_500), Some(4_500), None));
    // Three active prospects at 15,000.00 and 40%.
    assert_eq!(kept.1, 3 * 600_000);
    // "Quoted" owes one; "Spoke twice" met before the debriefs began.
    assert_eq!(kept.2, 1);
    // Every trigger is back for everyday writes.
    assert_eq!(
        count(
            &book,
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN \
             ('attempt_spoke_added', 'attempt_meeting_added', 'next_step_opened', \
              'next_step_needs_active_prospect', 'prospect_pipeline_added', 'prospect_search_insert', \
              'prospect_debrief_owed_added')"
        ),
        7
    );
}

#[test]
fn a_sample_book_keeps_what_the_triggers_would() {
    let mut book = Book::open_in_memory().unwrap();
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Local, 2026, 11, 23, 9, 0, 0).unwrap();
    let options = crate::demo::DemoOptions {
        prospects: 3_000,
        seed: 7,
        now,
        hours: crate::schedule::BusinessHours::default(),
    };
    crate::demo::generate(&mut book, &options).unwrap();
    assert_eq!(kept_columns(&book), kept_by_the_rules(&book));
}

#[test]
fn an_insert_trigger_it_cannot_make_good_stops_the_load() {
    let mut book = Book::open_in_memory().unwrap();
    book.conn()
        .execute_batch("CREATE TRIGGER audit_attempt AFTER INSERT ON attempt BEGIN SELECT 1; END")
        .unwrap();
    let result = book.write(|tx| {
        bulk_load(tx, |loader| {
            loader.prospect(&prospect("Kept out"), &[], &[])
        })
    });
    let message = format!("{:?}", result.unwrap_err());
    assert!(message.contains("audit_attempt"), "{message}");
    assert_eq!(count(&book, "SELECT count(*) FROM prospect"), 0);
}

#[test]
fn refuses_rows_the_schema_would_refuse_and_rolls_back() {
    let mut book = Book::open_in_memory().unwrap();
    let result = book.write(|tx| {
        bulk_load(tx, |loader| {
            loader.prospect(&prospect("Kept only if all succeed"), &[], &[])?;
            loader.prospect(&prospect("   "), &[], &[])
        })
    });
    assert!(matches!(result, Err(StoreError::Sql(_))), "{result:?}");
    assert!(!checks_ignored(&book));
    assert_eq!(count(&book, "SELECT count(*) FROM prospect"), 0);
    assert_eq!(
        count(
            &book,
            "SELECT count(*) FROM sqlite_master WHERE name = 'prospect_search_insert'"
        ),
        1
    );
    let mut bad = prospect("Over a hundred");
    bad.probability = Some(101);
    let result = book.write(|tx| bulk_load(tx, |loader| loader.prospect(&bad, &[], &[])));
    assert!(result.is_err());
    // An open step needs an active prospect, and only one is open.
    let mut lost = prospect("Lost");
    lost.status = Status::Lost;
    let result =
        book.write(|tx| bulk_load(tx, |loader| loader.prospect(&lost, &[], &[step(9, None)])));
    assert!(result.is_err());
    let two = [step(9, None), step(10, None)];
    let result =
        book.write(|tx| bulk_load(tx, |loader| loader.prospect(&prospect("Two"), &[], &two)));
    assert!(result.is_err());
    assert_eq!(count(&book, "SELECT count(*) FROM prospect"), 0);
}

#[test]
fn loaded_rows_get_ids_that_rise_as_they_are_written() {
    let mut book = Book::open_in_memory().unwrap();
    // A row written the ordinary way first: the load's ids still rise
    // among themselves, whatever that one's is.
    book.write(|tx| {
        let new = crate::domain::NewProspect::new(crate::domain::ProspectPatch {
            name: Some("Before".into()),
            ..Default::default()
        })
        .map_err(|e| StoreError::Sql(e.to_string()))?;
        insert_prospect(tx, &new, at(900))
    })
    .unwrap();
    // Where the schema lists each id index: one dropped and made again
    // would be listed anew (a later row).
    let listed = "SELECT group_concat(rowid) FROM (SELECT rowid FROM sqlite_master \
                  WHERE name GLOB '*_by_uid' ORDER BY name)";
    let listed_before: String = book.conn().query_row(listed, [], |r| r.get(0)).unwrap();
    let set_aside = "SELECT rowid FROM sqlite_master WHERE name = 'browse_value_status'";
    let set_aside_before = count(&book, set_aside);
    book.write(|tx| {
        bulk_load(tx, |loader| {
            for name in ["Ann", "Bob", "Cy"] {
                let attempts = [
                    attempt(1_200, Outcome::NoAnswer),
                    attempt(1_100, Outcome::Voicemail),
                ];
                loader.prospect(&prospect(name), &attempts, &[step(3_000, Some(1_600))])?;
            }
            Ok(())
        })
    })
    .unwrap();
    let rising = |sql: &str| {
        let ids: Vec<Vec<u8>> = book
            .conn()
            .prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(ids.len() >= 3, "{sql}");
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{sql}: {ids:?}");
    };
    rising("SELECT uid FROM prospect WHERE name <> 'Before' ORDER BY id");
    rising("SELECT uid FROM attempt ORDER BY id");
    rising("SELECT uid FROM next_step ORDER BY id");
    // The id indexes were kept, not set aside and rebuilt.
    let listed_after: String = book.conn().query_row(listed, [], |r| r.get(0)).unwrap();
    assert_eq!(listed_after.split(',').count(), 3);
    assert_eq!(listed_after, listed_before);
    // While an index set aside is listed anew: the check can tell.
    assert_ne!(count(&book, set_aside), set_aside_before);
    assert_eq!(count(&book, "SELECT count(DISTINCT uid) FROM attempt"), 6);
}

#[test]
fn the_rebuild_buffers_as_much_as_the_side_build() {
    let spelled = format!("'hashsize', {}", SEARCH_BUILD_HASHSIZE);
    assert!(SEARCH_REBUILD.contains(&spelled), "{SEARCH_REBUILD}");
}
