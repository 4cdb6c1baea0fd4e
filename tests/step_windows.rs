//! Reminders agreed as alternatives ("fri afternoon or mon morning") are two
//! windows, not the stretch between them: the whole binary, with `--now`.

mod common;

use common::{Book, ids};
use serde_json::Value;

fn find(v: &Value, queue: &str, id: i64) -> Option<Value> {
    v[queue]
        .as_array()?
        .iter()
        .find(|i| i["id"].as_i64() == Some(id))
        .cloned()
}

#[test]
fn fri_afternoon_or_mon_morning_waits_over_the_weekend() {
    let book = Book::new();
    let friday = "2026-11-27T10:00";
    let id = book.add_at(friday, "Weekend Wanda", &[]);
    let set = book.json_at(
        friday,
        &["next", &id.to_string(), "fri afternoon or mon morning"],
    );
    let windows = set["windows"].as_array().expect("a windows array");
    assert_eq!(windows.len(), 2, "{set}");
    assert_eq!(windows[0]["start"], "2026-11-27T12:00:00-05:00", "{set}");
    assert_eq!(windows[1]["end"], "2026-11-30T12:00:00-05:00", "{set}");
    // The existing fields stay: `due` spans both.
    assert_eq!(set["due"]["start"], "2026-11-27T12:00:00-05:00", "{set}");
    assert_eq!(set["due"]["end"], "2026-11-30T12:00:00-05:00", "{set}");
    assert!(
        set["due"]["text"].as_str().unwrap().contains(" or "),
        "{set}"
    );

    // Friday: due today, by Friday's window.
    let v = book.json_at(friday, &["today"]);
    let item = find(&v, "due_today", id).expect("due on friday");
    assert_eq!(item["due"]["start"], "2026-11-27T12:00:00-05:00", "{item}");
    assert_eq!(item["due_now"], false, "{item}");
    assert_eq!(item["windows"].as_array().map(Vec::len), Some(2), "{item}");

    // Saturday: neither due today nor overdue.
    let v = book.json_at("2026-11-28T11:00", &["today"]);
    assert!(!ids(&v["due_today"]).contains(&id), "{v}");
    assert!(!ids(&v["overdue"]).contains(&id), "{v}");
    assert_eq!(v["counts"]["due_today"], 0, "{v}");
    let table = book.table_at("2026-11-28T11:00", &["today"]);
    assert!(!table.contains("Weekend Wanda"), "{table}");

    // Monday 9:00: due now, by Monday's window.
    let v = book.json_at("2026-11-30T09:00", &["today"]);
    let item = find(&v, "due_today", id).expect("due on monday");
    assert_eq!(item["due_now"], true, "{item}");
    assert_eq!(item["due"]["start"], "2026-11-30T08:00:00-05:00", "{item}");
    let table = book.table_at("2026-11-30T09:00", &["today"]);
    assert!(table.contains("Weekend Wanda"), "{table}");

    // Monday afternoon: late, after the last window.
    let v = book.json_at("2026-11-30T12:30", &["today"]);
    assert!(find(&v, "overdue", id).is_some(), "{v}");
}

#[test]
fn show_and_script_name_every_window() {
    let book = Book::new();
    let monday = "2026-11-23T09:00";
    let id = book.add_at(
        monday,
        "Brief Bea",
        &["--next", "Monday after 5 or perhaps Tuesday morning"],
    );
    let shown = book.json_at(monday, &["show", &id.to_string()]);
    let windows = shown["next_step"]["windows"].as_array().expect("windows");
    assert_eq!(windows.len(), 2, "{shown}");
    assert_eq!(windows[0]["start"], "2026-11-23T17:00:00-05:00");
    assert_eq!(windows[0]["end"], "2026-11-23T20:00:00-05:00");
    assert_eq!(windows[1]["start"], "2026-11-24T08:00:00-05:00");
    assert_eq!(windows[1]["end"], "2026-11-24T12:00:00-05:00");
    let text = book.table_at(monday, &["show", &id.to_string()]);
    assert!(
        text.contains("today after 17:00 or tomorrow before 12:00"),
        "{text}"
    );
    let script = book.table_at(monday, &["script", &id.to_string()]);
    assert!(
        script.contains("today after 17:00 or tomorrow before 12:00"),
        "{script}"
    );
}
