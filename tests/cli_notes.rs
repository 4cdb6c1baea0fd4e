//! Notes of several lines on the command line: given as an argument or on
//! standard input (`-`), stored as one dated entry with its line breaks,
//! and printed by `show` on several indented lines.

mod common;

use common::Book;

#[test]
fn a_note_with_line_breaks_keeps_them_and_show_prints_them_indented() {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--objection", "price\nand the lead time"])
        .to_string();
    book.run_json(&[
        "note",
        &id,
        "Spoke to her husband.\n\nHe wants the brochure.",
    ]);
    let v = book.show(id.parse().unwrap());
    assert_eq!(
        v["notes"],
        "2026-11-23 Spoke to her husband.\n\n           He wants the brochure."
    );
    let out = book.run_table(&["show", &id]);
    assert!(
        out.contains(
            "  Notes\n    2026-11-23 Spoke to her husband.\n\n               He wants the brochure.\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  Objection   price\n              and the lead time\n"),
        "{out}"
    );
}

#[test]
fn a_dash_reads_the_note_from_standard_input() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    book.with(&["note", &id, "-"])
        .write_stdin("First line.\n\x1b[31mSecond line.\n")
        .assert()
        .success();
    book.with(&["edit", &id, "--note", "-"])
        .write_stdin("Edited:\n\ttwo lines\n")
        .assert()
        .success();
    let v = book.show(id.parse().unwrap());
    assert_eq!(
        v["notes"],
        "2026-11-23 First line.\n           \u{1b}[31mSecond line.\n\
         2026-11-23 Edited:\n           \ttwo lines"
    );
    // Printed, the escape is gone and the lines stay lines.
    let out = book.run_table(&["show", &id]);
    assert!(
        out.contains("    2026-11-23 First line.\n               [31mSecond line.\n"),
        "{out}"
    );
}
