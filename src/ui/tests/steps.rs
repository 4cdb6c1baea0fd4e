//! Setting the next step and pausing: the form's window, a step another
//! terminal set meanwhile, and timed pauses.

use super::*;

#[test]
fn s_sets_the_next_step_through_the_form_and_refuses_a_bad_window() {
    let (mut app, mut book) = cockpit();
    code(&mut app, &mut book, KeyCode::Tab); // to slows & stops
    assert_eq!(app.focus, Pane::Stops);
    code(&mut app, &mut book, KeyCode::Down); // Edsger: no next step
    assert_eq!(app.selected_id(), Some(ProspectId(4)));
    press(&mut app, &mut book, "s");
    assert!(matches!(app.mode, Mode::Form(_)));
    press(&mut app, &mut book, "feb 30");
    code(&mut app, &mut book, KeyCode::Enter);
    match &app.mode {
        Mode::Form(form) => assert!(
            form.error
                .as_deref()
                .unwrap_or_default()
                .contains("February")
        ),
        other => panic!("form should stay open, got {other:?}"),
    }
    assert!(
        store::open_step(book.conn(), ProspectId(4))
            .unwrap()
            .is_none(),
        "bad input changed nothing"
    );
    for _ in 0..6 {
        code(&mut app, &mut book, KeyCode::Backspace);
    }
    press(&mut app, &mut book, "tomorrow 2pm");
    code(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let step = store::open_step(book.conn(), ProspectId(4))
        .unwrap()
        .unwrap();
    assert_eq!(
        step.window.start.with_timezone(&Local),
        Local.with_ymd_and_hms(2026, 11, 24, 14, 0, 0).unwrap()
    );
}

#[test]
fn a_step_form_refuses_when_another_terminal_set_a_step_since() {
    let (mut app, mut book) = cockpit();
    let grace = ProspectId(2);
    press(&mut app, &mut book, "s");
    // Meanwhile, another terminal agrees a callback with Grace.
    app::set_next_step(
        &mut book,
        &app.ctx.clone(),
        now(),
        grace,
        &NextRequest::call("tomorrow 4pm"),
    )
    .unwrap();
    press(&mut app, &mut book, "fri 10am");
    code(&mut app, &mut book, KeyCode::Enter);
    let status = app.status.clone().unwrap();
    assert!(
        status.error
            && status
                .text
                .contains("next step of Grace Hopper changed since you opened the form"),
        "{status:?}"
    );
    assert!(matches!(app.mode, Mode::Form(_)), "the form is back");
    let step = store::open_step(book.conn(), grace).unwrap().unwrap();
    assert_eq!(
        step.window.start.with_timezone(&Local),
        Local.with_ymd_and_hms(2026, 11, 24, 16, 0, 0).unwrap(),
        "the other terminal's step stands"
    );
}

#[test]
fn p_pauses_again_once_a_timed_pause_has_run_out() {
    let (mut app, mut book) = cockpit();
    let grace = ProspectId(2);
    let friday = Local
        .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .unwrap();
    // Paused on Friday until Sunday: over by Monday's cockpit.
    let sunday = friday + chrono::Duration::days(2);
    app::pause(&mut book, friday, grace, Some(sunday.to_utc())).unwrap();
    load(&mut app, &mut book).unwrap();
    assert_eq!(app.selected_id(), Some(grace));
    press(&mut app, &mut book, "p");
    assert!(matches!(app.mode, Mode::Form(_)), "p asks until when");
    code(&mut app, &mut book, KeyCode::Enter);
    let series = store::require_prospect(book.conn(), grace).unwrap().series;
    assert!(series.is_paused(now().to_utc()), "{series:?}");
    assert_eq!(series.paused_until, None);
}

#[test]
fn p_asks_until_when_and_p_again_resumes() {
    let (mut app, mut book) = cockpit();
    let grace = ProspectId(2);
    assert_eq!(app.selected_id(), Some(grace));
    press(&mut app, &mut book, "p");
    press(&mut app, &mut book, "yesterday");
    code(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Form(_)), "a past time is refused");
    for _ in 0.."yesterday".len() {
        code(&mut app, &mut book, KeyCode::Backspace);
    }
    press(&mut app, &mut book, "dec 2");
    code(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let series = store::require_prospect(book.conn(), grace).unwrap().series;
    let dec2 = Local.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap();
    assert_eq!(series.paused_until, Some(dec2.to_utc()));
    assert_eq!(app.selected_id(), Some(grace));
    press(&mut app, &mut book, "p");
    assert!(matches!(app.mode, Mode::Normal), "resuming asks nothing");
    let series = store::require_prospect(book.conn(), grace).unwrap().series;
    assert!(
        !series.paused && series.paused_until.is_none(),
        "{series:?}"
    );
}
