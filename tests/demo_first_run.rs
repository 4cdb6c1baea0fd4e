//! The first run: with no book yet the cockpit opens a sample book, says
//! so, and one key starts the user's own book (asking who signs the
//! scripts); quitting a changed sample asks first. Home, data and
//! configuration folders are temporary: nothing touches the real home.

mod pty;

use pty::{Cockpit, NOW, cli};
use std::path::PathBuf;

/// A temporary home with no book and no configuration yet.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().unwrap(),
        };
        for sub in ["home", "data", "xdg-config", "tmp"] {
            std::fs::create_dir(home.dir.path().join(sub)).unwrap();
        }
        home
    }

    fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    /// Where the default book is, in this home.
    fn default_book(&self) -> PathBuf {
        self.path("data").join("followup").join("followup.db")
    }

    fn config(&self) -> PathBuf {
        self.path("config")
    }

    /// `followup ARGS` (no --db) in a `cols`×`rows` terminal.
    fn cockpit(&self, args: &[&str], cols: u16, rows: u16) -> Cockpit {
        let (home, data, xdg, tmp, config) = (
            self.path("home"),
            self.path("data"),
            self.path("xdg-config"),
            self.path("tmp"),
            self.config(),
        );
        let env = [
            ("HOME", home.to_str().unwrap()),
            ("XDG_DATA_HOME", data.to_str().unwrap()),
            ("XDG_CONFIG_HOME", xdg.to_str().unwrap()),
            ("FOLLOWUP_CONFIG_DIR", config.to_str().unwrap()),
            ("TMPDIR", tmp.to_str().unwrap()),
            ("TZ", "America/Toronto"),
        ];
        Cockpit::start(args, &env, cols, rows)
    }
}

#[test]
fn the_first_run_shows_the_demo_and_b_starts_your_own_book_with_your_name() {
    let home = Home::new();
    let mut cockpit = home.cockpit(&["--now", NOW], 140, 40);
    let screen = cockpit.wait_for("This is a demo book");
    assert!(screen.contains("press B to start your own"), "{screen}");
    assert!(screen.contains("Due today"), "{screen}");
    assert!(
        !home.default_book().exists(),
        "the demo is not the real book"
    );

    cockpit.send("B");
    let screen = cockpit.wait_until("the own book's notice and form", |s| {
        s.contains("Your name on the scripts") && s.contains("Started your own book")
    });
    assert!(screen.contains("Started your own book"), "{screen}");
    assert!(home.default_book().exists(), "the own book is created");
    cockpit.send("Dana Reyes\r");
    cockpit.wait_for("the scripts now say \"it's Dana Reyes\"");
    let config = std::fs::read_to_string(home.config().join("config.toml")).unwrap();
    assert!(config.contains("name = \"Dana Reyes\""), "{config}");
    let screen = cockpit.wait_for("Your book is empty");
    assert!(!screen.contains("This is a demo book"), "{screen}");

    // A prospect added from another terminal shows up, and their script
    // is signed with the name just given.
    cli(
        &home.default_book(),
        &home.config(),
        &["--now", NOW, "add", "Pat Lee", "--next", "today 10:00"],
    );
    cockpit.wait_for("Pat Lee");
    cockpit.send("\x1b"); // Esc clears the status line
    cockpit.wait_until("the script names Dana Reyes", |s| {
        s.contains("Dana Reyes") && !s.contains("scripts now say")
    });
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn quitting_a_changed_demo_asks_first() {
    let home = Home::new();
    let mut cockpit = home.cockpit(&["--now", NOW], 140, 40);
    cockpit.wait_for("This is a demo book");
    // A note on the selected prospect changes the sample.
    cockpit.send("o");
    cockpit.wait_for("Note for");
    cockpit.send("Tried the demo\x13"); // Ctrl-s saves a note
    cockpit.wait_for("sample book: discarded on quit");
    cockpit.send("q");
    let screen = cockpit.wait_for("Quit the demo?");
    let book = home.default_book().display().to_string();
    assert!(
        screen.replace('\n', "").contains("will be lost"),
        "{screen}"
    );
    assert!(
        screen
            .lines()
            .map(str::trim)
            .collect::<String>()
            .contains(&book)
            || screen.contains("followup.db"),
        "names where the own book would be:\n{screen}"
    );
    cockpit.send("n");
    cockpit.wait_for("Cancelled.");
    cockpit.send("q");
    cockpit.wait_for("Quit the demo?");
    cockpit.send("y");
    assert_eq!(cockpit.wait_exit(), 0);
    assert!(
        !home.default_book().exists(),
        "quitting the demo starts no book"
    );
}

#[test]
fn a_demo_on_sunday_night_shows_monday_morning() {
    let home = Home::new();
    let mut cockpit = home.cockpit(&["--now", "2026-11-29T23:00"], 140, 40);
    let screen = cockpit.wait_for("This is a demo book");
    assert!(screen.contains("showing Mon 30 Nov 09:30"), "{screen}");
    assert!(
        !screen.contains("23:"),
        "nothing shown at Sunday night's hour:\n{screen}"
    );
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn b_opens_a_book_that_is_already_there_and_changes_nothing_in_it() {
    let home = Home::new();
    std::fs::create_dir_all(home.default_book().parent().unwrap()).unwrap();
    cli(
        &home.default_book(),
        &home.config(),
        &[
            "--now",
            NOW,
            "add",
            "Existing Person",
            "--next",
            "today 11:00",
        ],
    );
    let mut cockpit = home.cockpit(&["--demo", "--now", NOW], 140, 40);
    cockpit.wait_for("This is a demo book");
    cockpit.send("B");
    // The book, the notice and the profile form arrive over a few frames.
    let screen = cockpit.wait_until("the own book with its notice and form", |s| {
        s.contains("Existing Person")
            && s.contains("Your name on the scripts")
            && s.contains("already at")
    });
    // No name set yet: the profile form asks; Esc skips it.
    assert!(screen.contains("Your name on the scripts"), "{screen}");
    cockpit.send("\x1b");
    cockpit.wait_until("the form is gone", |s| {
        !s.contains("Your name on the scripts")
    });
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    // Nothing of the sample went into it.
    let out = cli(
        &home.default_book(),
        &home.config(),
        &["--now", NOW, "list", "--status", "all", "--format", "json"],
    );
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .or_else(|| list["prospects"].as_array())
        .expect("a list of prospects")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, vec!["Existing Person"], "{out}");
}
