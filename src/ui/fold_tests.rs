//! Folding outcomes and pastes into the state, without a terminal: every
//! state change the book's answers make is tested here as plain data.

use chrono::{DateTime, Local, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::Effect;
use super::fold::on_outcome;
use super::form::Form;
use super::outcome::Outcome;
use super::paste::{on_paste, pasted_line};
use super::state::{App, Mode};
use super::update::on_key;
use crate::app::{self, Change, Context};
use crate::domain::{ProspectId, ProspectPatch};
use crate::store::Book;

fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap()
}

/// A real change to fold (made once on a scratch book; the folds below
/// never see a book).
fn change(name: &str) -> Change {
    let mut book = Book::open_in_memory().unwrap();
    let fields = ProspectPatch {
        name: Some(name.into()),
        ..Default::default()
    };
    app::add_prospect(&mut book, &Context::builtin(), now(), fields, None)
        .unwrap()
        .1
}

fn app() -> App {
    App::new(Context::builtin(), now(), true)
}

fn press(app: &mut App, c: char) -> Vec<Effect> {
    on_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn a_write_is_reported_pushed_for_undo_and_reloads() {
    let mut app = app();
    let change = change("Ada Lovelace");
    let effects = on_outcome(
        &mut app,
        Outcome::Wrote {
            summary: change.summary.clone(),
            change: change.clone(),
            select: Some(ProspectId(1)),
        },
    );
    assert_eq!(effects, [Effect::Reload]);
    assert_eq!(app.undo, [change]);
    assert_eq!(app.pending_select, Some(ProspectId(1)));
    assert_eq!(app.status.as_ref().unwrap().text, "Added Ada Lovelace");

    let mut demo = self::app();
    demo.demo = true;
    let change = self::change("Ada Lovelace");
    on_outcome(
        &mut demo,
        Outcome::Wrote {
            summary: change.summary.clone(),
            change,
            select: None,
        },
    );
    assert!(
        demo.status
            .unwrap()
            .text
            .ends_with("(sample book: discarded on quit)")
    );
}

#[test]
fn a_refused_undo_keeps_its_entry_and_a_successful_one_removes_it() {
    let mut app = app();
    let first = change("Ada Lovelace");
    let second = change("Grace Hopper");
    app.undo = vec![first.clone(), second.clone()];
    let undo = |change: &Change| Effect::Undo {
        change: change.clone(),
        redo: false,
    };
    assert_eq!(press(&mut app, 'u'), [undo(&second)]);
    assert_eq!(app.undo.len(), 2, "not popped before the book answers");
    on_outcome(
        &mut app,
        Outcome::Refused {
            error: "The book is busy in another program; try again in a moment".into(),
        },
    );
    assert_eq!(
        app.undo,
        [first.clone(), second.clone()],
        "kept for a retry"
    );
    assert!(app.status.as_ref().unwrap().error);

    assert_eq!(press(&mut app, 'u'), [undo(&second)]);
    let inverse = change("Grace Hopper (the undo)");
    let effects = on_outcome(
        &mut app,
        Outcome::Undone {
            change: second,
            inverse: inverse.clone(),
            redo: false,
        },
    );
    assert_eq!(effects, [Effect::Reload]);
    assert_eq!(app.undo, std::slice::from_ref(&first));
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Undone: Added Grace Hopper"
    );

    // Ctrl-r redoes it: the undo's own change is reversed, and what that
    // makes goes back on the undo stack.
    assert_eq!(app.redo, std::slice::from_ref(&inverse));
    let redo = on_key(&mut app, ctrl('r'));
    assert_eq!(
        redo,
        [Effect::Undo {
            change: inverse.clone(),
            redo: true
        }]
    );
    let again = change("Grace Hopper (again)");
    on_outcome(
        &mut app,
        Outcome::Undone {
            change: inverse,
            inverse: again.clone(),
            redo: true,
        },
    );
    assert!(app.redo.is_empty());
    assert_eq!(app.undo, [first, again]);
    assert!(app.status.as_ref().unwrap().text.starts_with("Redone: "));
    // A new change ends what could be redone.
    app.redo = vec![change("Something undone")];
    let wrote = change("Pat Lee");
    on_outcome(
        &mut app,
        Outcome::Wrote {
            summary: wrote.summary.clone(),
            change: wrote,
            select: None,
        },
    );
    assert!(app.redo.is_empty());
    assert_eq!(on_key(&mut app, ctrl('r')), []);
    assert_eq!(app.status.unwrap().text, "Nothing to redo.");
}

#[test]
fn a_refused_form_comes_back_with_what_was_typed() {
    let mut app = app();
    app.mode = Mode::Form(Box::new(Form::note(ProspectId(1), "Ada")));
    for c in "asked about colours".chars() {
        press(&mut app, c);
    }
    let effects = on_key(&mut app, ctrl('s'));
    assert!(matches!(effects.as_slice(), [Effect::Note { .. }]));
    assert!(matches!(app.mode, Mode::Normal));
    on_outcome(
        &mut app,
        Outcome::Refused {
            error: "The book is read-only".into(),
        },
    );
    match &app.mode {
        Mode::Form(form) => {
            assert_eq!(form.fields[0].value(), "asked about colours");
            assert_eq!(form.error.as_deref(), Some("The book is read-only"));
        }
        other => panic!("the form should be back, got {other:?}"),
    }
}

