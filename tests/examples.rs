//! The programs in examples/ run, so they cannot rot.
//!
//! `cargo test` already compiles every example; running each through
//! `cargo run --example` would start a second cargo per test, so each
//! example's file is included here as a module (`#[path]`) and its logic
//! called directly, on a real export where it reads one.

mod common;

use common::Book;
use std::path::Path;

#[allow(dead_code)]
#[path = "../examples/custom_series.rs"]
mod custom_series;

#[allow(dead_code)]
#[path = "../examples/pipeline_summary.rs"]
mod pipeline_summary;

#[allow(dead_code)]
#[path = "../examples/import_mapping.rs"]
mod import_mapping;

#[test]
fn the_import_mapping_reads_the_unusual_sheet() {
    let mut out = Vec::new();
    let bad = import_mapping::run(import_mapping::SHEET, import_mapping::MAP, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(bad, 0, "{text}");
    assert!(text.contains("spreadsheet CSV (;)"), "{text}");
    assert!(
        text.contains("line 2: Jana Köhler | Bäckerei Köhler | +49 30 1234 5678 | 12,500 | call Tue 24 Nov 10:00"),
        "{text}"
    );
    assert!(text.contains("| 4,200.50 | no next step"), "{text}");
    assert!(text.contains("notes: Messestand: B14"), "{text}");
    // Without the hand mapping the importer does not know the contact's
    // column: the company names the prospect and nothing is lost, the
    // unknown columns land in the notes.
    let mut out = Vec::new();
    let bad = import_mapping::run(import_mapping::SHEET, &[], &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(bad, 0, "{text}");
    assert!(text.contains("line 2: Bäckerei Köhler |"), "{text}");
    assert!(text.contains("Ansprechpartner: Jana Köhler"), "{text}");
}

#[test]
fn the_custom_series_loads_and_fills_its_script() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/series");
    let mut out = Vec::new();
    let failures = custom_series::run(&dir, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(failures, 0, "{text}");
    assert!(
        text.contains("trade-show — Leads from a trade show"),
        "{text}"
    );
    assert!(text.contains("Email · nice to meet you"), "{text}");
    assert!(text.contains("then close out"), "{text}");
    assert!(
        text.contains("Hi Dana, it's Sam Carter from Carter Windows."),
        "the placeholders are filled: {text}"
    );
    assert!(
        text.contains("default — "),
        "the built-in series is listed too"
    );
}

#[test]
fn a_broken_series_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "name = \"bad\"\n[[step]]\nkind = \"shout\"\n",
    )
    .unwrap();
    let mut out = Vec::new();
    let failures = custom_series::run(dir.path(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(failures, 1);
    assert!(
        text.contains("not loaded:") && text.contains("bad.toml"),
        "{text}"
    );
}

#[test]
fn the_pipeline_summary_reads_a_json_export() {
    let book = Book::new();
    book.add(
        "Ada",
        &[
            "--value",
            "10000",
            "--probability",
            "50",
            "--next",
            "tue morning",
        ],
    );
    book.add("Grace", &["--value", "2000", "--probability", "25"]);
    let linus = book.add("Linus", &["--value", "5000"]).to_string();
    book.run_json(&["log", &linus, "reached"]);
    book.run_json(&["log", &linus, "meeting"]);
    book.run_json(&["won", &linus]);
    let out = book.with(&["export", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let summary = pipeline_summary::summarise(out.stdout.as_slice()).unwrap();
    assert_eq!(summary.by_status.get("active"), Some(&2));
    assert_eq!(summary.by_status.get("won"), Some(&1));
    assert_eq!(summary.pipeline_cents, 1_200_000);
    assert_eq!(summary.weighted_cents, 500_000 + 50_000);
    // Ada's call, and Linus's first after-sale item (a won customer).
    assert_eq!(summary.open_steps, 2);
    assert_eq!(summary.attempts_to_win, 2);
    let report = pipeline_summary::report(&summary);
    assert!(report.starts_with("3 prospects\n"), "{report}");
    assert!(
        report.contains("open pipeline: 12000.00 (weighted 5500.00)"),
        "{report}"
    );
    assert!(report.contains("attempts per won deal: 2.0"), "{report}");
    let err = pipeline_summary::summarise("not json\n".as_bytes()).unwrap_err();
    assert!(err.contains("line 1"), "{err}");
}
