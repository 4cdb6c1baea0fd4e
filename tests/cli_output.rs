//! What the command line prints for people: nothing a salesperson needs is
//! cut off (attempt notes, paths), and `list` says what happens next.

mod common;
mod pty;

use common::{Book, s};
use pty::Cockpit;

const LONG_NOTE: &str = "spoke to her husband at length; they want the quote resent with the \
                         triple glazing option and a call back once the bank confirms the loan";

/// Ada, reached with a long note.
fn book_with_a_long_note() -> (Book, String) {
    let book = Book::new();
    let id = book
        .add("Ada Lovelace", &["--next", "today 10am"])
        .to_string();
    book.run_table(&[
        "log", &id, "reached", "--note", LONG_NOTE, "--next", "thu 3pm",
    ]);
    (book, id)
}

#[test]
fn show_prints_attempt_notes_in_full_in_a_pipe() {
    let (book, id) = book_with_a_long_note();
    let text = book.run_table(&["show", &id]);
    let line = text
        .lines()
        .find(|l| l.contains("reached"))
        .unwrap_or_else(|| panic!("no attempt line:\n{text}"));
    assert!(line.trim_end().ends_with(LONG_NOTE), "{text}");
    assert!(!text.contains('…'), "{text}");
}

#[test]
fn show_wraps_attempt_notes_to_the_terminal_width() {
    let (book, id) = book_with_a_long_note();
    let db = book.path.to_str().unwrap();
    let config = book.config_dir.to_str().unwrap();
    let env = [
        ("FOLLOWUP_CONFIG_DIR", config),
        ("TZ", common::TZ),
        ("COLUMNS", "60"),
    ];
    let mut shown = Cockpit::start(
        &["--db", db, "--now", &book.now, "show", &id],
        &env,
        100,
        30,
    );
    assert_eq!(shown.wait_exit(), 0);
    // The note is the last thing printed: wait for all of it.
    let screen = shown.wait_until("the whole note is shown", |s| {
        s.contains("reached") && s.contains("loan")
    });
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    for line in &lines {
        assert!(line.chars().count() <= 60, "wider than COLUMNS: {line:?}");
    }
    let at = lines
        .iter()
        .position(|l| l.contains("reached"))
        .expect("the attempt line");
    let note_at = lines[at]
        .find("spoke")
        .expect("the note starts on the attempt line");
    let mut words = vec![&lines[at][note_at..]];
    for line in &lines[at + 1..] {
        if line.is_empty() {
            break;
        }
        // Continuation lines start under the NOTE column.
        assert!(
            line[..note_at].trim().is_empty() && !line[note_at..].starts_with(' '),
            "{screen}"
        );
        words.push(&line[note_at..]);
    }
    assert!(words.len() > 1, "the note was not wrapped:\n{screen}");
    assert_eq!(words.join(" "), LONG_NOTE, "{screen}");
}

#[test]
fn config_never_cuts_a_path() {
    let book = Book::new();
    let long = book
        .dir
        .path()
        .join("a-folder-with-a-rather-long-name-for-the-sales-books")
        .join("followup-book-of-sam-carter.db");
    let out = book
        .cmd()
        .arg("--db")
        .arg(&long)
        .arg("config")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&long.display().to_string()), "{text}");
    assert!(
        text.contains(&book.config_dir.join("config.toml").display().to_string()),
        "{text}"
    );
    assert!(!text.contains('…'), "{text}");
}

#[test]
fn list_shows_the_phone_and_the_next_step() {
    let book = Book::new();
    let ada = book.add(
        "Ada Lovelace",
        &[
            "--phone",
            "555-0101",
            "--next",
            "mon after 5 or tue morning",
        ],
    );
    book.add("Grace Hopper", &[]);
    let due = book.show(ada)["next_step"]["due"].clone();
    let text = book.run_table(&["list"]);
    let header = text.lines().next().unwrap_or_default();
    for column in ["PHONE", "NEXT STEP"] {
        assert!(header.contains(column), "{text}");
    }
    assert!(!header.contains("LOST REASON"), "{text}");
    let ada_line = text.lines().find(|l| l.contains("Ada")).unwrap();
    assert!(ada_line.contains("555-0101"), "{text}");
    assert!(
        ada_line.contains(&format!("call {}", s(&due, "text"))),
        "{text}"
    );
    let grace_line = text.lines().find(|l| l.contains("Grace")).unwrap();
    assert!(grace_line.contains("none"), "no next step is said: {text}");
}

#[test]
fn list_of_lost_prospects_shows_why_they_said_no() {
    let book = Book::new();
    let id = book.add("Alan Turing", &[]).to_string();
    let reason = "went with the competitor for a cheaper installation and an earlier date";
    book.run_table(&["lost", &id, "--reason", reason]);
    let text = book.run_table(&["list", "--status", "lost"]);
    assert!(
        text.lines()
            .next()
            .unwrap_or_default()
            .contains("LOST REASON"),
        "{text}"
    );
    let line = text.lines().find(|l| l.contains("Alan")).unwrap();
    assert!(line.trim_end().ends_with(reason), "{text}");
}
