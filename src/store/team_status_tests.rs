//! `team_status` on a hand-built book with two owners, and its query plans.

use chrono::{DateTime, Local, TimeZone};

use super::{OwnerStatus, status_queries, team_status};
use crate::app::{self, Context, Finish, LogRequest, NextRequest};
use crate::domain::{DayBounds, Money, Outcome, Probability, ProspectId, ProspectPatch};
use crate::store::Book;

fn at(d: u32, h: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, d, h, 0, 0)
        .single()
        .expect("a plain local time")
}

fn add(
    book: &mut Book,
    owner: &str,
    now: DateTime<Local>,
    name: &str,
    when: Option<&str>,
    value: Option<(i64, i64)>,
) -> ProspectId {
    book.set_author(Some(owner));
    let fields = ProspectPatch {
        name: Some(name.into()),
        value: value.map(|(cents, _)| Some(Money::from_cents(cents))),
        probability: value.map(|(_, p)| Some(Probability::new(p).unwrap())),
        ..Default::default()
    };
    let next = when.map(NextRequest::call);
    app::add_prospect(book, &Context::builtin(), now, fields, next.as_ref())
        .expect("added")
        .0
        .id
}

/// Ada: one due today, one late, one without a step, a contact this week
/// and a win. Bo: one gone quiet, a loss, and a contact last week (not
/// counted).
#[test]
fn counts_each_owner_apart() {
    let mut book = Book::open_in_memory().unwrap();
    let ctx = Context::builtin();
    // Monday 23 November to Sunday 29; "now" is Thursday 26, 09:00.
    let now = at(26, 9);
    add(
        &mut book,
        "ada",
        at(25, 9),
        "Due",
        Some("26 nov 15:00"),
        Some((100_000, 50)),
    );
    add(
        &mut book,
        "ada",
        at(24, 9),
        "Late",
        Some("25 nov 10:00"),
        None,
    );
    add(
        &mut book,
        "ada",
        at(24, 9),
        "Stop",
        None,
        Some((20_000, 10)),
    );
    let won = add(&mut book, "ada", at(23, 9), "Won", Some("27 nov"), None);
    book.set_author(Some("ada"));
    app::log_attempt(
        &mut book,
        &ctx,
        at(24, 10),
        won,
        &LogRequest::outcome(Outcome::Reached),
    )
    .unwrap();
    app::finish_prospect(
        &mut book,
        &Context::builtin(),
        at(25, 10),
        won,
        &Finish::Won,
    )
    .unwrap();

    add(&mut book, "bo", at(2, 9), "Quiet", Some("2 dec"), None);
    let lost = add(&mut book, "bo", at(16, 9), "Lost", Some("30 nov"), None);
    book.set_author(Some("bo"));
    app::log_attempt(
        &mut book,
        &ctx,
        at(17, 10),
        lost,
        &LogRequest::outcome(Outcome::NoAnswer),
    )
    .unwrap();
    app::finish_prospect(
        &mut book,
        &Context::builtin(),
        at(24, 10),
        lost,
        &Finish::Lost(None),
    )
    .unwrap();

    let bounds = DayBounds::new(&now, 14);
    let week = DayBounds::new(&at(23, 9), 14).day_start;
    let mut status = team_status(book.conn(), &bounds, week).unwrap();
    // Author ids are the book's business; each owner's row carries theirs.
    assert!(status.iter().all(|s| s.owner > 0));
    for s in &mut status {
        s.owner = 0;
    }
    assert_eq!(
        status,
        vec![
            OwnerStatus {
                name: "ada".into(),
                due_today: 1,
                // "Late", and the won customer's first after-sale item
                // (order entered, due the day of the win).
                overdue: 2,
                no_next_step: 1,
                gone_quiet: 0,
                pipeline: Money::from_cents(50_000 + 2_000),
                contacts_this_week: 1,
                won_this_week: 1,
                lost_this_week: 0,
                ..Default::default()
            },
            OwnerStatus {
                name: "bo".into(),
                gone_quiet: 1,
                lost_this_week: 1,
                ..Default::default()
            },
        ]
    );
}

/// No status query walks the attempt, next step or history tables whole.
#[test]
fn status_queries_use_indexes() {
    let mut book = Book::open_in_memory().unwrap();
    // A fixed moment: the sample (and so the planner's statistics) is the
    // same on every run.
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Local, 2026, 11, 30, 9, 0, 0).unwrap();
    let options = crate::demo::DemoOptions {
        prospects: 2000,
        ..crate::demo::DemoOptions::small(now, crate::schedule::BusinessHours::default())
    };
    crate::demo::generate(&mut book, &options).unwrap();
    book.conn().execute_batch("ANALYZE").unwrap();
    let zero: [(&str, &dyn rusqlite::ToSql); 6] = [
        (":now", &0),
        (":day_end", &0),
        (":quiet", &0),
        (":horizon", &0),
        (":grace_from", &0),
        (":week", &0),
    ];
    for sql in status_queries() {
        let mut stmt = book
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let wanted: Vec<_> = zero
            .iter()
            .filter(|(n, _)| sql.contains(n))
            .copied()
            .collect();
        let plan: Vec<String> = stmt
            .query_map(wanted.as_slice(), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!plan.is_empty());
        // "No next step" joins one constant row of NULLs as `s`.
        let constant_s = plan.iter().any(|l| l == "MATERIALIZE s");
        for line in &plan {
            let full_scan = line.starts_with("SCAN") && !line.contains("USING");
            let big = (line.contains(" s") && !(constant_s && line == "SCAN s"))
                || line.contains(" a")
                || line.contains("history");
            assert!(!(full_scan && big), "full scan in {plan:?}\n{sql}");
            // (The running totals' tables hold a row per owner: read whole.)
            let prospects = line == "SCAN p"
                || line.starts_with("SCAN p ")
                || line.starts_with("SCAN prospect");
            assert!(
                !prospects || line.contains("USING"),
                "every prospect visited: {plan:?}\n{sql}"
            );
        }
    }
}
