//! Whatever the user types, and whoever formats the message about it (clap,
//! the application, a warning), nothing the binary prints can drive the
//! terminal: no escape sequences, no C1 controls, no bidi overrides. JSON
//! stays valid and keeps the text intact, escaped.

mod common;

use common::Book;
use serde_json::Value;

/// One sample of each class of hostile text.
const HOSTILE: [(&str, &str); 5] = [
    ("OSC title", "\x1b]2;PWNED\x07"),
    ("OSC 52 clipboard", "\x1b]52;c;cHduZWQ=\x07"),
    ("CSI", "\x1b[2J\x1b[31mred"),
    ("C1 CSI", "\u{9b}31mred"),
    ("bidi", "\u{202e}evil\u{2066}x\u{200f}"),
];

/// Characters that must never be printed raw.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text.chars().filter(|c| unsafe_char(*c)).collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}: {text:?}");
}

/// Runs `args` (after `--db BOOK`, without `--now`) and checks both streams.
/// `CLICOLOR_FORCE` makes clap write as it does to a terminal (where it
/// would otherwise strip escape sequences itself, hiding the problem).
fn check(book: &Book, args: &[&str], code: i32) -> String {
    let out = book
        .cmd()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .arg("--db")
        .arg(&book.path)
        .args(args)
        .output()
        .expect("run followup");
    let what = format!("followup {args:?}");
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_clean(&format!("{what} stdout"), &out.stdout);
    assert_clean(&format!("{what} stderr"), &out.stderr);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn hostile_arguments_never_reach_the_terminal_in_any_message() {
    let book = Book::new();
    book.add("Ada Lovelace", &["--next", "tomorrow"]);
    let now = book.now.clone();
    for (class, h) in HOSTILE {
        let flag = format!("--{h}");
        // clap's own errors: bad values, unknown commands and options.
        for args in [
            vec!["show", h],
            vec!["--now", h, "today"],
            vec!["today", "--now", h],
            vec!["--format", h, "list"],
            vec!["list", "--status", h],
            vec!["log", "1", h],
            vec![h],
            vec!["help", h],
            vec!["today", flag.as_str()],
            vec!["add", "X", "--value", h],
            vec!["add", "X", "--probability", h],
        ] {
            let stderr = check(&book, &args, 2);
            assert!(!stderr.trim().is_empty(), "{class} {args:?}: no message");
        }
        // The application's own refusals quote what was typed too.
        for (args, code) in [
            (vec!["--now", now.as_str(), "next", "1", h], 2),
            (vec!["--now", now.as_str(), "add", "X", "--series", h], 2),
            (vec!["--now", now.as_str(), "note", "1", h], 0),
        ] {
            check(&book, &args, code);
        }
        let missing = book.dir.path().join(h);
        let out = book
            .cmd()
            .arg("--db")
            .arg(&missing)
            .arg("list")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{class}");
        assert_clean(&format!("{class}: --db"), &out.stderr);
    }
}

#[test]
fn clap_keeps_its_layout_and_exit_codes() {
    let book = Book::new();
    // Usage errors: exit 2 on stderr, one sentence like every message.
    let stderr = check(&book, &["--now", "\x1b]2;PWNED\x07"], 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with("followup: "), "{stderr:?}");
    assert!(
        stderr.contains("]2;PWNED"),
        "the value is still quoted: {stderr}"
    );
    // Help and version: exit 0 on stdout.
    for args in [&["--help"][..], &["--version"], &["help", "add"]] {
        let out = book
            .cmd()
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.trim().is_empty(), "{args:?}");
        assert_clean(&format!("{args:?}"), &out.stdout);
    }
}

#[test]
fn warnings_about_configuration_are_sanitised() {
    let book = Book::new();
    book.add("Ada Lovelace", &[]);
    book.write_config(
        "series/bad.toml",
        "name = \"bad\"\ndescription = \"x\"\n\n[[step]]\nkind = \"\x1b]2;PWNED\x07\u{9b}1m\u{202e}\"\nlabel = \"VM\"\nscript = \"hi\"\n",
    );
    let out = book.with(&["list"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning"), "{stderr}");
    assert_clean("series warning", &out.stderr);
}

#[test]
fn json_escapes_c1_controls_and_bidi_overrides() {
    let book = Book::new();
    let name = "Eve\u{202a}a\u{202b}b\u{202c}c\u{202d}d\u{202e}e\u{2066}f\u{2067}g\u{2068}h\u{2069}i\u{200e}j\u{200f}k\u{061c}l\u{80}m\u{85}n\u{9b}o\u{9f}p";
    let id = book.add(
        name,
        &["--company", "Bidi\u{202e}Corp", "--next", "today 10am"],
    );
    let sid = id.to_string();
    for args in [
        vec!["show", sid.as_str()],
        vec!["list"],
        vec!["today"],
        vec!["edit", sid.as_str(), "--phone", "555\u{9b}"],
    ] {
        let out = book
            .with(&args)
            .arg("--format")
            .arg("json")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_clean(&format!("{args:?} --format json"), &out.stdout);
        let text = String::from_utf8(out.stdout).unwrap();
        for escape in [
            "\\u202e", "\\u2066", "\\u200f", "\\u061c", "\\u009b", "\\u0085",
        ] {
            assert!(text.contains(escape), "{args:?}: no {escape} in {text}");
        }
        let v: Value = serde_json::from_str(&text).unwrap();
        let doc = match args[0] {
            "list" => v[0].clone(),
            "today" => v["due_today"][0].clone(),
            _ => v,
        };
        assert_eq!(doc["name"], name, "{args:?}: the name parses back intact");
    }
}
