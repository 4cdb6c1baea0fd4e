//! The operations on an in-memory book: what the command line cannot reach
//! (an argument is capped at 128 KiB by the OS) and what needs a broken
//! configuration.

use chrono::{DateTime, Local, TimeZone};

use super::*;
use crate::domain::text::MAX_TEXT_CHARS;
use crate::domain::{DomainError, Outcome, ProspectPatch};
use crate::store::Book;

fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a plain local time")
}

fn book_with_ada() -> (Book, Context, ProspectId) {
    let mut book = Book::open_in_memory().expect("an in-memory book");
    let ctx = Context::builtin();
    let fields = ProspectPatch {
        name: Some("Ada Lovelace".into()),
        ..Default::default()
    };
    let (ada, _) = add_prospect(&mut book, &ctx, now(), fields, None).expect("add Ada");
    (book, ctx, ada.id)
}

/// Every free-text entry point with `text`, in the order they are tried.
fn enter_everywhere(text: &str) -> Vec<(&'static str, Result<(), AppError>)> {
    let (mut book, ctx, id) = book_with_ada();
    let b = &mut book;
    let some = || Some(text.to_string());
    let patch = |f: fn(&mut ProspectPatch, Option<String>)| {
        let mut p = ProspectPatch::default();
        f(&mut p, Some(text.to_string()));
        p
    };
    let new = ProspectPatch {
        name: Some("Grace Hopper".into()),
        ..patch(|p, v| p.notes = v)
    };
    let mut log = LogRequest::outcome(Outcome::Reached);
    log.note = some();
    let next = NextRequest {
        note: some(),
        ..NextRequest::call("tomorrow")
    };
    vec![
        (
            "add --note",
            add_prospect(b, &ctx, now(), new, None).map(drop),
        ),
        (
            "edit --replace-notes",
            edit_prospect(b, &ctx, now(), id, patch(|p, v| p.notes = v).into()).map(drop),
        ),
        (
            "edit --objection",
            edit_prospect(b, &ctx, now(), id, patch(|p, v| p.objection = v).into()).map(drop),
        ),
        (
            "edit --decision",
            edit_prospect(
                b,
                &ctx,
                now(),
                id,
                patch(|p, v| p.decision_process = v).into(),
            )
            .map(drop),
        ),
        ("note", add_note(b, now(), id, text).map(drop)),
        (
            "log --note",
            log_attempt(b, &ctx, now(), id, &log).map(drop),
        ),
        (
            "next --note",
            set_next_step(b, &ctx, now(), id, &next).map(drop),
        ),
        (
            "lost --reason",
            finish_prospect(b, &Context::builtin(), now(), id, &Finish::Lost(some())).map(drop),
        ),
    ]
}

#[test]
fn every_free_text_refuses_more_than_the_limit_with_one_sentence() {
    for len in [MAX_TEXT_CHARS + 1, 130_000, 1_000_000] {
        let text = "x".repeat(len);
        for (entry, result) in enter_everywhere(&text) {
            let err = result.expect_err(entry);
            assert!(
                matches!(err, AppError::Invalid(DomainError::TooLong { len: l, max: MAX_TEXT_CHARS, .. }) if l >= len),
                "{entry} with {len} characters: {err}"
            );
            assert_eq!(err.exit_code(), 2, "{entry}");
        }
    }
}

#[test]
fn every_free_text_refuses_nul() {
    for (entry, result) in enter_everywhere("before\0after") {
        let err = result.expect_err(entry);
        assert!(
            matches!(err, AppError::Invalid(DomainError::NulInText(_))),
            "{entry}: {err}"
        );
    }
}

#[test]
fn every_free_text_accepts_the_limit() {
    // A note is appended as a dated line ("2026-11-23 " + text) to notes
    // that already hold the limit from `edit --note`: that one is refused.
    let text = "é".repeat(MAX_TEXT_CHARS);
    for (entry, result) in enter_everywhere(&text) {
        match entry {
            "note" => assert!(
                matches!(
                    result,
                    Err(AppError::Invalid(DomainError::TooLong {
                        field: "notes",
                        ..
                    }))
                ),
                "{result:?}"
            ),
            _ => assert!(result.is_ok(), "{entry}: {result:?}"),
        }
    }
}

#[test]
fn a_note_of_several_lines_is_one_dated_entry_with_its_lines_indented() {
    let (mut book, _, id) = book_with_ada();
    add_note(&mut book, now(), id, "first entry").unwrap();
    let (p, _) = add_note(
        &mut book,
        now(),
        id,
        "Spoke to his wife.\n\nShe wants it by May.  \nCall back Friday.\n",
    )
    .unwrap();
    assert_eq!(
        p.notes.as_deref(),
        Some(
            "2026-11-23 first entry\n\
             2026-11-23 Spoke to his wife.\n\
             \n           She wants it by May.\n           Call back Friday."
        )
    );
}
