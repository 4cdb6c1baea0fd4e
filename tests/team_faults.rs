//! A sync against a server that misbehaves: one that accepts the
//! connection and never answers, one that stops answering mid-sync, one
//! without the TLS the connection asks for, and one whose rules refuse part
//! of a push (the prospect was reassigned). Each ends in bounded time with
//! one sentence, and nothing is lost.

mod common;

use common::Book;
use common::team::{member, member_with, team};
use followup::team::testing::{self, Pg};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn sync(book: &Book) -> Value {
    book.json_at(&book.now, &["sync"])
}

/// A sync that fails: its exit code, its stderr, and how long it took.
fn failed_sync(book: &Book) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let out = book.with(&["sync"]).output().unwrap();
    let took = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the sync failed: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    (out.status.code(), err, took)
}

/// A TCP listener on 127.0.0.1 that accepts connections and then, if
/// `answer` is given, sends it once, and holds every connection open
/// without a word more until the test ends (at most a minute).
fn silent_server(answer: Option<&'static [u8]>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(8) {
            let Ok(mut stream) = stream else { return };
            if let Some(answer) = answer {
                // The client's first message (an SSLRequest is 8 bytes).
                let mut first = [0u8; 8];
                if stream.read_exact(&mut first).is_ok() {
                    let _ = stream.write_all(answer);
                }
            }
            held.push(stream);
        }
        std::thread::sleep(Duration::from_secs(60));
    });
    port
}

#[test]
fn a_server_that_never_answers_fails_the_sync_within_the_connect_timeout() {
    let port = silent_server(None);
    let book = member_with(
        "Ada",
        &format!("server = \"host=127.0.0.1 port={port} user=ada dbname=team connect_timeout=2\""),
    );
    book.add("Grace Hopper", &[]);
    let (code, err, took) = failed_sync(&book);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("did not answer within 2 s"), "{err}");
    assert!(took < Duration::from_secs(15), "bounded: {took:?}");
    book.with(&["show", "1"]).assert().success();
}

#[test]
fn sslmode_require_against_a_server_without_tls_says_so() {
    // What a PostgreSQL server without TLS answers an SSLRequest: "N".
    let port = silent_server(Some(b"N"));
    let book = member_with(
        "Ada",
        &format!(
            "server = \"host=127.0.0.1 port={port} user=ada dbname=team sslmode=require connect_timeout=5\""
        ),
    );
    book.add("Grace Hopper", &[]);
    let (code, err, took) = failed_sync(&book);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("does not offer TLS, which sslmode=require asks for"),
        "{err}"
    );
    assert!(took < Duration::from_secs(15), "{took:?}");
}

/// A TCP proxy to the cluster's socket. On its first connection, once the
/// client sends a statement naming `followup.change` (the push), it stops
/// passing the server's answers on and holds the connection silent; later
/// connections pass everything.
fn freezing_proxy(pg: &Pg) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let socket = pg.socket_path();
    std::thread::spawn(move || {
        for (n, client) in listener.incoming().take(16).enumerate() {
            let Ok(client) = client else { return };
            let Ok(server) = std::os::unix::net::UnixStream::connect(&socket) else {
                return;
            };
            let frozen = Arc::new(AtomicBool::new(false));
            let watch = n == 0;
            let (mut c_in, mut c_out) = (client.try_clone().unwrap(), client);
            let (mut s_in, mut s_out) = (server.try_clone().unwrap(), server);
            let flag = frozen.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 16384];
                while let Ok(n) = c_in.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if watch && buf[..n].windows(15).any(|w| w == b"followup.change") {
                        flag.store(true, Ordering::SeqCst);
                    }
                    if s_out.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            });
            std::thread::spawn(move || {
                let mut buf = [0u8; 16384];
                while let Ok(n) = s_in.read(&mut buf) {
                    if n == 0 || frozen.load(Ordering::SeqCst) {
                        break;
                    }
                    if c_out.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                if frozen.load(Ordering::SeqCst) {
                    // Silent, the connection still open.
                    std::thread::sleep(Duration::from_secs(60));
                }
            });
        }
    });
    port
}

