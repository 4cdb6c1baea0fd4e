//! A book goes out and comes back: `export` to CSV, `import` into an empty
//! book, and every prospect's fields are the same, awkward text and
//! formula-looking cells included.

mod common;

use common::Book;
use common::awkward::{PEOPLE, awkward_book};
use serde_json::Value;

/// The fields of `show --format json` a prospect must keep through the trip.
const KEPT: &[&str] = &[
    "name",
    "company",
    "phone",
    "email",
    "product",
    "value_cents",
    "probability",
    "objection",
    "decision_process",
    "liked",
    "disliked",
    "decision",
    "notes",
    "status",
    "lost_reason",
];

/// The kept fields; text as the importer keeps it, without the spaces and
/// tabs around it (a cell's surrounding whitespace is not part of a field).
fn kept(p: &Value) -> Vec<(&'static str, Value)> {
    KEPT.iter()
        .map(|k| {
            let v = match p.get(*k) {
                Some(Value::String(s)) => Value::String(s.trim().to_string()),
                Some(v) => v.clone(),
                None => Value::Null,
            };
            (*k, v)
        })
        .collect()
}

/// The `uid` column of an export, sorted.
fn uids(path: &std::path::Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "uid")
        .unwrap();
    let mut all: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[at].to_string())
        .collect();
    all.sort();
    all
}

#[test]
fn csv_export_imports_into_an_empty_book_unchanged() {
    round_trip(&[], "book.csv");
}

#[test]
fn json_export_imports_into_an_empty_book_unchanged() {
    round_trip(&["--format", "json"], "book.jsonl");
}

/// Exports the awkward book with `format`, imports the file into an empty
/// book and compares every prospect; a second import changes nothing.
fn round_trip(format: &[&str], file_name: &str) {
    let from = Book::new();
    let ids = awkward_book(&from);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(file_name);
    let mut export = vec!["export", "--out", file.to_str().unwrap()];
    export.extend_from_slice(format);
    from.with(&export).assert().success();

    let to = Book::new();
    let imported = to.run_json(&["import", file.to_str().unwrap()]);
    assert_eq!(imported["created"], PEOPLE.len(), "{imported}");
    let listed = to.run_json(&["list", "--status", "all"]);
    let back: Vec<i64> = common::ids(&listed);
    assert_eq!(back.len(), ids.len(), "{listed}");
    for (id, person) in ids.iter().zip(PEOPLE) {
        let before = from.show(*id);
        let after = back
            .iter()
            .map(|b| to.show(*b))
            .find(|p| p["name"] == before["name"])
            .unwrap_or_else(|| panic!("{} came back", person.name));
        assert_eq!(kept(&before), kept(&after), "{}", person.name);
        assert_eq!(
            before["next_step"]["due"], after["next_step"]["due"],
            "{}: the next step came back",
            person.name
        );
    }
    // Each came back as itself: the stable ids are the same.
    let (before, after) = (dir.path().join("before.csv"), dir.path().join("after.csv"));
    for (book, path) in [(&from, &before), (&to, &after)] {
        book.with(&["export", "--out", path.to_str().unwrap()])
            .assert()
            .success();
    }
    assert_eq!(uids(&before), uids(&after));
    // Importing the same file again finds every prospect by its uid.
    let again = to.run_json(&["import", file.to_str().unwrap()]);
    assert_eq!(again["created"], 0, "{again}");
}
