//! Changes the server refused and a sync set aside, pushed again once the
//! cause is gone, against a real throwaway server (skipped with a one-line
//! notice where there is none, unless FOLLOWUP_REQUIRE_PG=1): while the
//! prospect is another member's, a retry is refused again and the change
//! stays set aside with the server's new words; once the coordinator gives
//! it back, the next sync pushes it by itself, it is no longer set aside,
//! and the book takes in what the other member did meanwhile.

mod common;

use common::Book;
use common::team::{member, team};
use followup::team::testing::{self, Pg};
use serde_json::Value;

fn sync(book: &Book, extra: &[&str]) -> Value {
    let mut args = vec!["sync"];
    args.extend_from_slice(extra);
    book.json_at(&book.now, &args)
}

/// Gives every prospect `from` owns to `to`, as the coordinator does.
fn reassign(pg: &Pg, from: &str, to: &str) {
    let mut cora =
        postgres::Client::connect(&pg.conn_str("cora", "postgres"), postgres::NoTls).unwrap();
    let moved = cora
        .execute(
            "UPDATE followup.prospect_owner SET owner = $2 WHERE owner = $1",
            &[&from, &to],
        )
        .unwrap();
    assert_eq!(moved, 1, "one prospect, {from} to {to}");
}

/// How many changes on the server set `field` to `value` (JSON text).
fn on_server(pg: &Pg, field: &str, value: &str) -> i64 {
    let mut admin = postgres::Client::connect(&pg.admin(), postgres::NoTls).unwrap();
    admin
        .query_one(
            "SELECT count(*) FROM followup.change WHERE field = $1 AND new::text = $2",
            &[&field, &value],
        )
        .unwrap()
        .get(0)
}

#[test]
fn refused_changes_are_pushed_again_once_the_prospect_is_given_back() {
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
    let bob = member(&pg, "bob", "Bob");
    let grace = ada.add("Grace Hopper", &[]);
    sync(&ada, &[]);

    // Grace goes to Bob while Ada, offline, edits her: refused, set aside.
    reassign(&pg, "ada", "bob");
    ada.with(&["edit", &grace.to_string(), "--probability", "70"])
        .assert()
        .success();
    let refused = sync(&ada, &[]);
    assert_eq!(refused["parked"], 1, "{refused}");
    let first = ada.json_at(&ada.now, &["sync", "--parked"]);
    let parked_at = first["parked"][0]["parked_at"].clone();

    // Bob works her meanwhile (his first sync takes her in, in bulk: she
    // is his now, so her whole history is his to read).
    sync(&bob, &[]);
    let bobs = bob.json_at(&bob.now, &["list", "--status", "all"]);
    let bobs = bobs["prospects"]
        .as_array()
        .or_else(|| bobs.as_array())
        .expect("a list");
    assert_eq!(bobs.len(), 1, "{bobs:?}");
    assert_eq!(bobs[0]["name"], "Grace Hopper");
    let bobs_grace = bobs[0]["id"].to_string();
    bob.with(&["edit", &bobs_grace, "--company", "US Navy"])
        .assert()
        .success();
    sync(&bob, &[]);

    // Still Bob's: a plain sync leaves the change aside, a forced retry is
    // refused again and keeps it, with the server's words.
    let plain = sync(&ada, &[]);
    assert_eq!(plain["retried"], 0, "not Ada's prospect: {plain}");
    let forced = sync(&ada, &["--retry-parked"]);
    assert_eq!(forced["retried"], 1, "{forced}");
    assert_eq!(forced["settled"], 0, "{forced}");
    assert_eq!(forced["parked_total"], 1, "{forced}");
    let again = ada.json_at(&ada.now, &["sync", "--parked"]);
    assert_eq!(again["parked"][0]["parked_at"], parked_at, "{again}");
    assert!(
        again["parked"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("row-level security"),
        "{again}"
    );
    assert_eq!(on_server(&pg, "probability", "70"), 0);
    let table = ada.run_table(&["sync", "--retry-parked"]);
    assert!(
        table.contains(
            "pushed again 1 changes set aside earlier: the server took 0, refused 1 again"
        ),
        "{table}"
    );

    // Given back: the next sync pushes it by itself, and Ada's book takes
    // in what Bob did while Grace was his.
    reassign(&pg, "bob", "ada");
    let back = sync(&ada, &[]);
    assert_eq!(back["retried"], 1, "{back}");
    assert_eq!(back["settled"], 1, "{back}");
    assert_eq!(back["parked_total"], 0, "{back}");
    assert_eq!(on_server(&pg, "probability", "70"), 1);
    let listed = ada.json_at(&ada.now, &["sync", "--parked"]);
    assert_eq!(
        listed["parked"].as_array().map(Vec::len),
        Some(0),
        "{listed}"
    );
    let shown = ada.show(grace);
    assert_eq!(shown["probability"], 70, "{shown}");
    assert_eq!(shown["company"], "US Navy", "Bob's edit: {shown}");
    // Settled changes are not pushed again.
    let after = sync(&ada, &["--retry-parked"]);
    assert_eq!(after["retried"], 0, "{after}");
}

#[test]
fn a_prospect_given_back_brings_what_its_other_owner_did_meanwhile() {
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
    let bob = member(&pg, "bob", "Bob");
    let grace = ada.add("Grace Hopper", &[]);
    sync(&ada, &[]);

    // Grace goes to Bob, who works her; Ada changes nothing meanwhile, so
    // nothing of hers is set aside to bring Grace back with it.
    reassign(&pg, "ada", "bob");
    sync(&bob, &[]);
    let bobs_grace = bob.json_at(&bob.now, &["list", "--status", "all"]);
    let bobs_grace = bobs_grace["prospects"]
        .as_array()
        .or_else(|| bobs_grace.as_array())
        .expect("a list")[0]["id"]
        .to_string();
    bob.with(&["edit", &bobs_grace, "--company", "US Navy"])
        .assert()
        .success();
    sync(&bob, &[]);
    let quiet = sync(&ada, &[]);
    assert_eq!(
        quiet["reassigned"], 0,
        "not hers while Bob has her: {quiet}"
    );
    assert!(ada.show(grace)["company"].is_null());

    // Given back: Ada's next sync takes in Bob's edit, once.
    reassign(&pg, "bob", "ada");
    let back = sync(&ada, &[]);
    assert_eq!(back["reassigned"], 1, "{back}");
    assert_eq!(ada.show(grace)["company"], "US Navy");
    let later = sync(&ada, &[]);
    assert_eq!(later["applied"], 0, "nothing taken twice: {later}");
}
