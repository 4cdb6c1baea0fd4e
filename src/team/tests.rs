//! The server's rules, tried against a real throwaway server: who may
//! write and read which changes is decided there, whatever a client sends.

use postgres::{Client, NoTls};
use std::time::Duration;

use super::hub::Hub;
use super::roles::{Role, add_member};
use super::testing::{self, Pg};
use super::{schema, server};
use crate::history::{Entry, EntryKind, Hlc, Op, Uid, Value};

/// A plain client, for the raw SQL a crafted client would send.
fn connect(pg: &Pg, user: &str) -> Client {
    Client::connect(&pg.conn_str(user, "postgres"), NoTls).expect("connect")
}

/// A connection as followup makes it.
fn hub(pg: &Pg, user: &str) -> Hub {
    server::connect(&pg.conn_str(user, "postgres"), Duration::from_secs(30)).expect("connect")
}

fn new_count(pushed: server::Pushed) -> u64 {
    assert!(pushed.refused.is_empty(), "{pushed:?}");
    pushed.new
}

fn new_prospect(device: Uid, author: &str, name: &str, hlc: i64) -> Entry {
    Entry {
        hlc: Hlc(hlc),
        device,
        author: author.into(),
        prospect: Uid::new(chrono::Utc::now()),
        kind: EntryKind::Prospect,
        entity: None,
        op: Op::Create,
        field: None,
        old: Value::Null,
        new: Value::Text(format!("{{\"name\":\"{name}\"}}")),
    }
}

fn set_probability(of: &Entry, device: Uid, hlc: i64, p: i64) -> Entry {
    Entry {
        hlc: Hlc(hlc),
        device,
        kind: EntryKind::Prospect,
        entity: None,
        op: Op::Set,
        field: Some("probability".into()),
        old: Value::Null,
        new: Value::Int(p),
        ..of.clone()
    }
}

/// A team: ada and bob (consultants), cora (coordinator), max (manager).
fn team() -> Option<Pg> {
    let pg = testing::start()?;
    let mut admin = server::connect(&pg.admin(), Duration::from_secs(30)).expect("admin");
    let first = schema::init(&mut admin).expect("init");
    assert_eq!((first.from, first.to), (0, schema::SERVER_SCHEMA_VERSION));
    let again = schema::init(&mut admin).expect("init again");
    assert_eq!(again.from, again.to, "a second init changes nothing");
    for (name, role) in [
        ("ada", Role::Consultant),
        ("bob", Role::Consultant),
        ("cora", Role::Coordinator),
        ("max", Role::Manager),
    ] {
        assert!(add_member(&mut admin, name, role).expect("add member"));
    }
    Some(pg)
}

fn seen(client: &mut Hub) -> Vec<(i64, Entry)> {
    server::pull(client, 0, Uid([0; 16]), 1000).expect("pull")
}

