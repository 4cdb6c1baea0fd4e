//! The forms' long-text fields drawn: a region snapshot of a form with a
//! note of several lines, and the detail pane keeping a note's lines.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::fixture::{self, before, person};
use super::form;
use super::theme::Theme;
use crate::app::add_note;
use crate::domain::ProspectPatch;
use crate::ui::form::Form;
use crate::ui::state::App;

const PLAIN: Theme = Theme { color: false };

/// The form alone, drawn over nothing in a `w`×`h` area: its region.
fn form_region(app: &App, form: &Form, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|f| form::draw(f, app, form, &PLAIN, Rect::new(0, 0, w, h)))
        .expect("drawn");
    terminal.backend().to_string()
}

/// The reached form for Tomás with his deal fields, as the cockpit opens it.
fn reached(fx: &fixture::Fixture, app: &mut App) -> Form {
    fx.open_detail(app, "tomas");
    let prospect = &app.detail.as_ref().expect("a detail").view.prospect;
    Form::reached(fx.id("tomas"), "Tomás Rivera", None).with_deal_fields(prospect)
}

#[test]
fn a_focused_note_gets_several_rows_and_scrolls_to_its_cursor() {
    let fx = fixture::book();
    let mut app = fx.app();
    let mut form = reached(&fx, &mut app);
    form.insert_text(
        "Goals: a quieter bedroom.\n\nOptions: triple pane or laminated.\n\
         Concern: the lead time.\nWife decides.\n\nCall back after she has seen it.",
    );
    let region = form_region(&app, &form, 80, 24);
    assert_snapshot!(region);
    // Seven lines in five rows: the start scrolled away, the cursor's end shown.
    assert!(!region.contains("Goals:"), "{region}");
    assert!(
        region.contains("Call back after she has seen it."),
        "{region}"
    );
    assert!(region.contains("Ctrl-s save · Enter new line · Ctrl-e editor"));
}

#[test]
fn a_note_at_rest_keeps_three_rows_at_its_cursor_and_single_line_fields_keep_one() {
    let fx = fixture::book();
    let mut app = fx.app();
    let mut form = reached(&fx, &mut app);
    form.insert_text("one\n\nthree\nfour");
    form.next_field(); // to the agreed next step: a one-line field
    let region = form_region(&app, &form, 80, 24);
    let rows: Vec<&str> = region.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("What was said"))
        .expect("the note's row");
    // Four lines in three rows, the last (where the cursor is) shown.
    assert!(!rows[at].contains("one"), "{region}");
    assert!(rows[at + 1].contains("three") && rows[at + 2].contains("four"));
    assert!(
        rows[at + 3].contains("Agreed next step"),
        "three rows at rest: {region}"
    );
    assert!(region.contains("Enter save"), "{region}");
}

#[test]
fn the_add_form_with_every_long_text_filled_fits_the_smallest_terminal() {
    let fx = fixture::book();
    let app = fx.app();
    let mut form = Form::add();
    for _ in 0..form.fields.len() {
        if form.focused_is_long() {
            form.insert_text("one\ntwo\nthree\nfour");
        }
        form.next_field();
    }
    while form.fields[form.focus].label != "Decision process" {
        form.next_field();
    }
    let region = form_region(&app, &form, 80, 24);
    for field in &form.fields {
        assert!(
            region.contains(field.label),
            "{} missing:\n{region}",
            field.label
        );
    }
    assert!(region.contains("Ctrl-s save"), "{region}");
}

#[test]
fn the_detail_shows_a_note_of_several_lines_with_its_blank_line() {
    let mut fx = fixture::Fixture::empty();
    let fields = ProspectPatch {
        objection: Some("price\nand the lead time".into()),
        ..person("Ada Lovelace", None, 1_000, 50)
    };
    fx.add("ada", before(1, 10, 0), fields, Some("mon morning"));
    let ada = fx.id("ada");
    add_note(
        &mut fx.book,
        before(1, 11, 0),
        ada,
        "Spoke to her husband.\n\nHe wants \u{1b}[2Jthe brochure.",
    )
    .expect("a note");
    let mut app = fx.app();
    fx.open_detail(&mut app, "ada");
    app.detail_open = true;
    let mut terminal = Terminal::new(TestBackend::new(80, 60)).expect("a test terminal");
    terminal
        .draw(|f| super::draw(f, &app, &PLAIN))
        .expect("drawn");
    let text = terminal.backend().to_string();
    let rows: Vec<&str> = text.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("Spoke to her husband."))
        .expect("the note");
    assert!(
        rows[at + 1].trim_matches(['"', '│', '┃', ' ']).is_empty(),
        "{text}"
    );
    assert!(rows[at + 2].contains("He wants [2Jthe brochure."), "{text}");
    let objection = rows
        .iter()
        .position(|r| r.contains("Objection"))
        .expect("objection");
    assert!(rows[objection].contains("price"), "{text}");
    assert!(rows[objection + 1].contains("and the lead time"), "{text}");
}
