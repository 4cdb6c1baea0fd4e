//! Pastes: text the terminal brackets as one event. It goes into the
//! focused field or the search box as text, never through the keymap.

use super::action::Action;
use super::effect::Effect;
use super::keymap::{self, KeyMode};
use super::state::{App, Mode, Pane};

/// Handles a paste (bracketed by the terminal): text for the focused field
/// or the search box, never keys. A line break in it never submits a form
/// and never reaches the keymap: a long-text field (notes) keeps it as a
/// line break, a one-line field and the search box get one line.
pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    match &mut app.mode {
        Mode::Form(form) => {
            form.insert_text(text);
            Vec::new()
        }
        Mode::Searching => {
            let text = pasted_line(text);
            let Some(search) = app.search.as_mut() else {
                return Vec::new();
            };
            insert_text(&mut search.input, &text);
            let query = search.input.value().to_string();
            app.cursor[Pane::Search.index()] = 0;
            vec![Effect::Search(query)]
        }
        Mode::Normal | Mode::Help(_) | Mode::Confirm(_) | Mode::Discard(_) => {
            app.error(format!(
                "Paste ignored: open a field first ({} adds a note).",
                keymap::keys_for(Action::Note, KeyMode::Normal)
            ));
            Vec::new()
        }
    }
}

/// Pasted text as one line of a one-line field: line breaks and tabs become
/// single spaces, other control characters go.
pub fn pasted_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim_end_matches(['\r', '\n']).chars() {
        if matches!(c, '\r' | '\n' | '\t') {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
    out
}

/// Types `text` into `input` at its cursor.
pub(super) fn insert_text(input: &mut tui_input::Input, text: &str) {
    for c in text.chars() {
        input.handle(tui_input::InputRequest::InsertChar(c));
    }
}
