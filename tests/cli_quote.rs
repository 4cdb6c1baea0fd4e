//! A quote given is an event of the book: `log ID quote` records it, the
//! history shows it, the debriefs are owed after it as after a meeting,
//! the flow review's speed counts from it, and exports carry it.

mod common;

use common::Book;
use serde_json::Value;

fn in_queue(today: &Value, queue: &str, id: i64) -> bool {
    today[queue]
        .as_array()
        .is_some_and(|a| a.iter().any(|i| i["id"] == id))
}

#[test]
fn a_quote_is_logged_shown_in_the_history_and_owes_a_debrief() {
    let book = Book::new();
    let id = book.add_at("2026-11-23T09:00", "Ada Lovelace", &["--next", "today"]);
    let ids = id.to_string();
    let v = book.json_at(
        "2026-11-23T09:30",
        &["log", &ids, "quote", "--note", "bay window, 12k installed"],
    );
    let text = v.to_string();
    assert!(text.contains("\"quote\""), "{v}");
    let shown = book.json_at("2026-11-23T09:40", &["show", &ids]);
    let attempt = &shown["attempts"][0];
    assert_eq!(attempt["outcome"], "quote", "{shown}");
    assert_eq!(attempt["channel"], "visit", "a quote is given at a visit");

    let today = book.json_at("2026-11-23T10:00", &["today"]);
    assert!(in_queue(&today, "no_debrief", id), "{today}");
    assert_eq!(today["counts"]["no_debrief"], 1, "{today}");
    let table = book.table_at("2026-11-23T10:00", &["show", &ids]);
    assert!(table.contains("owed since the appointment"), "{table}");

    let history = book.table_at("2026-11-23T10:00", &["history", &ids]);
    assert!(history.contains("Quote given"), "{history}");

    book.at(
        "2026-11-23T10:30",
        &[
            "debrief",
            &ids,
            "--well",
            "Listened",
            "--well",
            "Measured",
            "--well",
            "Wrote it down",
            "--work-on",
            "Ask for the order",
        ],
    )
    .assert()
    .success();
    let today = book.json_at("2026-11-23T11:00", &["today"]);
    assert!(!in_queue(&today, "no_debrief", id), "{today}");
}

#[test]
fn a_quote_on_another_channel_keeps_it() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    book.run_json(&["log", &id, "quote", "--channel", "email"]);
    let shown = book.show(id.parse().unwrap());
    assert_eq!(shown["attempts"][0]["outcome"], "quote");
    assert_eq!(shown["attempts"][0]["channel"], "email");
}

#[test]
fn the_speed_to_the_first_follow_up_counts_from_the_quote() {
    let book = Book::new();
    let run = |now: &str, args: &[&str]| book.at(now, args).assert().success();
    // Ada: met Monday, quoted Wednesday, called back Friday (2 days after
    // the quote, 4 after the meeting). Bob: met Tuesday, no quote logged,
    // called back Friday (3 days after the meeting).
    let ada = book.add_at("2026-11-16T10:00", "Ada", &[]).to_string();
    let bob = book.add_at("2026-11-17T10:00", "Bob", &[]).to_string();
    run("2026-11-16T10:05", &["log", &ada, "meeting"]);
    run("2026-11-17T10:05", &["log", &bob, "meeting"]);
    run("2026-11-18T10:00", &["log", &ada, "quote"]);
    run("2026-11-20T10:00", &["log", &ada, "reached"]);
    run("2026-11-20T11:00", &["log", &bob, "reached"]);
    let r = book.json_at("2026-11-25T09:00", &["report", "--week", "2026-11-18"]);
    let sp = &r["speed"];
    assert_eq!(sp["quoted"], 2, "{sp}");
    let counts: Vec<u64> = sp["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [0, 2, 0, 0, 0, 0], "{sp}");
    assert_eq!(sp["median_days"], 2, "{sp}");
}

#[test]
fn exports_carry_the_quote_and_the_json_export_imports_back() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--email", "ada@example.com"])
        .to_string();
    book.run_json(&["log", &id, "quote", "--note", "12k"]);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("book.csv");
    let calls = dir.path().join("attempts.csv");
    let json = dir.path().join("book.jsonl");
    book.with(&[
        "export",
        "--out",
        csv.to_str().unwrap(),
        "--attempts",
        calls.to_str().unwrap(),
    ])
    .assert()
    .success();
    book.with(&[
        "export",
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ])
    .assert()
    .success();
    let calls = std::fs::read_to_string(&calls).unwrap();
    assert!(calls.contains(",visit,quote,"), "{calls}");
    let lines = std::fs::read_to_string(&json).unwrap();
    let doc: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(doc["attempts"][0]["outcome"], "quote", "{doc}");

    let other = Book::new();
    other
        .with(&["import", json.to_str().unwrap()])
        .assert()
        .success();
    let listed = other.run_json(&["list", "--status", "all"]);
    assert!(listed.to_string().contains("Ada Lovelace"), "{listed}");
}

#[test]
fn a_book_from_before_quotes_upgrades_in_place_and_takes_them() {
    let book = Book::new();
    {
        let mut conn = rusqlite::Connection::open(&book.path).unwrap();
        followup::store::migrate_to(&mut conn, 14).unwrap();
        conn.execute_batch(
            "INSERT INTO prospect (name, status, created_at, updated_at) \
             VALUES ('Old Olga', 'active', 1795000000, 1795000000); \
             INSERT INTO attempt (prospect_id, at, channel, outcome) \
             VALUES (1, 1795000100, 'visit', 'meeting');",
        )
        .unwrap();
        let refused = conn.execute(
            "INSERT INTO attempt (prospect_id, at, channel, outcome) \
             VALUES (1, 1795000200, 'visit', 'quote')",
            [],
        );
        assert!(refused.is_err(), "before the upgrade a quote is refused");
    }
    // The first write upgrades the book; the quote goes in.
    book.at("2026-11-23T09:30", &["log", "1", "quote"])
        .assert()
        .success();
    let today = book.json_at("2026-11-23T10:00", &["today"]);
    assert!(in_queue(&today, "no_debrief", 1), "{today}");
    let conn = rusqlite::Connection::open(&book.path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let outcomes: Vec<String> = conn
        .prepare("SELECT outcome FROM attempt ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(outcomes, ["meeting", "quote"], "the old attempt kept");
    // Still checked: a word that is none of the outcomes is refused.
    let bad = conn.execute(
        "INSERT INTO attempt (prospect_id, at, channel, outcome) \
         VALUES (1, 1795000300, 'call', 'maybe')",
        [],
    );
    assert!(bad.is_err());
}
