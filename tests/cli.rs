//! The `followup` command line, end to end, on temporary books.

mod common;

use common::{Book, MONDAY_9AM, assert_one_line, ids, s, snapshot, user_version};
use serde_json::Value;

// ---------------------------------------------------------------------------
// 1. Every command runs
// ---------------------------------------------------------------------------

#[test]
fn add_takes_every_field() {
    let book = Book::new();
    let v = book.run_json(&[
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical Ltd",
        "--phone",
        "555-0101",
        "--email",
        "ada@example.com",
        "--product",
        "Triple-glazed windows",
        "--value",
        "12,500",
        "--probability",
        "60",
        "--objection",
        "price",
        "--decision",
        "husband decides by Friday",
        "--note",
        "likes the white frames",
        "--next",
        "tue morning",
    ]);
    assert!(v["id"].is_i64(), "{v}");
    assert_eq!(s(&v, "name"), "Ada Lovelace");
    assert_eq!(s(&v, "status"), "active");
    assert_eq!(s(&v, "company"), "Analytical Ltd");
    assert_eq!(s(&v, "phone"), "555-0101");
    assert_eq!(s(&v, "email"), "ada@example.com");
    assert_eq!(s(&v, "product"), "Triple-glazed windows");
    assert_eq!(v["value_cents"], 1_250_000);
    assert_eq!(v["probability"], 60);
    assert_eq!(s(&v, "objection"), "price");
    assert_eq!(s(&v, "decision_process"), "husband decides by Friday");
    assert_eq!(s(&v, "notes"), "likes the white frames");
    assert_eq!(s(&v, "created_at"), "2026-11-23T09:00:00-05:00");
    assert!(v["closed_at"].is_null());

    let id = v["id"].as_i64().unwrap();
    let shown = book.show(id);
    assert_eq!(shown["next_step"]["action"], "call");
    assert_eq!(
        s(&shown["next_step"]["due"], "start"),
        "2026-11-24T08:00:00-05:00"
    );
    assert!(shown["attempts"].as_array().unwrap().is_empty());
    assert_eq!(shown["series"]["name"], "default");
    assert_eq!(shown["series"]["step"], 1);
    assert_eq!(shown["series"]["steps"], 10);

    let table = book.run_table(&["add", "Bob Stone"]);
    assert!(table.contains("Bob Stone"), "{table}");
}

#[test]
fn list_filters_by_every_status() {
    let book = Book::new();
    let active = book.add("Active Anne", &[]);
    let won = book.add("Won Walter", &[]);
    let lost = book.add("Lost Lena", &[]);
    let closed = book.add("Closed Carl", &[]);
    book.run_json(&["won", &won.to_string()]);
    book.run_json(&[
        "lost",
        &lost.to_string(),
        "--reason",
        "went with a competitor",
    ]);
    book.run_json(&["close", &closed.to_string()]);

    assert_eq!(ids(&book.run_json(&["list"])), vec![active]);
    for (status, expected) in [
        ("active", vec![active]),
        ("won", vec![won]),
        ("lost", vec![lost]),
        ("closed-out", vec![closed]),
        ("all", vec![active, won, lost, closed]),
    ] {
        let v = book.run_json(&["list", "--status", status]);
        let mut got = ids(&v);
        got.sort_unstable();
        assert_eq!(got, expected, "list --status {status}: {v}");
        for item in v.as_array().unwrap() {
            assert!(
                item["name"].is_string() && item["status"].is_string(),
                "{item}"
            );
            if status != "all" {
                assert_eq!(item["status"], status);
            }
        }
        let table = book.run_table(&["list", "--status", status]);
        assert!(table.starts_with("ID"), "{table}");
    }
    let lost_shown = book.show(lost);
    assert_eq!(lost_shown["lost_reason"], "went with a competitor");
}

#[test]
fn list_on_an_empty_book_says_so() {
    let book = Book::new();
    followup::store::Book::open(&book.path).unwrap();
    let table = book.run_table(&["list"]);
    assert!(table.contains("No prospects"), "{table}");
    assert_eq!(book.run_json(&["list"]), Value::Array(vec![]));
}

#[test]
fn show_prints_the_prospect_in_a_table() {
    let book = Book::new();
    let id = book.add(
        "Ada Lovelace",
        &[
            "--company",
            "Acme",
            "--value",
            "12500",
            "--next",
            "today after 5",
        ],
    );
    book.run_json(&["note", &id.to_string(), "asked about colours"]);
    let text = book.run_table(&["show", &id.to_string()]);
    assert!(text.starts_with("Ada Lovelace (id "), "{text}");
    assert!(text.contains("Acme") && text.contains("12,500"), "{text}");
    assert!(text.contains("17:00"), "local time expected: {text}");
    assert!(text.contains("asked about colours"), "{text}");
}

