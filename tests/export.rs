//! `followup export`, end to end: CSV (with its attempts file), JSON Lines
//! and iCalendar on a book of awkward text, read back and compared with
//! `show --format json`; formula injection; `--watch`.

mod common;

use common::awkward::{PEOPLE, awkward_book};
use common::{Book, assert_one_line};
use followup::exchange::cells::{is_dangerous, restore};
use followup::exchange::csv::{ATTEMPT_COLUMNS, PROSPECT_COLUMNS};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// The keys of `show --format json` that hold an object or a list (or
/// null in their place), which the exports flatten or carry differently.
const NESTED: [&str; 5] = [
    "series",
    "next_step",
    "last_conversation",
    "finished",
    "attempts",
];

/// A CSV file as header + rows of cells exactly as written.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).expect("open the export");
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// A row as column → cell, the neutralising mark taken off.
fn restored(header: &[String], row: &[String]) -> BTreeMap<String, String> {
    header
        .iter()
        .cloned()
        .zip(row.iter().map(|c| restore(c).to_string()))
        .collect()
}

/// A JSON scalar as the CSV writes it (null: empty).
fn as_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Exports the awkward book as CSV with its attempts; returns the folder's
/// two files.
fn csv_export(book: &Book) -> (std::path::PathBuf, std::path::PathBuf) {
    let people = book.dir.path().join("people.csv");
    let calls = book.dir.path().join("attempts.csv");
    let out = book
        .with(&["export", "--out"])
        .arg(&people)
        .arg("--attempts")
        .arg(&calls)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "--out leaves stdout alone");
    (people, calls)
}

#[test]
fn csv_keeps_every_field_of_every_prospect_and_attempt() {
    let book = Book::new();
    let ids = awkward_book(&book);
    let (people, calls) = csv_export(&book);
    let (header, rows) = read_csv(&people);
    assert_eq!(header, PROSPECT_COLUMNS);
    assert_eq!(rows.len(), PEOPLE.len());
    let (attempt_header, attempt_rows) = read_csv(&calls);
    assert_eq!(attempt_header, ATTEMPT_COLUMNS);
    let mut attempts_seen = 0;
    for ((id, person), row) in ids.iter().zip(PEOPLE).zip(&rows) {
        let cells = restored(&header, row);
        let show = book.show(*id);
        assert_eq!(cells["name"], person.name);
        // Every column named like a key of `show` holds what it shows.
        let mut compared = 0;
        for (key, value) in show.as_object().unwrap() {
            if let Some(cell) = cells.get(key)
                && !NESTED.contains(&key.as_str())
            {
                assert_eq!(cell, &as_cell(value), "{} {key}", person.name);
                compared += 1;
            }
        }
        assert!(compared >= 18, "only {compared} columns compared");
        let history = book.run_json(&["history", &id.to_string()]);
        assert_eq!(cells["uid"], as_cell(&history["uid"]));
        // The open next step, flattened.
        let step = &show["next_step"];
        assert_eq!(cells["next_step_action"], as_cell(&step["action"]));
        assert_eq!(cells["next_step_due_start"], as_cell(&step["due"]["start"]));
        assert_eq!(cells["next_step_due_end"], as_cell(&step["due"]["end"]));
        assert_eq!(cells["next_step_note"], as_cell(&step["note"]));
        assert_eq!(cells["next_step_created_at"], as_cell(&step["created_at"]));
        let windows = step["windows"].as_array().map_or(0, Vec::len);
        assert_eq!(
            cells["next_step_windows"]
                .split(' ')
                .filter(|w| !w.is_empty())
                .count(),
            if windows > 1 { windows } else { 0 },
            "{}",
            cells["next_step_windows"]
        );
        // The series as the book keeps it.
        if let Some(series) = show["series"].as_object() {
            assert_eq!(cells["series_done"], as_cell(&series["done"]));
            assert_eq!(cells["series_paused"], as_cell(&series["paused"]));
        }
        // Attempts: the same, in time order, each naming its prospect.
        let mut shown: Vec<&Value> = show["attempts"].as_array().unwrap().iter().collect();
        shown.sort_by_key(|a| (a["at"].as_str().unwrap().to_string(), a["id"].as_i64()));
        let mine: Vec<BTreeMap<String, String>> = attempt_rows
            .iter()
            .map(|r| restored(&attempt_header, r))
            .filter(|a| a["prospect_uid"] == cells["uid"])
            .collect();
        assert_eq!(mine.len(), shown.len(), "{}", person.name);
        assert_eq!(mine.len(), person.attempts.len());
        for ((a, s), (outcome, note)) in mine.iter().zip(&shown).zip(person.attempts) {
            assert_eq!(a["prospect_id"], id.to_string());
            assert_eq!(&a["outcome"], outcome);
            assert_eq!(&a["note"], note);
            for key in ["at", "channel", "outcome", "note", "series_step"] {
                assert_eq!(a[key], as_cell(&s[key]), "{key}");
            }
            assert_eq!(a["uid"].len(), 36);
            attempts_seen += 1;
        }
    }
    assert_eq!(attempts_seen, attempt_rows.len());
}

