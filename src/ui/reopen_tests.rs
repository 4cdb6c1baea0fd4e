//! Reopening from the cockpit: `/` finds the finished prospect, `O` asks
//! for the next step, `u` puts it back, all on an in-memory book.

use chrono::{DateTime, Local, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::FormKind;
use super::perform::{drive, load};
use super::state::{App, Mode, Pane};
use super::update::on_key;
use crate::app::{self, Context, Finish, NextRequest};
use crate::domain::{ProspectId, ProspectPatch, Status};
use crate::store::{self, Book};

fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a plain local time")
}

/// Grace due today, and Edsger closed out.
fn cockpit() -> (App, Book, ProspectId) {
    let ctx = Context::builtin();
    let mut book = Book::open_in_memory().expect("a book");
    for (name, finish) in [
        ("Grace Hopper", None),
        ("Edsger Dijkstra", Some(Finish::ClosedOut)),
    ] {
        let fields = ProspectPatch {
            name: Some(name.into()),
            ..Default::default()
        };
        let next = NextRequest::call("today 10am");
        let (p, _) = app::add_prospect(&mut book, &ctx, now(), fields, Some(&next)).expect("add");
        if let Some(finish) = finish {
            app::finish_prospect(
                &mut book,
                &crate::app::Context::builtin(),
                now(),
                p.id,
                &finish,
            )
            .expect("finish");
        }
    }
    let mut app = App::new(ctx, now(), true);
    load(&mut app, &mut book).expect("load");
    (app, book, ProspectId(2))
}

fn key(app: &mut App, book: &mut Book, code: KeyCode) {
    let effects = on_key(app, KeyEvent::new(code, KeyModifiers::NONE));
    drive(app, book, effects);
}

fn typed(app: &mut App, book: &mut Book, text: &str) {
    for c in text.chars() {
        key(app, book, KeyCode::Char(c));
    }
}

fn status(book: &Book, id: ProspectId) -> Status {
    store::require_prospect(book.conn(), id)
        .expect("the prospect")
        .status
}

#[test]
fn a_closed_out_prospect_found_by_search_is_reopened_selected_and_undone() {
    let (mut app, mut book, edsger) = cockpit();
    typed(&mut app, &mut book, "/Dijk");
    key(&mut app, &mut book, KeyCode::Enter);
    assert_eq!(app.selected_id(), Some(edsger));

    typed(&mut app, &mut book, "O");
    assert!(
        matches!(&app.mode, Mode::Form(f) if f.kind == FormKind::Reopen(edsger)),
        "{:?}",
        app.mode
    );
    // The next step is required.
    key(&mut app, &mut book, KeyCode::Enter);
    assert!(matches!(&app.mode, Mode::Form(f) if f.error.is_some()));
    typed(&mut app, &mut book, "tomorrow");
    key(&mut app, &mut book, KeyCode::Tab);
    key(&mut app, &mut book, KeyCode::Tab);
    typed(&mut app, &mut book, "called back");
    key(&mut app, &mut book, KeyCode::Enter);

    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(status(&book, edsger), Status::Active);
    assert!(
        store::open_step(book.conn(), edsger)
            .expect("read")
            .is_some()
    );
    assert_eq!(app.focus, Pane::Search);
    assert_eq!(app.selected_id(), Some(edsger));
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.starts_with("Reopened Edsger Dijkstra: call"), "{said}");

    typed(&mut app, &mut book, "u");
    assert_eq!(status(&book, edsger), Status::ClosedOut);
    assert_eq!(app.selected_id(), Some(edsger));
}

#[test]
fn reopening_an_active_prospect_says_how_to_find_a_finished_one() {
    let (mut app, mut book, _) = cockpit();
    assert_eq!(app.selected_id(), Some(ProspectId(1)));
    typed(&mut app, &mut book, "O");
    assert!(matches!(app.mode, Mode::Normal));
    let line = app.status.clone().expect("a status line");
    assert!(line.error);
    assert_eq!(
        line.text,
        "Grace Hopper is active already; find a won, lost or closed-out prospect with / to reopen it."
    );
    assert_eq!(status(&book, ProspectId(1)), Status::Active);
}
