//! Reminders that tell the truth: "when you last spoke" is the last
//! conversation (a voicemail or an email left since does not change it, and
//! both facts are shown, labelled), and an agreed visit gets a visit script.

mod common;

use common::Book;

#[test]
fn last_spoke_changes_with_a_conversation_and_not_with_a_later_voicemail() {
    let book = Book::new();
    let id = book
        .add_at(
            "2026-11-16T09:00",
            "Ada Lovelace",
            &["--next", "2026-11-18 10:00"],
        )
        .to_string();
    let shown = book.json_at("2026-11-17T09:00", &["show", &id]);
    assert!(shown["last_conversation"].is_null(), "{shown}");
    let table = book.table_at("2026-11-17T09:00", &["show", &id]);
    assert!(table.contains("Last spoke  never contacted"), "{table}");

    book.json_at(
        "2026-11-18T10:00",
        &[
            "log",
            &id,
            "reached",
            "--note",
            "wants the triple pane quote",
            "--next",
            "2026-11-20 10:00",
        ],
    );
    // An email sent since is an attempt, not a conversation.
    book.json_at("2026-11-19T15:00", &["log", &id, "email"]);
    let script = book.json_at("2026-11-19T16:00", &["script", &id]);
    let text = script["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("when you last spoke (yesterday 10:00)"),
        "{text}"
    );
    book.json_at("2026-11-20T10:00", &["log", &id, "voicemail"]);

    let shown = book.json_at("2026-11-20T11:00", &["show", &id]);
    assert_eq!(shown["last_conversation"]["outcome"], "reached", "{shown}");
    assert_eq!(shown["attempts"][0]["outcome"], "voicemail", "{shown}");
    let table = book.table_at("2026-11-20T11:00", &["show", &id]);
    assert!(table.contains("Last spoke  Wed 18 Nov 10:00\n"), "{table}");
}

#[test]
fn an_agreed_visit_gets_a_visit_script_not_a_voicemail() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--product", "the triple pane windows"])
        .to_string();
    book.run_json(&["next", &id, "thu 3pm", "--action", "visit"]);
    let script = book.run_json(&["script", &id]);
    assert_eq!(script["kind"], "visit", "{script}");
    let text = script["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("show how the triple pane windows answers"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("voicemail"), "{text}");
}
