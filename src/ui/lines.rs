//! The long-text fields of forms (notes, objection, decision process): text
//! of several lines edited with a maintained widget (`ratatui-textarea`).
//! Enter breaks the line; blank lines are kept.
//!
//! What goes in is made safe first: every way text enters (the value a form
//! opens with, a paste, the external editor's file) drops control
//! characters but keeps line breaks, so the widget never draws an escape
//! sequence.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::text::sanitize_line;

/// Text of several lines being edited.
#[derive(Debug, Clone)]
pub struct Lines {
    area: TextArea<'static>,
}

impl Lines {
    /// A field holding `text` (made safe), the cursor at its end.
    pub fn new(text: &str) -> Self {
        let mut lines = Lines {
            area: TextArea::new(clean_lines(text)),
        };
        lines.area.set_wrap_mode(WrapMode::WordOrGlyph);
        lines.area.set_cursor_line_style(Style::new());
        lines.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        lines.area.move_cursor(ratatui_textarea::CursorMove::End);
        lines.set_focused(false);
        lines
    }

    /// The text, lines joined with `\n`.
    pub fn value(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The text's lines.
    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// The cursor as (line, character in the line).
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// Shows the cursor (a reversed cell) only while the field has focus.
    pub fn set_focused(&mut self, focused: bool) {
        let style = if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        self.area.set_cursor_style(style);
    }

    /// Edits with one key. Returns false for Up on the first line and Down
    /// on the last, which leave the field instead (the form moves focus).
    pub fn edit_key(&mut self, key: KeyEvent) -> bool {
        let (row, _) = self.cursor();
        let last = self.area.lines().len().saturating_sub(1);
        match key.code {
            KeyCode::Up if row == 0 => false,
            KeyCode::Down if row >= last => false,
            // A tab would draw as nothing; the field holds plain text.
            KeyCode::Tab => true,
            // Nothing typed may reach the terminal unsafe (a bidi override
            // from an input method, say).
            KeyCode::Char(c) if sanitize_line(c.encode_utf8(&mut [0; 4])) != c.to_string() => true,
            _ => {
                self.area.input(key);
                true
            }
        }
    }

    /// Types `text` at the cursor, line breaks included (made safe first).
    pub fn insert(&mut self, text: &str) {
        self.area.insert_str(clean_lines(text).join("\n"));
    }

    /// Replaces the whole text (what the external editor saved).
    pub fn replace(&mut self, text: &str) {
        let focused = self.area.cursor_style() != Style::new();
        *self = Lines::new(text);
        self.set_focused(focused);
    }

    /// The widget that draws it.
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }
}

/// `text` as safe lines: split at line breaks (`\n`, `\r\n` or a lone
/// `\r`), each line with its control characters dropped (a tab becomes a
/// space). Blank lines stay.
pub fn clean_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n')
        .map(|line| sanitize_line(line).into_owned())
        .collect()
}

/// `text` made safe with its line breaks kept (see [`clean_lines`]).
pub fn clean_text(text: &str) -> String {
    clean_lines(text).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(lines: &mut Lines, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            assert!(lines.edit_key(key(code)));
        }
    }

    #[test]
    fn enter_breaks_the_line_and_blank_lines_are_kept() {
        let mut lines = Lines::new("");
        typed(&mut lines, "Goals: triple pane.\n\nWife decides by Friday.");
        assert_eq!(
            lines.value(),
            "Goals: triple pane.\n\nWife decides by Friday."
        );
        assert_eq!(lines.lines().len(), 3);
        assert_eq!(lines.cursor(), (2, "Wife decides by Friday.".len()));
    }

    #[test]
    fn the_cursor_moves_between_lines_and_leaves_at_the_edges() {
        let mut lines = Lines::new("one\ntwo\nthree");
        assert_eq!(lines.cursor(), (2, 5), "opens at the end");
        assert!(lines.edit_key(key(KeyCode::Up)));
        assert_eq!(lines.cursor(), (1, 3));
        assert!(lines.edit_key(key(KeyCode::Home)));
        assert_eq!(lines.cursor(), (1, 0));
        assert!(lines.edit_key(key(KeyCode::Up)));
        assert!(
            !lines.edit_key(key(KeyCode::Up)),
            "Up on the first line leaves"
        );
        assert_eq!(lines.cursor(), (0, 0));
        typed(&mut lines, "> ");
        assert_eq!(lines.value(), "> one\ntwo\nthree");
        for _ in 0..2 {
            assert!(lines.edit_key(key(KeyCode::Down)));
        }
        assert!(
            !lines.edit_key(key(KeyCode::Down)),
            "Down on the last line leaves"
        );
        // Backspace at the start of a line joins it to the one above.
        assert!(lines.edit_key(key(KeyCode::Home)));
        assert!(lines.edit_key(key(KeyCode::Backspace)));
        assert_eq!(lines.value(), "> one\ntwothree");
    }

    #[test]
    fn unsafe_characters_typed_are_dropped() {
        let mut lines = Lines::new("");
        typed(&mut lines, "a\u{202E}b\u{9b}c");
        assert_eq!(lines.value(), "abc");
    }

    #[test]
    fn inserted_text_keeps_line_breaks_and_loses_control_characters() {
        let mut lines = Lines::new("Called:");
        lines.insert(" spoke to his wife.\r\n\r\nShe\u{1b}[31m wants\tit\u{7} by May.\rDone");
        assert_eq!(
            lines.value(),
            "Called: spoke to his wife.\n\nShe[31m wants it by May.\nDone"
        );
    }

    #[test]
    fn a_value_is_opened_safe_and_replaced_whole() {
        let mut lines = Lines::new("a\u{202E}b\n\nc");
        assert_eq!(lines.value(), "ab\n\nc");
        lines.replace("first\n\nsecond\n");
        assert_eq!(lines.value(), "first\n\nsecond\n");
        assert_eq!(clean_text("x\u{9b}y\n\tz"), "xy\n z");
    }
}
