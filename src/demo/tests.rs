use chrono::{DateTime, Local, TimeZone};
use rusqlite::Connection;

use super::*;
use crate::domain::DayBounds;
use crate::store::{queue_counts, today_queue};

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
}

/// A Wednesday morning.
fn wednesday() -> DateTime<Local> {
    local(2026, 3, 11, 10, 30)
}

fn options(prospects: usize, seed: u64, now: DateTime<Local>) -> DemoOptions {
    DemoOptions {
        prospects,
        seed,
        now,
        hours: BusinessHours::default(),
    }
}

fn book_with(options: &DemoOptions) -> (Book, DemoStats) {
    let mut book = Book::open_in_memory().unwrap();
    let stats = generate(&mut book, options).unwrap();
    (book, stats)
}

/// Every row of the three tables, as text.
fn dump(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["prospect", "attempt", "next_step"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .unwrap();
        let width = stmt.column_count();
        // Stable ids are random by design; everything else is the seed's.
        let uid = stmt.column_index("uid").unwrap();
        let rows = stmt
            .query_map([], |row| {
                let cells: Vec<String> = (0..width)
                    .filter(|i| *i != uid)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn check_integrity(conn: &Connection) {
    let problems: i64 = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count() as i64;
    assert_eq!(problems, 0, "foreign key problems");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

/// Invariants every generated book keeps.
fn check_consistency(conn: &Connection, now: &DateTime<Local>) {
    let now = now.timestamp();
    let sql = |s: &str| count(conn, s);
    assert_eq!(
        sql(&format!("SELECT count(*) FROM attempt WHERE at > {now}")),
        0,
        "future attempt"
    );
    assert_eq!(
        sql(
            "SELECT count(*) FROM prospect p WHERE last_contact_at IS NOT \
             (SELECT max(at) FROM attempt a WHERE a.prospect_id = p.id)"
        ),
        0,
        "last_contact_at is the newest attempt"
    );
    assert_eq!(
        sql(
            "SELECT count(*) FROM next_step s JOIN prospect p ON p.id = s.prospect_id \
             WHERE s.done_at IS NULL AND p.status != 'active' \
             AND NOT (p.status = 'won' AND s.plan_item IS NOT NULL)"
        ),
        0,
        "only a customer's after-sale item is open on a finished prospect"
    );

    assert_eq!(
        sql(
            "SELECT count(*) FROM (SELECT prospect_id FROM next_step WHERE done_at IS NULL \
             GROUP BY prospect_id HAVING count(*) > 1)"
        ),
        0
    );
    assert_eq!(
        sql(
            "SELECT count(*) FROM prospect WHERE status != 'active' AND \
             (closed_at IS NULL OR closed_at > {now} OR closed_at < last_contact_at)"
                .replace("{now}", &now.to_string())
                .as_str()
        ),
        0
    );
    assert_eq!(
        sql("SELECT count(*) FROM prospect WHERE status = 'lost' AND lost_reason IS NULL"),
        0
    );
    // Won and lost end with a conversation; closed-out with the series 1..10.
    assert_eq!(
        sql("SELECT count(*) FROM prospect p JOIN attempt a ON a.id = \
             (SELECT id FROM attempt WHERE prospect_id = p.id ORDER BY at DESC, id DESC LIMIT 1) \
             WHERE p.status IN ('won', 'lost') AND a.outcome NOT IN ('reached', 'meeting')"),
        0
    );
    assert_eq!(
        sql(
            "SELECT count(*) FROM prospect p WHERE status = 'closed-out' AND \
             (SELECT group_concat(series_step) FROM (SELECT series_step FROM attempt \
              WHERE prospect_id = p.id ORDER BY at DESC, id DESC LIMIT 10)) \
             IS NOT '10,9,8,7,6,5,4,3,2,1'"
        ),
        0
    );
    // An active prospect k steps into the series has its k steps as its last attempts.
    assert_eq!(
        sql(
            "SELECT count(*) FROM prospect p WHERE status = 'active' AND series_performed > 0 AND \
             (SELECT max(series_step) FROM (SELECT series_step FROM attempt \
              WHERE prospect_id = p.id ORDER BY at DESC, id DESC LIMIT 1)) IS NOT series_performed"
        ),
        0
    );
    assert_eq!(
        sql(
            "SELECT count(*) FROM attempt a JOIN prospect p ON p.id = a.prospect_id WHERE a.at < p.created_at"
        ),
        0
    );
    let (lo, hi): (i64, i64) = conn
        .query_row(
            "SELECT min(n), max(n) FROM (SELECT count(*) n FROM attempt GROUP BY prospect_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(lo >= 1 && hi <= 16, "attempts per prospect {lo}..{hi}");
}

#[test]
fn same_seed_and_now_give_the_same_book() {
    let (a, sa) = book_with(&options(300, 42, wednesday()));
    let (b, sb) = book_with(&options(300, 42, wednesday()));
    assert_eq!(sa, sb);
    assert_eq!(dump(a.conn()), dump(b.conn()));
    let (c, _) = book_with(&options(300, 43, wednesday()));
    assert_ne!(dump(a.conn()), dump(c.conn()));
}

#[test]
fn the_small_demo_fills_every_queue() {
    // Morning, evening, late night and a weekend: the queues are always
    // there. (The last moment was the machine's clock until a run at 20:40
    // found a customer's item of the day already late: fixed moments only.)
    for now in [
        wednesday(),
        local(2026, 3, 11, 19, 45),
        local(2026, 3, 11, 23, 50),
        local(2026, 3, 14, 9, 0),
        local(2026, 7, 6, 0, 10),
        local(2026, 12, 1, 20, 40),
    ] {
        let options = DemoOptions::small(now, BusinessHours::default());
        let (book, stats) = book_with(&options);
        let conn = book.conn();
        let bounds = DayBounds::new(&now, 14);
        // Limit 0: every count comes from its own query.
        let counts = queue_counts(conn, &bounds, &crate::domain::TodayQueue::default(), 0).unwrap();
        let queue = today_queue(conn, &bounds, 100).unwrap();
        assert!(counts.due_today >= 6, "{now}: {counts:?}");
        assert!(counts.overdue >= 4, "{now}: {counts:?}");
        assert!(counts.no_next_step >= 3, "{now}: {counts:?}");
        assert!(counts.gone_quiet >= 2, "{now}: {counts:?}");
        assert_eq!(counts.due_today, stats.due_today as u64);
        assert_eq!(counts.overdue, stats.overdue as u64);
        assert_eq!(counts.no_next_step, stats.no_next_step as u64);
        assert_eq!(counts.gone_quiet, stats.gone_quiet as u64);
        assert_eq!(queue.due_today.len(), stats.due_today);
        for item in &queue.overdue {
            let late = bounds.days_late(&item.due.unwrap());
            // A prospect's late step is from an earlier day; a customer's
            // after-sale item of the day is late once its window closed.
            let least = if item.customer { 0 } else { 1 };
            assert!(
                (least..=9).contains(&late),
                "{now}: {late} days late: {item:?}"
            );
        }
        assert_eq!(stats.prospects, 40);
        assert!(stats.active >= 20);
        // Every active prospect with a step has exactly one open step.
        let active = count(
            conn,
            "SELECT count(*) FROM prospect WHERE status = 'active'",
        );
        let open = count(conn, "SELECT count(*) FROM next_step WHERE done_at IS NULL");
        // (and each customer mid-checklist its after-sale item)
        assert_eq!(
            active - stats.no_next_step as i64 + stats.customers as i64,
            open
        );
        assert!(
            count(
                conn,
                "SELECT count(*) FROM prospect WHERE series_paused = 1"
            ) >= 2
        );
        assert!(
            count(
                conn,
                "SELECT count(DISTINCT series_performed) FROM prospect WHERE status = 'active'"
            ) >= 4
        );
        assert!(
            count(
                conn,
                "SELECT count(*) FROM prospect WHERE status = 'active' AND notes LIKE '%visit: went over%'"
            ) >= 1
        );
        check_consistency(conn, &now);
        check_integrity(conn);
    }
}

#[test]
fn the_small_demo_is_the_same_every_time() {
    let now = wednesday();
    let (a, _) = book_with(&DemoOptions::small(now, BusinessHours::default()));
    let (b, _) = book_with(&DemoOptions::small(now, BusinessHours::default()));
    assert_eq!(dump(a.conn()), dump(b.conn()));
}

#[test]
fn generated_prospects_can_be_searched() {
    let (book, _) = book_with(&options(200, 9, wednesday()));
    let conn = book.conn();
    let (id, name): (i64, String) = conn
        .query_row(
            "SELECT id, name FROM prospect ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let found = crate::store::search_prospects(conn, &name, 50).unwrap();
    assert!(found.iter().any(|(item, _)| item.id.0 == id), "{name}");
    let ignored: bool = conn
        .pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))
        .unwrap();
    assert!(!ignored);
}

#[test]
fn ten_thousand_prospects_look_like_a_book_kept_for_years() {
    let now = wednesday();
    let (book, stats) = book_with(&options(10_000, 7, now));
    let conn = book.conn();
    assert_eq!(stats.prospects, 10_000);
    assert!((90_000..=110_000).contains(&stats.attempts), "{stats:?}");
    assert!((300..=700).contains(&stats.active), "{stats:?}");
    assert_eq!(
        count(conn, "SELECT count(*) FROM attempt"),
        stats.attempts as i64
    );
    let share = |status: &str| {
        count(
            conn,
            &format!("SELECT count(*) FROM prospect WHERE status = '{status}'"),
        ) * 100
            / 10_000
    };
    assert!((27..=33).contains(&share("won")), "won {}", share("won"));
    assert!((32..=38).contains(&share("lost")), "lost {}", share("lost"));
    assert!(
        (27..=33).contains(&share("closed-out")),
        "closed-out {}",
        share("closed-out")
    );
    // Created over about three years, ids in creation order.
    let span_days = count(
        conn,
        "SELECT (max(created_at) - min(created_at)) / 86400 FROM prospect",
    );
    assert!((900..=1300).contains(&span_days), "{span_days} days");
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM prospect a JOIN prospect b ON b.id = a.id + 1 WHERE b.created_at < a.created_at"
        ),
        0
    );
    let values = count(
        conn,
        "SELECT count(*) FROM prospect WHERE value_cents BETWEEN 150000 AND 6000000",
    );
    assert_eq!(values, 10_000);
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM prospect WHERE probability % 5 != 0 OR probability NOT BETWEEN 10 AND 90"
        ),
        0
    );
    check_consistency(conn, &now);
    check_integrity(conn);
}

/// The cockpit's sample book at `now`, as the cockpit opens it.
fn cockpit_demo(now: DateTime<Local>) -> (DemoMoment, Book) {
    let hours = BusinessHours::default();
    let moment = demo_moment(now, &hours);
    let (book, _) = book_with(&DemoOptions::small(moment.now, hours));
    (moment, book)
}

/// Checks what the demo shows at `moment`: every step due that day lies
/// inside business hours, and the active prospects stand at every step of
/// the series, from the first voicemail (none performed) to the breakup
/// voicemail (all but one performed).
fn check_shows_the_product(moment: &DemoMoment, book: &Book) {
    let conn = book.conn();
    let hours = BusinessHours::default();
    let bounds = DayBounds::new(&moment.now, 14);
    let queue = today_queue(conn, &bounds, 100).unwrap();
    assert!(queue.due_today.len() >= 6, "{}", moment.now);
    for item in &queue.due_today {
        let due = item.due.unwrap();
        for t in [due.start, due.end] {
            let t = t.with_timezone(&Local);
            assert!(
                hours.is_working_day(t.date_naive()),
                "{} due {t}",
                item.name
            );
            assert!(
                t.time() >= hours.start && t.time() <= hours.end,
                "{} due {t}, outside business hours",
                item.name
            );
        }
    }
    let steps: std::collections::BTreeSet<i64> = conn
        .prepare("SELECT DISTINCT series_performed FROM prospect WHERE status = 'active'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let series = crate::series::SeriesLibrary::builtin();
    let len = series.default_series("default").steps.len() as i64;
    assert_eq!(
        steps,
        (0..len).collect(),
        "{}: every series step has a prospect on it",
        moment.now
    );
}

#[test]
fn a_demo_opened_on_sunday_night_shows_monday_morning() {
    let (moment, book) = cockpit_demo(local(2026, 11, 29, 23, 0));
    assert!(moment.moved);
    assert_eq!(moment.now, local(2026, 11, 30, 9, 30));
    check_shows_the_product(&moment, &book);
    // Nothing is "due now" at midnight: every step due lies in Monday's hours.
    check_consistency(book.conn(), &moment.now);
}

#[test]
fn a_demo_opened_on_tuesday_morning_shows_that_morning() {
    let now = local(2026, 12, 1, 10, 0);
    let (moment, book) = cockpit_demo(now);
    assert!(!moment.moved);
    assert_eq!(moment.now, now);
    check_shows_the_product(&moment, &book);
}

#[test]
fn the_demo_shows_the_product_at_any_hour() {
    for (d, h, m) in [
        (30, 7, 59),
        (30, 19, 30),
        (28, 12, 0),
        (27, 18, 0),
        (26, 8, 0),
    ] {
        let (moment, book) = cockpit_demo(local(2026, 11, d, h, m));
        check_shows_the_product(&moment, &book);
    }
}

#[test]
fn the_sample_has_customers_mid_checklist_and_debriefs_with_two_still_owed() {
    let now = wednesday();
    let options = DemoOptions::small(now, BusinessHours::default());
    let (book, stats) = book_with(&options);
    let conn = book.conn();
    let sql = |s: &str| count(conn, s);
    assert!(stats.customers >= 1, "{stats:?}");
    assert_eq!(
        sql(
            "SELECT count(DISTINCT prospect_id) FROM next_step WHERE plan_item IS NOT NULL \
             AND done_at IS NULL"
        ),
        stats.customers as i64
    );
    // Some have ticked items off; one has hit a back-order.
    assert!(
        sql("SELECT count(*) FROM next_step WHERE plan_item IS NOT NULL AND done_at IS NOT NULL")
            >= 1
    );
    assert!(stats.debriefs >= 1, "{stats:?}");
    assert_eq!(sql("SELECT count(*) FROM debrief"), stats.debriefs as i64);
    assert_eq!(
        sql("SELECT count(*) FROM prospect WHERE status = 'active' AND debrief_due IS NOT NULL"),
        2
    );
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM prospect")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for id in ids {
        let problems =
            crate::store::history_disagreements(conn, crate::domain::ProspectId(id)).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn wins_take_the_briefs_contacts_and_debriefs_move_the_estimate() {
    let now = wednesday();
    let (book, stats) = book_with(&options(10_000, 7, now));
    let conn = book.conn();
    let won = count(conn, "SELECT count(*) FROM prospect WHERE status = 'won'");
    // Per mille of the wins taking `lo..=hi` contacts (attempts before the
    // sale, the quote visit the first).
    let share = |lo: i64, hi: i64| {
        count(
            conn,
            &format!(
                "SELECT count(*) FROM (SELECT count(*) AS n FROM attempt a \
                 JOIN prospect p ON p.id = a.prospect_id \
                 WHERE p.status = 'won' AND a.at <= p.closed_at GROUP BY p.id) \
                 WHERE n BETWEEN {lo} AND {hi}"
            ),
        ) * 1000
            / won
    };
    // The brief: 2%, 3%, 5%, 10%, 80%.
    assert!((8..=35).contains(&share(1, 1)), "1st {}", share(1, 1));
    assert!((15..=45).contains(&share(2, 2)), "2nd {}", share(2, 2));
    assert!((35..=70).contains(&share(3, 3)), "3rd {}", share(3, 3));
    assert!((75..=130).contains(&share(4, 4)), "4th {}", share(4, 4));
    assert!(
        (760..=840).contains(&share(5, 12)),
        "5th–12th {}",
        share(5, 12)
    );
    // The quote visit is a quote given.
    assert!(count(conn, "SELECT count(*) FROM attempt WHERE outcome = 'quote'") > 6_000);
    // The debriefs moved the estimate, and the history says so.
    let moved = count(
        conn,
        "SELECT count(DISTINCT prospect) FROM history \
         WHERE kind = 0 AND op = 1 AND field IN ('probability', 'value_cents')",
    );
    assert!(stats.debriefs > 20, "{stats:?}");
    assert!(
        moved * 2 >= stats.debriefs as i64 && moved <= stats.debriefs as i64,
        "{moved} of {stats:?}"
    );
}

#[test]
fn a_large_book_reports_its_progress_then_the_indexing_once() {
    let mut book = Book::open_in_memory().unwrap();
    let mut seen = Vec::new();
    let stats = generate_reporting(&mut book, &options(2_500, 3, wednesday()), &mut |p| {
        seen.push(p)
    })
    .unwrap();
    assert_eq!(stats.prospects, 2_500);
    assert_eq!(
        seen,
        [
            Progress::Prospects {
                done: 1_000,
                total: 2_500
            },
            Progress::Prospects {
                done: 2_000,
                total: 2_500
            },
            Progress::Indexing,
        ]
    );
}

#[test]
fn a_sample_filled_without_key_checks_has_every_key_right() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::open(&dir.path().join("sample.db")).unwrap();
    let options = options(300, 11, wednesday());
    let stats = book.fill_new(|book| generate(book, &options)).unwrap();
    assert_eq!(stats.prospects, 300);
    let keys_checked: bool = book
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(keys_checked, "the key checks are back on");
    check_integrity(book.conn());
}
