//! Logging a contact from the queues: each key's attempt, the series it
//! advances, the forms that take a note, a step or the deal, and the
//! debrief a meeting offers.

use super::*;

#[test]
fn v_logs_a_voicemail_advances_the_series_and_can_be_undone() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "v");
    let grace = ProspectId(2);
    assert_eq!(attempts(&book, grace), [Outcome::Voicemail]);
    let p = store::require_prospect(book.conn(), grace).unwrap();
    assert_eq!(p.series.performed, 1);
    let status = app.status.clone().unwrap();
    assert!(
        !status.error && status.text.contains("Voicemail") && status.text.contains("Grace Hopper"),
        "{status:?}"
    );
    // The series scheduled the retry in 15 minutes: still due today.
    let step = store::open_step(book.conn(), grace).unwrap().unwrap();
    assert_eq!(
        step.window.start,
        (now() + chrono::Duration::minutes(15)).with_timezone(&chrono::Utc)
    );

    press(&mut app, &mut book, "u");
    assert!(attempts(&book, grace).is_empty());
    let p = store::require_prospect(book.conn(), grace).unwrap();
    assert_eq!(p.series.performed, 0);
    let step = store::open_step(book.conn(), grace).unwrap().unwrap();
    assert_eq!(
        step.window.start.with_timezone(&Local),
        Local.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    );
    assert!(app.status.unwrap().text.starts_with("Undone"));
}

#[test]
fn n_and_e_log_no_answer_and_email() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "n");
    press(&mut app, &mut book, "e");
    let grace = ProspectId(2);
    assert_eq!(attempts(&book, grace), [Outcome::Email, Outcome::NoAnswer]);
}

#[test]
fn r_logs_a_conversation_with_its_note_and_agreed_step() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "r");
    press(&mut app, &mut book, "wants the triple pane quote");
    code(&mut app, &mut book, KeyCode::Tab);
    press(&mut app, &mut book, "fri 10am");
    code(&mut app, &mut book, KeyCode::Enter);
    let grace = ProspectId(2);
    let last = store::last_attempt(book.conn(), grace).unwrap().unwrap();
    assert_eq!(last.outcome, Outcome::Reached);
    assert_eq!(last.note.as_deref(), Some("wants the triple pane quote"));
    let step = store::open_step(book.conn(), grace).unwrap().unwrap();
    assert_eq!(
        step.window.start.with_timezone(&Local),
        Local.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
    );
}

#[test]
fn the_final_voicemail_asks_before_closing_out_and_no_answer_does_not_close() {
    let (mut app, mut book) = cockpit();
    let (ada, grace) = (ProspectId(1), ProspectId(2));
    let on_final = crate::domain::SeriesState {
        name: None,
        performed: 9,
        paused: false,
        paused_until: None,
    };
    let at = now().with_timezone(&chrono::Utc);
    book.write(|tx| {
        store::set_series(tx, grace, &on_final, at)?;
        store::set_series(tx, ada, &on_final, at)
    })
    .unwrap();
    drive(&mut app, &mut book, vec![crate::ui::effect::Effect::Reload]);
    assert_eq!(app.selected_id(), Some(grace));

    press(&mut app, &mut book, "v");
    assert!(matches!(app.mode, Mode::Confirm(_)), "asks first");
    press(&mut app, &mut book, "n");
    assert!(
        attempts(&book, grace).is_empty(),
        "declined: nothing logged"
    );

    press(&mut app, &mut book, "n");
    let p = store::require_prospect(book.conn(), grace).unwrap();
    assert_eq!(p.status, Status::Active, "no answer never closes out");
    assert_eq!(p.series.performed, 9, "still on the final step");
    assert!(
        store::open_step(book.conn(), grace).unwrap().is_some(),
        "a retry"
    );

    // Grace's retry is another day: Ada, also on her final step, is next.
    assert_eq!(app.selected_id(), Some(ada));
    press(&mut app, &mut book, "vy");
    assert_eq!(
        store::require_prospect(book.conn(), ada).unwrap().status,
        Status::ClosedOut
    );
}

