//! The team's load and fault test: consultants (separate books, separate
//! server roles) each make their changes while syncing concurrently (each
//! sync a `followup sync` process), the coordinator edits the same fields
//! of their prospects at the same time (conflicts), some syncs are
//! SIGKILLed mid-way and the server is restarted once mid-run. At the end
//! every book holds the same rows for the same prospects, the server's
//! history has no duplicate, and every change each book made is on the
//! server (nothing acknowledged is lost).
//!
//! `cargo test` runs it at 4 consultants × 150 changes; the size is
//! `FOLLOWUP_TEAM_LOAD=20x2000 cargo test --release --test team_load --
//! --nocapture` (BENCHMARKS.md has its figures). Either prints its figures.

mod common;

use chrono::{Duration as Days, Local, NaiveDateTime, TimeZone};
use common::Book;
use common::team::{member_with, team};
use followup::app::{self, Context, EditRequest};
use followup::domain::{ProspectId, ProspectPatch};
use followup::team::testing::{self, Pg};
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

/// Prospects each consultant works.
const PROSPECTS: usize = 10;
/// Of those, the ones the coordinator edits too.
const SHARED: usize = 3;
/// Rounds of work-and-sync.
const ROUNDS: usize = 5;
/// The round whose syncs the server restart interrupts.
const RESTART_ROUND: usize = 2;
/// The rounds in which some syncs are SIGKILLed (after the restart: by
/// then each consultant has the last round's work to push).
const KILL_ROUNDS: [usize; 2] = [3, 4];

/// The size: consultants × changes each (`FOLLOWUP_TEAM_LOAD=20x2000`).
fn size() -> (usize, usize) {
    let text = std::env::var("FOLLOWUP_TEAM_LOAD").unwrap_or_else(|_| "4x150".into());
    let (a, b) = text
        .split_once('x')
        .expect("FOLLOWUP_TEAM_LOAD is CONSULTANTSxCHANGES, e.g. 20x2000");
    (a.parse().expect("consultants"), b.parse().expect("changes"))
}

struct Member {
    name: String,
    book: Book,
}

fn member(pg: &Pg, role: &str) -> Member {
    let server = pg.conn_str(role, "postgres");
    let book = member_with(role, &format!("server = \"{server}\"\ntimeout = \"60s\""));
    Member {
        name: role.to_string(),
        book,
    }
}

/// The moment of round `round` (each round a minute later, so the
/// hybrid clocks move as a day's would).
fn moment(round: usize) -> chrono::DateTime<Local> {
    let base = NaiveDateTime::parse_from_str("2026-11-23T09:00", "%Y-%m-%dT%H:%M").unwrap();
    Local.from_local_datetime(&base).unwrap() + Days::minutes(round as i64)
}

