//! The manager's coaching notes end to end, through a real throwaway
//! team server: `coach` refuses anyone but the manager (the book's role as
//! the last sync said) and an unknown consultant; a note reaches the
//! consultant it is for, and only them, with their next sync.

mod common;

use common::Book;
use common::team::{member, team};
use followup::team::testing;

fn sync(book: &Book) {
    book.with(&["sync"]).assert().success();
}

fn texts(book: &Book) -> Vec<String> {
    let listed = book.run_json(&["coaching"]);
    listed["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n["text"].as_str().expect("a text").to_string())
        .collect()
}

#[test]
fn the_managers_note_reaches_its_consultant_only() {
    let Some(pg) = testing::start() else { return };
    team(
        &pg,
        &[
            ("ada", "consultant"),
            ("bo", "consultant"),
            ("maria", "manager"),
        ],
    );
    let ada = member(&pg, "ada", "Ada");
    ada.add("Grace Hopper", &["--next", "today 3pm"]);
    sync(&ada);
    let bo = member(&pg, "bo", "Bo");
    bo.add("Alan Turing", &[]);
    sync(&bo);
    let maria = member(&pg, "maria", "Maria");

    // Before a sync the book does not know it is the manager's.
    let out = maria
        .with(&["coach", "Ada", "Ask who else decides"])
        .output()
        .expect("run followup");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not synced"), "{err}");
    sync(&maria);
    let err = maria.usage_error(&["coach", "Zed", "Hello"]);
    assert!(err.contains("Ada, Bo"), "{err}");
    maria
        .with(&["coach", "Ada", "Ask who else decides before you quote"])
        .assert()
        .success();
    sync(&maria);
    assert_eq!(texts(&maria), ["Ask who else decides before you quote"]);

    // A consultant's own `coach` is refused by the client too.
    let err = ada.refused(&["coach", "Bo", "Great work"], 1);
    assert!(err.contains("only the team's manager"), "{err}");

    sync(&ada);
    sync(&bo);
    assert_eq!(texts(&ada), ["Ask who else decides before you quote"]);
    assert!(texts(&bo).is_empty(), "Bo reads only notes to Bo");
    let table = ada.run_table(&["coaching"]);
    assert!(table.contains("Maria to Ada"), "{table}");
    // A second sync brings nothing twice.
    sync(&ada);
    assert_eq!(texts(&ada).len(), 1);
}