#[test]
fn log_records_every_outcome() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "mon 9am"]);
    let sid = id.to_string();
    for outcome in ["voicemail", "no-answer", "email", "meeting", "reached"] {
        let note = format!("{outcome} attempt");
        let v = book.run_json(&["log", &sid, outcome, "--note", &note]);
        assert_eq!(v["attempt"]["outcome"], outcome, "{v}");
        assert_eq!(v["attempt"]["note"], note.as_str());
        assert_eq!(v["status"], "active");
        assert!(v["summary"].is_string());
    }
    let shown = book.show(id);
    let attempts = shown["attempts"].as_array().unwrap();
    let outcomes: Vec<&str> = attempts
        .iter()
        .map(|a| a["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes.len(), 5);
    for (i, outcome) in ["reached", "meeting", "email", "no-answer", "voicemail"]
        .iter()
        .enumerate()
    {
        assert_eq!(outcomes[i], *outcome, "newest first: {outcomes:?}");
    }
    for a in attempts {
        assert!(a["at"].is_string() && a["note"].is_string(), "{a}");
    }
    // Table output too.
    let line = book.run_table(&["log", &sid, "voicemail"]);
    assert!(line.contains("Ada Lovelace"), "{line}");
}

#[test]
fn log_with_next_and_action_sets_the_next_step() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "mon 9am"]);
    let sid = id.to_string();
    let v = book.run_json(&[
        "log",
        &sid,
        "reached",
        "--note",
        "wants the brochure",
        "--next",
        "wed 2pm",
        "--action",
        "email",
    ]);
    assert_eq!(v["next_step"]["action"], "email", "{v}");
    assert_eq!(v["next_step"]["due"]["start"], "2026-11-25T14:00:00-05:00");
    let shown = book.show(id);
    assert_eq!(shown["next_step"]["action"], "email");
    assert_eq!(shown["attempts"][0]["note"], "wants the brochure");
    assert_eq!(shown["last_contact_at"], "2026-11-23T09:00:00-05:00");
}

#[test]
fn a_backdated_log_reports_the_attempt_it_recorded() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    book.json_at(
        "2026-11-23T15:00",
        &["log", &id, "reached", "--note", "afternoon call"],
    );
    let v = book.json_at(
        "2026-11-23T10:00",
        &["log", &id, "reached", "--note", "morning call"],
    );
    assert_eq!(v["attempt"]["note"], "morning call", "{v}");
    assert_eq!(v["attempt"]["at"], "2026-11-23T10:00:00-05:00", "{v}");
    let shown = book.json_at("2026-11-23T16:00", &["show", &id]);
    assert_eq!(shown["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(
        shown["last_contact_at"], "2026-11-23T15:00:00-05:00",
        "the last contact is the latest attempt: {shown}"
    );
}

#[test]
fn next_sets_and_replaces_the_next_step() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]);
    let sid = id.to_string();
    let v = book.run_json(&[
        "next",
        &sid,
        "thu 3pm",
        "--action",
        "visit",
        "--note",
        "bring samples",
    ]);
    assert_eq!(v["action"], "visit");
    assert_eq!(v["note"], "bring samples");
    assert_eq!(v["due"]["start"], "2026-11-26T15:00:00-05:00");
    assert!(
        v["due"]["end"].is_string() && v["due"]["text"].is_string(),
        "{v}"
    );
    let v = book.run_json(&["next", &sid, "tomorrow"]);
    assert_eq!(v["action"], "call");
    let shown = book.show(id);
    assert_eq!(
        shown["next_step"]["due"]["start"],
        "2026-11-24T08:00:00-05:00"
    );
    assert_eq!(
        shown["next_step"]["due"]["end"],
        "2026-11-24T20:00:00-05:00"
    );
    let line = book.run_table(&["next", &sid, "fri 10am"]);
    assert!(
        line.contains("Ada Lovelace") && line.contains("10:00"),
        "{line}"
    );
}

