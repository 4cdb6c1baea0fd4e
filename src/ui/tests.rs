//! Key → action → book change, without a terminal: keys go through the
//! keymap and `update`, effects through `perform` on an in-memory book.

use chrono::{DateTime, Local, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::perform::{drive, load};
use super::state::{App, Mode, Pane};
use super::update::on_key;
use crate::app::{self, Context, NextRequest};
use crate::domain::{Outcome, ProspectId, ProspectPatch, Status};
use crate::store::{self, Book};

fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap()
}

fn add(book: &mut Book, ctx: &Context, name: &str, next: Option<&str>) -> ProspectId {
    add_at(book, ctx, now(), name, next)
}

/// Adds a prospect as of `at` (to agree a step that is overdue by now).
fn add_at(
    book: &mut Book,
    ctx: &Context,
    at: DateTime<Local>,
    name: &str,
    next: Option<&str>,
) -> ProspectId {
    let fields = ProspectPatch {
        name: Some(name.into()),
        ..Default::default()
    };
    let next = next.map(NextRequest::call);
    app::add_prospect(book, ctx, at, fields, next.as_ref())
        .unwrap()
        .0
        .id
}

/// A cockpit over a small book: two due today, one overdue, one without a step.
fn cockpit() -> (App, Book) {
    let ctx = Context::builtin();
    let mut book = Book::open_in_memory().unwrap();
    add(&mut book, &ctx, "Ada Lovelace", Some("today after 5"));
    add(&mut book, &ctx, "Grace Hopper", Some("today 10am"));
    let earlier = Local
        .with_ymd_and_hms(2026, 11, 19, 9, 0, 0)
        .single()
        .unwrap();
    add_at(
        &mut book,
        &ctx,
        earlier,
        "Alan Turing",
        Some("2026-11-20 10:00"),
    );
    add(&mut book, &ctx, "Edsger Dijkstra", None);
    let mut app = App::new(ctx, now(), true);
    load(&mut app, &mut book).unwrap();
    (app, book)
}

fn press(app: &mut App, book: &mut Book, keys: &str) {
    for c in keys.chars() {
        key(
            app,
            book,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
    }
}

fn key(app: &mut App, book: &mut Book, key: KeyEvent) {
    let effects = on_key(app, key);
    drive(app, book, effects);
}

fn code(app: &mut App, book: &mut Book, code: KeyCode) {
    key(app, book, KeyEvent::new(code, KeyModifiers::NONE));
}

fn attempts(book: &Book, id: ProspectId) -> Vec<Outcome> {
    store::attempts_for(book.conn(), id, 100)
        .unwrap()
        .iter()
        .map(|a| a.outcome)
        .collect()
}

#[test]
fn due_today_is_in_window_order_and_stops_list_overdue_then_no_step() {
    let (app, _book) = cockpit();
    let today = app.today.as_ref().unwrap();
    let names: Vec<_> = today
        .queue
        .due_today
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["Grace Hopper", "Ada Lovelace"]);
    let stops: Vec<_> = app.stops.iter().map(|r| r.item.name.as_str()).collect();
    assert_eq!(stops, ["Alan Turing", "Edsger Dijkstra"]);
    assert_eq!(app.selected_id(), Some(ProspectId(2)));
    assert!(
        app.detail.is_some(),
        "the selected prospect's detail is loaded"
    );
}

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
fn a_adds_a_prospect_and_selects_it() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "a");
    press(&mut app, &mut book, "Katherine Johnson");
    for _ in 0..10 {
        code(&mut app, &mut book, KeyCode::Tab); // to the next-step field
    }
    press(&mut app, &mut book, "today 3pm");
    code(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let selected = app.selected_id().unwrap();
    assert_eq!(
        store::require_prospect(book.conn(), selected).unwrap().name,
        "Katherine Johnson"
    );
    press(&mut app, &mut book, "u");
    assert!(store::prospect(book.conn(), selected).unwrap().is_none());
}

#[test]
fn an_empty_add_form_is_refused_without_writing() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "a");
    code(&mut app, &mut book, KeyCode::Enter);
    match &app.mode {
        Mode::Form(form) => assert_eq!(form.error.as_deref(), Some("a prospect needs a name")),
        other => panic!("{other:?}"),
    }
    code(&mut app, &mut book, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        store::list_prospects(book.conn(), store::ProspectFilter::All, 100, 0)
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn search_finds_by_name_or_company_across_statuses() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "/tur");
    assert_eq!(app.focus, Pane::Search);
    let hits = &app.search.as_ref().unwrap().hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].item.name, "Alan Turing");
    code(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.selected_id(), Some(ProspectId(3)));
    code(&mut app, &mut book, KeyCode::Esc);
    assert!(app.search.is_none());
    assert_eq!(app.focus, Pane::Due);
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
fn quit_keys_and_help() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "?");
    assert!(matches!(app.mode, Mode::Help(_)));
    code(&mut app, &mut book, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    key(
        &mut app,
        &mut book,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    );
    assert!(app.should_quit);
}

#[test]
fn undo_refuses_when_another_terminal_changed_the_prospect_since() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "v");
    let grace = ProspectId(2);
    // Another terminal edits Grace after the voicemail was logged.
    let phone = ProspectPatch {
        phone: Some("555-0199".into()),
        ..Default::default()
    };
    app::edit_prospect(&mut book, &app.ctx.clone(), now(), grace, phone.into()).unwrap();
    press(&mut app, &mut book, "u");
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("changed since"),
        "{status:?}"
    );
    assert_eq!(
        attempts(&book, grace),
        [Outcome::Voicemail],
        "nothing was undone"
    );
    let p = store::require_prospect(book.conn(), grace).unwrap();
    assert_eq!(p.phone.as_deref(), Some("555-0199"));
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

#[test]
fn undo_selects_the_prospect_it_restored() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "l"); // Grace lost: she leaves the queue
    code(&mut app, &mut book, KeyCode::Enter);
    assert_ne!(app.selected_id(), Some(ProspectId(2)));
    press(&mut app, &mut book, "u");
    assert_eq!(app.selected_id(), Some(ProspectId(2)));
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
    drive(&mut app, &mut book, vec![super::effect::Effect::Reload]);
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
