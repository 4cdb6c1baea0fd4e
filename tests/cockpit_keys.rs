//! `[keys]` in config.toml: a rebinding shows in the help and works in the
//! cockpit (in a pseudo-terminal); mistakes are reported with their file
//! and line, and the defaults stay.

mod pty;

use pty::{Fixture, row_of};

const KEYS: &str = "[profile]\nname = \"Sam\"\n\n[keys]\nlog_voicemail = \"V\"\nwon = [\"Z\", \"ctrl-w\"]\nshout = \"z\"\nlost = \"n\"\n";

fn fixture() -> Fixture {
    let f = Fixture::new();
    std::fs::create_dir_all(&f.config).unwrap();
    std::fs::write(f.config.join("config.toml"), KEYS).unwrap();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    f
}

#[test]
fn a_rebound_key_works_and_the_help_names_it() {
    let f = fixture();
    let mut cockpit = f.cockpit_with(&[], 160, 32);
    cockpit.wait_for("Grace Hopper");
    // The mistakes are on the status line when it opens.
    cockpit.wait_for("[keys] has no action \"shout\"");
    // The default key no longer logs a voicemail; the chosen one does.
    cockpit.send("v");
    cockpit.send("V");
    cockpit.wait_for("logged for Grace Hopper");
    cockpit.send("?");
    // The whole overlay: its frame's last line is drawn last.
    cockpit.wait_for("voicemail left");
    let screen = cockpit.wait_for("q closes");
    let line = screen
        .lines()
        .nth(row_of(&screen, "voicemail left").unwrap())
        .unwrap()
        .to_string();
    assert!(line.contains("V ") && !line.contains("v "), "{line}");
    assert!(screen.contains("Z/Ctrl-w"), "{screen}");
    // `?` closes the help (Esc then q at once would read as Alt-q).
    cockpit.send("?");
    cockpit.wait_until("the help to close", |s| !s.contains("voicemail left"));
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    let grace = f.json(&["show", "1"]);
    let attempts = grace["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1, "only V logged: {grace}");
    assert_eq!(attempts[0]["outcome"], "voicemail");
}

#[test]
fn config_lists_what_is_wrong_with_the_keys_with_file_and_line() {
    let f = fixture();
    let doc = f.json(&["config"]);
    let warnings: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    let path = f.config.join("config.toml");
    let at = |line: usize| format!("{}:{line}: [keys] ", path.display());
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with(&format!("{}has no action \"shout\"", at(7)))),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| *w
            == format!(
                "{}lost: n is already the key of log_no_answer; lost keeps its default keys",
                at(8)
            )),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
}