#[test]
fn edit_changes_fields_and_an_empty_string_clears_one() {
    let book = Book::new();
    let id = book.add(
        "Ada Lovelace",
        &[
            "--company",
            "Acme",
            "--phone",
            "555-0101",
            "--objection",
            "price",
            "--probability",
            "40",
        ],
    );
    let sid = id.to_string();
    let v = book.run_json(&[
        "edit",
        &sid,
        "--name",
        "Ada King",
        "--company",
        "",
        "--phone",
        "555-0199",
        "--probability",
        "80",
        "--value",
        "9,000.50",
        "--objection",
        "",
    ]);
    assert_eq!(v["name"], "Ada King");
    assert!(v["company"].is_null(), "{v}");
    assert!(v["objection"].is_null(), "{v}");
    assert_eq!(v["phone"], "555-0199");
    assert_eq!(v["probability"], 80);
    assert_eq!(v["value_cents"], 900_050);
    let shown = book.show(id);
    assert_eq!(shown["name"], "Ada King");
    assert!(shown["company"].is_null());
}

#[test]
fn edit_with_an_empty_value_or_probability_clears_it() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--value", "12500", "--probability", "40"]);
    let v = book.run_json(&["edit", &id.to_string(), "--value", "", "--probability", ""]);
    assert!(v["value_cents"].is_null(), "{v}");
    assert!(v["probability"].is_null(), "{v}");
}

#[test]
fn note_appends_a_dated_line() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--note", "first visit"]);
    let v = book.run_json(&["note", &id.to_string(), "called about colours"]);
    assert_eq!(v["notes"], "first visit\n2026-11-23 called about colours");
    let line = book.run_table(&["note", &id.to_string(), "second"]);
    assert!(!line.trim().is_empty());
}

#[test]
fn won_lost_and_close_finish_a_prospect() {
    let book = Book::new();
    let a = book.add("Won Walter", &["--next", "tomorrow"]);
    let b = book.add("Lost Lena", &["--next", "tomorrow"]);
    let c = book.add("Closed Carl", &["--next", "tomorrow"]);
    let v = book.run_json(&["won", &a.to_string()]);
    assert_eq!(v["status"], "won");
    assert_eq!(v["closed_at"], "2026-11-23T09:00:00-05:00");
    let v = book.run_json(&["lost", &b.to_string(), "--reason", "too expensive"]);
    assert_eq!(v["status"], "lost");
    assert_eq!(v["lost_reason"], "too expensive");
    let v = book.run_json(&["close", &c.to_string()]);
    assert_eq!(v["status"], "closed-out");
    for id in [b, c] {
        assert!(
            book.show(id)["next_step"].is_null(),
            "a finished prospect keeps no open step"
        );
    }
    // A won one has the first item of its after-sale plan, and that only.
    assert_eq!(book.show(a)["next_step"]["plan_item"], "order-entered");
    let line = book.run_table(&["lost", &book.add("Dan", &[]).to_string()]);
    assert!(line.contains("Dan"), "{line}");
}

#[test]
fn pause_and_resume_toggle_the_series() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]);
    let v = book.run_json(&["pause", &id.to_string()]);
    assert_eq!(v["series"]["paused"], true);
    let v = book.run_json(&["resume", &id.to_string()]);
    assert_eq!(v["series"]["paused"], false);
    let line = book.run_table(&["pause", &id.to_string()]);
    assert!(line.contains("paused"), "{line}");
}

#[test]
fn config_series_and_script_run() {
    let book = Book::new();
    let v = book.run_json(&["config"]);
    assert_eq!(v["book"]["value"], book.path.display().to_string());
    assert_eq!(v["book"]["source"], "--db");
    assert_eq!(v["hours.start"]["value"], "08:00");
    let table = book.run_table(&["config"]);
    assert!(
        table.starts_with("SETTING") && table.contains("book"),
        "{table}"
    );

    let v = book.run_json(&["series"]);
    assert_eq!(v[0]["name"], "default");
    assert!(book.run_table(&["series"]).contains("default"));

    let id = book.add("Ada Lovelace", &["--next", "mon 9am"]);
    let text = book.run_table(&["script", &id.to_string()]);
    assert!(text.contains("Ada"), "{text}");
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let book = Book::new();
    book.add("Ada Lovelace", &[]);
    let db = book.path.to_str().unwrap();
    let before = book
        .cmd()
        .args(["--db", db, "--format", "json", "--now", MONDAY_9AM, "list"])
        .output()
        .unwrap();
    let after = book
        .cmd()
        .args(["list", "--db", db, "--format", "json", "--now", MONDAY_9AM])
        .output()
        .unwrap();
    assert!(before.status.success() && after.status.success());
    assert_eq!(before.stdout, after.stdout);
    let v: Value = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(v[0]["name"], "Ada Lovelace");
}

