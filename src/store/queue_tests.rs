//! The queues' counts, plans and running totals against the book.

use super::*;
use crate::store::Book;

/// The counts read the indexes alone; at every moment of a book's
/// week they must agree with counting what the lists select.
#[test]
fn counts_agree_with_the_lists() {
    let start = chrono::Local::now();
    let book = sample(2000, start);
    let paused: i64 = book
        .conn()
        .query_row(
            "SELECT count(*) FROM prospect WHERE series_paused = 1 AND status = 'active'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(paused > 0, "the sample book holds some series");
    for hours in [-30, 0, 5, 26, 24 * 6, 24 * 20] {
        let bounds = DayBounds::new(&(start + chrono::Duration::hours(hours)), 14);
        let mut seen = 0;
        for (name, from, count_from, _) in QUEUES {
            let listed = count(book.conn(), from, &bounds).unwrap();
            let counted = count(book.conn(), count_from, &bounds).unwrap();
            assert_eq!(listed, counted, "{name} at {hours} h");
            seen += listed;
        }
        assert!(seen > 0, "the queues are not all empty at {hours} h");
    }
}

/// A sample book of `prospects` generated at `start`.
fn sample(prospects: usize, start: chrono::DateTime<chrono::Local>) -> Book {
    let mut book = Book::open_in_memory().unwrap();
    let options = crate::demo::DemoOptions {
        prospects,
        ..crate::demo::DemoOptions::small(start, crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut book, &options).unwrap();
    book
}

/// The (owner, figure) pairs `sql` selects.
fn per_owner(conn: &rusqlite::Connection, sql: &str) -> Vec<(i64, i64)> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Status and owner changes every running total must follow (a second
/// author, `ben`, must exist for the reassignment).
const STATUS_AND_OWNER_CHANGES: [(&str, &str); 3] = [
    (
        "wins and losses",
        "UPDATE prospect SET status = CASE WHEN id % 2 = 0 THEN 'won' ELSE 'lost' END, closed_at = updated_at WHERE id % 17 = 0 AND status = 'active'",
    ),
    (
        "reopening",
        "UPDATE prospect SET status = 'active', closed_at = NULL WHERE id % 19 = 0 AND status <> 'active'",
    ),
    (
        "reassigning",
        "UPDATE prospect SET owner = 2 WHERE id % 3 = 0",
    ),
];

/// The running totals must equal summing the active prospects, per
/// owner, through every kind of change a row can go through.
#[test]
fn pipeline_totals_follow_every_change() {
    let book = sample(600, chrono::Local::now());
    let conn = book.conn();
    let agree = |when: &str| {
        let summed = per_owner(
            conn,
            "SELECT owner, coalesce(sum((value_cents * probability + 50) / 100), 0) \
             FROM prospect WHERE status = 'active' GROUP BY owner ORDER BY owner",
        );
        let kept = per_owner(
            conn,
            "SELECT owner, weighted_cents FROM pipeline_total \
             WHERE weighted_cents <> 0 OR owner IN \
                 (SELECT owner FROM prospect WHERE status = 'active') ORDER BY owner",
        );
        assert_eq!(kept, summed, "after {when}");
        let total: i64 = summed.iter().map(|(_, c)| c).sum();
        assert_eq!(
            weighted_pipeline(conn).unwrap().cents(),
            total,
            "after {when}"
        );
    };
    agree("the sample book");
    assert!(weighted_pipeline(conn).unwrap().cents() > 0);
    conn.execute_batch("INSERT INTO author (id, name) VALUES (2, 'ben')")
        .unwrap();
    let changes = [
        (
            "values change",
            "UPDATE prospect SET value_cents = value_cents + 12345 WHERE id % 7 = 0",
        ),
        (
            "probabilities change",
            "UPDATE prospect SET probability = (probability + 33) % 101 WHERE id % 5 = 0",
        ),
        (
            "a value is cleared",
            "UPDATE prospect SET value_cents = NULL WHERE id % 11 = 0",
        ),
        (
            "a probability is cleared",
            "UPDATE prospect SET probability = NULL WHERE id % 13 = 0",
        ),
    ]
    .into_iter()
    .chain(STATUS_AND_OWNER_CHANGES)
    .chain([
        (
            "everything at once",
            "UPDATE prospect SET owner = 1, status = 'active', closed_at = NULL, value_cents = 500000, probability = 40 WHERE id % 23 = 0",
        ),
        (
            "a new prospect",
            "INSERT INTO prospect (name, status, value_cents, probability, created_at, updated_at, owner) VALUES ('New', 'active', 99999, 33, 0, 0, 2)",
        ),
        (
            "a row deleted outright",
            "DELETE FROM prospect WHERE name = 'New'",
        ),
    ]);
    for (when, sql) in changes {
        conn.execute_batch(sql).unwrap();
        agree(when);
    }
}

/// The running counts of owed debriefs must equal counting the owing
/// prospects, per owner, through meetings, debriefs, status and owner
/// changes (migration 025), and `today` must report their sum.
#[test]
fn owed_debrief_totals_follow_every_change() {
    let start = chrono::Local::now();
    let book = sample(600, start);
    let conn = book.conn();
    let agree = |when: &str| {
        let counted = per_owner(
            conn,
            "SELECT owner, count(*) FROM prospect \
             WHERE status = 'active' AND debrief_due IS NOT NULL GROUP BY owner ORDER BY owner",
        );
        let kept = per_owner(
            conn,
            "SELECT owner, owed FROM debrief_owed_total WHERE owed <> 0 ORDER BY owner",
        );
        assert_eq!(kept, counted, "after {when}");
        let total: i64 = counted.iter().map(|(_, n)| n).sum();
        let bounds = DayBounds::new(&start, 14);
        let lists = today_queue(conn, &bounds, 1).unwrap();
        let counts = queue_counts(conn, &bounds, &lists, 1).unwrap();
        assert_eq!(
            counts.no_debrief, total as u64,
            "today's count after {when}"
        );
        total
    };
    assert!(
        agree("the sample book") > 0,
        "the sample book owes debriefs"
    );
    conn.execute_batch("INSERT INTO author (id, name) VALUES (2, 'ben')")
        .unwrap();
    let changes = [
        (
            "meetings",
            "INSERT INTO attempt (prospect_id, at, channel, outcome, uid) \
             SELECT id, 4102444800, 'visit', 'meeting', randomblob(16) FROM prospect WHERE id % 9 = 0",
        ),
        (
            "debriefs",
            "INSERT INTO debrief (uid, prospect_id, at, well_1, well_2, well_3, work_on) \
             SELECT randomblob(16), id, 4102444900, 'a', 'b', 'c', 'd' FROM prospect \
             WHERE id % 4 = 0 AND debrief_due IS NOT NULL",
        ),
        (
            "a debrief taken back",
            "UPDATE debrief SET removed_at = 4102445000 WHERE id % 2 = 0",
        ),
    ]
    .into_iter()
    .chain(STATUS_AND_OWNER_CHANGES)
    .chain([
        (
            "everything at once",
            "UPDATE prospect SET owner = 1, status = 'active', closed_at = NULL, debrief_due = NULL WHERE id % 23 = 0",
        ),
        (
            "a new prospect that owes one",
            "INSERT INTO prospect (name, status, created_at, updated_at, owner, debrief_due) VALUES ('New', 'active', 0, 0, 2, 5)",
        ),
        ("a row deleted outright", "DELETE FROM prospect WHERE name = 'New'"),
    ]);
    for (when, sql) in changes {
        conn.execute_batch(sql).unwrap();
        agree(when);
    }
}

/// The lists that start from the prospect read their rows from their
/// indexes alone (migration 019): no prospect row, no step row.
#[test]
fn queue_rows_come_from_indexes() {
    let book = Book::open_in_memory().unwrap();
    for (name, from, _, order) in &QUEUES[2..] {
        let sql = format!("SELECT {ITEM_COLUMNS} {from} ORDER BY {order} LIMIT 500");
        let plan: Vec<String> = book
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map(
                rusqlite::named_params! { ":now": 0, ":day_end": 0, ":quiet": 0, ":horizon": 0 }
                    .iter()
                    .filter(|(n, _)| sql.contains(n))
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice(),
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let searches: Vec<&String> = plan
            .iter()
            .filter(|l| l.starts_with("SEARCH") || l.starts_with("SCAN"))
            .collect();
        assert!(!searches.is_empty(), "{name}: {plan:?}");
        // "No next step" joins one constant row of NULLs as `s`.
        let constant_s = plan.iter().any(|l| l == "MATERIALIZE s");
        for line in searches {
            let the_constant_row = constant_s && (line == "SCAN s" || line == "SCAN CONSTANT ROW");
            assert!(
                line.contains("COVERING INDEX") || the_constant_row,
                "{name} reads a table row: {line} in {plan:?}"
            );
        }
    }
}

/// The owed debriefs are counted, and listed for the debrief prompt, from
/// the narrow index of their times alone (migration 024): no prospect row,
/// and not the list's wide index.
#[test]
fn owed_debriefs_are_counted_from_the_narrow_index() {
    let book = Book::open_in_memory().unwrap();
    let owed = crate::store::debriefs::owed_debriefs_sql(5);
    for sql in [format!("SELECT count(*) {NO_DEBRIEF_COUNT}"), owed] {
        let plan: String = book
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .join(" | ");
        assert!(
            plan.contains("COVERING INDEX prospect_debrief_owed") && !plan.contains("TEMP B-TREE"),
            "{sql}: {plan}"
        );
    }
}

/// Every queue query must reach attempts and next steps through an
/// index: a full scan of either grows with the whole book's history.
#[test]
fn queue_queries_use_indexes() {
    // A book kept for years (mostly finished prospects, long
    // histories), with fresh statistics, so the planner chooses as it
    // would on a real one.
    let mut book = Book::open_in_memory().unwrap();
    let now = chrono::Local::now();
    let options = crate::demo::DemoOptions {
        prospects: 3000,
        ..crate::demo::DemoOptions::small(now, crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut book, &options).unwrap();
    book.conn().execute_batch("ANALYZE").unwrap();
    for (name, sql) in queue_queries() {
        let mut stmt = book
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(
                rusqlite::named_params! { ":now": 0, ":day_end": 0, ":quiet": 0, ":horizon": 0, ":grace_from": 0 }
                    .iter()
                    .filter(|(n, _)| sql.contains(n))
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice(),
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // "No next step" joins one constant row of NULLs as `s`.
        let constant_s = plan.iter().any(|l| l == "MATERIALIZE s")
            && plan.iter().any(|l| l == "SCAN CONSTANT ROW");
        for line in &plan {
            let full_scan = line.starts_with("SCAN") && !line.contains("USING");
            let on_history = (line.contains(" s") && !(constant_s && line == "SCAN s"))
                || line.contains("next_step")
                || line.contains("attempt");
            assert!(
                !(full_scan && on_history),
                "{name}: full scan in {plan:?}\n{sql}"
            );
            // Walking the status index visits every active prospect:
            // the cost would grow with the book, not with the queue.
            assert!(
                !line.contains("prospect_by_status"),
                "{name}: walks every active prospect: {plan:?}"
            );
        }
    }
}
