//! Reminders that tell the truth about the working week: the grace period
//! of an exact time, agreed long waits, pausing until a date, and finished
//! prospects that say how they ended.

mod common;

use common::{Book, ids};
use serde_json::Value;

fn in_queue(v: &Value, queue: &str, id: i64) -> bool {
    ids(&v[queue]).contains(&id)
}

#[test]
fn an_exact_time_is_late_only_after_the_grace_period() {
    let book = Book::new();
    // Agreed at 07:00 for exactly 08:45; a window agreed for the morning.
    let exact = book.add_at("2026-11-23T07:00", "Exact Eve", &["--next", "08:45"]);
    let morning = book.add_at(
        "2026-11-23T07:00",
        "Morning Mo",
        &["--next", "today morning"],
    );

    // 09:00: a quarter of an hour over, inside the default 30 minutes.
    let v = book.json_at("2026-11-23T09:00", &["today"]);
    assert!(in_queue(&v, "due_today", exact), "{v}");
    assert!(!in_queue(&v, "overdue", exact), "{v}");
    // 09:16: the grace period is over.
    let v = book.json_at("2026-11-23T09:16", &["today"]);
    assert!(in_queue(&v, "overdue", exact), "{v}");
    assert!(!in_queue(&v, "due_today", exact), "{v}");
    assert_eq!(v["overdue"][0]["days_late"], 0, "{v}");

    // A window is late when it ends, with no grace.
    let v = book.json_at("2026-11-23T12:01", &["today"]);
    assert!(in_queue(&v, "overdue", morning), "{v}");

    // The grace period is a setting, shown with its source.
    book.write_config("config.toml", "[cockpit]\ngrace_minutes = 10\n");
    let v = book.json_at("2026-11-23T09:00", &["today"]);
    assert!(in_queue(&v, "overdue", exact), "{v}");
    let config = book.run_json(&["config"]);
    assert_eq!(config["cockpit.grace_minutes"]["value"], "10", "{config}");
    assert!(
        config["cockpit.grace_minutes"]["source"]
            .as_str()
            .unwrap()
            .contains("config.toml"),
        "{config}"
    );
}

