//! Days off (`[days_off]` in config.toml), end to end: business words and
//! the series step over them, `config` shows them, a bad one names its line.

mod common;

use common::Book;

const CONFIG: &str = "[days_off]\ndates = [\"2026-12-25\", \"2026-12-28..2027-01-01\"]\n";

#[test]
fn next_business_day_skips_the_holidays() {
    let book = Book::new();
    book.write_config("config.toml", CONFIG);
    let eve = "2026-12-24T10:00";
    let id = book.add_at(eve, "Holly Berry", &[]);
    let set = book.json_at(eve, &["next", &id.to_string(), "next business day"]);
    assert_eq!(set["due"]["start"], "2027-01-04T08:00:00-05:00", "{set}");

    // A day the client named is kept, and marked.
    let text = book.table_at(eve, &["next", &id.to_string(), "tomorrow morning"]);
    assert!(text.contains("(day off)"), "{text}");
    let shown = book.json_at(eve, &["show", &id.to_string()]);
    assert_eq!(
        shown["next_step"]["due"]["start"], "2026-12-25T08:00:00-05:00",
        "{shown}"
    );

    // The series: an email on Christmas Eve is followed up after the break.
    let id = book.add_at(eve, "Evergreen Ed", &[]);
    for outcome in ["voicemail", "voicemail", "email"] {
        book.json_at(eve, &["log", &id.to_string(), outcome]);
    }
    let shown = book.json_at(eve, &["show", &id.to_string()]);
    assert_eq!(
        shown["next_step"]["due"]["start"], "2027-01-04T08:00:00-05:00",
        "{shown}"
    );
}

#[test]
fn config_shows_the_days_off_and_where_they_came_from() {
    let book = Book::new();
    let v = book.run_json(&["config"]);
    assert_eq!(v["days_off.dates"]["value"], "(none)", "{v}");
    assert_eq!(v["days_off.dates"]["source"], "default", "{v}");
    book.write_config("config.toml", CONFIG);
    let v = book.run_json(&["config"]);
    assert_eq!(
        v["days_off.dates"]["value"], "2026-12-25, 2026-12-28..2027-01-01",
        "{v}"
    );
    assert!(
        v["days_off.dates"]["source"]
            .as_str()
            .unwrap()
            .contains("config.toml"),
        "{v}"
    );
}

#[test]
fn a_bad_day_off_names_its_file_and_line() {
    let book = Book::new();
    book.write_config(
        "config.toml",
        "[days_off]\ndates = [\n  \"2026-12-25\",\n  \"2026-12-32\",\n]\n",
    );
    let out = book.with(&["today"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("config.toml:4") && stderr.contains("2026-12-32"),
        "{stderr}"
    );
}
