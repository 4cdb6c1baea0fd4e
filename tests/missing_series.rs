//! A series that is configured but does not exist, or whose file no longer
//! loads, is said so where the user looks (`followup config`, the cockpit's
//! status line, the prospect), and its prospects are never quietly moved
//! onto another series.

mod common;
mod pty;

use common::Book;
use serde_json::Value;

/// A valid two-step series called "short".
const SHORT: &str = r#"name = "short"
description = "Two quick tries."

[[step]]
kind = "voicemail"
label = "Quick VM"
next = "next business day"
script = "Hi {first_name}."

[[step]]
kind = "final"
label = "Bye"
script = "Thanks {first_name}."
"#;

/// `config --format json`'s warnings.
fn config_warnings(book: &Book) -> Vec<String> {
    let v = book.run_json(&["config"]);
    v["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("no warnings list in {v}"))
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

/// Runs `args` expecting exit 1 and the book unchanged; returns the error,
/// the last line on stderr (the warnings come first).
fn refused(book: &Book, args: &[&str]) -> String {
    let before = book.snapshot();
    let out = book.with(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(book.snapshot(), before, "{args:?} changed the book");
    let error = stderr.lines().last().unwrap_or_default().to_string();
    assert!(error.starts_with("followup: "), "{args:?}: {stderr}");
    error
}

#[test]
fn an_unknown_default_series_is_reported_and_the_built_in_one_used() {
    let book = Book::new();
    book.write_config("config.toml", "[series]\ndefault = \"nosuch\"\n");
    let warnings = config_warnings(&book);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("\"nosuch\""), "{warnings:?}");
    let table = book.run_table(&["config"]);
    assert!(
        table.contains("nosuch") && table.to_lowercase().contains("warning"),
        "{table}"
    );
    let out = book.with(&["list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains("nosuch"),
        "{stderr}"
    );

    let id = book.add("Ada Lovelace", &[]);
    let series = &book.show(id)["series"];
    assert_eq!(series["name"], "default", "{series}");
    assert_eq!(series["steps"], 10, "{series}");
    assert_eq!(series["missing"], false, "{series}");
    let listed = book.run_json(&["series"]);
    assert_eq!(listed[0]["name"], "default");
    assert_eq!(listed[0]["default"], true, "the series in force is marked");
}

#[test]
fn a_prospect_whose_series_file_breaks_keeps_its_series_and_says_so() {
    let book = Book::new();
    let file = book.write_config("series/short.toml", SHORT);
    let id = book.add(
        "Ada Lovelace",
        &["--series", "short", "--next", "today 10am"],
    );
    let sid = id.to_string();
    book.run_json(&["log", &sid, "voicemail"]);
    assert_eq!(book.show(id)["series"]["step"], 2);

    // The file breaks: the prospect is not moved onto the default series.
    std::fs::write(&file, SHORT.replace("label = \"Bye\"", "label = \"Bye")).unwrap();
    let warnings = config_warnings(&book);
    assert!(
        warnings.iter().any(|w| w.contains("short.toml")),
        "{warnings:?}"
    );
    let series: Value = book.show(id)["series"].clone();
    assert_eq!(series["name"], "short", "{series}");
    assert_eq!(series["missing"], true, "{series}");
    let shown = book.run_table(&["show", &sid]);
    assert!(shown.contains("series 'short' is missing"), "{shown}");

    // Logging a voicemail would advance another series' count: refused.
    let error = refused(&book, &["log", &sid, "voicemail"]);
    assert!(
        error.contains("\"short\"") && error.contains("--series"),
        "names the series and the way out: {error}"
    );
    let error = refused(&book, &["script", &sid]);
    assert!(error.contains("\"short\""), "{error}");
    // Reaching them needs no step of the series.
    book.run_json(&["log", &sid, "reached", "--next", "tomorrow"]);

    // Fixed, the prospect is back on its own series, with its own count.
    std::fs::write(&file, SHORT).unwrap();
    assert!(config_warnings(&book).is_empty());
    let series = &book.show(id)["series"];
    assert_eq!(
        (&series["name"], &series["steps"], &series["missing"]),
        (&"short".into(), &2.into(), &false.into()),
        "{series}"
    );
}

#[test]
fn the_cockpit_says_what_is_wrong_with_the_configuration_when_it_opens() {
    let book = Book::new();
    let file = book.write_config("series/short.toml", SHORT);
    book.write_config("config.toml", "[series]\ndefault = \"nosuch\"\n");
    book.add(
        "Grace Hopper",
        &["--series", "short", "--next", "today 10am"],
    );
    std::fs::write(&file, "name = \"short\"\n[[step]]\nkind = \"shout\"\n").unwrap();
    let db = book.path.to_str().unwrap();
    let config = book.config_dir.to_str().unwrap();
    let mut cockpit = pty::Cockpit::start(
        &["--db", db, "--now", common::MONDAY_9AM],
        &[("FOLLOWUP_CONFIG_DIR", config), ("TZ", common::TZ)],
        110,
        32,
    );
    // A frame may arrive in pieces: wait for the status line too.
    cockpit.wait_until("the warnings are in the status line", |s| {
        s.contains("Grace Hopper") && s.contains("2 warnings") && s.contains("short.toml")
    });
    cockpit.send("\r");
    cockpit.wait_for("series 'short' is missing");
    cockpit.send("v");
    cockpit.wait_for("series \"short\" of Grace Hopper is missing");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}
