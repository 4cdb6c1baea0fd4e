//! Shared harness for the command-line tests: a temporary book, a private
//! configuration folder, a fixed time zone and a fixed `--now`.

#![allow(dead_code)]

pub mod awkward;
pub mod media;
pub mod team;

use assert_cmd::Command;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Monday 23 November 2026, 09:00 local (America/Toronto).
pub const MONDAY_9AM: &str = "2026-11-23T09:00";

/// The time zone every test runs in.
pub const TZ: &str = "America/Toronto";

/// A temporary book with its own configuration folder.
pub struct Book {
    pub dir: TempDir,
    pub path: PathBuf,
    pub config_dir: PathBuf,
    pub now: String,
}

impl Book {
    /// A fresh (not yet created) book in a new temporary folder.
    pub fn new() -> Book {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("book.db");
        let config_dir = dir.path().join("config");
        Book {
            dir,
            path,
            config_dir,
            now: MONDAY_9AM.to_string(),
        }
    }

    /// The binary with a clean environment: no `FOLLOWUP_DB`, a private
    /// configuration folder and a fixed time zone. No arguments.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("followup").expect("the followup binary");
        cmd.env_remove("FOLLOWUP_DB")
            .env("FOLLOWUP_CONFIG_DIR", &self.config_dir)
            .env("TZ", TZ)
            .env("NO_COLOR", "1");
        cmd
    }

    /// The binary with `--db BOOK --now NOW` before `args`.
    pub fn at(&self, now: &str, args: &[&str]) -> Command {
        let mut cmd = self.cmd();
        cmd.arg("--db")
            .arg(&self.path)
            .arg("--now")
            .arg(now)
            .args(args);
        cmd
    }

    /// The binary with `--db BOOK --now self.now` before `args`.
    pub fn with(&self, args: &[&str]) -> Command {
        self.at(&self.now, args)
    }

    /// Runs `args --format json` at `now`; asserts success and one JSON document on stdout.
    pub fn json_at(&self, now: &str, args: &[&str]) -> Value {
        let out = self
            .at(now, args)
            .arg("--format")
            .arg("json")
            .output()
            .expect("run followup");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "followup {args:?} failed: {stderr}\nstdout: {stdout}"
        );
        serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!("followup {args:?}: stdout is not one JSON document ({e}):\n{stdout}")
        })
    }

    /// Runs `args --format json` at the book's `now`.
    pub fn run_json(&self, args: &[&str]) -> Value {
        self.json_at(&self.now, args)
    }

    /// Runs `args` (table output) at `now`; asserts success; returns stdout.
    pub fn table_at(&self, now: &str, args: &[&str]) -> String {
        let out = self.at(now, args).output().expect("run followup");
        let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
        assert!(
            out.status.success(),
            "followup {args:?} failed: {}\nstdout: {stdout}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// Runs `args` (table output) at the book's `now`.
    pub fn run_table(&self, args: &[&str]) -> String {
        self.table_at(&self.now, args)
    }

    /// Adds a prospect; returns its id.
    pub fn add(&self, name: &str, extra: &[&str]) -> i64 {
        self.add_at(&self.now, name, extra)
    }

    /// Adds a prospect as of `now`; returns its id.
    pub fn add_at(&self, now: &str, name: &str, extra: &[&str]) -> i64 {
        let mut args = vec!["add", name];
        args.extend_from_slice(extra);
        let v = self.json_at(now, &args);
        v["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("add gave no integer id: {v}"))
    }

    /// `show ID --format json`.
    pub fn show(&self, id: i64) -> Value {
        self.run_json(&["show", &id.to_string()])
    }

    /// Every row of every table, as text, plus `PRAGMA user_version`.
    pub fn snapshot(&self) -> String {
        snapshot(&self.path)
    }

    /// Runs `args` expecting it to be refused with exit `code` and one
    /// `followup: ...` line on stderr, nothing on stdout, and the book
    /// unchanged. Returns the message.
    pub fn refused(&self, args: &[&str], code: i32) -> String {
        let before = self.snapshot();
        let out = self.with(args).output().expect("run followup");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "followup {args:?}: stderr {stderr:?}, stdout {stdout:?}"
        );
        assert!(
            stdout.is_empty(),
            "followup {args:?} printed on stdout: {stdout:?}"
        );
        assert_one_line(&stderr, args);
        assert_eq!(
            self.snapshot(),
            before,
            "followup {args:?} changed the book"
        );
        stderr
    }

    /// Like [`Book::refused`] for errors clap reports itself (usage errors):
    /// exit 2, something on stderr, nothing on stdout, the book unchanged.
    pub fn usage_error(&self, args: &[&str]) -> String {
        let before = self.snapshot();
        let out = self.with(args).output().expect("run followup");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(2),
            "followup {args:?}: stderr {stderr:?}, stdout {stdout:?}"
        );
        assert!(
            stdout.is_empty(),
            "followup {args:?} printed on stdout: {stdout:?}"
        );
        assert!(
            !stderr.trim().is_empty(),
            "followup {args:?}: no message on stderr"
        );
        assert_eq!(
            self.snapshot(),
            before,
            "followup {args:?} changed the book"
        );
        stderr
    }

    /// Writes `DIR/config/NAME` (creating folders).
    pub fn write_config(&self, name: &str, text: &str) -> PathBuf {
        let path = self.config_dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("config folder");
        std::fs::write(&path, text).expect("write config file");
        path
    }
}

