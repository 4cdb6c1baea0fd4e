//! `debrief` and `debriefs`: the two debriefs after an appointment on the
//! command line, "no debrief" in `today`, and the manager's coaching sheet.

mod common;

use common::Book;

fn debrief(
    book: &Book,
    now: &str,
    id: &str,
    work_on: &str,
    next: Option<&str>,
) -> serde_json::Value {
    let mut args = vec![
        "debrief",
        id,
        "--product",
        "Bay window",
        "--value",
        "12.5k",
        "--probability",
        "60",
        "--well",
        "Listened to their goals",
        "--well",
        "Measured on the spot",
        "--well",
        "Left a written quote",
        "--work-on",
        work_on,
    ];
    if let Some(next) = next {
        args.extend(["--next", next]);
    }
    book.json_at(now, &args)
}

fn in_queue(today: &serde_json::Value, queue: &str, id: i64) -> bool {
    today[queue]
        .as_array()
        .is_some_and(|a| a.iter().any(|i| i["id"] == id))
}

#[test]
fn a_meeting_owes_a_debrief_until_it_is_recorded_and_it_sets_the_next_step() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &["--next", "today"]);
    let ids = id.to_string();
    book.run_json(&["log", &ids, "meeting", "--note", "measured the bay"]);
    let today = book.json_at("2026-11-23T10:00", &["today"]);
    assert!(in_queue(&today, "no_debrief", id), "{today}");
    assert_eq!(today["counts"]["no_debrief"], 1, "{today}");
    let table = book.table_at("2026-11-23T10:00", &["today"]);
    assert!(table.contains("NO DEBRIEF (1)"), "{table}");
    let shown = book.table_at("2026-11-23T10:00", &["show", &ids]);
    assert!(shown.contains("owed since the appointment"), "{shown}");

    let v = debrief(
        &book,
        "2026-11-23T10:30",
        &ids,
        "Ask for the order",
        Some("thu morning"),
    );
    assert_eq!(v["value_cents"], 1_250_000, "{v}");
    assert_eq!(v["probability"], 60);
    assert_eq!(v["product"], "Bay window");
    assert_eq!(v["debrief"]["work_on"], "Ask for the order");
    assert_eq!(v["debrief"]["follow_up"], "thu morning");
    assert_eq!(v["debrief"]["well"].as_array().map(Vec::len), Some(3));
    assert!(
        v["next_step"]["due"]["start"]
            .as_str()
            .is_some_and(|s| s.starts_with("2026-11-26T08:00")),
        "{v}"
    );
    let today = book.json_at("2026-11-23T11:00", &["today"]);
    assert!(!in_queue(&today, "no_debrief", id), "{today}");
    // The debrief is in the history, and so is how the estimate moved.
    let h = book.run_json(&["history", &ids]);
    let text = h.to_string();
    assert!(
        text.contains("debrief") && text.contains("probability"),
        "{h}"
    );
}

#[test]
fn the_managers_part_is_required_and_a_refusal_changes_nothing() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    let err = book.refused(
        &[
            "debrief",
            &id,
            "--well",
            "a",
            "--well",
            "b",
            "--work-on",
            "c",
        ],
        2,
    );
    assert!(err.contains("three things done well"), "{err}");
    let err = book.refused(
        &[
            "debrief",
            &id,
            "--well",
            "a",
            "--well",
            " ",
            "--well",
            "b",
            "--work-on",
            "c",
        ],
        2,
    );
    assert!(err.contains("second thing done well"), "{err}");
    let err = book.usage_error(&["debrief", &id, "--well", "a", "--well", "b", "--well", "c"]);
    assert!(err.contains("--work-on"), "{err}");
}

#[test]
fn debriefs_lists_a_period_with_its_recurring_themes() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    debrief(
        &book,
        "2026-11-02T10:00",
        &id,
        "Talk less about price",
        None,
    );
    debrief(&book, "2026-11-20T10:00", &id, "Ask for the order", None);
    debrief(
        &book,
        "2026-11-23T10:00",
        &id,
        "ask for the order sooner",
        None,
    );
    let v = book.json_at("2026-11-23T12:00", &["debriefs", "--since", "2026-11-15"]);
    assert_eq!(v["count"], 2, "{v}");
    assert_eq!(v["work_on_themes"][0]["term"], "ask order");
    assert_eq!(v["work_on_themes"][0]["count"], 2);
    assert!(
        v["well_themes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["term"] == "listened goal" && t["count"] == 2),
        "{v}"
    );
    let all = book.json_at("2026-11-23T12:00", &["debriefs"]);
    assert_eq!(all["count"], 3);
    let table = book.table_at("2026-11-23T12:00", &["debriefs", "--since", "30 days"]);
    assert!(table.contains("3 debriefs since"), "{table}");
    assert!(
        table.contains("To work on, recurring:") && table.contains("2×  ask order"),
        "{table}"
    );
    assert!(table.contains("Ada Lovelace"), "{table}");
}