#[test]
fn a_server_that_stops_answering_mid_sync_fails_it_within_the_timeout_and_the_next_resumes() {
    let Some(pg) = testing::start() else { return };
    team(&pg, &[("ada", "consultant"), ("cora", "coordinator")]);
    let port = freezing_proxy(&pg);
    let ada = member_with(
        "Ada",
        &format!(
            "server = \"host=127.0.0.1 port={port} user=ada dbname=postgres sslmode=disable\"\n\
             timeout = \"2s\""
        ),
    );
    ada.add("Grace Hopper", &["--next", "tue morning"]);
    ada.add("Alan Turing", &[]);
    let (code, err, took) = failed_sync(&ada);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("stopped answering for 2 s"), "{err}");
    assert!(took < Duration::from_secs(15), "bounded: {took:?}");

    // The next sync (the proxy passes everything now) pushes it all once.
    let resumed = sync(&ada);
    assert!(resumed["pushed_new"].as_u64().unwrap() > 0, "{resumed}");
    assert_eq!(resumed["pushed"], resumed["pushed_new"], "{resumed}");
    let cora = member(&pg, "cora", "Cora");
    let pulled = sync(&cora);
    assert_eq!(pulled["pulled"], resumed["pushed_new"], "{pulled}");
    assert_eq!(sync(&ada)["pushed_new"], 0);
}

#[test]
fn changes_to_a_prospect_reassigned_away_are_set_aside_and_the_rest_pushed() {
    let Some(pg) = testing::start() else { return };
    team(
        &pg,
        &[
            ("ada", "consultant"),
            ("bob", "consultant"),
            ("cora", "coordinator"),
        ],
    );
    let ada = member(&pg, "ada", "Ada");
    ada.add("Grace Hopper", &[]);
    sync(&ada);
    // The coordinator gives Grace to Bob while Ada, offline, keeps working
    // her, and adds someone new.
    let mut cora =
        postgres::Client::connect(&pg.conn_str("cora", "postgres"), postgres::NoTls).unwrap();
    let moved = cora
        .execute(
            "UPDATE followup.prospect_owner SET owner = 'bob' WHERE owner = 'ada'",
            &[],
        )
        .unwrap();
    assert_eq!(moved, 1);
    ada.with(&["note", "1", "she wants a demo"])
        .assert()
        .success();
    ada.with(&["edit", "1", "--probability", "70"])
        .assert()
        .success();
    ada.add("Katherine Johnson", &[]);

    let refused = sync(&ada);
    assert_eq!(refused["parked"], 2, "the note and the edit: {refused}");
    assert_eq!(refused["parked_total"], 2, "{refused}");
    assert!(refused["pushed_new"].as_u64().unwrap() > 0, "{refused}");
    let text = ada.with(&["sync"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("2 changes refused by the server earlier are set aside"),
        "{text}"
    );
    assert!(text.contains("followup sync --parked"), "{text}");

    // Not pushed again, and listed.
    let again = sync(&ada);
    assert_eq!(again["parked"], 0, "{again}");
    assert_eq!(again["pushed"], 0, "{again}");
    let parked = ada.json_at(&ada.now, &["sync", "--parked"]);
    let list = parked["parked"].as_array().expect("a list");
    assert_eq!(list.len(), 2, "{parked}");
    assert!(list.iter().all(|p| p["name"] == "Grace Hopper"), "{parked}");
    assert!(
        list[0]["reason"]
            .as_str()
            .unwrap()
            .contains("row-level security"),
        "{parked}"
    );
    let table = ada.run_table(&["sync", "--parked"]);
    assert!(table.contains("Grace Hopper"), "{table}");
    // Still in Ada's book; the new prospect reached the server.
    assert_eq!(ada.show(1)["probability"], 70);
    let mut admin = postgres::Client::connect(&pg.admin(), postgres::NoTls).unwrap();
    let katherine: i64 = admin
        .query_one(
            "SELECT count(*) FROM followup.change WHERE new->>'name' = 'Katherine Johnson' \
             OR new::text LIKE '%Katherine Johnson%'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(katherine > 0, "the rest of the push went through");
    let on_server: i64 = admin
        .query_one(
            "SELECT count(*) FROM followup.change WHERE field = 'probability' AND new = '70'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(on_server, 0, "the refused edit is not on the server");
}