/// Asserts `stderr` is exactly one line starting with `followup:`.
pub fn assert_one_line(stderr: &str, args: &[&str]) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "followup {args:?}: stderr is not one line: {stderr:?}"
    );
    assert!(
        lines[0].starts_with("followup:"),
        "followup {args:?}: stderr {stderr:?}"
    );
    assert!(
        lines[0].len() > "followup: ".len(),
        "followup {args:?}: empty message"
    );
}

/// Every row of every table of the book at `path` (opened read-only), as
/// text, plus `PRAGMA user_version`.
pub fn snapshot(path: &Path) -> String {
    if !path.exists() {
        return "<no book>".to_string();
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap_or_else(|e| panic!("open {} read-only: {e}", path.display()));
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version");
    let mut out = format!("user_version {version}\n");
    for table in ["prospect", "attempt", "next_step"] {
        out.push_str(&format!("[{table}]\n"));
        let mut stmt = match conn.prepare(&format!("SELECT * FROM {table} ORDER BY id")) {
            Ok(stmt) => stmt,
            Err(e) => {
                out.push_str(&format!("<{e}>\n"));
                continue;
            }
        };
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect("query");
        while let Some(row) = rows.next().expect("row") {
            let cells: Vec<String> = (0..columns)
                .map(|i| match row.get_ref(i).expect("cell") {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => format!("blob{b:?}"),
                })
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}

/// `PRAGMA user_version` of the book at `path`.
pub fn user_version(path: &Path) -> i64 {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version")
}

/// The string at `v[key]`, or a panic naming the document.
pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string {key:?} in {v}"))
}

/// The ids of the items of a JSON array.
pub fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|item| {
            item["id"]
                .as_i64()
                .unwrap_or_else(|| panic!("no id in {item}"))
        })
        .collect()
}

/// The `application_id` every followup book carries: ASCII "FLUP".
pub const APP_ID: i64 = 0x464C_5550;

/// `PRAGMA application_id` of the database at `path`.
pub fn application_id(path: &Path) -> i64 {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    conn.pragma_query_value(None, "application_id", |r| r.get(0))
        .expect("application_id")
}

impl Book {
    /// The binary as a plain `std::process::Command` (for spawning), with
    /// the same environment and `--db BOOK --now NOW` before `args`.
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_followup"));
        cmd.env_remove("FOLLOWUP_DB")
            .env("FOLLOWUP_CONFIG_DIR", &self.config_dir)
            .env("TZ", TZ)
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(&self.path)
            .arg("--now")
            .arg(&self.now)
            .args(args);
        cmd
    }
}

/// The permission bits of `path` (not following a symlink).
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The names in `dir`, sorted: to see that nothing was left behind.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
