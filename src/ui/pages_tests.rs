//! The upcoming agenda and the table of all prospects, key by key: pure
//! `update` and fold checks, and whole flows through `perform` on an
//! in-memory book.

use chrono::{DateTime, Local, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::Effect;
use super::pages::PAGE;
use super::perform::{drive, load};
use super::state::{App, Pane};
use super::update::on_key;
use crate::app::{self, Context, NextRequest};
use crate::domain::{ProspectId, ProspectPatch, Status};
use crate::store::{self, Book, BrowseFilter, BrowseSort};

/// Monday 30 November 2026, 09:00.
fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .single()
        .unwrap()
}

fn add(book: &mut Book, name: &str, next: Option<&str>) -> ProspectId {
    let fields = ProspectPatch {
        name: Some(name.into()),
        ..Default::default()
    };
    let next = next.map(NextRequest::call);
    app::add_prospect(book, &Context::builtin(), now(), fields, next.as_ref())
        .unwrap()
        .0
        .id
}

fn cockpit(book: &mut Book) -> App {
    let mut app = App::new(Context::builtin(), now(), true);
    load(&mut app, book).unwrap();
    app
}

fn press(app: &mut App, book: &mut Book, code: KeyCode) {
    let effects = on_key(app, KeyEvent::new(code, KeyModifiers::NONE));
    drive(app, book, effects);
}

fn keys(app: &mut App, book: &mut Book, keys: &str) {
    for c in keys.chars() {
        press(app, book, KeyCode::Char(c));
    }
}

fn pure(app: &mut App, c: char) -> Vec<Effect> {
    on_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn selected_name(app: &App) -> String {
    app.selected_item()
        .map(|i| i.name.clone())
        .unwrap_or_default()
}

#[test]
fn w_reads_the_first_page_and_w_again_goes_back() {
    let mut app = App::new(Context::builtin(), now(), true);
    assert_eq!(pure(&mut app, 'W'), [Effect::LoadUpcoming { after: None }]);
    assert_eq!(app.focus, Pane::Upcoming);
    assert!(app.upcoming.as_ref().is_some_and(|u| u.loading));
    pure(&mut app, 'W');
    assert_eq!(app.focus, Pane::Due);
    assert!(app.upcoming.is_none());
}

#[test]
fn a_reads_the_first_page_and_f_and_s_cycle_filter_and_sort() {
    let mut app = App::new(Context::builtin(), now(), true);
    let first = |filter, sort| Effect::LoadBrowse {
        filter,
        sort,
        after: None,
    };
    assert_eq!(
        pure(&mut app, 'A'),
        [first(BrowseFilter::Active, BrowseSort::NextStep)]
    );
    assert_eq!(app.focus, Pane::Book);
    assert_eq!(
        pure(&mut app, 'f'),
        [first(BrowseFilter::Won, BrowseSort::NextStep)]
    );
    assert_eq!(
        pure(&mut app, 'S'),
        [first(BrowseFilter::Won, BrowseSort::LastSpoke)]
    );
    // Elsewhere, f and S say where they work, naming the key.
    pure(&mut app, 'A');
    assert!(pure(&mut app, 'f').is_empty());
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("open it with A"),
        "{status:?}"
    );
}

#[test]
fn upcoming_lists_from_tomorrow_and_keys_act_on_the_selected_row() {
    let mut book = Book::open_in_memory().unwrap();
    add(&mut book, "Today Tess", Some("today 3pm"));
    let wed = add(&mut book, "Wednesday Will", Some("wed 10am"));
    add(&mut book, "Tuesday Tom", Some("tomorrow 9am"));
    add(&mut book, "Later Lou", Some("dec 15"));
    let mut app = cockpit(&mut book);
    keys(&mut app, &mut book, "W");
    let names: Vec<String> = app
        .upcoming
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .map(|i| i.name.clone())
        .collect();
    assert_eq!(names, ["Tuesday Tom", "Wednesday Will", "Later Lou"]);
    assert_eq!(selected_name(&app), "Tuesday Tom");
    keys(&mut app, &mut book, "j");
    assert_eq!(app.selected_id(), Some(wed));
    assert_eq!(
        app.detail.as_ref().map(|d| d.view.prospect.id),
        Some(wed),
        "the detail follows the selection"
    );
    keys(&mut app, &mut book, "n");
    let logged = store::attempts_for(book.conn(), wed, 5).unwrap();
    assert_eq!(logged.len(), 1, "n logged on the selected row");
    assert_eq!(
        app.focus,
        Pane::Upcoming,
        "still in the agenda after the write"
    );
    press(&mut app, &mut book, KeyCode::Esc);
    assert_eq!(app.focus, Pane::Due);
    assert!(app.upcoming.is_none());
}

