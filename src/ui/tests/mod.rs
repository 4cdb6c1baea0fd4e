//! Key → action → book change, without a terminal: keys go through the
//! keymap and `update`, effects through `perform` on an in-memory book.
//! One file per topic; the fixture book and the key helpers are here.

mod finishing;
mod logging;
mod queues;
mod steps;
mod undo;

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
