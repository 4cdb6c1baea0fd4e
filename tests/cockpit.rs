//! The cockpit end to end: the real binary in a pseudo-terminal.

mod pty;

use pty::{Fixture, row_of};

#[test]
fn the_daily_loop_from_the_keyboard() {
    let f = Fixture::new();
    f.cli(&[
        "add",
        "Grace Hopper",
        "--company",
        "Navy Yard",
        "--value",
        "8000",
        "--probability",
        "60",
        "--next",
        "today 10am",
    ]);
    f.cli(&[
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical Engines",
        "--value",
        "12500",
        "--next",
        "today after 5",
    ]);
    f.cli_at(
        "2026-11-18T09:00",
        &["add", "Alan Turing", "--next", "2026-11-19 10:00"],
    );
    f.cli(&["add", "Edsger Dijkstra"]);

    let mut cockpit = f.cockpit();
    let names = [
        "Grace Hopper",
        "Ada Lovelace",
        "Alan Turing",
        "Edsger Dijkstra",
    ];
    // A frame may arrive in pieces: wait for the whole dashboard.
    let screen = cockpit.wait_until("every prospect is drawn", |s| {
        names.iter().all(|n| s.contains(n))
    });
    let due = row_of(&screen, "Due today").expect("a Due today heading");
    let stops = row_of(&screen, "Slows & stops").expect("a Slows & stops heading");
    let row =
        |name: &str| row_of(&screen, name).unwrap_or_else(|| panic!("{name} missing:\n{screen}"));
    assert!(
        due < row("Grace Hopper") && row("Grace Hopper") < stops,
        "{screen}"
    );
    assert!(
        due < row("Ada Lovelace") && row("Ada Lovelace") < stops,
        "{screen}"
    );
    assert!(
        stops < row("Alan Turing") && stops < row("Edsger Dijkstra"),
        "{screen}"
    );

    // Grace is selected first (earliest window): leave voicemail 1.
    cockpit.send("v");
    cockpit.wait_for("logged for Grace Hopper");

    // Edsger has no next step: move to the slows & stops pane, set one.
    cockpit.send("\t");
    cockpit.send("j");
    cockpit.send("s");
    cockpit.wait_for("Next step for Edsger Dijkstra");
    cockpit.send("tomorrow 2pm");
    cockpit.wait_for("tomorrow 14:00");
    cockpit.send("\r");
    cockpit.wait_until("the next step is set", |s| {
        s.contains("Next step for Edsger Dijkstra: call tomorrow 14:00")
    });

    // Ada said yes.
    cockpit.send("\t");
    cockpit.send("g");
    cockpit.send("j");
    cockpit.send("w");
    cockpit.wait_for("Mark Ada Lovelace won: delivery date?");
    // Enter with the date left empty: the plan's default delivery.
    cockpit.send("\r");
    cockpit.wait_for("Ada Lovelace marked won");

    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    assert!(
        !cockpit.on_alternate_screen(),
        "the terminal left the alternate screen"
    );
    let raw = cockpit.raw();
    let leave = b"\x1b[?1049l";
    assert!(
        raw.windows(leave.len()).any(|w| w == leave),
        "no leave-alternate-screen sequence"
    );

    let grace = f.json(&["show", "1"]);
    assert_eq!(grace["attempts"][0]["outcome"], "voicemail");
    assert_eq!(grace["series"]["step"], 2);
    let ada = f.json(&["show", "2"]);
    assert_eq!(ada["status"], "won");
    // A customer now: the first item of the after-sale plan is next.
    assert_eq!(ada["next_step"]["plan_item"], "order-entered", "{ada}");
    let edsger = f.json(&["show", "4"]);
    assert!(
        edsger["next_step"]["due"]["start"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-24T14:00")
    );
}

#[test]
fn escape_sequences_in_the_book_never_reach_the_terminal() {
    let f = Fixture::new();
    let name = "Eve \x1b[31mRed\x1b]0;pwned\x07 \x1b[5AUp";
    f.cli(&[
        "add",
        name,
        "--company",
        "Evil\u{202e}Corp",
        "--note",
        "line\x1b[2Jclear\x1b[H",
        "--next",
        "today 10am",
    ]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Red");
    cockpit.send("\r");
    cockpit.wait_for("clear");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    let raw = cockpit.raw();
    let contains = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for hostile in [
        &b"\x1b[31m"[..],
        b"\x1b]0;",
        b"\x07",
        b"\x1b[5A",
        "\u{202e}".as_bytes(),
    ] {
        assert!(!contains(hostile), "{hostile:?} reached the terminal");
    }
}

#[test]
fn too_small_a_terminal_says_how_big_it_needs_to_be() {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    let mut cockpit = f.cockpit_with(&[], 60, 20);
    cockpit.wait_for("80×24");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    let status = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(cockpit.pid().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(cockpit.wait_exit(), 0);
    assert!(!cockpit.on_alternate_screen());
}

#[test]
fn a_change_made_from_another_terminal_shows_up() {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    f.cli(&["add", "Katherine Johnson", "--next", "today 3pm"]);
    cockpit.wait_for("Katherine Johnson");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn an_empty_book_says_what_to_do() {
    let f = Fixture::new();
    // The cockpit on a new --db file starts an empty book there, and asks
    // who signs the scripts first (Esc skips).
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Your name on the scripts");
    cockpit.send("\x1b");
    cockpit.wait_until("the form is gone", |s| {
        !s.contains("Your name on the scripts")
    });
    cockpit.wait_for("followup --demo");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn an_internal_error_is_reported_in_the_status_line_and_the_cockpit_keeps_running() {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    let mut cockpit = f.cockpit_with(&[("FOLLOWUP_TEST_FAULT", "readonly-on:Z")], 110, 32);
    cockpit.wait_for("Grace Hopper");
    cockpit.send("Z"); // the book becomes read-only under the cockpit
    cockpit.send("v");
    cockpit.wait_for("Error: The book is read-only");
    // Still alive and responsive: help opens and closes, quit works.
    cockpit.send("?");
    cockpit.wait_for("Keys");
    cockpit.send("?");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    assert!(
        f.json(&["show", "1"])["attempts"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing was written"
    );
}

#[test]
fn a_panic_leaves_the_terminal_restored() {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    let mut cockpit = f.cockpit_with(
        &[
            ("FOLLOWUP_TEST_FAULT", "panic-on:Z"),
            ("RUST_BACKTRACE", "0"),
        ],
        110,
        32,
    );
    cockpit.wait_for("Grace Hopper");
    cockpit.send("Z");
    assert_ne!(cockpit.wait_exit(), 0, "a panic exits non-zero");
    assert!(
        !cockpit.on_alternate_screen(),
        "the terminal left the alternate screen"
    );
    let raw = cockpit.raw();
    let leave = b"\x1b[?1049l";
    assert!(raw.windows(leave.len()).any(|w| w == leave));
    // Focus reporting, turned on with the screen, is turned off again.
    let find = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let on = find(b"\x1b[?1004h").expect("focus reporting turned on");
    assert!(
        find(b"\x1b[?1004l").is_some_and(|off| off > on),
        "focus reporting left on after a panic"
    );
}

#[test]
fn a_closed_terminal_ends_the_cockpit() {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    let cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    let pid = cockpit.pid();
    // Hanging up the terminal (as closing the window does) must end the
    // process, not leave it spinning on a dead terminal.
    let status = std::process::Command::new("kill")
        .arg("-HUP")
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| s.contains(") Z "))
            .unwrap_or(true);
        if zombie {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "followup is still running after SIGHUP"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(cockpit);
}
