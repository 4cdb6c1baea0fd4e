//! Debriefs and the after-sale plan on an in-memory book: a debrief sets
//! the next step and takes the prospect off "no debrief"; the checklist
//! advances, branches on a back-order, and everything replays from the
//! history.

use chrono::{DateTime, Duration, Local, TimeZone};

use super::*;
use crate::domain::{DayBounds, Money, Outcome, Probability, ProspectPatch, Status};
use crate::store::{self, Book};

/// Tuesday 1 December 2026, 09:00.
fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("a plain local time")
}

fn book_with(name: &str) -> (Book, Context, ProspectId) {
    let mut book = Book::open_in_memory().expect("an in-memory book");
    let ctx = Context::builtin();
    let fields = ProspectPatch {
        name: Some(name.into()),
        product: Some("Bay window".into()),
        ..Default::default()
    };
    let next = NextRequest::call("today");
    let (p, _) = add_prospect(&mut book, &ctx, now(), fields, Some(&next)).expect("add");
    (book, ctx, p.id)
}

fn queue(book: &Book, at: DateTime<Local>) -> crate::domain::TodayQueue {
    store::today_queue(book.conn(), &DayBounds::new(&at, 14), 100).expect("queue")
}

fn listed(items: &[crate::domain::QueueItem], id: ProspectId) -> bool {
    items.iter().any(|i| i.id == id)
}

fn agrees(book: &Book, id: ProspectId) {
    let problems = store::history_disagreements(book.conn(), id).expect("check");
    assert!(problems.is_empty(), "{problems:#?}");
}

fn debrief_request() -> DebriefRequest {
    DebriefRequest {
        product: Some("Triple-glazed bay window".into()),
        value: Some(Money::from_cents(1_250_000)),
        probability: Probability::new(60).ok(),
        next: Some(NextRequest::call("thu morning")),
        well: [
            "Listened to their goals".into(),
            "Measured on the spot".into(),
            "Left a written quote".into(),
        ],
        work_on: "Ask for the order".into(),
    }
}

#[test]
fn a_meeting_without_a_debrief_is_a_slow_until_the_debrief_sets_the_next_step() {
    let (mut book, ctx, id) = book_with("Ada Lovelace");
    assert!(!listed(&queue(&book, now()).no_debrief, id));
    let met = now() + Duration::hours(1);
    let mut request = LogRequest::outcome(Outcome::Meeting);
    request.next = Some(NextRequest::call("fri"));
    log_attempt(&mut book, &ctx, met, id, &request).expect("met");
    let q = queue(&book, met);
    assert!(listed(&q.no_debrief, id), "{:?}", q.no_debrief);

    let later = met + Duration::minutes(20);
    let done = record_debrief(&mut book, &ctx, later, id, &debrief_request()).expect("debrief");
    assert!(!listed(&queue(&book, later).no_debrief, id));
    // The coordinator's figures update the prospect...
    assert_eq!(done.prospect.value, Some(Money::from_cents(1_250_000)));
    assert_eq!(done.prospect.probability, Probability::new(60).ok());
    assert_eq!(
        done.prospect.product.as_deref(),
        Some("Triple-glazed bay window")
    );
    // ...and the follow-up is the next step: Thursday morning.
    let step = done.next_step.expect("a next step");
    let due = step.window.start.with_timezone(&Local);
    assert_eq!(due.date_naive().to_string(), "2026-12-03");
    assert_eq!(done.debrief.follow_up.as_deref(), Some("thu morning"));
    assert_eq!(done.debrief.work_on, "Ask for the order");
    agrees(&book, id);

    // Undo brings the slow back; redo takes it away again.
    let inverse = undo(&mut book, &done.change, later.to_utc()).expect("undo");
    assert!(listed(&queue(&book, later).no_debrief, id));
    agrees(&book, id);
    undo(&mut book, &inverse, later.to_utc()).expect("redo");
    assert!(!listed(&queue(&book, later).no_debrief, id));
    agrees(&book, id);

    // The next meeting owes a debrief of its own.
    let again = later + Duration::days(2);
    log_attempt(
        &mut book,
        &ctx,
        again,
        id,
        &LogRequest::outcome(Outcome::Meeting),
    )
    .expect("met");
    assert!(listed(&queue(&book, again).no_debrief, id));
}

#[test]
fn a_debrief_needs_all_four_texts_for_the_manager() {
    let (mut book, ctx, id) = book_with("Ada Lovelace");
    let mut request = debrief_request();
    request.well[2] = " ".into();
    let err = record_debrief(&mut book, &ctx, now(), id, &request).unwrap_err();
    assert!(err.to_string().contains("third thing done well"), "{err}");
    // Nothing was written, not even the figures.
    let p = store::require_prospect(book.conn(), id).unwrap();
    assert_eq!(p.value, None);
}