#[test]
fn the_server_enforces_who_may_write_and_read_what() {
    let Some(pg) = team() else { return };
    let (ada_device, bob_device) = (Uid::new(chrono::Utc::now()), Uid::new(chrono::Utc::now()));
    let mut ada = hub(&pg, "ada");
    let mut bob = hub(&pg, "bob");
    let mut bob_raw = connect(&pg, "bob");

    // Ada's new prospect becomes hers; pushing it again adds nothing.
    let hers = new_prospect(ada_device, "Ada", "Grace Hopper", 1 << 16);
    let edit = set_probability(&hers, ada_device, 2 << 16, 40);
    assert_eq!(
        new_count(server::push(&mut ada, &[hers.clone(), edit.clone()]).unwrap()),
        2
    );
    assert_eq!(
        new_count(server::push(&mut ada, &[hers.clone(), edit]).unwrap()),
        0
    );
    let his = new_prospect(bob_device, "Bob", "Alan Turing", 3 << 16);
    assert_eq!(
        new_count(server::push(&mut bob, std::slice::from_ref(&his)).unwrap()),
        1
    );

    // Bob's client crafts a change to Ada's prospect: the server refuses
    // it, and takes the rest of the push.
    let crafted = set_probability(&hers, bob_device, 4 << 16, 0);
    let his_edit = set_probability(&his, bob_device, 4 << 16, 30);
    let pushed = server::push(&mut bob, &[crafted, his_edit]).unwrap();
    assert_eq!(pushed.new, 1, "his own change went through: {pushed:?}");
    assert_eq!(pushed.refused.len(), 1, "{pushed:?}");
    assert_eq!(pushed.refused[0].0, hers.prospect);
    assert!(
        pushed.refused[0].1.contains("row-level security"),
        "{pushed:?}"
    );
    let raw = bob_raw.execute(
        "INSERT INTO followup.change (device, hlc, author, prospect, kind, op, field, new) \
         VALUES ($1, 5, 'Bob', $2, 0, 1, 'probability', '0')",
        &[
            &uuid::Uuid::from_bytes(bob_device.0),
            &uuid::Uuid::from_bytes(hers.prospect.0),
        ],
    );
    let raw = raw.expect_err("a raw INSERT on another's prospect is refused");
    assert!(
        super::error_text(&raw).contains("row-level security"),
        "{raw}"
    );
    // Nor may he sign a change as someone else.
    let forged = bob_raw.execute(
        "INSERT INTO followup.change (device, hlc, author, author_role, prospect, kind, op) \
         VALUES ($1, 6, 'Ada', 'ada', $2, 0, 1)",
        &[
            &uuid::Uuid::from_bytes(bob_device.0),
            &uuid::Uuid::from_bytes(Uid::new(chrono::Utc::now()).0),
        ],
    );
    assert!(forged.is_err(), "author_role is the server's to set");
    // Nor take her prospect.
    let taken = bob_raw.execute(
        "UPDATE followup.prospect_owner SET owner = 'bob' WHERE prospect = $1",
        &[&uuid::Uuid::from_bytes(hers.prospect.0)],
    );
    assert!(taken.is_err(), "a consultant cannot reassign");

    // Each consultant reads only their own prospects' changes.
    let names = |changes: Vec<(i64, Entry)>| -> Vec<Uid> {
        changes.into_iter().map(|(_, e)| e.prospect).collect()
    };
    assert_eq!(names(seen(&mut ada)), vec![hers.prospect, hers.prospect]);
    assert_eq!(names(seen(&mut bob)), vec![his.prospect, his.prospect]);

    // The manager reads everything, and may not reassign.
    let mut max = hub(&pg, "max");
    assert_eq!(seen(&mut max).len(), 4);
    let n = connect(&pg, "max").execute(
        "UPDATE followup.prospect_owner SET owner = 'max' WHERE prospect = $1",
        &[&uuid::Uuid::from_bytes(hers.prospect.0)],
    );
    assert!(n.is_err(), "a manager cannot reassign");

    // The coordinator reads everything, writes to any prospect, and
    // reassigns Ada's to Bob: from then on Bob may write to it, Ada not.
    let mut cora = hub(&pg, "cora");
    assert_eq!(seen(&mut cora).len(), 4);
    let cora_device = Uid::new(chrono::Utc::now());
    let hers_by_cora = set_probability(&hers, cora_device, 7 << 16, 60);
    assert_eq!(
        new_count(server::push(&mut cora, &[hers_by_cora]).unwrap()),
        1
    );
    let moved = connect(&pg, "cora")
        .execute(
            "UPDATE followup.prospect_owner SET owner = 'bob' WHERE prospect = $1",
            &[&uuid::Uuid::from_bytes(hers.prospect.0)],
        )
        .expect("reassign");
    assert_eq!(moved, 1);
    let by_bob = set_probability(&hers, bob_device, 8 << 16, 70);
    assert_eq!(new_count(server::push(&mut bob, &[by_bob]).unwrap()), 1);
    let by_ada = set_probability(&hers, ada_device, 9 << 16, 10);
    assert_eq!(server::push(&mut ada, &[by_ada]).unwrap().refused.len(), 1);
    assert!(seen(&mut ada).is_empty(), "Ada no longer reads it");
}

