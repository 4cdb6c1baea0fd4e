//! A new member's first sync in bulk, through the real binary against a
//! throwaway PostgreSQL server (skipped with a notice where there is none,
//! unless FOLLOWUP_REQUIRE_PG=1): it ends with the book the incremental
//! sync gives, and killed in any of its phases (pulling, applying,
//! rebuilding the indexes) the next sync finishes it with nothing lost or
//! taken twice. The reassigned-prospect and parked paths work after it.

mod common;

use common::Book;
use common::team::{member, team};
use followup::team::dump::{canonical_dump, search_index_holds};
use followup::team::testing::{self, Pg};
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

fn sync(book: &Book) -> Value {
    book.json_at(&book.now, &["sync"])
}

/// A sync with the tests' environment `env` (batch size, fault, path).
fn sync_with(book: &Book, env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = book.with(&["sync", "--format", "json"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn dump(book: &Book) -> Vec<String> {
    let conn = Connection::open_with_flags(&book.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    canonical_dump(&conn)
}

fn search_holds(book: &Book) -> bool {
    let conn = Connection::open(&book.path).unwrap();
    search_index_holds(&conn)
}

fn staged(book: &Book) -> i64 {
    let conn = Connection::open_with_flags(&book.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT count(*) FROM first_sync_change", [], |r| r.get(0))
        .unwrap()
}

/// The ids of the active prospects of a book.
fn active_ids(book: &Book) -> Vec<String> {
    let list = book.json_at(&book.now, &["list", "--status", "active"]);
    list["prospects"]
        .as_array()
        .or_else(|| list.as_array())
        .expect("a list")
        .iter()
        .map(|p| p["id"].to_string())
        .collect()
}

/// Moves up to `limit` prospects of `from` to `to` on the server, as the
/// coordinator does; how many moved.
fn reassign(pg: &Pg, from: &str, to: &str, limit: i64) -> u64 {
    let mut cora =
        postgres::Client::connect(&pg.conn_str("cora", "postgres"), postgres::NoTls).unwrap();
    cora.execute(
        "UPDATE followup.prospect_owner SET owner = $2::text::name WHERE prospect IN \
         (SELECT prospect FROM followup.prospect_owner WHERE owner = $1::text::name \
          ORDER BY prospect LIMIT $3)",
        &[&from, &to, &limit],
    )
    .unwrap()
}

/// Ada's sample book and a week's work, Bob's prospects, one of Ada's
/// reassigned to Bob and worked by him, the coordinator's edits.
fn a_team_with_history(pg: &Pg) -> (Book, Book, Book) {
    team(
        pg,
        &[
            ("ada", "consultant"),
            ("bob", "consultant"),
            ("cora", "coordinator"),
        ],
    );
    let ada = member(pg, "ada", "Ada");
    ada.cmd()
        .args(["demo", "--db"])
        .arg(&ada.path)
        .args(["--prospects", "30", "--seed", "7"])
        .assert()
        .success();
    let active = active_ids(&ada);
    ada.with(&["edit", &active[0], "--probability", "40"])
        .assert()
        .success();
    ada.with(&["note", &active[1], "wants a demo"])
        .assert()
        .success();
    ada.with(&["log", &active[1], "meeting"]).assert().success();
    sync(&ada);
    let bob = member(pg, "bob", "Bob");
    bob.with(&[
        "add",
        "Alan Turing",
        "--company",
        "Bletchley",
        "--next",
        "tue morning",
    ])
    .assert()
    .success();
    bob.with(&["next", "1", "wed afternoon"]).assert().success();
    sync(&bob);
    assert_eq!(reassign(pg, "ada", "bob", 1), 1);
    sync(&bob);
    bob.with(&["list", "--status", "all", "--format", "json"])
        .assert()
        .success();
    let cora = member(pg, "cora", "Cora");
    cora.add("Cora's own", &[]);
    sync(&cora);
    cora.with(&["edit", &active_ids(&cora)[1], "--company", "Edited by Cora"])
        .assert()
        .success();
    sync(&cora);
    sync(&ada);
    sync(&bob);
    (ada, bob, cora)
}

#[test]
fn a_first_sync_in_bulk_killed_in_each_phase_ends_as_the_incremental_one() {
    let Some(pg) = testing::start() else { return };
    let _team = a_team_with_history(&pg);

    // The reference: a new coordinator's book, change by change.
    let reference = member(&pg, "cora", "Cora");
    let out = sync_with(&reference, &[("FOLLOWUP_TEST_SYNC_INCREMENTAL", "1")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = dump(&reference);
    assert!(want.len() > 300, "{}", want.len());

    let plain = member(&pg, "cora", "Cora");
    let report = sync(&plain);
    assert_eq!(dump(&plain), want, "in bulk, not interrupted: {report}");
    assert!(search_holds(&plain));
    assert_eq!(staged(&plain), 0);

    for fault in [
        "kill-after-pull-batch:2",
        "kill-while-applying:100",
        "kill-while-indexing:3",
    ] {
        let book = member(&pg, "cora", "Cora");
        let killed = sync_with(
            &book,
            &[
                ("FOLLOWUP_TEST_SYNC_BATCH", "50"),
                ("FOLLOWUP_TEST_FAULT", fault),
            ],
        );
        assert!(!killed.status.success(), "{fault}: the sync was killed");
        assert!(staged(&book) > 0, "{fault}: changes wait, staged");
        let resumed = sync(&book);
        assert_eq!(staged(&book), 0, "{fault}: {resumed}");
        let got = dump(&book);
        let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{fault}: {missing:#?}\n{extra:#?}"
        );
        assert_eq!(got, want, "{fault}");
        assert!(search_holds(&book), "{fault}");
        let again = sync(&book);
        assert_eq!(again["pulled"], 0, "{fault}: {again}");
    }
}

#[test]
fn after_a_first_sync_in_bulk_reassigned_and_parked_changes_work() {
    let Some(pg) = testing::start() else { return };
    let (_ada, _bob, cora) = a_team_with_history(&pg);

    // Bob on a new machine: his prospects (one reassigned from Ada) in
    // bulk, then the same as an incremental book.
    let bulk = member(&pg, "bob", "Bob");
    sync(&bulk);
    let incremental = member(&pg, "bob", "Bob");
    let out = sync_with(&incremental, &[("FOLLOWUP_TEST_SYNC_INCREMENTAL", "1")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(dump(&bulk), dump(&incremental));

    // Another of Ada's given to Bob: it comes whole to both books.
    assert_eq!(reassign(&pg, "ada", "bob", 1), 1);
    let came = sync(&bulk);
    assert_eq!(came["reassigned"], 1, "{came}");
    sync(&incremental);
    assert_eq!(dump(&bulk), dump(&incremental));

    // One of Bob's given back to Ada while Bob edits it: set aside.
    let first = active_ids(&bulk)[0].clone();
    assert_eq!(reassign(&pg, "bob", "ada", 10), 3);
    bulk.with(&["edit", &first, "--probability", "55"])
        .assert()
        .success();
    let parked = sync(&bulk);
    assert_eq!(parked["parked"], 1, "{parked}");
    drop(cora);
}