#[test]
fn a_paste_goes_into_the_focused_field_and_never_submits() {
    let mut app = app();
    app.mode = Mode::Form(Box::new(Form::note(ProspectId(1), "Ada")));
    let effects = on_paste(&mut app, "Spoke to his wife.\nvvv\r\n\u{1b}[31mred\n");
    assert!(effects.is_empty(), "a paste performs nothing");
    match &app.mode {
        Mode::Form(form) => {
            // The note is a long text: line breaks stay, escapes go.
            assert_eq!(form.fields[0].value(), "Spoke to his wife.\nvvv\n[31mred\n")
        }
        other => panic!("the form should still be open, got {other:?}"),
    }
    // A one-line field (when) gets the paste as one line.
    app.mode = Mode::Form(Box::new(Form::set_next(ProspectId(1), "Ada", None)));
    on_paste(&mut app, "tue\r\nmorning\u{7}\n");
    match &app.mode {
        Mode::Form(form) => assert_eq!(form.fields[0].value(), "tue morning"),
        other => panic!("the form should still be open, got {other:?}"),
    }
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn in_a_note_enter_breaks_the_line_and_ctrl_s_saves_it_whole() {
    let mut app = app();
    app.mode = Mode::Form(Box::new(Form::note(ProspectId(1), "Ada")));
    for c in "Goals: quiet windows.".chars() {
        press(&mut app, c);
    }
    for _ in 0..2 {
        assert!(
            on_key(&mut app, key(KeyCode::Enter)).is_empty(),
            "Enter never saves here"
        );
    }
    for c in "Wife decides.".chars() {
        press(&mut app, c);
    }
    // Up moves between the note's lines, never out of its first.
    for _ in 0..3 {
        on_key(&mut app, key(KeyCode::Up));
    }
    let Mode::Form(form) = &app.mode else {
        panic!("the form stays open");
    };
    assert_eq!(form.focus, 0, "a one-field form");
    let effects = on_key(&mut app, ctrl('s'));
    assert_eq!(
        effects,
        vec![Effect::Note {
            id: ProspectId(1),
            text: "Goals: quiet windows.\n\nWife decides.".into()
        }]
    );
}

#[test]
fn the_editor_key_asks_the_run_loop_for_the_editor_with_the_field_text() {
    let mut app = app();
    let mut form = Form::reached(ProspectId(1), "Ada", None);
    form.insert_text("asked about\ncolours");
    app.mode = Mode::Form(Box::new(form));
    let effects = on_key(&mut app, ctrl('e'));
    assert_eq!(
        effects,
        vec![Effect::EditText {
            field: 0,
            text: "asked about\ncolours".into()
        }]
    );
    assert!(matches!(app.mode, Mode::Form(_)), "the form stays open");
    // Down on the note's last line moves to the next field, a one-line
    // one (when), where the same key is the field's own "end of line".
    on_key(&mut app, key(KeyCode::Down));
    let Mode::Form(form) = &app.mode else {
        panic!("the form stays open");
    };
    assert_eq!(form.focus, 1);
    assert!(on_key(&mut app, ctrl('e')).is_empty());
}

#[test]
fn what_the_editor_saved_replaces_the_field_and_a_failure_keeps_it() {
    let mut app = app();
    let mut form = Form::note(ProspectId(1), "Ada");
    form.insert_text("draft");
    app.mode = Mode::Form(Box::new(form));
    let failed = "The editor \"false\" exited with status 1; the field keeps its text.";
    on_outcome(
        &mut app,
        Outcome::Edited {
            field: 0,
            result: Err(failed.into()),
        },
    );
    let status = app.status.clone().unwrap();
    assert!(status.error && status.text == failed, "{status:?}");
    let Mode::Form(form) = &app.mode else {
        panic!("the form stays open");
    };
    assert_eq!(form.fields[0].value(), "draft");

    on_outcome(
        &mut app,
        Outcome::Edited {
            field: 0,
            result: Ok("First paragraph.\n\nSecond \u{1b}[2Jparagraph.".into()),
        },
    );
    assert!(app.status.is_none(), "the failure is no longer news");
    let Mode::Form(form) = &app.mode else {
        panic!("the form stays open");
    };
    assert_eq!(
        form.fields[0].value(),
        "First paragraph.\n\nSecond [2Jparagraph."
    );
    assert!(form.is_dirty());
}

#[test]
fn a_paste_outside_a_field_is_ignored_and_said() {
    let mut app = app();
    assert!(on_paste(&mut app, "vvv\nq").is_empty());
    assert!(!app.should_quit);
    let status = app.status.unwrap();
    assert!(
        status.error && status.text.starts_with("Paste ignored"),
        "{status:?}"
    );
}

#[test]
fn pasted_text_becomes_one_clean_line() {
    assert_eq!(pasted_line("a\r\nb\n\nc\td\n"), "a b c d");
    assert_eq!(pasted_line("\u{9b}x\u{7}y"), "xy");
    assert_eq!(pasted_line("Zoë 山田"), "Zoë 山田");
}

#[test]
fn esc_on_a_form_with_typing_asks_before_discarding_it() {
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let mut app = app();
    app.mode = Mode::Form(Box::new(Form::note(ProspectId(1), "Ada")));
    on_key(&mut app, esc);
    assert!(
        matches!(app.mode, Mode::Normal),
        "nothing typed: just closes"
    );

    app.mode = Mode::Form(Box::new(Form::note(ProspectId(1), "Ada")));
    for c in "wants a quote".chars() {
        press(&mut app, c);
    }
    on_key(&mut app, esc);
    assert!(matches!(app.mode, Mode::Discard(_)), "asks first");
    press(&mut app, 'n');
    match &app.mode {
        Mode::Form(form) => assert_eq!(form.fields[0].value(), "wants a quote"),
        other => panic!("back to the form, got {other:?}"),
    }
    on_key(&mut app, esc);
    press(&mut app, 'y');
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.status.unwrap().text, "Discarded.");
}
