//! Notes of several lines in the cockpit: typed, pasted, or written in the
//! user's own editor (`$VISUAL`), and stored with their line breaks.

mod pty;

use pty::{Cockpit, Fixture};

/// A book with Grace Hopper due today.
fn grace() -> Fixture {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    f
}

/// Where `needle` occurs in `haystack`, every time.
fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// An executable shell script at `path`.
fn script(path: &std::path::Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The cockpit with `visual` as `$VISUAL`, once Grace is on screen.
fn cockpit(f: &Fixture, visual: &str) -> Cockpit {
    let cockpit = f.cockpit_with(&[("VISUAL", visual), ("EDITOR", "")], 110, 32);
    cockpit.wait_for("Grace Hopper");
    cockpit
}

#[test]
fn the_editor_key_writes_the_note_in_visual_and_the_blank_line_is_kept() {
    let f = grace();
    let editor = f.dir().join("editor.sh");
    let stty = f.dir().join("stty.txt");
    // The "editor" notes how it found the terminal, then writes two
    // paragraphs into the file it is given.
    script(
        &editor,
        &format!(
            "stty -a > '{}' 2>&1\n\
             printf 'First paragraph of the call.\\n\\nSecond: wants a quote by Friday.\\n' > \"$1\"\n",
            stty.display()
        ),
    );
    let mut cockpit = cockpit(&f, editor.to_str().unwrap());
    cockpit.send("o");
    cockpit.wait_for("Note for Grace Hopper");
    cockpit.wait_for("Ctrl-e editor");
    cockpit.send("\x05"); // Ctrl-e
    cockpit.wait_for("Second: wants a quote by Friday.");
    assert!(
        cockpit.on_alternate_screen(),
        "the cockpit took the screen back"
    );
    // The editor had a terminal in its ordinary state: not raw.
    let modes = std::fs::read_to_string(&stty).unwrap();
    assert!(
        modes.contains(" icanon") && modes.contains(" echo"),
        "{modes}"
    );
    // Around the editor: bracketed paste, focus reporting and the
    // alternate screen off, then on again.
    let raw = cockpit.raw();
    assert_eq!(count(&raw, b"\x1b[?2004l"), 1, "bracketed paste off once");
    assert_eq!(count(&raw, b"\x1b[?2004h"), 2, "and on again");
    assert_eq!(count(&raw, b"\x1b[?1004l"), 1, "focus reporting off once");
    assert_eq!(
        count(&raw, b"\x1b[?1049h"),
        2,
        "the alternate screen, again"
    );

    cockpit.send("\x13"); // Ctrl-s saves
    cockpit.wait_for("Note added to Grace Hopper");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    let shown = f.json(&["show", "1"]);
    assert_eq!(
        shown["notes"],
        "2026-11-23 First paragraph of the call.\n\n           Second: wants a quote by Friday.",
        "{shown}"
    );
}

#[test]
fn an_editor_that_fails_leaves_the_field_as_it_was_and_says_why() {
    let f = grace();
    let mut cockpit = cockpit(&f, "false");
    cockpit.send("o");
    cockpit.wait_for("Note for Grace Hopper");
    cockpit.send("draft");
    cockpit.send("\x05"); // Ctrl-e
    cockpit.wait_for("The editor \"false\" exited with status 1");
    cockpit.wait_for("draft");
    cockpit.send("\x13");
    cockpit.wait_for("Note added to Grace Hopper");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    assert_eq!(f.json(&["show", "1"])["notes"], "2026-11-23 draft");
}

#[test]
fn a_pasted_note_keeps_its_lines_and_enter_adds_one() {
    let f = grace();
    let mut cockpit = cockpit(&f, "false");
    cockpit.send("r");
    cockpit.wait_for("Reached Grace Hopper");
    // A paste with a blank line, an escape sequence and a bell.
    cockpit.send("\x1b[200~Goals: a quiet bedroom.\r\n\r\nWife \x1b[2Jdecides\x07.\x1b[201~");
    cockpit.wait_for("decides.");
    cockpit.send("\rCall her Friday."); // Enter, typed: a new line
    cockpit.wait_for("Call her Friday.");
    cockpit.send("\tfri 10am");
    cockpit.send("\x13"); // Ctrl-s, on a one-line field too
    cockpit.wait_for("Reached");
    cockpit.wait_until("the form is closed", |s| !s.contains("Agreed next step"));
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    let shown = f.json(&["show", "1"]);
    let attempts = shown["attempts"].as_array().unwrap();
    assert_eq!(
        attempts[0]["note"], "Goals: a quiet bedroom.\n\nWife [2Jdecides.\nCall her Friday.",
        "{shown}"
    );
}