fn sync_cmd(m: &Member, round: usize) -> std::process::Command {
    let mut cmd = m.book.std_cmd(&["sync", "--format", "json"]);
    // std_cmd put --now Monday 9:00; the last --now wins.
    cmd.arg("--now")
        .arg(moment(round).format("%Y-%m-%dT%H:%M").to_string());
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// A finished sync: its report, or `None` if it failed (or was killed).
fn report(out: &Output) -> Option<Value> {
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

/// Changes `count` fields of this member's prospects `ids` (one history
/// change each), in the test process, while its sync may be running.
fn work(m: &Member, ids: &[ProspectId], count: usize, round: usize, salt: &str) {
    let mut book = followup::store::Book::open(&m.book.path).expect("open the book");
    book.set_author(Some(&m.name));
    let ctx = Context::builtin();
    for i in 0..count {
        let id = ids[i % ids.len()];
        let patch = ProspectPatch {
            company: Some(format!("{salt} r{round} #{i}")),
            ..Default::default()
        };
        app::edit_prospect(&mut book, &ctx, moment(round), id, EditRequest::from(patch))
            .expect("an edit");
        // A person between two edits: without a pause, back-to-back write
        // transactions starve the sync process's busy wait for the book.
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Every prospect, attempt and next step by stable id, as canonical text.
fn rows(book: &Book) -> Vec<String> {
    let conn = Connection::open_with_flags(&book.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let queries = [
        "SELECT 'p', hex(uid), name, company, value_cents, probability, notes, status, \
         series_performed, last_contact_at, removed_at IS NOT NULL FROM prospect ORDER BY uid",
        "SELECT 's', hex(s.uid), hex(p.uid), s.action, s.due_start, s.due_end, s.done_at, \
         s.resolution FROM next_step s JOIN prospect p ON p.id = s.prospect_id ORDER BY s.uid",
    ];
    let mut out = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(sql).unwrap();
        let width = stmt.column_count();
        let found = stmt
            .query_map([], |r| {
                Ok((0..width)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.extend(found);
    }
    out
}

/// This book's device id (hex) and how many changes it made itself.
fn own_changes(book: &Book) -> (String, i64) {
    let conn = Connection::open_with_flags(&book.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let device: String = conn
        .query_row("SELECT lower(hex(uid)) FROM device WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM history WHERE device = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    (device, n)
}

/// Local ids of the prospects named `names` in `book`.
fn ids_named(book: &Book, names: &[String]) -> Vec<ProspectId> {
    let conn = Connection::open_with_flags(&book.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    names
        .iter()
        .map(|n| {
            ProspectId(
                conn.query_row("SELECT id FROM prospect WHERE name = ?1", [n], |r| r.get(0))
                    .unwrap_or_else(|_| panic!("{n} is not in the book")),
            )
        })
        .collect()
}

#[derive(Default)]
struct Figures {
    pushed: u64,
    push_secs: f64,
    pulled: u64,
    pull_secs: f64,
    killed: usize,
    failed: usize,
}

#[test]
fn consultants_and_a_coordinator_converge_through_kills_and_a_restart() {
    let Some(pg) = testing::start() else { return };
    let (consultants, changes) = size();
    let names: Vec<String> = (0..consultants).map(|i| format!("c{i:02}")).collect();
    let roles: Vec<(&str, &str)> = names
        .iter()
        .map(|n| (n.as_str(), "consultant"))
        .chain([("coord", "coordinator")])
        .collect();
    team(&pg, &roles);
    let members: Vec<Member> = names.iter().map(|n| member(&pg, n)).collect();
    let coord = member(&pg, "coord");

    // Each consultant's prospects, synced once so the server knows whose
    // they are; the coordinator takes them all in.
    let started = Instant::now();
    for m in &members {
        for p in 0..PROSPECTS {
            m.book.add(&format!("{} prospect {p}", m.name), &[]);
        }
        assert!(sync_cmd(m, 0).output().unwrap().status.success());
    }
    assert!(sync_cmd(&coord, 0).output().unwrap().status.success());
    let shared: Vec<String> = names
        .iter()
        .flat_map(|n| (0..SHARED).map(move |p| format!("{n} prospect {p}")))
        .collect();
    let coord_ids = ids_named(&coord.book, &shared);
    let own_ids: Vec<ProspectId> = (1..=PROSPECTS as i64).map(ProspectId).collect();

    let mut figures = Figures::default();
    let per_round = changes.div_ceil(ROUNDS);
    for round in 1..=ROUNDS {
        // Everyone syncs at once, each working while its sync runs.
        let mut running: Vec<(usize, Child, Instant)> = Vec::new();
        let to_kill = |i: usize| KILL_ROUNDS.contains(&round) && i % 3 == round % 3;
        for (i, m) in members.iter().enumerate() {
            let mut cmd = sync_cmd(m, round);
            if to_kill(i) {
                // Small batches: many round trips, so the kill lands mid-sync.
                cmd.env("FOLLOWUP_TEST_SYNC_BATCH", "2");
            }
            running.push((i, cmd.spawn().unwrap(), Instant::now()));
        }
        let coord_sync = sync_cmd(&coord, round).spawn().unwrap();
        let coord_at = Instant::now();
        if round == RESTART_ROUND {
            std::thread::sleep(Duration::from_millis(150));
            pg.restart().expect("the server restarts");
        }
        let mut killed = Vec::new();
        if KILL_ROUNDS.contains(&round) {
            std::thread::sleep(Duration::from_millis(40));
            for (i, child, _) in running.iter_mut() {
                if to_kill(*i) {
                    // SIGKILL, wherever the sync is.
                    let _ = child.kill();
                    killed.push(*i);
                }
            }
        }
        std::thread::scope(|s| {
            for m in &members {
                let ids = &own_ids;
                s.spawn(move || work(m, ids, per_round, round, &m.name));
            }
            let ids = &coord_ids;
            let coord = &coord;
            s.spawn(move || work(coord, ids, per_round.min(200), round, "coord"));
        });
        for (i, child, at) in running {
            let out = child.wait_with_output().unwrap();
            match report(&out) {
                Some(r) => {
                    figures.pushed += r["pushed_new"].as_u64().unwrap();
                    figures.push_secs += at.elapsed().as_secs_f64();
                }
                None if killed.contains(&i) => figures.killed += 1,
                None => {
                    figures.failed += 1;
                    assert_eq!(
                        round,
                        RESTART_ROUND,
                        "a sync failed outside the restart: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            }
        }
        let out = coord_sync.wait_with_output().unwrap();
        if let Some(r) = report(&out) {
            figures.pulled += r["pulled"].as_u64().unwrap();
            figures.pull_secs += coord_at.elapsed().as_secs_f64();
        } else {
            assert_eq!(
                round,
                RESTART_ROUND,
                "the coordinator's sync failed outside the restart: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            figures.failed += 1;
        }
    }
    assert!(figures.killed > 0, "some syncs were killed");
    let worked = started.elapsed();

    // Converge: sync everyone until a whole pass moves nothing.
    let converging = Instant::now();
    let last = ROUNDS + 1;
    let mut passes = 0;
    loop {
        passes += 1;
        assert!(passes <= 4, "still moving after {passes} passes");
        let mut moved = 0;
        for m in members.iter().chain([&coord]).chain(members.iter()) {
            let out = sync_cmd(m, last).output().unwrap();
            let r = report(&out).unwrap_or_else(|| {
                panic!("a sync failed: {}", String::from_utf8_lossy(&out.stderr))
            });
            moved += r["pushed_new"].as_u64().unwrap() + r["pulled"].as_u64().unwrap();
            assert_eq!(r["parked_total"], 0, "nothing refused: {r}");
        }
        if moved == 0 {
            break;
        }
    }
    let converged = converging.elapsed();

    // Every book holds what the coordinator's holds for its prospects.
    let coord_rows = rows(&coord.book);
    let mut held = 0;
    for m in &members {
        let mine = rows(&m.book);
        for row in &mine {
            assert!(
                coord_rows.contains(row),
                "{}: the coordinator lacks {row}",
                m.name
            );
        }
        held += mine.len();
    }
    assert_eq!(held, coord_rows.len(), "each prospect is one consultant's");

    // No duplicate on the server; every change of every book is there.
    let mut server = postgres::Client::connect(&pg.admin(), postgres::NoTls).unwrap();
    let row = server
        .query_one(
            "SELECT count(*), count(DISTINCT (device, hlc, prospect, kind, op, field, entity)) \
             FROM followup.change",
            &[],
        )
        .unwrap();
    let (total, distinct): (i64, i64) = (row.get(0), row.get(1));
    assert_eq!(total, distinct, "duplicates on the server");
    let mut made = 0;
    for m in members.iter().chain([&coord]) {
        let (device, n) = own_changes(&m.book);
        let on_server: i64 = server
            .query_one(
                "SELECT count(*) FROM followup.change WHERE device = $1::text::uuid",
                &[&device],
            )
            .unwrap()
            .get(0);
        assert_eq!(
            on_server, n,
            "{}: every change it made is on the server",
            m.name
        );
        if m.name != "coord" {
            assert!(n as usize >= changes, "{} made {n} changes", m.name);
        }
        made += n;
    }
    assert_eq!(made, total, "the server holds nothing else");

    let rate = |n: u64, s: f64| if s > 0.0 { n as f64 / s } else { 0.0 };
    eprintln!(
        "team load: {consultants} consultants x {changes} changes + the coordinator's: \
         {total} changes on the server; {} syncs killed, {} failed in the restart; \
         work phase {:.1} s; pushed {} at {:.0} changes/s per sync process; \
         coordinator pulled {} at {:.0} changes/s; converged in {:.1} s ({passes} passes)",
        figures.killed,
        figures.failed,
        worked.as_secs_f64(),
        figures.pushed,
        rate(figures.pushed, figures.push_secs),
        figures.pulled,
        rate(figures.pulled, figures.pull_secs),
        converged.as_secs_f64(),
    );
}