#[test]
fn every_dangerous_cell_is_neutralised() {
    let book = Book::new();
    awkward_book(&book);
    let (people, calls) = csv_export(&book);
    let mut marked = 0;
    for path in [&people, &calls] {
        let (_, rows) = read_csv(path);
        for cell in rows.iter().flatten() {
            assert!(!is_dangerous(cell), "{cell:?} in {}", path.display());
            if cell.starts_with('\'') {
                marked += 1;
                assert!(
                    is_dangerous(restore(cell)) || restore(cell).starts_with('\''),
                    "{cell:?} was marked for nothing"
                );
            }
        }
    }
    let text = std::fs::read_to_string(&people).unwrap();
    for expected in [
        "'=HYPERLINK(",
        "'+1 (555) 010-1234",
        "'-20% or no deal",
        "'@Handle Person",
        "''=already quoted",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    assert!(marked >= 10, "only {marked} cells marked");
}

#[test]
fn json_lines_carry_everything_show_does() {
    let book = Book::new();
    let ids = awkward_book(&book);
    let out = book.with(&["export", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), PEOPLE.len());
    for (id, line) in ids.iter().zip(&lines) {
        let show = book.show(*id);
        for (key, value) in show.as_object().unwrap() {
            if !NESTED.contains(&key.as_str()) {
                assert_eq!(&line[key], value, "{key}");
            }
        }
        let attempts = line["attempts"].as_array().unwrap();
        assert_eq!(attempts.len(), show["attempts"].as_array().unwrap().len());
        let open: Vec<&Value> = line["next_steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["done_at"].is_null())
            .collect();
        if show["next_step"].is_null() {
            assert!(open.is_empty());
        } else {
            assert_eq!(open.len(), 1);
            assert_eq!(open[0]["due"]["start"], show["next_step"]["due"]["start"]);
            assert_eq!(
                open[0]["windows"].as_array().unwrap().len(),
                show["next_step"]["windows"].as_array().unwrap().len()
            );
        }
    }
}

#[test]
fn the_status_filter_and_the_calendar_on_stdout() {
    let book = Book::new();
    awkward_book(&book);
    let out = book
        .with(&["export", "--status", "lost", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("@Handle Person"));

    let out = book.with(&["export", "--format", "ics"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let calendar: icalendar::Calendar = text.parse().expect("a calendar");
    // O'Brien's two windows and Jane's one.
    assert_eq!(calendar.components.len(), 3, "{text}");
    assert!(
        text.contains("DTSTAMP:20261123T140000Z"),
        "stamped with --now: {text}"
    );
}

#[test]
fn export_refuses_what_does_not_fit_in_one_sentence() {
    let book = Book::new();
    book.add("Ada", &[]);
    for args in [
        &["export", "--format", "json", "--attempts", "a.csv"][..],
        &["export", "--format", "table"],
        &["export", "--watch", "x.csv"],
        &["list", "--format", "csv"],
        &["today", "--format", "ics"],
    ] {
        let stderr = book.refused(args, 2);
        assert_one_line(&stderr, args);
    }
    let db = book.path.to_string_lossy().into_owned();
    let stderr = book.refused(&["export", "--out", &db], 2);
    assert!(stderr.contains("is the book itself"), "{stderr}");
}

/// Waits (polling, up to ten seconds) until `done` holds.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_keeps_the_calendar_up_to_date_until_ctrl_c() {
    let book = Book::new();
    book.add("Ada", &["--next", "tue morning"]);
    let calendar = book.dir.path().join("next.ics");
    let mut child = book
        .std_cmd(&["export", "--format", "ics", "--interval", "1", "--watch"])
        .arg(&calendar)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let read = || std::fs::read_to_string(&calendar).unwrap_or_default();
    wait_for("the first calendar", || read().contains("SUMMARY:Call Ada"));
    book.add("Grace", &["--next", "wed morning"]);
    wait_for("Grace in the calendar", || {
        read().contains("SUMMARY:Call Grace")
    });
    assert!(read().ends_with("END:VCALENDAR\r\n"));
    let pid = child.id().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut status = None;
    wait_for("the watch to stop", || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    assert!(status.unwrap().success(), "Ctrl-C is a clean stop");
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(stderr.contains("stopped"), "{stderr}");
    let names: Vec<String> = std::fs::read_dir(book.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".followup-export-")),
        "no temporary file left: {names:?}"
    );
}
