//! The exports on small books: what goes in, what is left out, and the
//! calendar's structure and its watch loop. (The whole binary, with
//! awkward text, is tested in tests/export.rs.)

use chrono::{DateTime, Local, TimeZone, Utc};

use super::*;
use crate::app::{
    Context, Finish, LogRequest, NextRequest, add_prospect, finish_prospect, log_attempt, undo,
};
use crate::domain::{Outcome, ProspectId, ProspectPatch};
use crate::store::Book;

fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a plain local time")
}

fn add(book: &mut Book, ctx: &Context, name: &str, next: Option<&str>) -> ProspectId {
    let fields = ProspectPatch {
        name: Some(name.into()),
        phone: Some("+1 555-0101".into()),
        ..Default::default()
    };
    let next = next.map(NextRequest::call);
    add_prospect(book, ctx, now(), fields, next.as_ref())
        .expect("add")
        .0
        .id
}

fn log(book: &mut Book, ctx: &Context, id: ProspectId, note: &str) -> crate::app::Logged {
    let mut request = LogRequest::outcome(Outcome::Voicemail);
    request.note = Some(note.into());
    log_attempt(book, ctx, now(), id, &request).expect("log")
}

/// Ada (active, two attempts, the second undone), Grace (added, then
/// undone: removed), Linus (lost, one attempt).
fn fill(book: &mut Book) -> (ProspectId, ProspectId) {
    let ctx = Context::builtin();
    let ada = add(book, &ctx, "Ada, \"Countess\"", Some("tue morning"));
    let grace_fields = ProspectPatch {
        name: Some("Grace".into()),
        ..Default::default()
    };
    let (_, added) = add_prospect(book, &ctx, now(), grace_fields, None).unwrap();
    undo(book, &added, now().to_utc()).unwrap();
    let linus = add(book, &ctx, "Linus", None);
    log(book, &ctx, ada, "=first");
    log(book, &ctx, linus, "only one");
    let second = log(book, &ctx, ada, "second, undone");
    undo(book, &second.change, now().to_utc()).unwrap();
    finish_prospect(
        book,
        &crate::app::Context::builtin(),
        now(),
        linus,
        &Finish::Lost(Some("-price".into())),
    )
    .unwrap();
    (ada, linus)
}

fn book() -> (Book, ProspectId, ProspectId) {
    let mut book = Book::open_in_memory().unwrap();
    let (ada, linus) = fill(&mut book);
    (book, ada, linus)
}

