//! The team's sync at scale, against a throwaway local PostgreSQL server
//! (`team::testing`), each sync a whole `followup sync` process timed from
//! outside, as a user waits for it:
//!
//! - `day`: a consultant's day: 2,000 changes of their own to push and
//!   2,000 of the coordinator's (on their prospects) to pull, in one sync;
//!   three days in a row.
//! - `first-sync`: the sample book of `FOLLOWUP_BENCH_PROSPECTS` prospects
//!   (default 100,000, about 1M attempts) pushed by its consultant, then a
//!   new coordinator's first sync, taking it all in.
//!
//! Run: `cargo bench --bench team -- day` or `-- first-sync` (both when
//! neither is named). It prints its figures; it is not a criterion bench
//! (a first sync happens once).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDateTime, TimeZone};
use followup::app::{self, Context, EditRequest};
use followup::domain::{ProspectId, ProspectPatch};
use followup::team::testing::{self, Pg};

const NOW: &str = "2026-11-23T09:00";

fn now() -> chrono::DateTime<Local> {
    let t = NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M").expect("the bench's clock");
    Local
        .from_local_datetime(&t)
        .single()
        .expect("a local time")
}

/// A member's folder: its book and its config naming the server as `role`.
struct Member {
    dir: tempfile::TempDir,
    name: String,
}

impl Member {
    fn new(pg: &Pg, role: &str) -> Member {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::create_dir_all(dir.path().join("config")).expect("config folder");
        std::fs::write(
            dir.path().join("config/config.toml"),
            format!(
                "[profile]\nname = \"{role}\"\n\n[team]\nserver = \"{}\"\ntimeout = \"120s\"\n",
                pg.conn_str(role, "postgres")
            ),
        )
        .expect("config");
        Member {
            dir,
            name: role.into(),
        }
    }

    fn book(&self) -> std::path::PathBuf {
        self.dir.path().join("book.db")
    }

    fn followup(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_followup"));
        cmd.env("FOLLOWUP_CONFIG_DIR", self.dir.path().join("config"))
            .env_remove("FOLLOWUP_DB")
            .arg("--db")
            .arg(self.book())
            .arg("--now")
            .arg(NOW)
            .args(args);
        cmd
    }

    /// One `followup sync`, timed; its JSON report.
    fn sync(&self) -> (Duration, serde_json::Value) {
        self.sync_through(self.followup(&["sync", "--format", "json"]))
    }