#[test]
fn a_bad_grace_period_names_its_file_and_line() {
    let book = Book::new();
    for (text, says) in [
        (
            "[cockpit]\nquiet_days = 14\ngrace_minutes = -5\n",
            "config.toml:3",
        ),
        (
            "[cockpit]\nquiet_days = 14\ngrace_minutes = 721\n",
            "0 to 720",
        ),
    ] {
        book.write_config("config.toml", text);
        let out = book.with(&["config"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.contains("config.toml:3") && stderr.contains(says),
            "{stderr}"
        );
    }
}

#[test]
fn an_agreed_long_wait_is_not_gone_quiet() {
    let book = Book::new();
    // Both agreed on 20 November, and nothing heard since.
    let holidays = book.add_at("2026-11-20T10:00", "Holly Days", &["--next", "2027-01-15"]);
    let soon = book.add_at("2026-11-20T10:00", "Quinn Soon", &["--next", "2026-12-10"]);

    // 7 December: seventeen days without a word.
    let v = book.json_at("2026-12-07T09:00", &["today"]);
    // After the holidays is what was agreed: a wait, not silence.
    assert!(!in_queue(&v, "gone_quiet", holidays), "{v}");
    // A call agreed for three days from now, after weeks of silence: confirm it.
    assert!(in_queue(&v, "gone_quiet", soon), "{v}");
    assert_eq!(v["counts"]["gone_quiet"], 1, "{v}");

    // The long wait is listed as quiet once its date is within the period.
    let v = book.json_at("2027-01-04T09:00", &["today"]);
    assert!(in_queue(&v, "gone_quiet", holidays), "{v}");
}

#[test]
fn pause_until_holds_a_prospect_then_brings_it_back() {
    let book = Book::new();
    // Agreed last Thursday for Friday 10:00: overdue on Monday.
    let late = book.add_at("2026-11-19T09:00", "Late Larry", &["--next", "fri 10am"]);
    let quiet = book.add_at(
        "2026-11-02T09:00",
        "Quiet Quentin",
        &["--next", "2026-11-30"],
    );
    let v = book.run_json(&["today"]);
    assert!(in_queue(&v, "overdue", late), "{v}");
    assert!(in_queue(&v, "gone_quiet", quiet), "{v}");

    let p = book.run_json(&["pause", &late.to_string(), "--until", "dec 2"]);
    assert_eq!(p["series"]["paused"], true, "{p}");
    assert_eq!(
        p["series"]["paused_until"], "2026-12-02T08:00:00-05:00",
        "{p}"
    );
    book.run_json(&["pause", &quiet.to_string(), "--until", "dec 2"]);
    let line = book.run_table(&["show", &late.to_string()]);
    assert!(line.contains("paused until"), "{line}");

    // Held: off the overdue and quiet lists.
    let v = book.run_json(&["today"]);
    assert!(!in_queue(&v, "overdue", late), "{v}");
    assert!(!in_queue(&v, "gone_quiet", quiet), "{v}");
    let v = book.json_at("2026-12-01T19:00", &["today"]);
    assert!(!in_queue(&v, "overdue", late), "{v}");

    // Logging while held never takes the next step away.
    book.run_json(&["log", &late.to_string(), "voicemail"]);
    assert!(book.show(late)["next_step"].is_object());

    // The pause ends by itself: back on the list, nothing to run.
    let v = book.json_at("2026-12-02T08:01", &["today"]);
    assert!(in_queue(&v, "overdue", late), "{v}");
    let shown = book.json_at("2026-12-02T08:01", &["show", &late.to_string()]);
    assert_eq!(shown["series"]["paused"], false, "{shown}");

    // Without --until the pause lasts until resumed, as before.
    book.run_json(&["resume", &late.to_string()]);
    let p = book.run_json(&["pause", &late.to_string()]);
    assert!(p["series"]["paused_until"].is_null(), "{p}");
    let v = book.json_at("2027-06-01T09:00", &["today"]);
    assert!(!in_queue(&v, "overdue", late), "{v}");
}

#[test]
fn a_pause_must_end_in_the_future() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "tomorrow"]);
    let err = book.refused(&["pause", &id.to_string(), "--until", "in 0 min"], 2);
    assert!(err.contains("after now"), "{err}");
}

#[test]
fn a_finished_prospect_has_no_script() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "tomorrow"]);
    book.run_json(&["won", &id.to_string()]);
    let err = book.refused(&["script", &id.to_string()], 1);
    assert!(
        err.contains("Ada Lovelace is won; there is no script to read — reopen them first"),
        "{err}"
    );
    let closed = book.add("Bo Closed", &[]);
    book.run_json(&["close", &closed.to_string()]);
    let err = book.refused(&["script", &closed.to_string()], 1);
    assert!(err.contains("is closed out;"), "{err}");
}

#[test]
fn show_says_how_a_finished_prospect_ended() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "tomorrow"]);
    book.run_json(&["log", &id.to_string(), "voicemail"]);
    book.run_json(&["lost", &id.to_string(), "--reason", "went with a rival"]);

    let v = book.show(id);
    assert!(v["series"].is_null(), "{v}");
    assert_eq!(v["finished"]["status"], "lost", "{v}");
    assert_eq!(v["finished"]["reason"], "went with a rival", "{v}");
    assert_eq!(v["finished"]["at"], v["closed_at"], "{v}");
    assert!(v["finished"]["at"].is_string(), "{v}");

    let text = book.run_table(&["show", &id.to_string()]);
    assert!(text.contains("Finished"), "{text}");
    assert!(!text.contains("step 2/"), "{text}");
    assert!(!text.contains("Series"), "{text}");

    // An active prospect keeps its series and has no `finished`.
    let active = book.add("Bea Active", &[]);
    let v = book.show(active);
    assert!(
        v["series"].is_object() && v.get("finished").is_none(),
        "{v}"
    );
}
