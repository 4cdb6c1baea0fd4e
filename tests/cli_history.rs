//! `followup history ID`: the timeline from the book's history, and the
//! upgrade of a book written before the history existed.

mod common;

use common::{Book, s};
use followup::domain::ProspectId;
use serde_json::Value;

fn changes(v: &Value) -> &Vec<Value> {
    v["changes"].as_array().expect("changes")
}

#[test]
fn the_timeline_tells_every_change_with_who_and_when() {
    let book = Book::new();
    book.write_config("config.toml", "[profile]\nname = \"Sam Rivera\"\n");
    let id = book.add(
        "Ada Lovelace",
        &[
            "--value",
            "12k",
            "--probability",
            "40",
            "--next",
            "tue morning",
        ],
    );
    let id = id.to_string();
    book.at("2026-11-24T09:30", &["log", &id, "voicemail"])
        .assert()
        .success();
    book.at(
        "2026-11-24T11:00",
        &[
            "log",
            &id,
            "reached",
            "--note",
            "liked the quote",
            "--next",
            "fri 2pm",
        ],
    )
    .assert()
    .success();
    book.at("2026-11-24T11:05", &["edit", &id, "--probability", "60"])
        .assert()
        .success();
    book.at("2026-11-26T10:00", &["won", &id])
        .assert()
        .success();

    let table = book.table_at("2026-11-27T09:00", &["history", &id]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "Ada Lovelace (id 1) — won");
    let expected = [
        "Mon 23 Nov 2026 09:00  Sam Rivera  Added Ada Lovelace: Value 12,000, Probability 40%",
        "Mon 23 Nov 2026 09:00  Sam Rivera  Next step: call Tue 24 Nov 2026 08:00–12:00",
        "Tue 24 Nov 2026 09:30  Sam Rivera  Voicemail left (series step 1)",
        "Tue 24 Nov 2026 11:00  Sam Rivera  Reached (series step 2): liked the quote",
        "Tue 24 Nov 2026 11:05  Sam Rivera  Probability 40% → 60%",
        "Thu 26 Nov 2026 10:00  Sam Rivera  Status active → won",
    ];
    for line in expected {
        assert!(lines.contains(&line), "no line {line:?} in\n{table}");
    }
    // Oldest first, and the bookkeeping only with --all.
    let pos = |l: &str| lines.iter().position(|x| *x == l).expect("line");
    assert!(pos(expected[2]) < pos(expected[3]) && pos(expected[3]) < pos(expected[5]));
    assert!(!table.contains("Last contact"));
    let all = book.table_at("2026-11-27T09:00", &["history", &id, "--all"]);
    assert!(all.contains("Last contact"), "{all}");

    let json = book.json_at("2026-11-27T09:00", &["history", &id]);
    assert_eq!(s(&json, "name"), "Ada Lovelace");
    assert_eq!(s(&json, "owner"), "Sam Rivera");
    let uid = s(&json, "uid");
    assert_eq!(uid.len(), 36, "{uid}");
    assert_eq!(&uid[14..15], "7", "a UUIDv7: {uid}");
    let list = changes(&json);
    let stamps: Vec<i64> = list
        .iter()
        .map(|c| c["hlc"].as_i64().expect("hlc"))
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "{stamps:?}");
    let probability = list
        .iter()
        .find(|c| c["field"] == "probability")
        .expect("the probability change");
    assert_eq!(probability["old"], 40);
    assert_eq!(probability["new"], 60);
    assert_eq!(probability["author"], "Sam Rivera");
    assert_eq!(probability["op"], "set");
    let created = &list[0];
    assert_eq!(created["op"], "create");
    assert_eq!(created["new"]["name"], "Ada Lovelace");
    assert_eq!(created["new"]["value_cents"], 1_200_000);
    let device = s(&list[0], "device").to_string();
    assert!(list.iter().all(|c| c["device"] == device.as_str()));
}

