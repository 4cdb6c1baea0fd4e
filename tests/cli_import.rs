//! `followup import`: every bad row reported in one pass and nothing
//! written; `--skip-bad` and its reject file; the encodings and delimiters
//! of spreadsheets; duplicates updating instead of doubling; `--dry-run`
//! changing nothing; the history recording every import.

mod common;

use common::Book;
use serde_json::Value;
use std::path::PathBuf;

fn write(book: &Book, name: &str, bytes: &[u8]) -> PathBuf {
    let path = book.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write the file to import");
    path
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

fn prospects(book: &Book) -> Vec<Value> {
    book.run_json(&["list", "--status", "all"])
        .as_array()
        .cloned()
        .unwrap_or_default()
}

const BAD: &str = "Name,Email,Value,Probability\n\
Ada Good,ada@example.com,100,10%\n\
Bob Bad,bob@,200,20%\n\
Cy Good,cy@example.com,300,30\n\
Di Bad,di@example.com,lots,150%\n\
,,,\n\
,,400,\n";

#[test]
fn bad_rows_are_all_reported_and_nothing_is_imported() {
    let book = Book::new();
    book.add("Already here", &[]);
    let before = book.snapshot();
    let file = write(&book, "bad.csv", BAD.as_bytes());
    let out = book.with(&["import", path(&file)]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "line 3, column \"Email\": \"bob@\" is not an e-mail address",
        "line 5, column \"Value\": \"lots\" is not an amount of money",
        "line 5, column \"Probability\": \"150%\" is not a probability",
        "line 7: no name",
        "3 bad rows",
        "nothing was imported",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected:?} missing from:\n{stderr}"
        );
    }
    // The blank row (line 6) is not a bad row.
    assert!(!stderr.contains("line 6"), "{stderr}");
    assert_eq!(book.snapshot(), before, "a refused import changed the book");

    // The same in JSON: one document listing them, exit 1.
    let out = book
        .with(&["import", path(&file), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v["imported"], false);
    let lines: Vec<u64> = v["bad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 5, 5, 7]);
    assert_eq!(book.snapshot(), before);
}

#[test]
fn skip_bad_imports_the_good_rows_and_writes_the_bad_ones_aside() {
    let book = Book::new();
    let file = write(&book, "leads.csv", BAD.as_bytes());
    let out = book.run_table(&["import", path(&file), "--skip-bad"]);
    let reject = book.dir.path().join("leads.rejected.csv");
    assert!(out.contains("2 created"), "{out}");
    assert!(
        out.contains(&format!(
            "3 bad rows left out; they are in {}",
            reject.display()
        )),
        "{out}"
    );
    let names: Vec<String> = prospects(&book)
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Ada Good", "Cy Good"]);
    let rejected = std::fs::read_to_string(&reject).expect("the reject file");
    let mut lines = rejected.lines();
    assert_eq!(
        lines.next(),
        Some("Name,Email,Value,Probability,import error")
    );
    let rest: Vec<&str> = lines.collect();
    assert_eq!(rest.len(), 3, "{rejected}");
    assert!(rest[0].starts_with("Bob Bad,bob@,200,20%,"), "{rejected}");
    assert!(
        rest[1].contains("\"Value: \"\"lots\"\" is not an amount of money"),
        "{rejected}"
    );
    // Fixed, the reject file imports; its reason column is not kept.
    let fixed = rejected
        .replace("bob@,", "bob@example.com,")
        .replace("lots", "250")
        .replace("150%", "15%")
        .replace(",,400,", "Eve,,400,");
    std::fs::write(&reject, fixed).unwrap();
    let v = book.run_json(&["import", path(&reject)]);
    assert_eq!(v["created"], 3, "{v}");
    assert!(prospects(&book).iter().all(|p| p["notes"].is_null()));
}

#[test]
fn excel_unicode_text_windows_1252_and_boms() {
    let text = "Name\tCompany\tPhone\nZoë Åberg\tNordic Windows\t+1 416 555 0101\n";
    let utf16 = |big: bool| {
        let mut out = if big {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    };
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend_from_slice(text.replace('\t', ",").as_bytes());
    let cp1252 = b"Name;Company;Value\nZo\xEB \xC5berg;Nordic Windows;1.234,50 \x80\n".to_vec();
    for (name, bytes, encoding) in [
        ("le.txt", utf16(false), "UTF-16LE"),
        ("be.txt", utf16(true), "UTF-16BE"),
        ("bom.csv", utf8_bom, "UTF-8"),
        ("cp1252.csv", cp1252, "Windows-1252"),
    ] {
        let book = Book::new();
        let file = write(&book, name, &bytes);
        let v = book.run_json(&["import", path(&file)]);
        assert_eq!(v["encoding"], encoding, "{name}: {v}");
        let p = book.show(v["rows"][0]["id"].as_i64().unwrap());
        assert_eq!(p["name"], "Zoë Åberg", "{name}");
        assert_eq!(p["company"], "Nordic Windows", "{name}");
        if name == "cp1252.csv" {
            assert_eq!(p["value_cents"], 123_450);
            assert!(v["format"].as_str().unwrap().contains("(;)"), "{v}");
        } else {
            assert_eq!(p["phone"], "+1 416 555 0101", "{name}");
        }
    }
}

#[test]
fn the_same_person_updates_instead_of_doubling() {
    let book = Book::new();
    let ada = book.add(
        "Ada Lovelace",
        &[
            "--email",
            "Ada@Engines.example",
            "--note",
            "met at the fair",
        ],
    );
    let bob = book.add("Bob Byrne", &["--phone", "+1 (416) 555-0102"]);
    let file = write(
        &book,
        "again.csv",
        b"Name,Email,Phone,Company,Notes\n\
Ada Lovelace,ada@engines.example,,Analytical Ltd,met at the fair\n\
Robert Byrne,,416.555.0102 ,,\n\
New Person,new@example.com,,,\n\
Someone Else,,555-0177,,\n\
Same New Person,NEW@example.com,555-0188,,second row\n",
    );
    let dry = book.run_table(&["import", path(&file), "--dry-run"]);
    assert!(
        dry.contains(&format!("update  #{ada} Ada Lovelace")),
        "{dry}"
    );
    assert!(dry.contains("email  company\n"), "{dry}");
    assert!(dry.contains(&format!("#{bob} Robert Byrne")), "{dry}");
    assert!(dry.contains("same person as line 4"), "{dry}");
    let v = book.run_json(&["import", path(&file)]);
    assert_eq!(
        (
            v["created"].as_u64(),
            v["updated"].as_u64(),
            v["skipped"].as_u64()
        ),
        (Some(2), Some(2), Some(1)),
        "{v}"
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[0]["matched_by"], "email");
    assert_eq!(rows[1]["matched_by"], "phone");
    assert_eq!(rows[4]["merged_into_line"], 4);
    let a = book.show(ada);
    assert_eq!(a["company"], "Analytical Ltd");
    assert_eq!(
        a["notes"], "met at the fair",
        "notes already there are not added twice"
    );
    assert_eq!(book.show(bob)["name"], "Robert Byrne");
    assert_eq!(prospects(&book).len(), 4);
    // The history says what the import changed, as an edit would.
    let h = book.run_json(&["history", &ada.to_string()]);
    let changed: Vec<&str> = h["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["field"].as_str())
        .collect();
    assert!(changed.contains(&"company"), "{h}");
    // Importing it again changes nothing.
    let again = book.run_json(&["import", path(&file)]);
    assert_eq!(
        (again["created"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
}

#[test]
fn a_dry_run_changes_nothing_not_even_a_missing_book() {
    let book = Book::new();
    let file = write(
        &book,
        "new.csv",
        b"Name,Email\nAda,ada@example.com\nBob,bob@example.com\n",
    );
    let out = book.run_table(&["import", path(&file), "--dry-run"]);
    assert!(
        out.contains("would create 2, update 0, skip 0; nothing was changed"),
        "{out}"
    );
    assert!(!book.path.exists(), "a dry run created the book");
    book.add("Ada", &["--email", "ada@example.com"]);
    let before = book.snapshot();
    let v = book.run_json(&["import", path(&file), "--dry-run"]);
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["rows"][0]["action"], "skip");
    assert_eq!(v["rows"][1]["action"], "create");
    assert_eq!(book.snapshot(), before);
}

#[test]
fn standard_input_map_overrides_and_the_first_job() {
    let book = Book::new();
    let out = book
        .with(&[
            "import",
            "-",
            "--map",
            "Cellulaire=phone",
            "--map",
            "Remarque=ignore",
        ])
        .write_stdin("Nom complet,Cellulaire,Remarque,Prochain appel\nAda,555-0101,x,demain\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // In a pipe there is no progress bar: nothing on stderr.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 created"), "{stdout}");
    // The key comes from the keymap (s: set the next step).
    assert!(
        stdout.contains("1 of them has no next step") && stdout.contains("press s"),
        "{stdout}"
    );
    let p = book.show(1);
    assert_eq!(p["phone"], "555-0101");
    assert_eq!(p["notes"], "Prochain appel: demain");
    let err = book.usage_error(&["import", "-", "--map", "Cell=fax"]);
    assert!(err.contains("\"fax\" is not a field"), "{err}");
    let out = book
        .with(&["import", "-", "--map", "Nope=phone"])
        .write_stdin("Name\nAda\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"Nope\", which is not a column"));
}

#[test]
fn won_and_lost_rows_get_no_next_step_and_the_history_records_them() {
    let book = Book::new();
    let file = write(
        &book,
        "deals.csv",
        b"Name,Status,Lost reason,Next\nWinner,Won,,tomorrow\nLoser,lost,Too dear,\nOpen,open,,tomorrow\n",
    );
    let v = book.run_json(&["import", path(&file)]);
    assert_eq!(v["without_next_step"], 0, "{v}");
    let ids: Vec<i64> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(book.show(ids[0])["status"], "won");
    assert!(book.show(ids[0])["next_step"].is_null());
    assert_eq!(book.show(ids[1])["lost_reason"], "Too dear");
    assert!(book.show(ids[2])["next_step"].is_object());
    let h = book.run_json(&["history", &ids[1].to_string()]);
    let ops: Vec<&str> = h["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["op"].as_str().unwrap())
        .collect();
    assert!(ops.contains(&"create") && ops.contains(&"set"), "{h}");
}