fn csv_rows(text: &[u8]) -> Vec<::csv::StringRecord> {
    ::csv::Reader::from_reader(text)
        .records()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn column(name: &str) -> usize {
    csv::PROSPECT_COLUMNS
        .iter()
        .position(|c| *c == name)
        .unwrap()
}

#[test]
fn csv_leaves_removed_rows_out_and_keeps_attempts_with_their_prospect() {
    let (book, ada, linus) = book();
    let (mut people, mut calls) = (Vec::new(), Vec::new());
    let count = csv::export(book.conn(), None, &mut people, Some(&mut calls)).unwrap();
    assert_eq!(count, 2);
    let rows = csv_rows(&people);
    let names: Vec<&str> = rows.iter().map(|r| &r[column("name")]).collect();
    assert_eq!(names, ["Ada, \"Countess\"", "Linus"]);
    assert_eq!(&rows[0][column("id")], ada.0.to_string());
    assert_eq!(&rows[0][column("next_step_action")], "call");
    assert_eq!(
        &rows[1][column("next_step_action")],
        "",
        "a lost prospect has none"
    );
    assert_eq!(&rows[1][column("lost_reason")], "'-price");
    assert_eq!(&rows[0][column("phone")], "'+1 555-0101");
    let calls = csv_rows(&calls);
    let notes: Vec<(&str, &str)> = calls.iter().map(|r| (&r[1], &r[6])).collect();
    let (ada, linus) = (ada.0.to_string(), linus.0.to_string());
    assert_eq!(
        notes,
        [(ada.as_str(), "'=first"), (linus.as_str(), "only one")],
        "the undone attempt is left out"
    );
    assert_eq!(
        &calls[0][0], &rows[0][0],
        "an attempt names its prospect's uid"
    );
}

#[test]
fn the_status_filter_applies_to_prospects_and_their_attempts() {
    let (book, _, _) = book();
    let (mut people, mut calls) = (Vec::new(), Vec::new());
    let count = csv::export(
        book.conn(),
        Some(crate::domain::Status::Lost),
        &mut people,
        Some(&mut calls),
    )
    .unwrap();
    assert_eq!(count, 1);
    assert_eq!(&csv_rows(&people)[0][column("name")], "Linus");
    assert_eq!(csv_rows(&calls).len(), 1);
}

#[test]
fn json_lines_nest_attempts_and_every_next_step() {
    let (book, _, _) = book();
    let mut out = Vec::new();
    json::export(book.conn(), None, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let (ada, linus) = (&lines[0], &lines[1]);
    assert_eq!(ada["name"], "Ada, \"Countess\"");
    assert_eq!(ada["attempts"].as_array().unwrap().len(), 1);
    assert_eq!(
        ada["attempts"][0]["note"], "=first",
        "JSON needs no neutralising"
    );
    // The first step was replaced by the voicemail's retry, the retry's
    // own step undone: the original step is open again.
    let steps = ada["next_steps"].as_array().unwrap();
    assert!(steps.iter().any(|s| s["done_at"].is_null()), "{steps:?}");
    assert!(steps.iter().all(|s| s["uid"].is_string()), "{steps:?}");
    assert_eq!(linus["status"], "lost");
    assert_eq!(linus["lost_reason"], "-price");
    assert!(
        linus["next_steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| !s["done_at"].is_null())
    );
    assert!(ada["uid"].as_str().unwrap().len() == 36);
}

#[test]
fn the_header_is_recognised() {
    assert!(csv::is_followup_header(&csv::PROSPECT_COLUMNS));
    assert!(csv::is_followup_header(&csv::ATTEMPT_COLUMNS));
    assert!(csv::is_followup_header(&["name", "uid", "phone"]));
    assert!(!csv::is_followup_header(&["name", "phone"]));
    assert!(!csv::is_followup_header(&["uid", "First Name"]));
}

/// The calendar of a book, parsed back.
fn calendar(book: &Book) -> (String, icalendar::Calendar) {
    let mut out = Vec::new();
    ics::export(book.conn(), None, now().to_utc(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let parsed: icalendar::Calendar = text.parse().unwrap();
    (text, parsed)
}

#[test]
fn the_calendar_is_valid_rfc_5545() {
    use icalendar::Component;
    let mut book = Book::open_in_memory().unwrap();
    let ctx = Context::builtin();
    let long = "Zoë; \\back, slash ".repeat(8);
    let fields = ProspectPatch {
        name: Some(format!("Ann, \"Annie\"; {long}")),
        phone: Some("555-0101".into()),
        company: Some("Smith; Sons, \\ Co".into()),
        ..Default::default()
    };
    let next = NextRequest {
        note: Some("bring the brochure,\r\nthe price list; and \\ samples".into()),
        ..NextRequest::call("mon after 5 or tue morning")
    };
    let (ann, _) = add_prospect(&mut book, &ctx, now(), fields, Some(&next)).unwrap();
    add(&mut book, &ctx, "Bob", Some("thu 3pm"));
    add(&mut book, &ctx, "Cy, without a step", None);
    let (text, parsed) = calendar(&book);

    // CRLF everywhere, and no line longer than 75 octets.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "the long summary is folded: {text}");
    assert!(text.contains("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    // Escaped as RFC 5545 says, in the raw (unfolded) text.
    let unfolded = icalendar::parser::unfold(&text);
    assert!(
        unfolded.contains("Ann\\, \"Annie\"\\; Zoë\\; \\\\back\\, slash"),
        "{unfolded}"
    );
    assert!(unfolded.contains("brochure\\,\\nthe price list\\; and \\\\ samples"));

    let events: Vec<&icalendar::Event> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    // Ann's step has two windows (two events), Bob's one; Cy has none.
    assert_eq!(events.len(), 3, "{text}");
    let ann_events: Vec<_> = events
        .iter()
        .filter(|e| {
            e.get_summary()
                .is_some_and(|s| s.starts_with("Call Ann, \"Annie\";"))
        })
        .collect();
    assert_eq!(ann_events.len(), 2, "{text}");
    let uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert!(uids.iter().all(|u| u.ends_with("@followup")), "{uids:?}");
    let unique: std::collections::HashSet<_> = uids.iter().collect();
    assert_eq!(unique.len(), uids.len(), "every UID is its own: {uids:?}");
    let first = ann_events[0];
    assert_eq!(
        first.get_summary().unwrap(),
        format!("Call {}", ann.name),
        "the summary reads back as written"
    );
    let description = first.get_description().unwrap();
    assert!(description.contains("Phone: 555-0101"), "{description}");
    assert!(
        description.contains("Company: Smith; Sons, \\ Co"),
        "{description}"
    );
    assert!(
        description.contains("bring the brochure,\nthe price list; and \\ samples"),
        "{description}"
    );
    for event in &events {
        assert!(event.get_start().is_some() && event.get_timestamp().is_some());
        assert!(event.property_value("DTSTART").unwrap().ends_with('Z'));
    }
    // Bob's exact time is an instant: no DTEND before or at its start.
    let bob = events
        .iter()
        .find(|e| e.get_summary() == Some("Call Bob"))
        .unwrap();
    if let Some(end) = bob.property_value("DTEND") {
        assert!(end > bob.property_value("DTSTART").unwrap());
    }
}

#[test]
fn the_calendar_uid_is_the_step_uid_and_stays_put() {
    let (book, _, _) = book();
    let (first, _) = calendar(&book);
    let (again, _) = calendar(&book);
    assert_eq!(first, again, "the same book gives the same file");
    let mut people = Vec::new();
    csv::export(book.conn(), None, &mut people, None::<Vec<u8>>).unwrap();
    let step_uid = csv_rows(&people)[0][column("next_step_uid")].to_string();
    assert!(
        first.contains(&format!("UID:{step_uid}@followup")),
        "{first}"
    );
}

/// A pacer that runs one scripted change per look and stops after them.
struct Script<'a> {
    changes: Vec<Box<dyn FnOnce() + 'a>>,
    looks: usize,
}

impl watch::Pacer for Script<'_> {
    fn wait(&mut self) -> bool {
        if self.changes.is_empty() {
            return false;
        }
        self.looks += 1;
        (self.changes.remove(0))();
        true
    }

    fn now(&mut self) -> DateTime<Utc> {
        now().to_utc()
    }
}

#[test]
fn watch_rewrites_the_calendar_when_the_book_changes_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let calendar = dir.path().join("next.ics");
    let mut writer = Book::open(&path).unwrap();
    let ctx = Context::builtin();
    add(&mut writer, &ctx, "Ada", Some("tue morning"));
    let reader = Book::open_read_only(&path).unwrap();
    let writer = std::cell::RefCell::new(writer);
    let seen = std::cell::RefCell::new(Vec::new());
    let read = || std::fs::read_to_string(&calendar).unwrap();
    let mut script = Script {
        changes: vec![
            // Nothing changed: the file is left alone (its content is
            // checked after the next change).
            Box::new(|| seen.borrow_mut().push(read())),
            Box::new(|| {
                add(&mut writer.borrow_mut(), &ctx, "Grace", Some("wed morning"));
            }),
            Box::new(|| seen.borrow_mut().push(read())),
        ],
        looks: 0,
    };
    let writes = watch::watch(&reader, None, &calendar, &mut script).unwrap();
    assert_eq!(script.looks, 3);
    assert_eq!(writes, 2, "written at the start and after the one change");
    drop(script);
    let seen = seen.into_inner();
    assert!(seen[0].contains("Call Ada") && !seen[0].contains("Grace"));
    assert!(seen[1].contains("Call Grace"), "{}", seen[1]);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".followup-export-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_atomic_write_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    std::fs::write(&path, "before").unwrap();
    let result: Result<(), ExportError> = watch::write_atomically(&path, |out| {
        std::io::Write::write_all(out, b"half")?;
        Err(ExportError::Io(std::io::Error::other("disk full")))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "before");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
