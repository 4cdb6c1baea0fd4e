//! `followup report --consultant NAME | --team`: the flow review over one
//! consultant's prospects, and the whole book with each consultant's
//! figures beside it. The book: Ada's won prospect, and Bo's lost one and
//! open one (the profile name says who adds, and so who owns).

mod common;

use common::Book;
use serde_json::Value;

const NOW: &str = "2026-11-25T09:00";

fn as_member(book: &Book, name: &str) {
    book.with(&["profile", "--name", name]).assert().success();
}

fn book() -> Book {
    let book = Book::new();
    as_member(&book, "ada");
    let won = book.add_at(
        "2026-11-16T10:00",
        "Won One",
        &["--value", "10000", "--probability", "50"],
    );
    as_member(&book, "bo");
    let lost = book.add_at(
        "2026-11-17T10:00",
        "Lost One",
        &["--value", "2000", "--probability", "20"],
    );
    book.add_at(
        "2026-11-18T10:00",
        "Open One",
        &["--value", "4000", "--probability", "50", "--next", "nov 30"],
    );
    let run = |now: &str, args: &[&str]| book.at(now, args).assert().success();
    let (won, lost) = (won.to_string(), lost.to_string());
    run("2026-11-16T10:05", &["log", &won, "meeting"]);
    run("2026-11-18T15:00", &["log", &won, "reached"]);
    run("2026-11-19T11:00", &["won", &won]);
    run("2026-11-20T16:00", &["lost", &lost, "--reason", "Price"]);
    book
}

fn review(book: &Book, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--week", "2026-11-18"];
    args.extend_from_slice(extra);
    book.json_at(NOW, &args)
}

fn last_week(r: &Value) -> i64 {
    r["pipeline"]["weeks"]
        .as_array()
        .and_then(|w| w.last())
        .and_then(|w| w["weighted_cents"].as_i64())
        .expect("a pipeline")
}

#[test]
fn one_consultants_review_counts_only_their_prospects() {
    let book = book();
    let ada = review(&book, &["--consultant", "ada"]);
    assert_eq!(ada["consultant"], "ada");
    assert_eq!(ada["outcomes"]["won"]["count"], 1);
    assert_eq!(ada["outcomes"]["lost"]["count"], 0);
    assert_eq!(ada["pipeline"]["entered"]["count"], 1);
    assert_eq!(last_week(&ada), 0);

    let bo = review(&book, &["--consultant", "bo"]);
    assert_eq!(bo["outcomes"]["won"]["count"], 0);
    assert_eq!(bo["outcomes"]["lost"]["count"], 1);
    assert_eq!(bo["outcomes"]["lost_reasons"][0]["reason"], "Price");
    assert_eq!(bo["pipeline"]["entered"]["count"], 2);
    assert_eq!(last_week(&bo), 200_000);

    // The two add up to the whole book's review, which names nobody.
    let all = review(&book, &[]);
    assert!(all.get("consultant").is_none());
    assert_eq!(all["pipeline"]["entered"]["count"], 3);
    assert_eq!(last_week(&all), last_week(&ada) + last_week(&bo));

    let text = book.table_at(
        NOW,
        &["report", "--week", "2026-11-18", "--consultant", "bo"],
    );
    assert!(
        text.starts_with("Flow review of bo: week of Mon Nov 16, 2026"),
        "{text}"
    );
    assert!(!text.contains("Won One"), "{text}");
}

#[test]
fn an_unknown_consultant_is_one_sentence_naming_the_known_ones() {
    let book = book();
    let err = book.usage_error(&["report", "--consultant", "zed"]);
    assert!(err.contains("\"zed\""), "{err}");
    assert!(err.contains("ada, bo"), "{err}");
    let err = book.usage_error(&["report", "--consultant", "ada", "--team"]);
    assert!(err.contains("--team"), "{err}");
}

#[test]
fn the_team_review_has_each_consultants_figures() {
    let book = book();
    let t = review(&book, &["--team"]);
    assert_eq!(t["review"]["outcomes"]["won"]["count"], 1);
    assert_eq!(t["review"]["outcomes"]["lost"]["count"], 1);
    let people = t["consultants"].as_array().expect("consultants");
    let names: Vec<&str> = people.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["ada", "bo"]);
    assert_eq!(people[0]["won"]["count"], 1);
    assert_eq!(people[0]["won"]["value_cents"], 1_000_000);
    assert_eq!(people[0]["median_contacts_to_win"], 2);
    assert_eq!(people[1]["lost"]["count"], 1);
    assert_eq!(people[1]["entered"]["count"], 2);
    assert_eq!(people[1]["weighted_pipeline_cents"], 200_000);

    let text = book.table_at(NOW, &["report", "--week", "2026-11-18", "--team"]);
    let table = text
        .split("\nPer consultant\n")
        .nth(1)
        .expect("a breakdown");
    let ada = table
        .lines()
        .find(|l| l.trim_start().starts_with("ada"))
        .expect("ada's row");
    assert!(ada.contains("10,000"), "{table}");

    let out = book
        .at(
            NOW,
            &[
                "report",
                "--week",
                "2026-11-18",
                "--team",
                "--format",
                "html",
            ],
        )
        .output()
        .expect("run followup");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("the page is not well-formed: {e}\n{html}"));
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"Per consultant"));
    assert!(texts.contains(&"bo"));
}
