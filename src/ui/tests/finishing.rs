//! Finishing a prospect: won (with its delivery date), lost, closed out,
//! the confirmation only `y` gives, and an action on a finished prospect.

use super::*;

#[test]
fn won_asks_the_delivery_date_and_esc_leaves_it() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "w");
    assert!(
        matches!(&app.mode, Mode::Form(f) if f.kind == crate::ui::form::FormKind::Won(ProspectId(2)))
    );
    code(&mut app, &mut book, KeyCode::Esc);
    assert_eq!(
        store::require_prospect(book.conn(), ProspectId(2))
            .unwrap()
            .status,
        Status::Active
    );
    press(&mut app, &mut book, "w");
    press(&mut app, &mut book, "dec 9");
    code(&mut app, &mut book, KeyCode::Enter);
    let p = store::require_prospect(book.conn(), ProspectId(2)).unwrap();
    assert_eq!(p.status, Status::Won);
    assert_eq!(
        p.delivery_at.map(|d| d.with_timezone(&Local).date_naive()),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 9),
        "the delivery date asked"
    );
    // Her open step is now the first item of the after-sale plan, due
    // today like any call: she stays in the queue, as a customer.
    let step = store::open_step(book.conn(), ProspectId(2))
        .unwrap()
        .unwrap();
    assert_eq!(step.plan_item.as_deref(), Some("order-entered"));
    let due = &app.today.as_ref().unwrap().queue.due_today;
    assert!(due.iter().any(|i| i.id == ProspectId(2) && i.customer));
    // `c` ticks it off: the next item (shipped) is days away.
    app.cursor[crate::ui::state::Pane::Due.index()] =
        due.iter().position(|i| i.id == ProspectId(2)).unwrap();
    press(&mut app, &mut book, "c");
    let step = store::open_step(book.conn(), ProspectId(2))
        .unwrap()
        .unwrap();
    assert_eq!(step.plan_item.as_deref(), Some("shipped"));
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("Order entered done"), "{status}");
}

#[test]
fn lost_takes_a_reason_and_x_closes_out() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "l");
    press(&mut app, &mut book, "went with a cheaper quote");
    code(&mut app, &mut book, KeyCode::Enter);
    let grace = store::require_prospect(book.conn(), ProspectId(2)).unwrap();
    assert_eq!(grace.status, Status::Lost);
    assert_eq!(
        grace.lost_reason.as_deref(),
        Some("went with a cheaper quote")
    );
    press(&mut app, &mut book, "xy");
    assert_eq!(
        store::require_prospect(book.conn(), ProspectId(1))
            .unwrap()
            .status,
        Status::ClosedOut
    );
}

#[test]
fn an_action_on_a_finished_prospect_reports_one_sentence_and_keeps_running() {
    let (mut app, mut book) = cockpit();
    app::finish_prospect(
        &mut book,
        &crate::app::Context::builtin(),
        now(),
        ProspectId(2),
        &app::Finish::Won,
    )
    .unwrap();
    // The screen still lists Grace until it reloads: act on the stale row.
    press(&mut app, &mut book, "v");
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("won already"),
        "{status:?}"
    );
    assert!(attempts(&book, ProspectId(2)).is_empty());
}

#[test]
fn enter_does_not_confirm_a_finish_only_y_does() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "x");
    code(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Confirm(_)), "still asking");
    assert_eq!(
        store::require_prospect(book.conn(), ProspectId(2))
            .unwrap()
            .status,
        Status::Active
    );
}
