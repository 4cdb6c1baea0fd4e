//! Reopening finished prospects, and undoing it.

use chrono::{DateTime, Local, TimeZone};

use super::*;
use crate::domain::{Action, Outcome, Prospect, ProspectPatch, Status};
use crate::store::{self, Book};

fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a plain local time")
}

/// Ada, chased through two voicemails and then finished as `finish` says.
fn finished_ada(finish: Finish) -> (Book, Context, ProspectId) {
    let mut book = Book::open_in_memory().expect("an in-memory book");
    let ctx = Context::builtin();
    let fields = ProspectPatch {
        name: Some("Ada Lovelace".into()),
        notes: Some("wants triple glazing".into()),
        ..Default::default()
    };
    let next = NextRequest::call("today 10am");
    let (ada, _) = add_prospect(&mut book, &ctx, now(), fields, Some(&next)).expect("add Ada");
    for _ in 0..2 {
        let request = LogRequest::outcome(Outcome::Voicemail);
        log_attempt(&mut book, &ctx, now(), ada.id, &request).expect("a voicemail");
    }
    finish_prospect(&mut book, &Context::builtin(), now(), ada.id, &finish).expect("finish Ada");
    (book, ctx, ada.id)
}

fn request(when: &str, reason: Option<&str>) -> ReopenRequest {
    ReopenRequest {
        next: NextRequest::call(when),
        reason: reason.map(str::to_string),
    }
}

fn step_rows(book: &Book) -> Vec<(i64, Option<String>, Option<i64>)> {
    let mut stmt = book
        .conn()
        .prepare(
            "SELECT id, resolution, done_at FROM next_step WHERE removed_at IS NULL ORDER BY id",
        )
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn a_closed_out_prospect_comes_back_active_with_a_fresh_chase() {
    let (mut book, ctx, id) = finished_ada(Finish::ClosedOut);
    let before = store::require_prospect(book.conn(), id).expect("Ada");
    assert_eq!(before.series.performed, 2);
    let attempts = store::newest_attempt_id(book.conn(), id).expect("attempts");

    let (after, change) = reopen_prospect(
        &mut book,
        &ctx,
        now(),
        id,
        &request(
            "tomorrow 2pm",
            Some("called back after the breakup voicemail"),
        ),
    )
    .expect("reopen");
    assert_eq!(after.status, Status::Active);
    assert_eq!(after.closed_at, None);
    assert_eq!(after.series.performed, 0);
    assert!(!after.series.paused);
    assert_eq!(
        after.notes.as_deref(),
        Some(
            "wants triple glazing\n2026-11-23 Reopened (was closed-out): called back after the \
             breakup voicemail"
        )
    );
    let step = store::open_step(book.conn(), id)
        .expect("read")
        .expect("a next step");
    assert_eq!(step.action, Action::Call);
    assert!(change.summary.starts_with("Reopened Ada Lovelace: call"));
    // The history stays.
    assert_eq!(
        store::newest_attempt_id(book.conn(), id).expect("read"),
        attempts
    );
}

#[test]
fn a_lost_reason_is_cleared_but_kept_in_the_notes() {
    let (mut book, ctx, id) = finished_ada(Finish::Lost(Some("price".into())));
    let (after, _) =
        reopen_prospect(&mut book, &ctx, now(), id, &request("tomorrow", None)).expect("reopen");
    assert_eq!(after.lost_reason, None);
    assert_eq!(after.status, Status::Active);
    assert!(
        after
            .notes
            .as_deref()
            .is_some_and(|n| n.ends_with("2026-11-23 Reopened (was lost: price)")),
        "{:?}",
        after.notes
    );
}

#[test]
fn a_won_deal_can_be_reopened() {
    let (mut book, ctx, id) = finished_ada(Finish::Won);
    let (after, _) = reopen_prospect(
        &mut book,
        &ctx,
        now(),
        id,
        &request("tomorrow", Some("marked won by mistake")),
    )
    .expect("reopen");
    assert_eq!(after.status, Status::Active);
    assert!(
        after
            .notes
            .as_deref()
            .is_some_and(|n| n.ends_with("Reopened (was won): marked won by mistake"))
    );
}

#[test]
fn an_active_prospect_is_refused_and_nothing_changes() {
    let mut book = Book::open_in_memory().expect("an in-memory book");
    let ctx = Context::builtin();
    let fields = ProspectPatch {
        name: Some("Grace Hopper".into()),
        ..Default::default()
    };
    let (grace, _) = add_prospect(&mut book, &ctx, now(), fields, None).expect("add");
    let err = reopen_prospect(&mut book, &ctx, now(), grace.id, &request("tomorrow", None))
        .expect_err("refused");
    assert!(matches!(err, AppError::Refused(_)), "{err}");
    assert_eq!(err.exit_code(), 1);
    assert_eq!(
        err.to_string(),
        format!(
            "Grace Hopper (id {}) is active already; nothing was changed",
            grace.id
        )
    );
    assert_eq!(
        store::require_prospect(book.conn(), grace.id).expect("read"),
        grace
    );
}

#[test]
fn a_window_that_has_ended_is_refused_before_anything_is_written() {
    let (mut book, ctx, id) = finished_ada(Finish::ClosedOut);
    let before = store::require_prospect(book.conn(), id).expect("read");
    let steps = step_rows(&book);
    let err = reopen_prospect(&mut book, &ctx, now(), id, &request("yesterday", None))
        .expect_err("refused");
    assert_eq!(err.exit_code(), 2, "{err}");
    assert_eq!(
        store::require_prospect(book.conn(), id).expect("read"),
        before
    );
    assert_eq!(step_rows(&book), steps);
}

#[test]
fn undoing_a_reopen_restores_the_finished_state_exactly() {
    for finish in [
        Finish::Won,
        Finish::Lost(Some("went with a competitor".into())),
        Finish::ClosedOut,
    ] {
        let (mut book, ctx, id) = finished_ada(finish.clone());
        let before = store::require_prospect(book.conn(), id).expect("read");
        let steps = step_rows(&book);
        let newest = store::newest_attempt_id(book.conn(), id).expect("read");
        let (_, change) = reopen_prospect(
            &mut book,
            &ctx,
            now(),
            id,
            &request("tomorrow", Some("called back")),
        )
        .expect("reopen");
        undo(&mut book, &change, chrono::Utc::now()).expect("undo");
        // Undo is a new change: everything is back but the time it changed.
        let after = store::require_prospect(book.conn(), id).expect("read");
        assert_eq!(
            Prospect {
                updated_at: before.updated_at,
                ..after
            },
            before,
            "{finish:?}"
        );
        assert_eq!(step_rows(&book), steps, "{finish:?}");
        // Nothing open, but a customer's after-sale item, open again.
        let open = store::open_step(book.conn(), id).expect("read");
        let plan = open.and_then(|s| s.plan_item);
        let expected = (finish == Finish::Won).then(|| "order-entered".to_string());
        assert_eq!(plan, expected, "{finish:?}");
        assert_eq!(
            store::newest_attempt_id(book.conn(), id).expect("read"),
            newest
        );
    }
}
