//! `followup report`: the weekly flow review on a book built with the
//! command line, its figures known; the same week replayed after later
//! changes; the web page well-formed, scriptless and escaped.

mod common;

use common::Book;
use serde_json::Value;

const NAME: &str = "Ada <script>alert('x')</script> & \"Co\"";
const REASON: &str = "Price & <timing>";
const NOW: &str = "2026-11-25T09:00";

/// Three prospects quoted in the week of Monday November 16, 2026.
fn book() -> Book {
    let book = Book::new();
    let ada = book.add_at(
        "2026-11-16T10:00",
        NAME,
        &["--value", "10000", "--probability", "50"],
    );
    let bob = book.add_at(
        "2026-11-17T10:00",
        "Bob",
        &["--value", "2000", "--probability", "20"],
    );
    let cy = book.add_at(
        "2026-11-18T10:00",
        "Cy",
        &["--value", "4000", "--probability", "50", "--next", "nov 20"],
    );
    let run = |now: &str, args: &[&str]| book.at(now, args).assert().success();
    let (ada, bob, cy) = (ada.to_string(), bob.to_string(), cy.to_string());
    run("2026-11-16T10:05", &["log", &ada, "meeting"]);
    run("2026-11-17T10:05", &["log", &bob, "meeting"]);
    run(
        "2026-11-18T10:05",
        &["log", &cy, "meeting", "--next", "nov 20"],
    );
    run("2026-11-18T15:00", &["log", &ada, "reached"]);
    run("2026-11-19T11:00", &["won", &ada]);
    run(
        "2026-11-20T11:00",
        &["log", &cy, "reached", "--next", "nov 30"],
    );
    run("2026-11-20T16:00", &["lost", &bob, "--reason", REASON]);
    book
}

fn review(book: &Book) -> Value {
    book.json_at(NOW, &["report", "--week", "2026-11-18"])
}

fn counts(bars: &Value) -> Vec<u64> {
    bars.as_array()
        .expect("bars")
        .iter()
        .map(|b| b["count"].as_u64().expect("a count"))
        .collect()
}

#[test]
fn a_known_week_gives_its_figures() {
    let book = book();
    let r = review(&book);
    assert_eq!(r["period"]["label"], "week of Mon Nov 16, 2026");
    let o = &r["outcomes"];
    assert_eq!(o["won"]["count"], 1);
    assert_eq!(o["won"]["value_cents"], 1_000_000);
    assert_eq!(o["lost"]["count"], 1);
    assert_eq!(o["lost_reasons"][0]["reason"], REASON);
    assert_eq!(o["finished"][0]["name"], NAME);
    assert_eq!(o["finished"][0]["contacts"], 2);
    // Ada won on her 2nd contact; Bob was never followed up.
    assert_eq!(counts(&r["contacts_to_win"]["bars"]), [0, 1, 0, 0, 0, 0]);
    assert_eq!(r["contacts_to_win"]["bars"][4]["brief_percent"], 80);
    assert_eq!(counts(&r["stopped"]["bars"]), [1, 0, 0, 0]);
    // Ada and Cy followed up two days after the quote (Bob, lost at the
    // quote, is not waiting for one); Cy's step of Nov 20 kept.
    let sp = &r["speed"];
    assert_eq!(sp["quoted"], 2);
    assert_eq!(counts(&sp["bars"]), [0, 2, 0, 0, 0, 0]);
    assert_eq!(sp["median_days"], 2);
    assert_eq!(
        (sp["steps_done"].as_u64(), sp["on_time"].as_u64()),
        (Some(1), Some(1))
    );
    // The pipeline: Cy alone at the end, 4,000 at 50%.
    let weeks = r["pipeline"]["weeks"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks.last().unwrap()["weighted_cents"], 200_000);
    assert_eq!(weeks[weeks.len() - 2]["weighted_cents"], 0);
    assert_eq!(r["pipeline"]["entered"]["count"], 3);
    assert_eq!(r["pipeline"]["entered"]["value_cents"], 1_600_000);
    // Stable keys, in order.
    let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "period",
            "outcomes",
            "contacts_to_win",
            "stopped",
            "speed",
            "pipeline",
            "series"
        ]
    );
}

#[test]
fn a_past_week_replays_the_same_after_later_changes() {
    let book = book();
    let before = review(&book);
    book.at("2026-11-24T10:00", &["won", "3"])
        .assert()
        .success();
    book.at(
        "2026-11-24T11:00",
        &["edit", "1", "--value", "1", "--name", "Renamed"],
    )
    .assert()
    .success();
    book.at("2026-11-24T12:00", &["reopen", "2", "--next", "nov 26"])
        .assert()
        .success();
    assert_eq!(review(&book), before);
    let this_week = book.json_at(NOW, &["report"]);
    assert_eq!(this_week["outcomes"]["won"]["count"], 1);
    assert_eq!(this_week["pipeline"]["reopened"]["count"], 1);
}

#[test]
fn the_web_page_is_well_formed_scriptless_and_escaped() {
    let book = book();
    let out = book
        .at(NOW, &["report", "--week", "2026-11-18", "--format", "html"])
        .output()
        .expect("run followup");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("the page is not well-formed: {e}\n{html}"));
    let names: Vec<&str> = doc.descendants().map(|n| n.tag_name().name()).collect();
    assert!(!names.contains(&"script"), "a script element");
    assert!(names.contains(&"svg") && names.contains(&"style"));
    assert!(!html.contains("<script"), "raw markup from the book");
    assert!(
        html.contains("Ada &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;")
    );
    // The parsed text is the book's text again.
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&NAME));
    assert!(texts.contains(&REASON));
    assert!(html.contains("@media print"));
    for attr in doc.descendants().flat_map(|n| n.attributes()) {
        assert!(
            !attr.name().starts_with("on"),
            "an event handler: {}",
            attr.name()
        );
        assert!(!attr.value().contains("javascript:"));
    }
}

#[test]
fn the_table_is_plain_text() {
    let book = book();
    let text = book.table_at(NOW, &["report", "--week", "last week"]);
    assert!(text.starts_with("Flow review: week of Mon Nov 16, 2026"));
    assert!(text.contains(NAME), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    assert!(
        text.contains("Contacts to win (1 wins; median 2 contacts)"),
        "{text}"
    );
}

#[test]
fn html_is_for_the_report_only_and_bad_days_are_refused() {
    let book = book();
    let err = book.usage_error(&["today", "--format", "html"]);
    assert!(err.contains("report"), "{err}");
    let err = book.usage_error(&["report", "--week", "someday"]);
    assert!(err.contains("someday"), "{err}");
    let err = book.usage_error(&["report", "--from", "2026-11-20", "--to", "2026-11-18"]);
    assert!(err.contains("empty"), "{err}");
}
