//! `backup` and `restore` trust nothing: a restore takes only a followup
//! book (of any page size, or an older schema that upgrades cleanly), a
//! backup finishes while another program writes, and no leftover file or
//! symbolic link gets in the way of either.

#![cfg(unix)]

mod common;

use common::{APP_ID, Book, application_id, mode, snapshot, user_version};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A book with two prospects and some history.
fn filled_book() -> Book {
    let book = Book::new();
    book.add(
        "Grace Hopper",
        &["--next", "today 3pm", "--note", "likes blue"],
    );
    book.add("Alan Turing", &["--company", "Bletchley"]);
    book.run_table(&["log", "2", "voicemail"]);
    book
}

/// `backup` of `book` into its folder as `name`.
fn backup_of(book: &Book, name: &str) -> PathBuf {
    let path = book.dir.path().join(name);
    book.run_table(&["backup", path.to_str().unwrap()]);
    path
}

/// The copies of the book kept aside by restores.
fn asides(book: &Book) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(book.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("before-restore"))
        .collect();
    found.sort();
    found
}

/// Edits the database at `path` with `sql` (a raw connection, no checks).
fn tamper(path: &Path, sql: &str) {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

/// `restore BACKUP` is refused with one sentence that names the backup; the
/// book is unchanged and nothing was saved aside.
fn refuses(book: &Book, backup: &Path) -> String {
    let msg = book.refused(&["restore", backup.to_str().unwrap()], 1);
    assert!(
        msg.contains(&backup.display().to_string()),
        "blames the backup: {msg}"
    );
    assert!(!msg.contains("read-only"), "{msg}");
    assert!(
        asides(book).is_empty(),
        "{msg}: saved aside before refusing"
    );
    msg
}

// ---------------------------------------------------------------------------
// restore (point 4)
// ---------------------------------------------------------------------------

#[test]
fn restore_refuses_a_database_that_is_not_a_followup_book() {
    let book = filled_book();
    let other = book.dir.path().join("other.db");
    tamper(
        &other,
        "CREATE TABLE prospect (foo TEXT, bar INTEGER);
         INSERT INTO prospect VALUES ('x', 1);
         PRAGMA user_version = 4;",
    );
    refuses(&book, &other);
    // Even when it claims to be ours.
    tamper(&other, &format!("PRAGMA application_id = {APP_ID};"));
    refuses(&book, &other);
    let text = book.dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all\n".repeat(100)).unwrap();
    refuses(&book, &text);
    let missing = book.dir.path().join("missing.db");
    refuses(&book, &missing);
}

#[test]
fn restore_refuses_a_backup_whose_schema_is_not_what_it_says() {
    let book = filled_book();
    let good = backup_of(&book, "good.db");
    let cases = [
        "PRAGMA user_version = -5;",
        "PRAGMA user_version = 2;",
        "PRAGMA user_version = 1;",
        "PRAGMA application_id = 0; PRAGMA user_version = 3;",
        "DROP TRIGGER next_step_opened;",
        "DROP INDEX prospect_quiet;",
        "CREATE TABLE extra (x);",
        "PRAGMA user_version = 99;",
    ];
    for (i, sql) in cases.iter().enumerate() {
        let bad = book.dir.path().join(format!("bad{i}.db"));
        std::fs::copy(&good, &bad).unwrap();
        tamper(&bad, sql);
        refuses(&book, &bad);
    }
}

#[test]
fn restore_takes_a_backup_of_another_page_size() {
    for page_size in [1024, 8192, 65536] {
        let book = filled_book();
        let before = book.snapshot();
        let backup = backup_of(&book, "backup.db");
        tamper(
            &backup,
            &format!("PRAGMA journal_mode = DELETE; PRAGMA page_size = {page_size}; VACUUM;"),
        );
        book.add("Someone Later", &[]);
        let out = book.run_table(&["restore", backup.to_str().unwrap()]);
        assert!(out.contains("previous book is kept at"), "{out}");
        assert_eq!(book.snapshot(), before, "page size {page_size}");
        assert_eq!(asides(&book).len(), 1);
        book.add("Works After", &[]);
    }
}

#[test]
fn restore_takes_a_book_of_every_older_schema() {
    for version in 1..followup::store::SCHEMA_VERSION {
        let book = filled_book();
        let old = book.dir.path().join("old.db");
        let mut conn = Connection::open(&old).unwrap();
        followup::store::migrate_to(&mut conn, version).unwrap();
        conn.execute(
            "INSERT INTO prospect (name, status, created_at, updated_at) \
             VALUES ('Old Olga', 'active', 1795000000, 1795000000)",
            [],
        )
        .unwrap();
        drop(conn);
        book.run_table(&["restore", old.to_str().unwrap()]);
        assert_eq!(book.show(1)["name"], "Old Olga", "from version {version}");
        assert_eq!(
            user_version(&book.path),
            followup::store::SCHEMA_VERSION as i64
        );
        assert_eq!(application_id(&book.path), APP_ID);
        assert_eq!(
            user_version(&old),
            version as i64,
            "the backup is untouched"
        );
    }
}

// ---------------------------------------------------------------------------
// backup (points 6 and 7)
// ---------------------------------------------------------------------------

#[test]
fn a_leftover_empty_file_blocks_neither_backup_nor_restore() {
    let book = filled_book();
    let before = book.snapshot();
    let dest = book.dir.path().join("backup.db");
    std::fs::write(&dest, b"").unwrap();
    book.run_table(&["backup", dest.to_str().unwrap()]);
    assert_eq!(snapshot(&dest), before);
    assert_eq!(mode(&dest), 0o600);
    // A failed restore of an older release left an empty file where the
    // book is saved aside; the same restore again (same minute) works, and
    // so does a third one, which keeps its own copy.
    let aside = book
        .dir
        .path()
        .join("book.db.before-restore-20261123-090000");
    std::fs::write(&aside, b"").unwrap();
    book.run_table(&["restore", dest.to_str().unwrap()]);
    book.run_table(&["restore", dest.to_str().unwrap()]);
    let kept = asides(&book);
    assert_eq!(kept.len(), 2, "{kept:?}");
    for path in &kept {
        assert_eq!(snapshot(path), before);
        assert_eq!(mode(path), 0o600);
    }
    assert_eq!(book.snapshot(), before);
    // A backup never overwrites something that is not empty.
    book.refused(&["backup", dest.to_str().unwrap()], 1);
}

#[test]
fn backup_never_writes_through_a_symbolic_link() {
    let book = filled_book();
    let target = book.dir.path().join("target.db");
    let link = book.dir.path().join("link.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let msg = book.refused(&["backup", link.to_str().unwrap()], 1);
    assert!(msg.contains("link"), "{msg}");
    assert!(!target.exists(), "followed the link");
    // A link to an existing (even empty) file is not replaced either.
    std::fs::write(&target, b"").unwrap();
    book.refused(&["backup", link.to_str().unwrap()], 1);
    assert_eq!(std::fs::read(&target).unwrap(), b"");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn backup_finishes_while_another_program_keeps_writing() {
    let book = filled_book();
    // A book of some 20 MB, so a page-by-page copy takes many steps.
    tamper(
        &book.path,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO prospect (name, notes, created_at, updated_at)
         SELECT 'Bulk ' || i, hex(randomblob(500)), 1795000000, 1795000000 FROM n;",
    );
    let stop = Arc::new(AtomicBool::new(false));
    let writes = Arc::new(AtomicU64::new(0));
    let writer = {
        let (path, stop, writes) = (book.path.clone(), stop.clone(), writes.clone());
        std::thread::spawn(move || {
            let conn = Connection::open(&path).unwrap();
            conn.busy_timeout(Duration::from_secs(10)).unwrap();
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut i: u64 = 0;
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                i += 1;
                conn.execute(
                    "UPDATE prospect SET notes = ?1 WHERE id = ?2",
                    rusqlite::params![format!("write {i}"), (i % 20_000 + 1) as i64],
                )
                .unwrap();
                writes.fetch_add(1, Ordering::Relaxed);
                // Some 50 writes a second: a busy cockpit and more.
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    while writes.load(Ordering::Relaxed) < 5 {
        std::thread::yield_now();
    }
    let dest = book.dir.path().join("backup.db");
    let started = Instant::now();
    let writes_before = writes.load(Ordering::Relaxed);
    let mut child = book
        .std_cmd(&["backup", dest.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            stop.store(true, Ordering::Relaxed);
            let _ = writer.join();
            panic!("backup did not finish within 30 s while another program wrote");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let writes_during = writes.load(Ordering::Relaxed) - writes_before;
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    assert!(status.success(), "{:?}", child.wait_with_output());
    assert!(writes_during > 0, "nothing was written during the backup");
    let conn = Connection::open(&dest).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM prospect", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 20_002);
    assert_eq!(mode(&dest), 0o600);
}
