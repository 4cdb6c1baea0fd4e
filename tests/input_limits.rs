//! Input is bounded by one rule per kind: `--now` as far as a WHEN may reach,
//! and every free text (notes, reasons, …) by the same length and NUL rule.

mod common;

use common::Book;

/// The free-text limit, in characters.
const LIMIT: usize = 100_000;

/// The sentence every over-long free text gets, whatever the field.
fn too_long(field: &str, len: usize) -> String {
    format!("followup: the {field} is too long ({len} characters; the limit is {LIMIT})\n")
}

#[test]
fn now_is_bounded_as_a_when_is() {
    let book = Book::new();
    book.add("Ada Lovelace", &[]);
    let before = book.snapshot();
    for bad in [
        "-0001-11-23",
        "0000-01-01",
        "0001-01-01T00:00",
        "1900-01-01",
        "2200-01-01",
        "9999-12-31T23:59:59Z",
    ] {
        for command in ["today", "add"] {
            let mut cmd = book.cmd();
            cmd.arg("--db")
                .arg(&book.path)
                .arg(format!("--now={bad}"))
                .arg(command);
            if command == "add" {
                cmd.arg("Grace Hopper");
            }
            let out = cmd.output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(2),
                "--now={bad} {command}: {stderr}"
            );
            assert!(out.stdout.is_empty(), "--now={bad} {command}");
            assert!(
                stderr.contains("too far in the"),
                "--now={bad}: one sentence saying why: {stderr}"
            );
            assert_eq!(book.snapshot(), before, "--now={bad} {command} wrote");
        }
    }
    for good in ["2026-11-23", "2100-01-01T09:00", "1950-06-01"] {
        let out = book
            .cmd()
            .arg("--db")
            .arg(&book.path)
            .arg(format!("--now={good}"))
            .arg("today")
            .output()
            .unwrap();
        assert!(out.status.success(), "--now={good}");
    }
}

/// `args` (with `{}` standing for the text) refuses `LIMIT + 1` characters
/// with the one sentence, changing nothing, and accepts `LIMIT`. `extra` is
/// what the command adds to the text before the field holds it. (Messages
/// name the command, not the 100 000 characters.)
fn bounded(book: &Book, field: &str, args: &[&str], extra: usize) {
    let run = |n: usize| {
        let text = "x".repeat(n);
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "{}" { text.as_str() } else { a })
            .collect();
        book.with(&args).output().unwrap()
    };
    let command = args[0];
    let before = book.snapshot();
    let over = run(LIMIT + 1 - extra);
    assert_eq!(over.status.code(), Some(2), "{command} over the limit");
    assert!(over.stdout.is_empty(), "{command} over the limit");
    assert_eq!(
        String::from_utf8_lossy(&over.stderr),
        too_long(field, LIMIT + 1),
        "{command} over the limit"
    );
    assert!(book.snapshot() == before, "{command} over the limit wrote");
    let at = run(LIMIT - extra);
    assert!(
        at.status.success(),
        "{command} at the limit: {}",
        String::from_utf8_lossy(&at.stderr)
    );
}

#[test]
fn every_free_text_has_the_same_limit() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    let id = id.as_str();
    bounded(&book, "notes", &["add", "Probe", "--note", "{}"], 0);
    bounded(
        &book,
        "objection",
        &["add", "Probe", "--objection", "{}"],
        0,
    );
    bounded(
        &book,
        "decision process",
        &["edit", id, "--decision", "{}"],
        0,
    );
    bounded(&book, "notes", &["edit", id, "--replace-notes", "{}"], 0);
    bounded(&book, "note", &["log", id, "email", "--note", "{}"], 0);
    bounded(&book, "note", &["next", id, "tomorrow", "--note", "{}"], 0);
    // An appended note is a dated line in the notes: "2026-11-23 " + text.
    book.with(&["edit", id, "--replace-notes", ""])
        .assert()
        .success();
    bounded(&book, "notes", &["note", id, "{}"], "2026-11-23 ".len());
    book.with(&["edit", id, "--replace-notes", ""])
        .assert()
        .success();
    bounded(
        &book,
        "notes",
        &["edit", id, "--note", "{}"],
        "2026-11-23 ".len(),
    );
    bounded(&book, "reason", &["lost", id, "--reason", "{}"], 0);
}
