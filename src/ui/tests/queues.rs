//! The queues, adding, searching, quitting and help.

use super::*;

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