#[test]
fn history_of_a_missing_prospect_is_refused() {
    let book = Book::new();
    book.add("Ada Lovelace", &[]);
    let err = book.refused(&["history", "7"], 1);
    assert!(err.contains("7"), "{err}");
}

/// A book as release 4 wrote it (tests/data/book-v4.db: three prospects
/// over a week, one active, one won, one lost, before the history).
#[test]
fn a_book_from_before_the_history_is_given_ids_and_a_timeline() {
    let book = Book::new();
    std::fs::copy("tests/data/book-v4.db", &book.path).expect("copy the fixture");
    // A command that only reads refuses the old book and changes nothing…
    book.refused(&["history", "1"], 1);
    // …the first write upgrades it.
    book.at("2026-11-30T09:00", &["note", "1", "upgraded"])
        .assert()
        .success();
    let json = book.json_at("2026-11-30T09:05", &["history", "1"]);
    let summaries: Vec<&str> = changes(&json)
        .iter()
        .map(|c| c["summary"].as_str().expect("summary"))
        .collect();
    assert_eq!(
        summaries.first().copied(),
        Some(
            "Added Ada Lovelace: Company Analytical Engines, Phone +44 20 7946 0018, Email ada@example.org, Product Windows, Value 12,500, Probability 60%, Objection price, Notes 2026-11-23 wants triple glazing"
        ),
        "{summaries:#?}"
    );
    for wanted in [
        "Voicemail left (series step 1)",
        "Reached: liked the quote; husband decides",
        "Next step: call Mon 30 Nov 2026 05:00–09:00 — ask about the husband",
    ] {
        assert!(
            summaries.contains(&wanted),
            "{wanted:?} not in {summaries:#?}"
        );
    }
    assert!(
        summaries.iter().any(|s| s.starts_with("Done: call")),
        "{summaries:#?}"
    );
    assert!(summaries.last().is_some_and(|s| s.starts_with("Note: ")));

    let won = book.json_at("2026-11-30T09:05", &["history", "2"]);
    let won: Vec<&str> = changes(&won)
        .iter()
        .map(|c| c["summary"].as_str().expect("summary"))
        .collect();
    assert!(won.contains(&"Status active → won"), "{won:#?}");
    assert!(won.contains(&"Met (visit): measured the doors"), "{won:#?}");
    let lost = book.json_at("2026-11-30T09:05", &["history", "3"]);
    assert!(
        changes(&lost)
            .iter()
            .any(|c| c["field"] == "lost_reason" && c["new"] == "went with a competitor")
    );

    // The tables are exactly what the reconstructed history says.
    let upgraded = followup::store::Book::open(&book.path).expect("open");
    for id in 1..=3 {
        let problems =
            followup::store::history_disagreements(upgraded.conn(), ProspectId(id)).expect("check");
        assert!(problems.is_empty(), "prospect {id}: {problems:#?}");
    }
    let ids: i64 = upgraded
        .conn()
        .query_row(
            "SELECT count(DISTINCT uid) FROM (SELECT uid FROM prospect UNION ALL SELECT uid FROM attempt UNION ALL SELECT uid FROM next_step)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(ids, 3 + 4 + 6, "every row has its own id");
}

#[test]
fn a_book_killed_mid_upgrade_stays_as_it_was() {
    let book = Book::new();
    std::fs::copy("tests/data/book-v4.db", &book.path).expect("copy the fixture");
    let killed = book
        .at("2026-11-30T09:00", &["note", "1", "upgraded"])
        .env("FOLLOWUP_TEST_FAULT", "kill-in-upgrade")
        .output()
        .expect("run");
    assert!(!killed.status.success());
    assert_eq!(common::user_version(&book.path), 4);
    let conn = rusqlite::Connection::open(&book.path).expect("open");
    let history: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'history'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(history, 0, "nothing of the upgrade is left");
    drop(conn);
    // The next run upgrades it whole.
    book.at("2026-11-30T09:00", &["note", "1", "upgraded"])
        .assert()
        .success();
    let json = book.json_at("2026-11-30T09:05", &["history", "1"]);
    assert!(changes(&json).len() > 5);
}