// ---------------------------------------------------------------------------
// 2. JSON shapes and the day's queue
// ---------------------------------------------------------------------------

#[test]
fn show_lists_every_attempt_newest_first_with_series() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "mon 9am"]);
    let sid = id.to_string();
    book.json_at(
        "2026-11-23T09:00",
        &["log", &sid, "voicemail", "--note", "one"],
    );
    book.json_at(
        "2026-11-23T09:15",
        &["log", &sid, "voicemail", "--note", "two"],
    );
    let v = book.json_at("2026-11-23T10:00", &["show", &sid]);
    let attempts = v["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0]["note"], "two");
    assert_eq!(attempts[0]["at"], "2026-11-23T09:15:00-05:00");
    assert_eq!(attempts[1]["note"], "one");
    assert_eq!(attempts[1]["outcome"], "voicemail");
    assert_eq!(v["series"]["name"], "default");
    assert_eq!(v["series"]["step"], 3);
    assert_eq!(v["series"]["steps"], 10);
    let next = &v["next_step"];
    assert!(next["action"].is_string(), "{v}");
    for key in ["start", "end", "text"] {
        assert!(next["due"][key].is_string(), "due.{key} missing: {v}");
    }
    let other = book.add("Bob Stone", &[]);
    assert!(book.show(other)["next_step"].is_null());
}

#[test]
fn today_sorts_prospects_into_queues_at_a_fixed_now() {
    let book = Book::new();
    let due = book.add("Due Dora", &["--next", "today after 5"]);
    let morning = book.add("Morning Mo", &["--next", "today morning"]);
    // Agreed last Thursday for Friday 10:00: ended before now.
    let late = book.add_at("2026-11-19T09:00", "Late Larry", &["--next", "fri 10am"]);
    // Agreed at 07:00 for 08:00 today: ended an hour ago.
    let missed = book.add_at("2026-11-23T07:00", "Missed Mia", &["--next", "today 8am"]);
    let none = book.add("Nobody Ned", &[]);
    let tomorrow = book.add("Tomorrow Tom", &["--next", "tomorrow"]);

    let v = book.run_json(&["today"]);
    assert_eq!(v["date"], "2026-11-23");
    let mut due_today = ids(&v["due_today"]);
    due_today.sort_unstable();
    assert_eq!(due_today, vec![due, morning], "{v}");
    let mut overdue = ids(&v["overdue"]);
    overdue.sort_unstable();
    assert_eq!(overdue, vec![late, missed], "{v}");
    assert_eq!(ids(&v["no_next_step"]), vec![none], "{v}");
    for queue in ["due_today", "overdue", "no_next_step", "gone_quiet"] {
        assert!(
            !ids(&v[queue]).contains(&tomorrow),
            "tomorrow's step is in {queue}: {v}"
        );
    }
    assert!(v["gone_quiet"].is_array());

    let item = |queue: &str, id: i64| -> Value {
        v[queue]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .unwrap()
    };
    let d = item("due_today", due);
    assert_eq!(d["name"], "Due Dora");
    assert_eq!(d["due"]["start"], "2026-11-23T17:00:00-05:00");
    assert!(d["due"]["end"].is_string() && d["due"]["text"].is_string());
    let l = item("overdue", late);
    assert_eq!(l["name"], "Late Larry");
    assert_eq!(l["due"]["start"], "2026-11-20T10:00:00-05:00");
    assert!(l["days_late"].as_i64().unwrap() >= 1, "{l}");
    assert!(item("overdue", missed)["due"].is_object());
    assert_eq!(item("no_next_step", none)["name"], "Nobody Ned");
    assert_eq!(v["counts"]["due_today"], 2);
    assert_eq!(v["counts"]["overdue"], 2);
    assert_eq!(v["counts"]["no_next_step"], 1);

    // Finished prospects leave every queue.
    book.run_json(&["won", &late.to_string()]);
    book.run_json(&["lost", &none.to_string()]);
    let v = book.run_json(&["today"]);
    assert_eq!(ids(&v["overdue"]), vec![missed]);
    assert!(ids(&v["no_next_step"]).is_empty());

    // No command at all prints the day's queue too.
    let out = book.with(&[]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("DUE TODAY"));
}

// ---------------------------------------------------------------------------
// 3. Table output
// ---------------------------------------------------------------------------