#[test]
fn the_coaching_sheet_counts_recurring_themes() {
    let (mut book, ctx, id) = book_with("Ada Lovelace");
    for (i, work_on) in ["Ask for the order", "ask for the order sooner", "Talk less"]
        .iter()
        .enumerate()
    {
        let mut request = debrief_request();
        request.next = None;
        request.work_on = (*work_on).into();
        let at = now() + Duration::hours(i as i64);
        record_debrief(&mut book, &ctx, at, id, &request).expect("debrief");
    }
    let sheet = coaching_sheet(book.conn(), None).expect("sheet");
    assert_eq!(sheet.debriefs.len(), 3);
    assert_eq!(sheet.work_on_themes[0].term, "ask order");
    assert_eq!(sheet.work_on_themes[0].count, 2);
    assert!(
        sheet
            .well_themes
            .iter()
            .any(|t| t.term == "listened goal" && t.count == 3)
    );
    let later =
        coaching_sheet(book.conn(), Some((now() + Duration::minutes(30)).to_utc())).expect("sheet");
    assert_eq!(later.debriefs.len(), 2);
}

#[test]
fn winning_starts_the_plan_which_advances_and_branches_on_a_back_order() {
    let (mut book, ctx, id) = book_with("Grace Hopper");
    let (won, _) = win_prospect(&mut book, &ctx, now(), id, Some("dec 9")).expect("won");
    assert_eq!(won.status, Status::Won);
    assert_eq!(won.customer_word(), Some("customer"));
    assert_eq!(won.purchases, 1);
    let open = |book: &Book| {
        store::open_step(book.conn(), id)
            .unwrap()
            .and_then(|s| s.plan_item)
    };
    assert_eq!(open(&book).as_deref(), Some("order-entered"));
    // The plan's step is due today like any call.
    assert!(listed(&queue(&book, now()).due_today, id));
    agrees(&book, id);

    let t = tick(&mut book, &ctx, now(), id).expect("tick");
    assert!(t.summary.contains("Order entered done"), "{}", t.summary);
    assert_eq!(open(&book).as_deref(), Some("shipped"));
    // Shipped is due on the delivery date asked at the win.
    let step = t.next_step.expect("next item");
    assert_eq!(
        step.window
            .start
            .with_timezone(&Local)
            .date_naive()
            .to_string(),
        "2026-12-09"
    );
    // Late once that day has passed, like any call.
    let after = now() + Duration::days(9);
    assert!(listed(&queue(&book, after).overdue, id));

    let ship_day = now() + Duration::days(8);
    let b = backorder(&mut book, &ctx, ship_day, id).expect("back-order");
    assert_eq!(open(&book).as_deref(), Some("back-order"));
    assert!(b.summary.contains("back-ordered"), "{}", b.summary);
    let view = plan_view(book.conn(), &ctx, &b.prospect).unwrap().unwrap();
    assert_eq!((view.progress.done, view.progress.total), (2, 8));
    assert!(view.script.unwrap().contains("back-ordered"));
    // Telling them done, the plan goes back to the completeness check.
    tick(&mut book, &ctx, ship_day, id).expect("told them");
    assert_eq!(open(&book).as_deref(), Some("shipped-complete"));
    // A back-order is refused where it means nothing.
    tick(&mut book, &ctx, ship_day, id).expect("complete");
    let err = backorder(&mut book, &ctx, ship_day, id).unwrap_err();
    assert!(err.to_string().contains("tick it off"), "{err}");
    agrees(&book, id);

    // Undo of a tick reopens the item it ticked.
    let t = tick(&mut book, &ctx, ship_day, id).expect("arrived");
    undo(&mut book, &t.change, ship_day.to_utc()).expect("undo");
    assert_eq!(open(&book).as_deref(), Some("arrived"));
    agrees(&book, id);

    // Through to the end.
    let mut at = ship_day;
    while store::open_step(book.conn(), id).unwrap().is_some() {
        at += Duration::days(1);
        tick(&mut book, &ctx, at, id).expect("tick");
    }
    let p = store::require_prospect(book.conn(), id).unwrap();
    let view = plan_view(book.conn(), &ctx, &p).unwrap().unwrap();
    assert_eq!((view.progress.done, view.progress.total), (8, 8));
    assert!(tick(&mut book, &ctx, at, id).is_err());
    agrees(&book, id);
}

#[test]
fn a_second_purchase_makes_a_repeat_customer_and_ticking_needs_a_customer() {
    let (mut book, ctx, id) = book_with("Grace Hopper");
    let err = tick(&mut book, &ctx, now(), id).unwrap_err();
    assert!(err.to_string().contains("not a won customer"), "{err}");
    win_prospect(&mut book, &ctx, now(), id, None).expect("won");
    let request = ReopenRequest {
        next: NextRequest::call("tomorrow"),
        reason: Some("a new quote for the garage".into()),
    };
    let (p, _) = reopen_prospect(&mut book, &ctx, now(), id, &request).expect("reopen");
    assert_eq!(p.customer_word(), Some("repeat customer"));
    // The new quote's step replaced the plan's open item.
    let step = store::open_step(book.conn(), id).unwrap().unwrap();
    assert_eq!(step.plan_item, None);
    let (p, _) = win_prospect(&mut book, &ctx, now(), id, None).expect("won again");
    assert_eq!(
        (p.purchases, p.customer_word()),
        (2, Some("repeat customer"))
    );
    agrees(&book, id);
}
