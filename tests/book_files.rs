//! The book file is trusted only when it is ours: another program's
//! database is refused untouched, a symbolic link is never followed to
//! create a file, a book others can read is made private, and commands that
//! only read never change or create anything, even on read-only media.

#![cfg(unix)]

mod common;

use common::media::{ReadOnlyMedia, cannot_run};
use common::{
    APP_ID, Book, MONDAY_9AM, application_id, assert_one_line, mode, names_in, user_version,
};
use rusqlite::Connection;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The commands that only read, with what each needs.
const READS: &[&[&str]] = &[&["today"], &["list"], &["show", "1"], &["script", "1"]];

/// Runs `args` on `book`, expecting one `followup:` line on stderr, exit 1
/// and nothing on stdout; returns the message.
fn refused_with(book: &Book, args: &[&str]) -> String {
    let out = book.with(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_one_line(&stderr, args);
    stderr
}

/// Writes another program's database at `path` with `sql`.
fn foreign_db(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

// ---------------------------------------------------------------------------
// Another program's database (point 5)
// ---------------------------------------------------------------------------

#[test]
fn another_programs_database_is_refused_byte_for_byte_unchanged() {
    let cases = [
        "CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT);
         INSERT INTO recipe (title) VALUES ('bread');",
        "CREATE TABLE prospect (foo TEXT, bar INTEGER);
         INSERT INTO prospect VALUES ('x', 1);
         PRAGMA user_version = 4;",
        "PRAGMA application_id = 1234; PRAGMA user_version = 1;
         CREATE TABLE t (x);",
        "CREATE TABLE t (x); PRAGMA user_version = -5;",
    ];
    for sql in cases {
        let book = Book::new();
        foreign_db(&book.path, sql);
        // Its permissions are its owner's business too.
        std::fs::set_permissions(&book.path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let bytes = std::fs::read(&book.path).unwrap();
        let names = names_in(book.dir.path());
        let copy = book.dir.path().join("copy.db");
        for args in [
            &["today"][..],
            &["list"],
            &["add", "Ada"],
            &["demo", "--prospects", "3"],
            &["backup", copy.to_str().unwrap()],
        ] {
            let msg = refused_with(&book, args);
            assert!(
                msg.contains(&book.path.display().to_string())
                    && msg.contains("not a followup book"),
                "{sql}: {args:?}: {msg}"
            );
            assert!(
                std::fs::read(&book.path).unwrap() == bytes,
                "{sql}: {args:?} changed the file"
            );
            assert_eq!(names_in(book.dir.path()), names, "{sql}: {args:?}");
            assert_eq!(mode(&book.path), 0o644, "{sql}: {args:?}");
        }
    }
}

#[test]
fn an_empty_database_becomes_a_book() {
    // A 0-byte file, and a database with no tables and version 0.
    for sql in [None, Some("CREATE TABLE t (x); DROP TABLE t;")] {
        let book = Book::new();
        match sql {
            None => std::fs::write(&book.path, b"").unwrap(),
            Some(sql) => foreign_db(&book.path, sql),
        }
        book.add("Ada Lovelace", &[]);
        assert_eq!(application_id(&book.path), APP_ID);
        assert_eq!(
            user_version(&book.path),
            followup::store::SCHEMA_VERSION as i64
        );
    }
}

/// A book written before books carried an application id.
fn unstamped_book(book: &Book, version: usize) {
    let mut conn = Connection::open(&book.path).unwrap();
    followup::store::migrate_to(&mut conn, version).unwrap();
    conn.execute(
        "INSERT INTO prospect (name, status, created_at, updated_at) \
         VALUES ('Old Olga', 'active', 1795000000, 1795000000)",
        [],
    )
    .unwrap();
}

#[test]
fn a_book_from_before_application_ids_is_read_as_is_and_stamped_on_write() {
    let book = Book::new();
    unstamped_book(&book, followup::store::SCHEMA_VERSION);
    let bytes = std::fs::read(&book.path).unwrap();
    assert_eq!(book.run_json(&["show", "1"])["name"], "Old Olga");
    assert!(
        std::fs::read(&book.path).unwrap() == bytes,
        "a read stamps nothing"
    );
    book.add("Ada Lovelace", &[]);
    assert_eq!(application_id(&book.path), APP_ID, "a write stamps it");
}

#[test]
fn a_command_that_only_reads_never_upgrades_or_converts_a_book() {
    // An older book in rollback-journal mode, as older releases left it.
    let book = Book::new();
    unstamped_book(&book, 2);
    let bytes = std::fs::read(&book.path).unwrap();
    for args in READS {
        let msg = refused_with(&book, args);
        assert!(msg.contains("older"), "{args:?}: {msg}");
        assert!(std::fs::read(&book.path).unwrap() == bytes, "{args:?}");
    }
    // A backup is a copy and needs no upgrade.
    let copy = book.dir.path().join("copy.db");
    book.run_table(&["backup", copy.to_str().unwrap()]);
    assert!(std::fs::read(&book.path).unwrap() == bytes, "backup");
    assert_eq!(user_version(&copy), 2);

    // A current book in rollback-journal mode stays in it when read.
    let book = Book::new();
    unstamped_book(&book, followup::store::SCHEMA_VERSION);
    let bytes = std::fs::read(&book.path).unwrap();
    let names = names_in(book.dir.path());
    for args in READS {
        book.run_table(args);
        assert!(std::fs::read(&book.path).unwrap() == bytes, "{args:?}");
        assert_eq!(names_in(book.dir.path()), names, "{args:?}");
    }
}

#[test]
fn commands_that_only_read_leave_a_book_exactly_as_it_was() {
    let book = Book::new();
    book.add("Ada Lovelace", &["--next", "today 3pm"]);
    let bytes = std::fs::read(&book.path).unwrap();
    let names = names_in(book.dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    for args in READS {
        book.run_table(args);
        assert!(std::fs::read(&book.path).unwrap() == bytes, "{args:?}");
        assert_eq!(names_in(book.dir.path()), names, "{args:?} left files");
    }
    let copy = elsewhere.path().join("copy.db");
    book.run_table(&["backup", copy.to_str().unwrap()]);
    assert!(std::fs::read(&book.path).unwrap() == bytes, "backup");
    assert_eq!(names_in(book.dir.path()), names, "backup left files");
}

// ---------------------------------------------------------------------------
// Symbolic links and permissions (points 6 and 16)
// ---------------------------------------------------------------------------

#[test]
fn a_dangling_symbolic_link_is_never_followed_to_create_a_book() {
    let book = Book::new();
    let target = book.dir.path().join("nonexist.db");
    std::os::unix::fs::symlink("nonexist.db", &book.path).unwrap();
    for args in [&["add", "X"][..], &["demo", "--prospects", "3"], &["today"]] {
        let msg = refused_with(&book, args);
        assert!(msg.contains("link"), "{args:?}: {msg}");
        assert!(!target.exists(), "{args:?} created the link's target");
    }
    // A link to an existing book is fine: the book stays private.
    std::fs::remove_file(&book.path).unwrap();
    let real = Book::new();
    real.add("Ada Lovelace", &[]);
    std::os::unix::fs::symlink(&real.path, &book.path).unwrap();
    assert_eq!(book.run_json(&["show", "1"])["name"], "Ada Lovelace");
    assert_eq!(mode(&real.path), 0o600);
}

#[test]
fn a_new_book_its_folder_and_its_backups_are_private() {
    let book = Book::new();
    // Only the default data folder is created for a book (a `--db` in a
    // folder that does not exist is refused: tests/db_folder.rs).
    let home = book.dir.path().join("home");
    let path = home.join(".local/share/followup/followup.db");
    let out = book
        .cmd()
        .env("HOME", &home)
        .env_remove("XDG_DATA_HOME")
        .args(["--now", MONDAY_9AM, "add", "Ada"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    let copy = book.dir.path().join("copies/copy.db");
    let out = book
        .cmd()
        .arg("--db")
        .arg(&path)
        .args(["--now", MONDAY_9AM, "backup"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&copy), 0o600);
    assert_eq!(mode(copy.parent().unwrap()), 0o700);
}

#[test]
fn a_book_others_can_read_is_made_private_and_said_once() {
    use std::os::unix::fs::PermissionsExt;
    let book = Book::new();
    book.add("Ada Lovelace", &[]);
    // Hold the book open so its -wal and -shm files exist too.
    let holder = Connection::open(&book.path).unwrap();
    holder
        .query_row("SELECT count(*) FROM prospect", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let wal = book.dir.path().join("book.db-wal");
    let shm = book.dir.path().join("book.db-shm");
    for path in [&book.path, &wal, &shm] {
        assert!(path.exists(), "{}", path.display());
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = book.with(&["list"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("followup: ")
            && stderr.contains("0600")
            && stderr.contains(&book.path.display().to_string()),
        "{stderr}"
    );
    for path in [&book.path, &wal, &shm] {
        assert_eq!(mode(path), 0o600, "{}", path.display());
    }
    let again = book.with(&["list"]).output().unwrap();
    assert!(again.stderr.is_empty(), "said once: {again:?}");
    drop(holder);
}

// ---------------------------------------------------------------------------
// Read-only media (points 8 and 16)
// ---------------------------------------------------------------------------

#[test]
fn a_book_on_read_only_media_can_be_read_and_backed_up() {
    let book = Book::new();
    book.add("Ada Lovelace", &["--next", "today 3pm"]);
    let before = book.snapshot();
    let bytes = std::fs::read(&book.path).unwrap();
    let names = names_in(book.dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let media = match ReadOnlyMedia::make(&[&book.path, book.dir.path()]) {
        Ok(media) => media,
        Err(why) => {
            cannot_run("a_book_on_read_only_media_can_be_read_and_backed_up", &why);
            return;
        }
    };
    for args in READS {
        let out = book.with(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}: {out:?}");
    }
    let today = book.run_json(&["today"]);
    assert_eq!(today["due_today"][0]["name"], "Ada Lovelace", "{today}");
    let copy = elsewhere.path().join("copy.db");
    book.run_table(&["backup", copy.to_str().unwrap()]);
    assert_eq!(common::snapshot(&copy), before);
    // A write is refused with one sentence.
    let msg = refused_with(&book, &["add", "Bob"]);
    assert!(msg.contains("read-only"), "{msg}");
    drop(media);
    assert!(
        std::fs::read(&book.path).unwrap() == bytes,
        "the file changed"
    );
    assert_eq!(names_in(book.dir.path()), names);
}