#[test]
fn today_table_aligns_columns_with_money_and_local_times() {
    let book = Book::new();
    book.add(
        "Ada Lovelace",
        &[
            "--company",
            "Acme",
            "--value",
            "12500",
            "--next",
            "today after 5",
        ],
    );
    book.add(
        "Bo",
        &[
            "--company",
            "Stone & Sons Ltd",
            "--value",
            "900",
            "--next",
            "today 6pm",
        ],
    );
    let text = book.run_table(&["today"]);
    assert!(text.contains("12,500"), "{text}");
    assert!(
        text.contains("17:00") && text.contains("18:00"),
        "local times expected: {text}"
    );
    assert!(
        !text.contains("22:00") && !text.contains("23:00"),
        "UTC leaked: {text}"
    );

    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("DUE TODAY"))
        .unwrap();
    let header = lines[start + 1];
    let rows = &lines[start + 2..start + 4];
    for heading in ["NAME", "COMPANY", "NEXT", "DUE", "VALUE"] {
        let col = header
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} in {header:?}"));
        for row in rows {
            let before = &row[..col];
            assert!(
                before.ends_with("  "),
                "{heading} column not aligned in {row:?} (header {header:?})"
            );
            assert_ne!(
                &row[col..col + 1],
                " ",
                "{heading} column empty or shifted in {row:?}"
            );
        }
    }
    let value_col = header.find("VALUE").unwrap();
    assert_eq!(&rows[0][value_col..], "12,500", "{text}");
    assert_eq!(&rows[1][value_col..], "900", "{text}");
}

const HOSTILE: &str = "Eve\x1b[31m Red\x1b]0;title\x07 Hacker";

