//! The voicemail series, worked through the `followup` binary.

mod common;

use chrono::{DateTime, Datelike, Timelike, Weekday};
use common::{Book, ids, s};
use serde_json::Value;

/// The local wall-clock time of an RFC 3339 string as printed (local offset).
fn parse(t: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(t).unwrap_or_else(|e| panic!("{t:?} is not RFC 3339: {e}"))
}

/// `--now` for the next attempt: the start of the open next step, or the
/// last attempt's time when the window opened before it (a step scheduled
/// for "today" spans the whole business day, so it may start earlier).
fn due_start(v: &Value) -> String {
    let start = s(&v["next_step"]["due"], "start");
    match v["attempts"][0]["at"].as_str() {
        Some(last) if parse(last) > parse(start) => last.to_string(),
        _ => start.to_string(),
    }
}

/// Logs the unanswered attempt the open next step asks for, at its start.
fn log_unanswered(book: &Book, id: i64, v: &Value) -> (String, Value) {
    let at = due_start(v);
    let outcome = if v["next_step"]["action"] == "email" {
        "email"
    } else {
        "voicemail"
    };
    let logged = book.json_at(&at, &["log", &id.to_string(), outcome]);
    (at, logged)
}

#[test]
fn unanswered_attempts_work_the_whole_series_then_close_out() {
    let book = Book::new();
    let id = book.add(
        "Ada Lovelace",
        &["--phone", "555-0101", "--next", "mon 9am"],
    );
    let mut v = book.show(id);
    let steps = v["series"]["steps"].as_u64().unwrap();
    assert_eq!(steps, 10, "the default series has 10 steps");
    assert_eq!(v["series"]["step"], 1);
    let mut performed = 0u64;
    loop {
        assert!(
            performed < steps,
            "still active after {performed} attempts: {v}"
        );
        let at = s(&v["next_step"]["due"], "start").to_string();
        let start = parse(&at);
        assert!(
            !matches!(start.weekday(), Weekday::Sat | Weekday::Sun),
            "step {} scheduled on a weekend: {at}",
            performed + 1
        );
        let minutes = start.hour() * 60 + start.minute();
        assert!(
            (8 * 60..=20 * 60).contains(&minutes),
            "outside business hours: {at}"
        );
        assert_eq!(
            start.offset().local_minus_utc(),
            -5 * 3600,
            "not local Toronto time: {at}"
        );

        let (at, logged) = log_unanswered(&book, id, &v);
        performed += 1;
        assert_eq!(logged["attempt"]["series_step"], performed, "{logged}");
        v = book.json_at(&at, &["show", &id.to_string()]);
        let attempts = v["attempts"].as_array().unwrap();
        assert_eq!(attempts.len() as u64, performed, "{v}");
        assert_eq!(attempts[0]["series_step"], performed, "newest attempt: {v}");
        assert_eq!(attempts[0]["at"].as_str().map(parse), Some(parse(&at)));
        if v["status"] == "closed-out" {
            // Finished: how it ended, no series position left to report.
            assert!(v["series"].is_null(), "{v}");
            assert_eq!(v["finished"]["status"], "closed-out", "{v}");
        } else {
            assert_eq!(v["series"]["done"], performed);
        }
        assert_eq!(
            logged["closed_out"],
            v["status"] == "closed-out",
            "{logged}"
        );
        if v["status"] == "closed-out" {
            assert_eq!(logged["status"], "closed-out");
            assert!(logged["next_step"].is_null(), "{logged}");
            break;
        }
        assert_eq!(v["status"], "active");
        assert_eq!(
            v["series"]["step"],
            performed + 1,
            "series advances by one: {v}"
        );
        assert!(
            v["next_step"].is_object(),
            "an active prospect in the series has a next step: {v}"
        );
    }
    assert_eq!(performed, steps, "closed out after every step");
    assert!(v["next_step"].is_null(), "{v}");
    assert!(v["closed_at"].is_string(), "{v}");
    assert_eq!(v["attempts"][0]["series_step"], steps);
    let kinds: Vec<&str> = v["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "email").count(),
        2,
        "{kinds:?}"
    );
    // A closed-out prospect takes no more attempts and shows under its status.
    let listed = book.run_json(&["list", "--status", "closed-out"]);
    assert_eq!(ids(&listed), vec![id]);
}

