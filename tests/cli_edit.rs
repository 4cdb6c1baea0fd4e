//! `edit` never destroys notes without an explicit flag: the command line
//! has no undo.

mod common;

use common::Book;

#[test]
fn edit_note_appends_a_dated_line_and_keeps_the_earlier_notes() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--note", "first visit"])
        .to_string();
    let v = book.run_json(&["edit", &id, "--note", "prefers white frames"]);
    assert_eq!(v["notes"], "first visit\n2026-11-23 prefers white frames");
    assert!(v.get("replaced_notes").is_none(), "{v}");
    // With another field, in the same write.
    let v = book.run_json(&["edit", &id, "--phone", "555-0101", "--note", "call after 5"]);
    assert_eq!(v["phone"], "555-0101");
    assert_eq!(
        v["notes"],
        "first visit\n2026-11-23 prefers white frames\n2026-11-23 call after 5"
    );
}

#[test]
fn replace_notes_says_exactly_what_it_removed() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--note", "first visit"])
        .to_string();
    book.run_json(&["note", &id, "asked about colours"]);
    let out = book.run_table(&["edit", &id, "--replace-notes", "clean slate"]);
    assert!(
        out.contains("The notes it replaced were:")
            && out.contains("  first visit")
            && out.contains("  2026-11-23 asked about colours"),
        "{out}"
    );
    let v = book.run_json(&["edit", &id, "--replace-notes", "again"]);
    assert_eq!(v["notes"], "again");
    assert_eq!(v["replaced_notes"], "clean slate");
}

#[test]
fn append_and_replace_together_are_refused_unchanged() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--note", "first visit"])
        .to_string();
    let err = book.usage_error(&["edit", &id, "--note", "a", "--replace-notes", "b"]);
    assert!(err.contains("cannot be used with"), "{err}");
}