fn assert_no_controls(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "{what} printed ESC: {:?}",
        String::from_utf8_lossy(bytes)
    );
    assert!(
        !bytes.contains(&0x07),
        "{what} printed BEL: {:?}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn terminal_escapes_in_stored_text_never_reach_the_terminal() {
    let book = Book::new();
    let id = book.add(
        HOSTILE,
        &[
            "--company",
            "\x1b[2JWipe",
            "--note",
            "line\x1b[1mbold",
            "--next",
            "today after 5",
        ],
    );
    book.add(HOSTILE, &[]);
    let sid = id.to_string();
    book.run_json(&[
        "log",
        &sid,
        "reached",
        "--note",
        "said \x1b]0;x\x07hi",
        "--next",
        "today 6pm",
    ]);
    for args in [
        vec!["list"],
        vec!["list", "--status", "all"],
        vec!["show", sid.as_str()],
        vec!["today"],
        vec!["script", sid.as_str()],
        vec!["note", sid.as_str(), "x\x1b[0m"],
        vec!["edit", sid.as_str(), "--phone", "\x1b[5m1"],
        vec!["next", sid.as_str(), "tomorrow"],
        vec!["log", sid.as_str(), "voicemail"],
        vec!["pause", sid.as_str()],
        vec!["won", sid.as_str()],
    ] {
        let out = book.with(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_no_controls(&format!("{args:?} stdout"), &out.stdout);
        assert_no_controls(&format!("{args:?} stderr"), &out.stderr);
    }
    let list = book.run_table(&["list", "--status", "all"]);
    assert!(list.contains("Eve[31m Red]0;title Hacker"), "{list}");

    // Errors naming the prospect are sanitised too.
    let out = book.with(&["log", &sid, "voicemail"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_no_controls("error", &out.stderr);

    // JSON keeps the stored text intact, escaped.
    let out = book
        .with(&["show", &sid, "--format", "json"])
        .output()
        .unwrap();
    assert_no_controls("show --format json", &out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\\u001b[31m"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["name"], HOSTILE);
    assert_eq!(v["company"], "\x1b[2JWipe");
    let listed = book.run_json(&["list", "--status", "all"]);
    assert_eq!(listed[0]["name"], HOSTILE);
    let today = book.run_json(&["today"]);
    assert_eq!(today["no_next_step"][0]["name"], HOSTILE);
}

// ---------------------------------------------------------------------------
// 4. Bad input changes nothing
// ---------------------------------------------------------------------------

#[test]
fn bad_names_are_refused() {
    let book = Book::new();
    book.add("Ada Lovelace", &["--next", "tomorrow"]);
    let msg = book.refused(&["add", ""], 2);
    assert!(msg.contains("name"), "{msg}");
    book.refused(&["add", "   "], 2);
    book.refused(&["edit", "1", "--name", "  "], 2);
}

#[test]
fn unknown_ids_are_refused() {
    let book = Book::new();
    book.add("Ada Lovelace", &["--next", "tomorrow"]);
    for args in [
        vec!["show", "999"],
        vec!["log", "999", "voicemail"],
        vec!["next", "999", "tomorrow"],
        vec!["edit", "999", "--phone", "1"],
        vec!["note", "999", "hello"],
        vec!["won", "999"],
        vec!["lost", "999"],
        vec!["close", "999"],
        vec!["pause", "999"],
        vec!["resume", "999"],
        vec!["script", "999"],
    ] {
        let msg = book.refused(&args, 1);
        assert!(msg.contains("999"), "{args:?}: {msg}");
    }
}

#[test]
fn bad_probabilities_and_values_are_refused() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--value", "100", "--probability", "50"])
        .to_string();
    book.usage_error(&["add", "X", "--probability", "101"]);
    book.usage_error(&["add", "X", "--probability", "-1"]);
    book.usage_error(&["add", "X", "--probability=-1"]);
    book.usage_error(&["add", "X", "--value", "-5"]);
    book.usage_error(&["add", "X", "--value=-5"]);
    book.usage_error(&["add", "X", "--value", "abc"]);
    book.usage_error(&["edit", &id, "--probability", "101"]);
    book.usage_error(&["edit", &id, "--value", "abc"]);
}

#[test]
fn bad_windows_are_refused() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--next", "tomorrow"])
        .to_string();
    for when in ["feb 30", "tomorrow 25:00", "", "flurb"] {
        book.refused(&["next", &id, when], 2);
    }
    book.refused(&["add", "X", "--next", "flurb"], 2);
    book.refused(&["log", &id, "reached", "--next", "feb 30"], 2);
}

#[test]
fn actions_on_a_finished_prospect_are_refused() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--next", "tomorrow"])
        .to_string();
    book.run_json(&["won", &id]);
    for args in [
        vec!["log", id.as_str(), "voicemail"],
        vec!["next", id.as_str(), "tomorrow"],
        vec!["won", id.as_str()],
        vec!["lost", id.as_str()],
        vec!["close", id.as_str()],
        vec!["pause", id.as_str()],
    ] {
        let msg = book.refused(&args, 1);
        assert!(msg.contains("won"), "{args:?}: {msg}");
    }
    // Fixing a won customer's phone number is still allowed.
    let v = book.run_json(&["edit", &id, "--phone", "555-0199"]);
    assert_eq!(v["phone"], "555-0199");
}

#[test]
fn other_bad_input_is_refused() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--next", "tomorrow"])
        .to_string();
    book.usage_error(&["log", &id, "maybe"]);
    let msg = book.refused(&["edit", &id], 2);
    assert!(msg.contains("nothing to change"), "{msg}");
    book.refused(&["note", &id, "   "], 2);
    book.refused(&["add", "X", "--series", "nosuch"], 2);
    book.usage_error(&["next", &id, "tomorrow", "--action", "dance"]);
    book.usage_error(&["list", "--status", "maybe"]);
    book.usage_error(&["show", "abc"]);
    book.usage_error(&["frobnicate"]);

    let before = book.snapshot();
    let out = book
        .cmd()
        .args([
            "--db",
            book.path.to_str().unwrap(),
            "--now",
            "garbage",
            "list",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("garbage"));
    assert_eq!(book.snapshot(), before);
}

// ---------------------------------------------------------------------------
// 5. The book file
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_new_book_and_its_new_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let book = Book::new();
    // Only the default data folder is created; a `--db` folder must exist
    // (tests/db_folder.rs).
    let data = book.dir.path().join("data");
    let path = data.join("followup/followup.db");
    let out = book
        .cmd()
        .env("XDG_DATA_HOME", &data)
        .args(["--now", MONDAY_9AM, "add", "Ada"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(path.parent().unwrap().parent().unwrap()), 0o700);
}

#[test]
fn followup_db_selects_the_book() {
    let book = Book::new();
    let env_book = book.dir.path().join("from-env.db");
    let out = book
        .cmd()
        .env("FOLLOWUP_DB", &env_book)
        .args([
            "--now",
            MONDAY_9AM,
            "--format",
            "json",
            "add",
            "Ada Lovelace",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env_book.exists());
    assert!(!book.path.exists());
    assert!(snapshot(&env_book).contains("Ada Lovelace"));

    let out = book
        .cmd()
        .env("FOLLOWUP_DB", &env_book)
        .args(["--now", MONDAY_9AM, "--format", "json", "config"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["book"]["value"], env_book.display().to_string());
    assert_eq!(v["book"]["source"], "$FOLLOWUP_DB");

    // --db wins over the environment (and a book that does not exist is
    // not quietly created by a command that only reads).
    let out = book
        .cmd()
        .env("FOLLOWUP_DB", &env_book)
        .arg("--db")
        .arg(&book.path)
        .args(["--now", MONDAY_9AM, "--format", "json", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("there is no book at") && stderr.contains("book.db"),
        "{stderr}"
    );
    assert!(!book.path.exists());
}

#[test]
fn a_file_that_is_not_a_book_is_refused_untouched() {
    let book = Book::new();
    let text =
        "Shopping list\n- milk\n- eggs\n- a much longer line so the file is not tiny at all\n"
            .repeat(20);
    std::fs::write(&book.path, &text).unwrap();
    for args in [vec!["list"], vec!["add", "Ada"], vec!["today"]] {
        let out = book.with(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_one_line(&stderr, &args);
        assert!(
            stderr.contains(&book.path.display().to_string()),
            "names the file: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&book.path).unwrap(), text);
    }
}

#[test]
fn a_book_from_a_newer_release_is_refused_untouched() {
    let book = Book::new();
    {
        let conn = rusqlite::Connection::open(&book.path).unwrap();
        // A newer release stamps its books as followup's, like this one.
        conn.execute_batch(
            "CREATE TABLE future (x); PRAGMA user_version = 99; \
             PRAGMA application_id = 1179407696;",
        )
        .unwrap();
    }
    let bytes = std::fs::read(&book.path).unwrap();
    for args in [vec!["list"], vec!["add", "Ada"]] {
        let out = book.with(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_one_line(&stderr, &args);
        assert!(stderr.contains("newer"), "{stderr}");
    }
    assert!(
        std::fs::read(&book.path).unwrap() == bytes,
        "the file changed"
    );
    assert_eq!(user_version(&book.path), 99);
}

#[test]
fn a_folder_given_as_the_book_is_refused() {
    let book = Book::new();
    std::fs::create_dir(&book.path).unwrap();
    let out = book.with(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_line(&String::from_utf8_lossy(&out.stderr), &["list"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_book_gives_a_clear_error() {
    let book = Book::new();
    book.add("Ada Lovelace", &[]);
    let before = book.snapshot();
    let bytes = std::fs::read(&book.path).unwrap();
    let media = match common::media::ReadOnlyMedia::make(&[&book.path]) {
        Ok(media) => media,
        Err(why) => return common::media::cannot_run("a_read_only_book_gives_a_clear_error", &why),
    };
    let out = book.with(&["add", "Bob"]).output().unwrap();
    drop(media);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_line(&stderr, &["add", "Bob"]);
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(book.snapshot(), before);
    assert!(
        std::fs::read(&book.path).unwrap() == bytes,
        "the file changed"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_book_folder_gives_a_clear_error() {
    let book = Book::new();
    let folder = book.dir.path().join("locked");
    let path = folder.join("book.db");
    std::fs::create_dir(&folder).unwrap();
    let media = match common::media::ReadOnlyMedia::make(&[&folder]) {
        Ok(media) => media,
        Err(why) => {
            return common::media::cannot_run("a_read_only_book_folder_gives_a_clear_error", &why);
        }
    };
    let out = book
        .cmd()
        .arg("--db")
        .arg(&path)
        .args(["--now", MONDAY_9AM, "add", "Bob"])
        .output()
        .unwrap();
    drop(media);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_line(&stderr, &["add", "Bob"]);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(!path.exists());
}

// ---------------------------------------------------------------------------
// 6. Migrations
// ---------------------------------------------------------------------------

#[test]
fn books_from_every_older_schema_open_and_are_upgraded_in_place() {
    use chrono::{TimeZone, Utc};
    let current = followup::store::SCHEMA_VERSION;
    assert!(current >= 2, "schema version {current}");
    let created = Utc
        .with_ymd_and_hms(2026, 11, 20, 14, 0, 0)
        .unwrap()
        .timestamp();
    let attempted = Utc
        .with_ymd_and_hms(2026, 11, 20, 15, 30, 0)
        .unwrap()
        .timestamp();
    // Tuesday 24 November 2026, 10:00–12:00 in Toronto.
    let due_start = Utc
        .with_ymd_and_hms(2026, 11, 24, 15, 0, 0)
        .unwrap()
        .timestamp();
    let due_end = Utc
        .with_ymd_and_hms(2026, 11, 24, 17, 0, 0)
        .unwrap()
        .timestamp();
    for version in 1..current {
        let book = Book::new();
        {
            let mut conn = rusqlite::Connection::open(&book.path).unwrap();
            followup::store::migrate_to(&mut conn, version).unwrap();
            assert_eq!(user_version(&book.path), version as i64);
            conn.execute(
                "INSERT INTO prospect (name, company, value_cents, probability, status, \
                 last_contact_at, created_at, updated_at) \
                 VALUES ('Old Olga', 'Legacy Inc', 500000, 30, 'active', ?1, ?2, ?2)",
                [attempted, created],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO attempt (prospect_id, at, channel, outcome, note) \
                 VALUES (1, ?1, 'call', 'reached', 'wants a quote for 3 windows')",
                [attempted],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO next_step (prospect_id, action, due_start, due_end, note, created_at) \
                 VALUES (1, 'call', ?1, ?2, 'call back with prices', ?3)",
                [due_start, due_end, attempted],
            )
            .unwrap();
        }
        // A command that only reads changes nothing: it says how to upgrade.
        let bytes = std::fs::read(&book.path).unwrap();
        let msg = book.refused(&["show", "1"], 1);
        assert!(msg.contains("older"), "from version {version}: {msg}");
        assert!(
            std::fs::read(&book.path).unwrap() == bytes,
            "the file changed"
        );
        // Any command that writes upgrades it.
        book.run_json(&["note", "1", "after the upgrade"]);
        let v = book.run_json(&["show", "1"]);
        assert_eq!(v["name"], "Old Olga", "from version {version}: {v}");
        assert_eq!(v["company"], "Legacy Inc");
        assert_eq!(v["value_cents"], 500_000);
        assert_eq!(v["status"], "active");
        assert_eq!(v["attempts"][0]["note"], "wants a quote for 3 windows");
        assert_eq!(v["attempts"][0]["at"], "2026-11-20T10:30:00-05:00");
        assert_eq!(v["next_step"]["action"], "call");
        assert_eq!(v["next_step"]["note"], "call back with prices");
        assert_eq!(v["next_step"]["due"]["start"], "2026-11-24T10:00:00-05:00");
        assert_eq!(v["next_step"]["due"]["end"], "2026-11-24T12:00:00-05:00");
        assert_eq!(v["series"]["step"], 1);
        assert_eq!(
            user_version(&book.path),
            current as i64,
            "upgraded in place from {version}"
        );
        // The upgrade indexed the old rows: the open step puts Olga in the
        // queue of its day.
        let today = book.run_json(&["today", "--now", "2026-11-24T09:00"]);
        assert_eq!(
            today["due_today"][0]["name"], "Old Olga",
            "from version {version}: {today}"
        );
        assert!(today["no_next_step"].as_array().unwrap().is_empty());
        // The upgraded book takes new work.
        let logged = book.run_json(&["log", "1", "voicemail"]);
        assert_eq!(logged["attempt"]["series_step"], 1);
    }
}

#[test]
fn negative_amounts_and_bad_ids_get_a_clear_sentence() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    let msg = book.usage_error(&["add", "X", "--value", "-5"]);
    assert!(msg.contains("cannot be negative"), "{msg}");
    let msg = book.usage_error(&["edit", &id, "--probability", "-1"]);
    assert!(msg.contains("0 to 100"), "{msg}");
    let msg = book.usage_error(&["show", "abc"]);
    assert!(msg.contains("is not a prospect id"), "{msg}");
}

#[test]
fn demo_needs_an_explicit_book() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(["demo", "--prospects", "5"])
        .env_remove("FOLLOWUP_DB")
        .env("HOME", "/nonexistent-home-for-followup-tests")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--db PATH"));
}

#[test]
fn a_next_step_in_the_past_is_refused() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    // At 09:00 on Monday 23 Nov: last Friday, and today's 8 o'clock, are over.
    let msg = book.refused(&["next", &id, "2026-11-20 10:00"], 2);
    assert!(msg.contains("has already passed"), "{msg}");
    book.refused(&["next", &id, "today 8am"], 2);
    book.refused(&["log", &id, "reached", "--next", "2026-11-01"], 2);
    // Later today is fine.
    book.run_json(&["next", &id, "today 3pm"]);
}

/// Without a team, `team status` is this book's one consultant.
#[test]
fn team_status_works_on_a_book_of_ones_own() {
    let book = Book::new();
    book.add("Ada Lovelace", &["--next", "today 3pm"]);
    let status = book.run_json(&["team", "status"]);
    let consultants = status["consultants"].as_array().expect("a list");
    assert_eq!(consultants.len(), 1, "{status}");
    assert_eq!(consultants[0]["due_today"], 1, "{status}");
    assert_eq!(consultants[0]["overdue"], 0, "{status}");
}