#[test]
fn m_logs_a_meeting_with_its_note_and_agreed_step() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "m");
    press(&mut app, &mut book, "measured the windows on site");
    code(&mut app, &mut book, KeyCode::Tab);
    press(&mut app, &mut book, "fri 10am");
    code(&mut app, &mut book, KeyCode::Enter);
    let last = store::last_attempt(book.conn(), ProspectId(2))
        .unwrap()
        .unwrap();
    assert_eq!(last.outcome, Outcome::Meeting);
    assert_eq!(last.note.as_deref(), Some("measured the windows on site"));
}

#[test]
fn the_reached_form_updates_the_deal_in_the_same_write_and_undo_restores_it() {
    let (mut app, mut book) = cockpit();
    let grace = ProspectId(2);
    press(&mut app, &mut book, "r");
    press(&mut app, &mut book, "ready once her partner agrees");
    code(&mut app, &mut book, KeyCode::Tab);
    press(&mut app, &mut book, "fri 10am");
    for _ in 0..3 {
        code(&mut app, &mut book, KeyCode::Tab); // action, then value, then probability
    }
    press(&mut app, &mut book, "80");
    code(&mut app, &mut book, KeyCode::Tab);
    press(&mut app, &mut book, "price");
    // Enter breaks the line in a long text (the objection); Ctrl-s saves.
    key(
        &mut app,
        &mut book,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let p = store::require_prospect(book.conn(), grace).unwrap();
    assert_eq!(p.probability.map(|x| x.percent()), Some(80));
    assert_eq!(p.objection.as_deref(), Some("price"));
    let last = store::last_attempt(book.conn(), grace).unwrap().unwrap();
    assert_eq!(last.outcome, Outcome::Reached);

    press(&mut app, &mut book, "u");
    let p = store::require_prospect(book.conn(), grace).unwrap();
    assert_eq!(
        p.probability, None,
        "one undo takes back the whole conversation"
    );
    assert_eq!(p.objection, None);
    assert!(attempts(&book, grace).is_empty());
}

#[test]
fn logging_a_meeting_offers_the_debrief_which_sets_the_next_step() {
    let (mut app, mut book) = cockpit();
    let id = app.selected_id().unwrap();
    press(&mut app, &mut book, "m");
    press(&mut app, &mut book, "measured the bay window");
    // The note holds several lines: Ctrl-s saves.
    key(
        &mut app,
        &mut book,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    // The debrief form is offered at once.
    match &app.mode {
        Mode::Form(form) => assert!(form.title.starts_with("Debrief"), "{}", form.title),
        other => panic!("no debrief form: {other:?}"),
    }
    // Owed until recorded: listed among the slows & stops.
    let owed = &app.today.as_ref().unwrap().queue.no_debrief;
    assert!(owed.iter().any(|i| i.id == id));
    // Product, value, probability, follow-up, action, then the four texts.
    for _ in 0..3 {
        code(&mut app, &mut book, KeyCode::Tab);
    }
    press(&mut app, &mut book, "fri 3pm");
    code(&mut app, &mut book, KeyCode::Tab);
    code(&mut app, &mut book, KeyCode::Tab);
    for text in ["listened", "measured", "wrote it down", "ask for the order"] {
        press(&mut app, &mut book, text);
        code(&mut app, &mut book, KeyCode::Tab);
    }
    code(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let d = store::debriefs_for(book.conn(), id, 5).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].work_on, "ask for the order");
    let step = store::open_step(book.conn(), id).unwrap().unwrap();
    assert_eq!(
        step.window
            .start
            .with_timezone(&Local)
            .format("%a %H:%M")
            .to_string(),
        "Fri 15:00"
    );
    let owed = &app.today.as_ref().unwrap().queue.no_debrief;
    assert!(!owed.iter().any(|i| i.id == id));
}