/// Adds a prospect due Monday 9:00 and logs two voicemails; returns the
/// prospect id and its `show` afterwards.
fn after_two_voicemails(book: &Book) -> (i64, Value) {
    let id = book.add("Ada Lovelace", &["--next", "mon 9am"]);
    let mut v = book.show(id);
    for _ in 0..2 {
        let (at, logged) = log_unanswered(book, id, &v);
        assert_eq!(logged["attempt"]["outcome"], "voicemail");
        v = book.json_at(&at, &["show", &id.to_string()]);
    }
    assert_eq!(v["series"]["step"], 3, "{v}");
    (id, v)
}

#[test]
fn reaching_the_prospect_leaves_the_series_without_a_next_step() {
    let book = Book::new();
    let (id, v) = after_two_voicemails(&book);
    let at = due_start(&v);
    let logged = book.json_at(
        &at,
        &[
            "log",
            &id.to_string(),
            "reached",
            "--note",
            "wants a quote for 3 windows",
        ],
    );
    assert_eq!(logged["attempt"]["outcome"], "reached");
    let v = book.json_at(&at, &["show", &id.to_string()]);
    assert!(v["next_step"].is_null(), "{v}");
    assert_eq!(v["series"]["step"], 1, "{v}");
    assert_eq!(v["status"], "active");
    assert_eq!(v["attempts"][0]["note"], "wants a quote for 3 windows");
    let today = book.json_at(&at, &["today"]);
    assert_eq!(ids(&today["no_next_step"]), vec![id], "{today}");
    assert!(
        ids(&today["due_today"]).is_empty() && ids(&today["overdue"]).is_empty(),
        "{today}"
    );
}

#[test]
fn reaching_the_prospect_with_an_agreed_time_schedules_it() {
    let book = Book::new();
    let (id, v) = after_two_voicemails(&book);
    let at = due_start(&v);
    book.json_at(
        &at,
        &[
            "log",
            &id.to_string(),
            "reached",
            "--note",
            "wants a quote for 3 windows",
            "--next",
            "fri 10am",
        ],
    );
    let v = book.json_at(&at, &["show", &id.to_string()]);
    assert_eq!(v["next_step"]["action"], "call");
    assert_eq!(
        v["next_step"]["due"]["start"], "2026-11-27T10:00:00-05:00",
        "{v}"
    );
    assert_eq!(v["series"]["step"], 1);
}

#[test]
fn script_fills_in_the_prospect_and_the_profile() {
    let book = Book::new();
    let id = book.add(
        "Ada Lovelace",
        &["--product", "triple glazing", "--next", "mon 9am"],
    );
    let v = book.run_json(&["script", &id.to_string()]);
    for key in ["label", "kind", "text"] {
        assert!(v[key].is_string(), "script has no {key}: {v}");
    }
    assert_eq!(v["step"], 1);
    assert_eq!(v["steps"], 10);
    let text = s(&v, "text");
    assert!(text.contains("Ada"), "{text}");
    assert!(!text.contains("Lovelace Lovelace"));
    assert!(
        !text.contains('{') && !text.contains('}'),
        "unfilled placeholder: {text}"
    );

    book.write_config(
        "config.toml",
        "[profile]\nname = \"Sam Carter\"\nphone = \"555-0100\"\n",
    );
    let mut shown = book.show(id);
    let mut at = book.now.clone();
    while shown["series"]["step"] != 10 {
        let (when, _) = log_unanswered(&book, id, &shown);
        at = when;
        shown = book.json_at(&at, &["show", &id.to_string()]);
    }
    let v = book.json_at(&at, &["script", &id.to_string()]);
    assert_eq!(v["step"], 10);
    assert_eq!(v["kind"], "final");
    let text = s(&v, "text");
    assert!(text.contains("555-0100"), "{text}");
    assert!(text.contains("Ada"), "{text}");
    assert!(!text.contains('{'), "{text}");
    let table = book.table_at(&at, &["script", &id.to_string()]);
    assert!(
        table.contains("555-0100") && table.contains("10/10"),
        "{table}"
    );
}

