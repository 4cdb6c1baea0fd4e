//! Snapshot tests of the upcoming pane and the table of all prospects: the
//! body region only (the header and status line have their own tests).

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::fixture::{self, Fixture, person};
use super::{Theme, draw};
use crate::domain::DayBounds;
use crate::store::{self, BrowseFilter, BrowseSort};
use crate::ui::pages::{Browse, Upcoming};
use crate::ui::state::{App, Pane};

const PLAIN: Theme = Theme { color: false };

/// The body of a `w`×`h` screen: every line but the header and the status.
fn body(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal.draw(|f| draw(f, app, &PLAIN)).expect("drawn");
    let text = terminal.backend().to_string();
    let lines: Vec<&str> = text.lines().collect();
    lines[1..lines.len() - 1].join("\n")
}

/// The fixture book with steps agreed for later this week and next weeks.
fn week() -> Fixture {
    let mut fx = fixture::book();
    let at = fixture::now();
    let later = [
        (
            "wed",
            "Wendy Okafor",
            Some("Okafor Dental"),
            12_000,
            60,
            "wed 10am",
        ),
        ("fri", "Frank Ruiz", None, 4_500, 30, "fri afternoon"),
        (
            "next",
            "Nina Berg",
            Some("Berg & Sons Roofing"),
            31_000,
            50,
            "dec 1",
        ),
        ("far", "Omar Haddad", None, 8_800, 20, "dec 10 3pm"),
    ];
    for (key, name, company, value, percent, when) in later {
        fx.add(key, at, person(name, company, value, percent), Some(when));
    }
    fx
}

fn upcoming(fx: &Fixture) -> App {
    let mut app = fx.app();
    let from = DayBounds::new(&fixture::now(), 0).day_end;
    let rows = store::upcoming(fx.book.conn(), from, None, 200).expect("the agenda");
    app.upcoming = Some(Upcoming {
        rows,
        more: false,
        loading: false,
    });
    app.focus = Pane::Upcoming;
    app
}

fn browse(fx: &Fixture, filter: BrowseFilter, sort: BrowseSort) -> App {
    let mut app = fx.app();
    let rows = store::browse(fx.book.conn(), filter, sort, None, 200).expect("a page");
    app.browse = Some(Browse {
        filter,
        sort,
        rows,
        more: false,
        loading: false,
    });
    app.focus = Pane::Book;
    app
}

#[test]
fn upcoming_groups_this_week_by_day_then_by_week() {
    let fx = week();
    let mut app = upcoming(&fx);
    app.cursor[Pane::Upcoming.index()] = 1;
    assert_eq!(app.selected_id(), Some(fx.id("fri")));
    assert_snapshot!(body(&app, 100, 24));
}

#[test]
fn upcoming_says_what_to_do_when_nothing_is_scheduled() {
    let fx = fixture::book();
    let mut app = fx.app();
    app.upcoming = Some(Upcoming::default());
    app.focus = Pane::Upcoming;
    assert_snapshot!(body(&app, 80, 24));
}

#[test]
fn the_table_by_value_across_statuses() {
    let fx = week();
    let app = browse(&fx, BrowseFilter::All, BrowseSort::Value);
    assert_snapshot!(body(&app, 118, 24));
}

#[test]
fn the_table_of_one_status_leaves_the_status_column_out() {
    let fx = week();
    let app = browse(&fx, BrowseFilter::Active, BrowseSort::Name);
    assert_snapshot!(body(&app, 100, 24));
}

#[test]
fn the_table_says_what_to_do_when_a_filter_lists_nobody() {
    let fx = week();
    let app = browse(&fx, BrowseFilter::Lost, BrowseSort::NextStep);
    assert_snapshot!(body(&app, 80, 24));
}

#[test]
fn deep_in_many_pages_the_selected_row_is_on_screen() {
    let fx = week();
    let mut app = browse(&fx, BrowseFilter::All, BrowseSort::Name);
    let mut agenda = upcoming(&fx);
    let (table_rows, agenda_rows) = (
        app.browse.as_ref().unwrap().rows.clone(),
        agenda.upcoming.as_ref().unwrap().rows.clone(),
    );
    let mut many = Vec::new();
    let mut later = Vec::new();
    for i in 0..600 {
        let mut row = table_rows[i % table_rows.len()].clone();
        row.item.name = format!("Row {i}");
        many.push(row);
        let mut item = agenda_rows[i % agenda_rows.len()].clone();
        item.name = format!("Step {i}");
        later.push(item);
    }
    app.browse.as_mut().unwrap().rows = many;
    app.cursor[Pane::Book.index()] = 450;
    let text = body(&app, 100, 24);
    assert!(text.contains("> Row 450 "), "{text}");
    assert!(
        !text.contains("Row 430 "),
        "only a screen is drawn:\n{text}"
    );
    agenda.upcoming.as_mut().unwrap().rows = later;
    agenda.cursor[Pane::Upcoming.index()] = 500;
    let text = body(&agenda, 100, 24);
    assert!(text.contains("> Step 500 "), "{text}");
}
