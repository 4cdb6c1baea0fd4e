//! Nothing typed or pasted into the cockpit may damage the book: a paste is
//! text for a field, and a form never overwrites what another terminal
//! changed while it was open.

mod pty;

use pty::{Cockpit, Fixture};

/// A book with Grace Hopper due today.
fn grace() -> Fixture {
    let f = Fixture::new();
    f.cli(&[
        "add",
        "Grace Hopper",
        "--next",
        "today 10am",
        "--value",
        "8000",
        "--probability",
        "60",
    ]);
    f
}

/// Grace as `show` has her.
fn show(f: &Fixture) -> serde_json::Value {
    f.json(&["show", "1"])
}

/// The cockpit once Grace is on screen.
fn cockpit(f: &Fixture) -> Cockpit {
    let cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    cockpit
}

/// Where `needle` last occurs in `haystack`.
fn last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn a_paste_is_text_for_the_field_and_never_runs_commands() {
    let f = grace();
    let mut cockpit = cockpit(&f);
    // The terminal is asked to bracket pastes, so they arrive as text.
    let enabled = last(&cockpit.raw(), b"\x1b[?2004h");
    assert!(enabled.is_some(), "bracketed paste is turned on");

    cockpit.send("o");
    cockpit.wait_for("Note for Grace Hopper");
    // A paste with a line break and then letters that are command keys.
    cockpit.send("\x1b[200~Spoke to his wife.\rvvv\r\nCall back Friday.\x1b[201~");
    cockpit.wait_for("Call back Friday.");
    assert!(
        show(&f)["attempts"].as_array().unwrap().is_empty(),
        "no voicemail was logged"
    );
    cockpit.send("\x13"); // Ctrl-s, typed: saves the note (Enter breaks its line)
    cockpit.wait_for("Note added to Grace Hopper");

    // Outside a field a paste does nothing but say so.
    cockpit.send("\x1b[200~vvv\rq\x1b[201~");
    cockpit.wait_for("Paste ignored");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    let raw = cockpit.raw();
    assert!(
        last(&raw, b"\x1b[?2004l") > enabled,
        "bracketed paste is turned off on the way out"
    );
    let shown = show(&f);
    // The note is a long text: the paste's line breaks are kept.
    assert_eq!(
        shown["notes"],
        "2026-11-23 Spoke to his wife.\n           vvv\n           Call back Friday.",
        "{shown}"
    );
    assert!(shown["attempts"].as_array().unwrap().is_empty(), "{shown}");
}

#[test]
fn the_edit_form_never_reverts_changes_made_elsewhere() {
    let f = grace();
    let mut cockpit = cockpit(&f);
    cockpit.send("E");
    cockpit.wait_for("Edit Grace Hopper");
    // Another terminal changes the deal while the form is open.
    f.cli(&["edit", "1", "--probability", "95", "--value", "50000"]);
    cockpit.send("\r"); // saved without typing anything
    cockpit.wait_for("Nothing changed");
    let shown = show(&f);
    assert_eq!(shown["probability"], 95, "{shown}");

    // Typing over a field that changed elsewhere is refused, and the form
    // stays open with what was typed.
    f.cli(&["edit", "1", "--probability", "90"]);
    cockpit.send("E");
    cockpit.wait_for("Edit Grace Hopper");
    f.cli(&["edit", "1", "--probability", "80"]);
    for _ in 0..6 {
        cockpit.send("\t"); // to the probability field
    }
    cockpit.send("\x7f\x7f"); // clear "90"
    cockpit.send("40\r");
    cockpit.wait_for("changed since you opened the form; reopen it");
    cockpit.wait_for("Edit Grace Hopper");
    cockpit.send("\x1b"); // Esc: what was typed is not dropped without asking
    cockpit.wait_for("Discard what you typed");
    cockpit.send("y");
    cockpit.wait_for("Discarded");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    let shown = show(&f);
    assert_eq!(shown["probability"], 80, "{shown}");
}