    /// One `followup sync` under `/usr/bin/time` (when there is one),
    /// timed; its JSON report and the process's peak resident memory.
    fn sync_measured(&self) -> (Duration, serde_json::Value, Option<u64>) {
        let time = Path::new("/usr/bin/time");
        if !time.exists() {
            let (took, report) = self.sync();
            return (took, report, None);
        }
        let plain = self.followup(&["sync", "--format", "json"]);
        let mut cmd = Command::new(time);
        cmd.args(["-f", "peak RSS %M KB"]).arg(plain.get_program());
        cmd.args(plain.get_args());
        for (key, value) in plain.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        let started = Instant::now();
        let child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run followup sync");
        // Where the pull cursor stood, every 200 ms: when the last batch
        // was pulled (a first sync in bulk applies them all afterwards).
        let mut cursor = Vec::new();
        let waiting = std::thread::spawn(move || child.wait_with_output());
        while !waiting.is_finished() {
            std::thread::sleep(Duration::from_millis(200));
            if let Some(at) = self.pull_cursor() {
                cursor.push((started.elapsed(), at));
            }
        }
        let out = waiting
            .join()
            .expect("the waiting thread")
            .expect("run followup sync");
        let took = started.elapsed();
        let last = cursor.last().map_or(0, |c| c.1);
        if let Some((pulled_by, _)) = cursor.iter().find(|c| c.1 == last && last > 0) {
            println!(
                "  pulled (and set down) by {:.1} s, applied in the {:.1} s after",
                pulled_by.as_secs_f64(),
                (took - *pulled_by).as_secs_f64()
            );
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let peak = stderr.lines().find_map(|l| {
            l.strip_prefix("peak RSS ")?
                .strip_suffix(" KB")?
                .parse()
                .ok()
        });
        assert!(
            out.status.success(),
            "{} could not sync: {stderr}",
            self.name
        );
        let report = serde_json::from_slice(&out.stdout).expect("a JSON report");
        (took, report, peak)
    }

    /// The book's pull cursor, read beside a running sync (`None` before
    /// the book exists).
    fn pull_cursor(&self) -> Option<i64> {
        let conn = rusqlite::Connection::open_with_flags(
            self.book(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .ok()?;
        conn.query_row(
            "SELECT value FROM book_meta WHERE key = 'team_pulled_seq'",
            [],
            |r| r.get(0),
        )
        .ok()
    }

    fn sync_through(&self, mut cmd: Command) -> (Duration, serde_json::Value) {
        let started = Instant::now();
        let out = cmd.output().expect("run followup sync");
        let took = started.elapsed();
        assert!(
            out.status.success(),
            "{} could not sync: {}",
            self.name,
            String::from_utf8_lossy(&out.stderr)
        );
        (
            took,
            serde_json::from_slice(&out.stdout).expect("a JSON report"),
        )
    }

    /// `count` edits of the prospects `ids` (one change each).
    fn edit(&self, ids: &[ProspectId], count: usize, salt: &str) {
        let mut book = followup::store::Book::open(&self.book()).expect("open the book");
        book.set_author(Some(&self.name));
        let ctx = Context::builtin();
        for i in 0..count {
            let patch = ProspectPatch {
                company: Some(format!("{salt} #{i}")),
                ..Default::default()
            };
            app::edit_prospect(
                &mut book,
                &ctx,
                now(),
                ids[i % ids.len()],
                EditRequest::from(patch),
            )
            .expect("an edit");
        }
    }
}

/// A team on a fresh server: `members` as (name, role).
fn team(members: &[(&str, &str)]) -> Pg {
    let pg = testing::start().expect("a PostgreSQL server (install postgresql)");
    let admin = tempfile::tempdir().expect("a folder");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_followup"))
            .env("FOLLOWUP_CONFIG_DIR", admin.path())
            .args(args)
            .args(["--server", &pg.admin()])
            .output()
            .expect("run followup team");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["team", "init"]);
    for (name, role) in members {
        run(&["team", "add-member", name, "--role", role]);
    }
    pg
}

fn day() {
    let pg = team(&[("ada", "consultant"), ("cora", "coordinator")]);
    let ada = Member::new(&pg, "ada");
    let cora = Member::new(&pg, "cora");
    {
        let mut book = followup::store::Book::open(&ada.book()).expect("ada's book");
        book.set_author(Some("ada"));
        let ctx = Context::builtin();
        for i in 0..200 {
            let fields = ProspectPatch {
                name: Some(format!("Prospect {i}")),
                ..Default::default()
            };
            app::add_prospect(&mut book, &ctx, now(), fields, None).expect("a prospect");
        }
    }
    ada.sync();
    cora.sync();
    let ids: Vec<ProspectId> = (1..=200).map(ProspectId).collect();
    for day in 1..=3 {
        // Cora's local ids are not Ada's: her book took them in order.
        cora.edit(&ids, 2000, &format!("cora day {day}"));
        cora.sync();
        ada.edit(&ids, 2000, &format!("ada day {day}"));
        let (took, report) = ada.sync();
        println!(
            "day {day}: pushed {} new, pulled {} ({} new in the book) in {:.2} s",
            report["pushed_new"],
            report["pulled"],
            report["applied"],
            took.as_secs_f64()
        );
    }
}

fn first_sync() {
    let prospects: usize = std::env::var("FOLLOWUP_BENCH_PROSPECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let pg = team(&[("ada", "consultant"), ("cora", "coordinator")]);
    let ada = Member::new(&pg, "ada");
    let started = Instant::now();
    let out = ada
        .followup(&["demo", "--prospects", &prospects.to_string(), "--seed", "1"])
        .output()
        .expect("run followup demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "sample book of {prospects} prospects written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (took, report) = ada.sync();
    let pushed = report["pushed_new"].as_u64().unwrap_or(0);
    println!(
        "the consultant pushed {pushed} changes in {:.1} s ({:.0} changes/s)",
        took.as_secs_f64(),
        pushed as f64 / took.as_secs_f64()
    );
    // FOLLOWUP_BENCH_FIRST_SYNCS: how many new coordinators' first syncs
    // (each a new book) against the same server.
    let runs: usize = std::env::var("FOLLOWUP_BENCH_FIRST_SYNCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    for run in 0..runs {
        // FOLLOWUP_BENCH_WAIT_FOR=FILE: before each run after the first,
        // wait for FILE (and remove it), so a rebuilt binary can be timed
        // against the same server without pushing the book again.
        if let Some(file) = std::env::var_os("FOLLOWUP_BENCH_WAIT_FOR").filter(|_| run > 0) {
            println!("waiting for {}", Path::new(&file).display());
            while std::fs::remove_file(&file).is_err() {
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        let cora = Member::new(&pg, "cora");
        let (took, report, peak) = cora.sync_measured();
        let pulled = report["pulled"].as_u64().unwrap_or(0);
        println!(
            "a new coordinator's first sync pulled {pulled} changes in {:.1} s ({:.0} changes/s), \
             peak RSS {}; its book: {}",
            took.as_secs_f64(),
            pulled as f64 / took.as_secs_f64(),
            peak.map_or("not measured".to_string(), |kb| format!("{} MB", kb / 1024)),
            summary(&cora.book())
        );
    }
}

/// How many prospects and attempts a book holds.
fn summary(book: &Path) -> String {
    let conn = rusqlite::Connection::open(book).expect("open the book");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap_or(-1) };
    format!(
        "{} prospects, {} attempts",
        count("SELECT count(*) FROM prospect"),
        count("SELECT count(*) FROM attempt")
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wants = |name: &str| {
        let named: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        named.is_empty() || named.iter().any(|a| a.as_str() == name)
    };
    if wants("day") {
        day();
    }
    if wants("first-sync") {
        first_sync();
    }
}
