//! A book is created only in a folder that exists, or in the default data
//! folder: a mistyped `--db` (or `$FOLLOWUP_DB`) must not quietly start a
//! new, empty book in folders made up on the spot.

mod common;

use common::{Book, MONDAY_9AM, assert_one_line, mode};

#[test]
fn a_write_with_a_db_in_a_missing_folder_is_refused_naming_it() {
    let book = Book::new();
    let typo = book.dir.path().join("Documnets");
    let path = typo.join("sales/book.db");
    for args in [
        vec!["add", "Ada Lovelace"],
        vec!["note", "1", "hello"],
        vec!["demo", "--prospects", "3"],
    ] {
        let out = book
            .cmd()
            .arg("--db")
            .arg(&path)
            .args(["--now", MONDAY_9AM])
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}: {out:?}");
        assert_one_line(&stderr, &args);
        assert!(
            stderr.contains(&typo.join("sales").display().to_string()),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("--db"), "{args:?}: {stderr}");
        assert!(!typo.exists(), "{args:?} created the folder");
    }
}

#[test]
fn the_environment_variable_is_held_to_the_same_rule() {
    let book = Book::new();
    let path = book.dir.path().join("nowhere/book.db");
    let out = book
        .cmd()
        .env("FOLLOWUP_DB", &path)
        .args(["--now", MONDAY_9AM, "add", "Ada Lovelace"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("$FOLLOWUP_DB"), "{stderr}");
    assert!(!path.parent().unwrap().exists());
}

#[test]
fn a_book_in_an_existing_folder_or_the_default_one_is_created() {
    let book = Book::new();
    book.add("Ada Lovelace", &[]);
    assert_eq!(mode(&book.path), 0o600);

    let home = book.dir.path().join("home");
    let out = book
        .cmd()
        .env("HOME", &home)
        .env_remove("XDG_DATA_HOME")
        .args(["--now", MONDAY_9AM, "add", "Grace Hopper"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let default = home.join(".local/share/followup/followup.db");
    assert_eq!(mode(&default), 0o600);
    assert_eq!(mode(default.parent().unwrap()), 0o700);
}
