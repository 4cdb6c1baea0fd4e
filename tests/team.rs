//! `followup team init`, `team add-member` and `sync` against a real,
//! throwaway PostgreSQL server (skipped with a one-line notice where there
//! is none, unless FOLLOWUP_REQUIRE_PG=1): books of several members
//! converge as far as each may read, a second sync moves nothing, and a
//! sync killed between batches resumes where it stopped.

mod common;

use common::Book;
use common::team::{member, team_from};
use followup::team::testing;
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

fn sync(book: &Book) -> Value {
    book.json_at(&book.now, &["sync"])
}

/// Every prospect, attempt and next step by its stable id, as a canonical
/// text (no local ids).
fn rows(book: &Book) -> Vec<String> {
    let conn = Connection::open_with_flags(&book.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let queries = [
        "SELECT 'p', hex(uid), name, company, value_cents, probability, notes, status, \
         series_performed, last_contact_at, removed_at IS NOT NULL FROM prospect ORDER BY uid",
        "SELECT 'a', hex(a.uid), hex(p.uid), a.at, a.channel, a.outcome, a.note, \
         a.removed_at IS NOT NULL FROM attempt a JOIN prospect p ON p.id = a.prospect_id \
         ORDER BY a.uid",
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

fn names(book: &Book) -> Vec<String> {
    let list = book.json_at(&book.now, &["list", "--status", "all"]);
    let mut names: Vec<String> = list["prospects"]
        .as_array()
        .or_else(|| list.as_array())
        .expect("a list")
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

fn id_of(book: &Book, name: &str) -> String {
    let list = book.json_at(&book.now, &["list", "--status", "all"]);
    list["prospects"]
        .as_array()
        .or_else(|| list.as_array())
        .expect("a list")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not in the book: {list}"))["id"]
        .to_string()
}

#[test]
fn consultants_and_a_coordinator_converge_through_the_server() {
    let Some(pg) = testing::start() else { return };
    let admin = Book::new();
    team_from(
        &pg,
        &admin,
        &[
            ("ada", "consultant"),
            ("bob", "consultant"),
            ("cora", "coordinator"),
        ],
    );
    let ada = member(&pg, "ada", "Ada");
    let bob = member(&pg, "bob", "Bob");
    let cora = member(&pg, "cora", "Cora");

    ada.add("Grace Hopper", &["--value", "12k", "--next", "tue morning"]);
    ada.with(&["log", "1", "voicemail"]).assert().success();
    bob.add("Alan Turing", &["--company", "Bletchley"]);
    bob.with(&["note", "1", "asked for a quote"])
        .assert()
        .success();

    let pushed = sync(&ada);
    assert!(pushed["pushed"].as_u64().unwrap() > 0, "{pushed}");
    assert_eq!(pushed["pushed"], pushed["pushed_new"], "{pushed}");
    assert_eq!(
        pushed["pulled"], 0,
        "nothing of anyone else's yet: {pushed}"
    );
    sync(&bob);
    let pulled = sync(&cora);
    assert!(pulled["pulled"].as_u64().unwrap() > 0, "{pulled}");
    assert_eq!(names(&cora), ["Alan Turing", "Grace Hopper"]);

    // The coordinator edits Ada's prospect; Ada gets the edit, Bob never
    // sees Ada's prospect at all (nor Ada Bob's).
    let grace = id_of(&cora, "Grace Hopper");
    cora.with(&["edit", &grace, "--probability", "60"])
        .assert()
        .success();
    sync(&cora);
    sync(&ada);
    sync(&bob);
    assert_eq!(names(&ada), ["Grace Hopper"]);
    assert_eq!(names(&bob), ["Alan Turing"]);
    let shown = ada.show(1);
    assert_eq!(shown["probability"], 60, "{shown}");

    // Same rows for the same prospects, whoever holds them.
    let cora_rows = rows(&cora);
    for book in [&ada, &bob] {
        for row in rows(book) {
            assert!(
                cora_rows.contains(&row),
                "the coordinator's book lacks {row}"
            );
        }
    }
    assert_eq!(rows(&ada).len() + rows(&bob).len(), cora_rows.len());

    // The coordinator reassigns Grace to Bob (on the server): Bob's next
    // sync brings her whole, and Bob may now work her.
    let mut as_cora =
        postgres::Client::connect(&pg.conn_str("cora", "postgres"), postgres::NoTls).unwrap();
    let moved = as_cora
        .execute(
            "UPDATE followup.prospect_owner SET owner = 'bob' \
             WHERE owner = 'ada'",
            &[],
        )
        .unwrap();
    assert_eq!(moved, 1);
    let taken = sync(&bob);
    assert_eq!(taken["reassigned"], 1, "{taken}");
    assert_eq!(names(&bob), ["Alan Turing", "Grace Hopper"]);
    let grace_at_bob = id_of(&bob, "Grace Hopper");
    bob.with(&["note", &grace_at_bob, "she calls back friday"])
        .assert()
        .success();
    let bob_pushed = sync(&bob);
    assert_eq!(
        bob_pushed["pushed"], bob_pushed["pushed_new"],
        "{bob_pushed}"
    );
    assert!(
        bob_pushed["pushed_new"].as_u64().unwrap() > 0,
        "{bob_pushed}"
    );
    sync(&cora);
    let cora_rows = rows(&cora);
    for row in rows(&bob) {
        assert!(
            cora_rows.contains(&row),
            "the coordinator's book lacks {row}"
        );
    }

    // A second sync moves nothing.
    for book in [&ada, &bob, &cora] {
        let again = sync(book);
        assert_eq!(again["pushed_new"], 0, "{again}");
        assert_eq!(again["pulled"], 0, "{again}");
    }

    // The table says what moved.
    let table = cora.with(&["sync"]).output().unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("pushed") && text.contains("pulled"), "{text}");
}

#[test]
fn a_sync_killed_between_batches_resumes_where_it_stopped() {
    let Some(pg) = testing::start() else { return };
    let admin = Book::new();
    team_from(
        &pg,
        &admin,
        &[("dan", "consultant"), ("cleo", "coordinator")],
    );
    // Dan's book: a sample book with a few hundred changes.
    let dan = member(&pg, "dan", "Dan");
    dan.cmd()
        .args(["demo", "--db"])
        .arg(&dan.path)
        .args(["--prospects", "30", "--seed", "7"])
        .assert()
        .success();
    let pushed = sync(&dan);
    let total = pushed["pushed_new"].as_u64().unwrap();
    assert!(total > 150, "enough changes for several batches: {pushed}");

    let cleo = member(&pg, "cleo", "Cleo");
    cleo.add("Someone Else", &[]);
    let killed = cleo
        .with(&["sync", "--format", "json"])
        .env("FOLLOWUP_TEST_SYNC_BATCH", "50")
        .env("FOLLOWUP_TEST_FAULT", "kill-after-pull-batch:2")
        .output()
        .unwrap();
    assert!(!killed.status.success(), "the sync was killed");

    // Resumed: only what the first run had not committed comes in.
    let resumed = cleo.json_at(&cleo.now, &["sync"]);
    assert_eq!(
        resumed["pulled"].as_u64().unwrap(),
        total - 100,
        "{resumed}"
    );
    assert_eq!(resumed["applied"], resumed["pulled"], "{resumed}");
    assert_eq!(
        resumed["pushed_new"], 0,
        "pushed before the kill: {resumed}"
    );
    let history = |book: &Book| -> i64 {
        let conn =
            Connection::open_with_flags(&book.path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        conn.query_row(
            "SELECT count(*) FROM history h JOIN device d ON d.id = h.device WHERE d.id <> 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(history(&cleo) as u64, total, "each change taken in once");
    let dan_rows = rows(&dan);
    let cleo_rows = rows(&cleo);
    for row in &dan_rows {
        assert!(cleo_rows.contains(row), "Cleo's book lacks {row}");
    }
    assert_eq!(cleo_rows.len(), dan_rows.len() + 1, "plus her own prospect");
    let again = sync(&cleo);
    assert_eq!(again["pulled"], 0, "{again}");
}

#[test]
fn sync_without_a_team_server_says_how_to_name_one() {
    let book = Book::new();
    book.add("Grace Hopper", &[]);
    let err = book.usage_error(&["sync"]);
    assert!(err.contains("no team server is configured"), "{err}");
    assert!(err.contains("[team] server"), "{err}");
    assert!(err.contains("A team"), "points at README's section: {err}");
    assert!(!err.contains("--server"), "sync has no --server: {err}");
}

#[test]
fn every_team_command_without_a_server_says_there_is_none() {
    let book = Book::new();
    book.add("Grace Hopper", &[]);
    // No server could have refused anything: not "the server took them all".
    for args in [
        &["sync", "--parked"][..],
        &["sync", "--retry-parked"][..],
        &["coach", "Ada", "Ask who decides"][..],
    ] {
        let err = book.usage_error(args);
        assert!(
            err.contains("no team server is configured"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("took them all"), "{args:?}: {err}");
    }
    for args in [
        &["team", "init"][..],
        &["team", "add-member", "ada", "--role", "consultant"][..],
    ] {
        let err = book.usage_error(args);
        assert!(
            err.contains("no team server is configured"),
            "{args:?}: {err}"
        );
        assert!(err.contains("--server"), "these take one: {args:?}: {err}");
    }
}

#[test]
fn sync_with_the_server_out_of_reach_says_so_in_one_sentence() {
    let book = Book::new();
    std::fs::create_dir_all(&book.config_dir).unwrap();
    let nowhere = book.dir.path().join("no-server-here");
    std::fs::write(
        book.config_dir.join("config.toml"),
        format!(
            "[team]\nserver = \"host={} user=ada dbname=team\"\n",
            nowhere.display()
        ),
    )
    .unwrap();
    book.add("Grace Hopper", &[]);
    let out = book.with(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("could not reach the team server"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // The book is as it was: nothing was marked as pushed.
    let again = book.with(&["show", "1"]).output().unwrap();
    assert!(again.status.success());
}

#[test]
fn a_password_in_the_team_server_is_refused() {
    let book = Book::new();
    std::fs::create_dir_all(&book.config_dir).unwrap();
    std::fs::write(
        book.config_dir.join("config.toml"),
        "[team]\nserver = \"host=db user=ada password=hunter2 dbname=team\"\n",
    )
    .unwrap();
    book.add("Grace Hopper", &[]);
    let out = book.with(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("must not hold a password"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

/// A coordinator's book holds everyone's pulled prospects: `team status`
/// counts them per consultant.
#[test]
fn team_status_shows_each_consultant_in_the_coordinators_book() {
    let Some(pg) = testing::start() else { return };
    let admin = Book::new();
    team_from(
        &pg,
        &admin,
        &[
            ("ada", "consultant"),
            ("bob", "consultant"),
            ("cora", "coordinator"),
        ],
    );
    let ada = member(&pg, "ada", "Ada");
    let bob = member(&pg, "bob", "Bob");
    let cora = member(&pg, "cora", "Cora");
    ada.add("Grace Hopper", &["--next", "today 3pm"]);
    ada.add("Katherine Johnson", &["--next", "today 4pm"]);
    bob.add("Alan Turing", &[]);
    bob.with(&["log", "1", "voicemail"]).assert().success();
    for book in [&ada, &bob, &cora] {
        sync(book);
    }
    let status = cora.run_json(&["team", "status"]);
    let consultants = status["consultants"].as_array().expect("a list");
    let by_name = |name: &str| {
        consultants
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} missing: {status}"))
    };
    assert_eq!(consultants.len(), 2, "{status}");
    assert_eq!(by_name("Ada")["due_today"], 2, "{status}");
    assert_eq!(by_name("Ada")["contacts_this_week"], 0, "{status}");
    assert_eq!(by_name("Bob")["contacts_this_week"], 1, "{status}");
    let table = cora.run_table(&["team", "status"]);
    assert!(table.starts_with("consultant"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("Ada") && l.contains(" 2 ")),
        "{table}"
    );
}

/// A prospect the coordinator gives to another consultant is counted under
/// them in every book that syncs afterwards, a new member's included.
#[test]
fn a_reassigned_prospect_counts_under_its_new_owner() {
    let Some(pg) = testing::start() else { return };
    let admin = Book::new();
    team_from(
        &pg,
        &admin,
        &[
            ("ada", "consultant"),
            ("bob", "consultant"),
            ("cora", "coordinator"),
            ("maria", "manager"),
        ],
    );
    let ada = member(&pg, "ada", "Ada");
    let bob = member(&pg, "bob", "Bob");
    let cora = member(&pg, "cora", "Cora");
    ada.add("Grace Hopper", &["--next", "today 3pm"]);
    ada.add("Katherine Johnson", &["--next", "today 4pm"]);
    bob.add("Alan Turing", &["--next", "today 5pm"]);
    for book in [&ada, &bob, &cora] {
        sync(book);
    }
    let due = |book: &Book, name: &str| -> Value {
        let status = book.run_json(&["team", "status"]);
        status["consultants"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|c| c["name"] == name)
            .map_or(Value::Null, |c| c["due_today"].clone())
    };
    assert_eq!(due(&cora, "Ada"), 2);
    assert_eq!(due(&cora, "Bob"), 1);

    // Cora gives Katherine to Bob.
    let mut server =
        postgres::Client::connect(&pg.conn_str("cora", "postgres"), postgres::NoTls).unwrap();
    let moved = server
        .execute(
            "UPDATE followup.prospect_owner SET owner = 'bob' WHERE prospect = \
             (SELECT prospect FROM followup.change WHERE kind = 0 AND op = 0 \
              AND new::text LIKE '%Katherine Johnson%')",
            &[],
        )
        .unwrap();
    assert_eq!(moved, 1);
    sync(&cora);
    assert_eq!(due(&cora, "Ada"), 1, "Katherine is Bob's now");
    assert_eq!(due(&cora, "Bob"), 2, "under the name Bob's changes carry");
    sync(&bob);
    assert_eq!(due(&bob, "Bob"), 2, "Bob's own book files her under him");
    // A manager who joins afterwards learns it at the first sync.
    let maria = member(&pg, "maria", "Maria");
    sync(&maria);
    assert_eq!(due(&maria, "Ada"), 1);
    assert_eq!(due(&maria, "Bob"), 2);
}
