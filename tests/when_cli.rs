//! The window language on the command line: the product brief's own
//! example, past words refused as passed (exit 2), and numeric dates read
//! by the configured `[schedule] date_order`.

mod common;

use common::Book;

#[test]
fn the_brief_example_and_new_forms_schedule() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    let v = book.run_json(&["next", &id, "Monday after 5 or perhaps Tuesday morning"]);
    assert_eq!(v["due"]["start"], "2026-11-23T17:00:00-05:00", "{v}");
    assert_eq!(v["due"]["end"], "2026-11-24T12:00:00-05:00", "{v}");
    // Two windows, not the stretch between them.
    assert_eq!(v["windows"][0]["end"], "2026-11-23T20:00:00-05:00", "{v}");
    assert_eq!(v["windows"][1]["start"], "2026-11-24T08:00:00-05:00", "{v}");
    let v = book.run_json(&["next", &id, "first week of December"]);
    assert_eq!(v["due"]["start"], "2026-12-01T08:00:00-05:00", "{v}");
    assert_eq!(v["due"]["end"], "2026-12-07T20:00:00-05:00", "{v}");
}

#[test]
fn past_words_are_refused_as_passed() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    for when in ["yesterday", "last monday", "last week", "2 days ago"] {
        let msg = book.refused(&["next", &id, when], 2);
        assert!(msg.contains("has already passed"), "{when}: {msg}");
    }
}

#[test]
fn numeric_dates_follow_the_configured_order() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    let msg = book.refused(&["next", &id, "12/1"], 2);
    assert!(
        msg.contains("write \"dec 1\" or \"12 jan\"") && msg.contains("date_order"),
        "{msg}"
    );
    std::fs::create_dir_all(&book.config_dir).unwrap();
    std::fs::write(
        book.config_dir.join("config.toml"),
        "[schedule]\ndate_order = \"dmy\"\n",
    )
    .unwrap();
    let v = book.run_json(&["next", &id, "12/1"]);
    assert_eq!(v["due"]["start"], "2027-01-12T08:00:00-05:00", "{v}");
    let shown = book.run_table(&["config"]);
    assert!(
        shown.contains("schedule.date_order") && shown.contains("dmy"),
        "{shown}"
    );
    std::fs::write(
        book.config_dir.join("config.toml"),
        "[schedule]\ndate_order = \"ymd\"\n",
    )
    .unwrap();
    let out = book.with(&["next", &id, "12/1"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("config.toml:2:"),
        "{err}"
    );
}