#[test]
fn a_prospect_added_for_wednesday_opens_the_agenda_selected() {
    let mut book = Book::open_in_memory().unwrap();
    add(&mut book, "Today Tess", Some("today 3pm"));
    add(&mut book, "Tuesday Tom", Some("tomorrow 9am"));
    let mut app = cockpit(&mut book);
    assert_eq!(app.focus, Pane::Due);
    let effect = Effect::Add {
        fields: ProspectPatch {
            name: Some("Katherine Johnson".into()),
            ..Default::default()
        },
        next: Some(NextRequest::call("wed 2pm")),
    };
    drive(&mut app, &mut book, vec![effect]);
    assert_eq!(app.focus, Pane::Upcoming);
    assert_eq!(selected_name(&app), "Katherine Johnson");
    // One due today stays on the dashboard's queue, selected there.
    let effect = Effect::Add {
        fields: ProspectPatch {
            name: Some("Mary Jackson".into()),
            ..Default::default()
        },
        next: Some(NextRequest::call("today 4pm")),
    };
    drive(&mut app, &mut book, vec![effect]);
    assert_eq!(selected_name(&app), "Mary Jackson");
}

#[test]
fn the_agenda_reads_the_next_page_as_the_selection_nears_the_end() {
    let mut book = Book::open_in_memory().unwrap();
    let total = PAGE + 30;
    for i in 0..total {
        add(&mut book, &format!("P{i:04}"), Some("tomorrow 9am"));
    }
    let mut app = cockpit(&mut book);
    keys(&mut app, &mut book, "W");
    assert_eq!(app.len(Pane::Upcoming), PAGE);
    assert!(app.upcoming.as_ref().unwrap().more);
    keys(&mut app, &mut book, "G");
    assert_eq!(app.len(Pane::Upcoming), total, "the next page came");
    let mut ids = app.ids(Pane::Upcoming);
    assert!(!app.upcoming.as_ref().unwrap().more);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), total, "no row twice");
    // A reload (as after every write) reads as far as was read, keeping
    // the selection.
    keys(&mut app, &mut book, "k");
    let at = app.selected_id();
    keys(&mut app, &mut book, "R");
    assert_eq!(app.len(Pane::Upcoming), total);
    assert_eq!(app.selected_id(), at);
    // Back at the top, a reload reads one page again, not all that was read.
    keys(&mut app, &mut book, "gR");
    assert_eq!(app.len(Pane::Upcoming), PAGE);
    assert!(app.upcoming.as_ref().unwrap().more);
}

#[test]
fn the_table_filters_sorts_and_pages() {
    let mut book = Book::open_in_memory().unwrap();
    let total = PAGE + 10;
    for i in 0..total {
        add(&mut book, &format!("P{i:04}"), Some("tomorrow 9am"));
    }
    let won = add(&mut book, "Zed Won", None);
    app::finish_prospect(
        &mut book,
        &crate::app::Context::builtin(),
        now(),
        won,
        &app::Finish::Won,
    )
    .unwrap();
    let mut app = cockpit(&mut book);
    keys(&mut app, &mut book, "A");
    assert_eq!(app.len(Pane::Book), PAGE);
    keys(&mut app, &mut book, "G");
    assert_eq!(app.len(Pane::Book), total, "active only, every page");
    keys(&mut app, &mut book, "f");
    assert_eq!(app.browse.as_ref().unwrap().filter, BrowseFilter::Won);
    assert_eq!(app.ids(Pane::Book), [won]);
    assert_eq!(app.browse.as_ref().unwrap().rows[0].status, Status::Won);
    // Reopen works from the table: it knows the row is won.
    keys(&mut app, &mut book, "O");
    assert!(matches!(app.mode, super::state::Mode::Form(_)));
    press(&mut app, &mut book, KeyCode::Esc);
    for _ in 0..3 {
        keys(&mut app, &mut book, "f");
    }
    assert_eq!(app.browse.as_ref().unwrap().filter, BrowseFilter::All);
    for _ in 0..5 {
        keys(&mut app, &mut book, "S");
    }
    assert_eq!(app.browse.as_ref().unwrap().sort, BrowseSort::Name);
    assert_eq!(selected_name(&app), "P0000");
    // G selects the last row read and reads the next page; G again its end.
    keys(&mut app, &mut book, "G");
    assert_eq!(selected_name(&app), format!("P{:04}", PAGE - 1));
    keys(&mut app, &mut book, "G");
    assert_eq!(selected_name(&app), "Zed Won");
}
