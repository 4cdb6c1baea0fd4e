//! `followup reopen`: a finished prospect back in the pipeline with a next
//! step, the history kept and the lost reason kept in the notes.

mod common;

use common::{Book, s};

/// A prospect chased through two voicemails, then finished with `finish`.
fn finished(book: &Book, finish: &[&str]) -> String {
    let id = book
        .add(
            "Ada Lovelace",
            &["--next", "today 10am", "--note", "wants triple glazing"],
        )
        .to_string();
    for _ in 0..2 {
        book.run_table(&["log", &id, "voicemail"]);
    }
    let mut args = finish.to_vec();
    args.insert(1, &id);
    book.run_table(&args);
    id
}

#[test]
fn a_closed_out_prospect_is_active_again_with_its_next_step_and_history() {
    let book = Book::new();
    let id = finished(&book, &["close"]);
    assert_eq!(book.show(id.parse().unwrap())["status"], "closed-out");

    let out = book.run_table(&[
        "reopen",
        &id,
        "--next",
        "tomorrow 2pm",
        "--reason",
        "called back after the last voicemail",
    ]);
    assert!(out.starts_with("Reopened Ada Lovelace: call"), "{out}");
    let shown = book.show(id.parse().unwrap());
    assert_eq!(shown["status"], "active", "{shown}");
    assert!(shown["closed_at"].is_null(), "{shown}");
    assert_eq!(shown["next_step"]["action"], "call");
    assert!(
        s(&shown["next_step"]["due"], "start").starts_with("2026-11-24T14:00"),
        "{shown}"
    );
    assert_eq!(shown["series"]["step"], 1, "a fresh chase: {shown}");
    assert_eq!(shown["attempts"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        shown["notes"],
        "wants triple glazing\n2026-11-23 Reopened (was closed-out): called back after the last voicemail"
    );
}

#[test]
fn a_lost_deal_keeps_its_reason_in_the_notes_and_takes_another_action() {
    let book = Book::new();
    let id = finished(&book, &["lost", "--reason", "price"]);
    let v = book.run_json(&["reopen", &id, "--next", "wed", "--action", "email"]);
    assert_eq!(v["status"], "active", "{v}");
    assert!(v["lost_reason"].is_null(), "{v}");
    assert!(
        s(&v, "notes").ends_with("2026-11-23 Reopened (was lost: price)"),
        "{v}"
    );
    let shown = book.show(id.parse().unwrap());
    assert_eq!(shown["next_step"]["action"], "email", "{shown}");
}

#[test]
fn a_won_deal_marked_by_mistake_is_reopened() {
    let book = Book::new();
    let id = finished(&book, &["won"]);
    book.run_table(&[
        "reopen",
        &id,
        "--next",
        "tomorrow",
        "--reason",
        "by mistake",
    ]);
    let shown = book.show(id.parse().unwrap());
    assert_eq!(shown["status"], "active");
    assert!(
        s(&shown, "notes").ends_with("Reopened (was won): by mistake"),
        "{shown}"
    );
}

#[test]
fn reopening_an_active_prospect_is_refused_with_one_sentence() {
    let book = Book::new();
    let id = book
        .add("Grace Hopper", &["--next", "tomorrow"])
        .to_string();
    let err = book.refused(&["reopen", &id, "--next", "wed"], 1);
    assert!(err.contains("Grace Hopper"), "{err}");
    assert!(err.contains("active already"), "{err}");
}

#[test]
fn reopen_needs_a_next_step_ahead_and_a_known_prospect() {
    let book = Book::new();
    let id = finished(&book, &["close"]);
    book.usage_error(&["reopen", &id]);
    let err = book.refused(&["reopen", &id, "--next", "yesterday"], 2);
    assert!(!err.is_empty());
    book.refused(&["reopen", "99", "--next", "tomorrow"], 1);
    assert_eq!(book.show(id.parse().unwrap())["status"], "closed-out");
}