#[test]
fn a_paused_series_does_not_advance() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "mon 9am"]);
    let sid = id.to_string();
    book.run_json(&["log", &sid, "voicemail"]);
    assert_eq!(book.show(id)["series"]["step"], 2);

    let v = book.run_json(&["pause", &sid]);
    assert_eq!(v["series"]["paused"], true);
    let msg = book.refused(&["pause", &sid], 1);
    assert!(msg.contains("paused"), "{msg}");
    let logged = book.json_at(
        "2026-11-23T09:15",
        &["log", &sid, "voicemail", "--next", "tomorrow"],
    );
    assert!(logged["attempt"]["series_step"].is_null(), "{logged}");
    let v = book.json_at("2026-11-23T09:15", &["show", &sid]);
    assert_eq!(v["series"]["step"], 2, "paused: {v}");
    assert_eq!(v["series"]["paused"], true);
    assert_eq!(v["next_step"]["due"]["start"], "2026-11-24T08:00:00-05:00");

    let v = book.run_json(&["resume", &sid]);
    assert_eq!(v["series"]["paused"], false);
    book.refused(&["resume", &sid], 1);
    let logged = book.json_at("2026-11-24T08:00", &["log", &sid, "voicemail"]);
    assert_eq!(logged["attempt"]["series_step"], 2, "{logged}");
    let v = book.json_at("2026-11-24T08:00", &["show", &sid]);
    assert_eq!(v["series"]["step"], 3, "resumed: {v}");
}

#[test]
fn series_lists_the_default_with_ten_steps() {
    let book = Book::new();
    let v = book.run_json(&["series"]);
    let default = v
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "default")
        .expect("default series");
    assert_eq!(default["default"], true);
    assert_eq!(default["steps"].as_array().unwrap().len(), 10);
    assert_eq!(default["steps"][9]["kind"], "final");
    let text = book.run_table(&["series"]);
    assert!(text.contains("default (default)"), "{text}");
}

#[test]
fn a_malformed_series_file_warns_and_the_default_is_used() {
    let book = Book::new();
    followup::store::Book::open(&book.path).unwrap();
    let bad = book.write_config(
        "series/bad.toml",
        "name = \"bad\"\ndescription = \"broken\"\n\n[[step]]\nkind = \"voicemail\"\nlabel = \"VM\"\nscript = \"hi\"\nnext = \"in 15 min\"\n\n[[step]]\nkind = \"shout\"\n",
    );
    for args in [vec!["series"], vec!["list"]] {
        let out = book
            .with(&args)
            .arg("--format")
            .arg("json")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains("warning"), "{stderr}");
        assert!(
            stderr.contains(&bad.display().to_string()),
            "names the file: {stderr}"
        );
        let line_no = stderr
            .split(&format!("{}:", bad.display()))
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse::<usize>().ok());
        assert!(
            matches!(line_no, Some(n) if n >= 1),
            "no line number: {stderr}"
        );
        assert!(
            serde_json::from_slice::<Value>(&out.stdout).is_ok(),
            "stdout stays JSON"
        );
    }
    let v = book.run_json(&["series"]);
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["default"]);
    let id = book.add("Ada Lovelace", &["--next", "mon 9am"]);
    assert_eq!(book.show(id)["series"]["name"], "default");
    assert_eq!(book.show(id)["series"]["steps"], 10);
}