#[test]
fn a_member_name_that_is_not_a_plain_role_name_is_refused_before_the_server() {
    let Some(pg) = testing::start() else { return };
    let mut admin = server::connect(&pg.admin(), Duration::from_secs(30)).expect("admin");
    // No schema yet: adding a member says to run init first.
    let err = add_member(&mut admin, "ada", Role::Consultant).unwrap_err();
    assert!(err.to_string().contains("team init"), "{err}");
    schema::init(&mut admin).expect("init");
    assert!(add_member(&mut admin, "x\"; DROP ROLE postgres; --", Role::Manager).is_err());
    // A member's role changes group, it is not in two.
    assert!(add_member(&mut admin, "ada", Role::Consultant).unwrap());
    assert!(!add_member(&mut admin, "ada", Role::Coordinator).unwrap());
    let groups: i64 = Client::connect(&pg.admin(), NoTls)
        .expect("admin")
        .query_one(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid \
             JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'ada'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(groups, 1);
}

#[test]
fn a_sync_tells_its_progress_through_the_push_then_the_pull() {
    use crate::app::{self, Context};
    use crate::domain::ProspectPatch;
    use crate::store::Book;
    use crate::team::sync::{Options, Stage, sync};

    let Some(pg) = team() else { return };
    let ctx = Context::builtin();
    let now = chrono::Local::now();
    let mut ada_book = Book::open_in_memory().unwrap();
    for i in 0..30 {
        let fields = ProspectPatch {
            name: Some(format!("Prospect {i}")),
            ..Default::default()
        };
        app::add_prospect(&mut ada_book, &ctx, now, fields, None).unwrap();
    }
    let mut told = Vec::new();
    let mut tell = |stage: Stage, done: u64, total: u64| told.push((stage, done, total));
    let options = Options {
        batch: 7,
        on_progress: Some(&mut tell),
        ..Default::default()
    };
    let pushed = sync(&mut ada_book, &mut hub(&pg, "ada"), now.to_utc(), options).unwrap();
    assert!(pushed.pushed >= 30, "{pushed:?}");
    assert!(told.len() > 1, "one report per batch: {told:?}");
    assert!(
        told.iter().all(|t| t.0 == Stage::Push && t.1 <= t.2),
        "{told:?}"
    );
    assert_eq!(
        told.last().map(|t| (t.1, t.2)),
        Some((pushed.pushed, pushed.pushed))
    );

    let mut cora_book = Book::open_in_memory().unwrap();
    let mut told = Vec::new();
    let mut tell = |stage: Stage, done: u64, total: u64| told.push((stage, done, total));
    let options = Options {
        batch: 7,
        on_progress: Some(&mut tell),
        ..Default::default()
    };
    let pulled = sync(&mut cora_book, &mut hub(&pg, "cora"), now.to_utc(), options).unwrap();
    let pulls: Vec<_> = told.iter().filter(|t| t.0 == Stage::Pull).collect();
    assert!(pulls.len() > 1, "{told:?}");
    assert!(pulls.windows(2).all(|w| w[0].1 < w[1].1), "{told:?}");
    let last = pulls.last().unwrap();
    assert_eq!((last.1, last.2), (pulled.pulled, pulled.pulled), "{told:?}");
}

/// A coaching note `author` crafts for `consultant`, straight into the
/// server's table (no client checks in the way).
fn craft_note(client: &mut Client, consultant: &str, text: &str) -> Result<u64, postgres::Error> {
    client.execute(
        "INSERT INTO followup.coaching_note (uid, hlc, author, consultant, consultant_name, text) \
         VALUES ($1, 1, 'someone', $2::text::name, $2, $3)",
        &[
            &uuid::Uuid::from_bytes(Uid::new(chrono::Utc::now()).0),
            &consultant,
            &text,
        ],
    )
}

fn notes_seen(client: &mut Client) -> Vec<String> {
    client
        .query("SELECT text FROM followup.coaching_note ORDER BY seq", &[])
        .expect("read notes")
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn only_the_manager_writes_coaching_notes_and_each_consultant_reads_their_own() {
    let Some(pg) = team() else { return };
    let mut ada = connect(&pg, "ada");
    let mut bob = connect(&pg, "bob");
    let mut cora = connect(&pg, "cora");
    let mut max = connect(&pg, "max");

    // A consultant's crafted note (praising themselves, or coaching Bob)
    // is refused by the server's policy; so is the coordinator's.
    for (client, to) in [(&mut ada, "ada"), (&mut cora, "bob")] {
        let err = craft_note(client, to, "Great work, me").expect_err("refused");
        assert_eq!(
            err.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{err}"
        );
    }
    // Nor can anyone sign a note as someone else.
    let err = ada
        .execute(
            "INSERT INTO followup.coaching_note (uid, hlc, author, author_role, consultant, consultant_name, text) \
             VALUES ($1, 1, 'Max', 'max', 'ada', 'Ada', 'forged')",
            &[&uuid::Uuid::from_bytes(Uid::new(chrono::Utc::now()).0)],
        )
        .expect_err("refused");
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "{err}"
    );

    // The manager's notes go in; each consultant reads only theirs.
    craft_note(&mut max, "ada", "Ask who else decides").expect("the manager writes");
    craft_note(&mut max, "bob", "Book the next step").expect("the manager writes");
    assert_eq!(notes_seen(&mut ada), ["Ask who else decides"]);
    assert_eq!(notes_seen(&mut bob), ["Book the next step"]);
    assert_eq!(notes_seen(&mut max).len(), 2);
    assert!(notes_seen(&mut cora).is_empty(), "not the coordinator's");
}
