//! JSON as printed: valid JSON that is also safe to show on a terminal.
//!
//! serde_json escapes the C0 controls but writes C1 controls (U+0080–U+009F)
//! and the bidi controls raw, and `--format json` is often read straight in
//! a terminal. Those are written as `\uXXXX` escapes instead, which every
//! JSON reader turns back into the very same text.

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

use crate::domain::text::is_bidi_control;

/// True for characters a JSON string must carry escaped to be printable.
fn needs_escape(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c)
}

/// serde_json's pretty layout (two spaces a level), escaping what
/// [`needs_escape`] flags. The layout is its own rather than
/// `PrettyFormatter`'s, which writes a line's indentation two spaces at a
/// time: `today` at a million prospects starts 30,000 lines.
#[derive(Default)]
struct SafeFormatter {
    depth: usize,
    has_value: bool,
}

/// A comma, a line break and the deepest indentation written in one piece:
/// `",\n  …"`, sliced to what a line needs.
const BREAK: &[u8; 66] = b",\n                                                                ";

impl SafeFormatter {
    /// The line break (after a comma unless `first`) and indentation
    /// before an entry at the current depth.
    fn new_line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        let mut spaces = self.depth * 2;
        let fits = spaces.min(BREAK.len() - 2);
        w.write_all(&BREAK[from..2 + fits])?;
        spaces -= fits;
        while spaces > 0 {
            let more = spaces.min(BREAK.len() - 2);
            w.write_all(&BREAK[2..2 + more])?;
            spaces -= more;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for SafeFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.new_line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.new_line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Nothing to escape in ASCII (serde_json escapes the C0 controls).
        if fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                // All of them are in the Basic Multilingual Plane: one escape.
                write!(w, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

/// Writes `value` to `out` as pretty-printed JSON, safe to print, piece by
/// piece as it is made: a large document (`today` at a million prospects prints a
/// megabyte) is never held whole.
pub fn write_to<T: Serialize + ?Sized, W: Write>(value: &T, out: W) -> serde_json::Result<()> {
    let mut ser = Serializer::with_formatter(out, SafeFormatter::default());
    value.serialize(&mut ser)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_text(value: &serde_json::Value) -> io::Result<String> {
        let mut out = Vec::new();
        write_to(value, &mut out).map_err(io::Error::from)?;
        String::from_utf8(out).map_err(io::Error::other)
    }

    #[test]
    fn escapes_c1_and_bidi_and_parses_back() {
        let hostile = "a\u{80}\u{85}\u{9b}\u{9f}b\u{202a}\u{202e}\u{2066}\u{2069}\u{200e}\u{200f}\u{61c}c\u{1b}é山";
        let text = to_text(&serde_json::json!({ "name": hostile })).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.chars().any(is_bidi_control), "{text:?}");
        for escape in [
            "\\u0080", "\\u009b", "\\u202e", "\\u2066", "\\u061c", "\\u001b",
        ] {
            assert!(text.contains(escape), "{escape} missing from {text}");
        }
        assert!(text.contains("é山"), "other text stays as it is: {text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], hostile);
    }

    #[test]
    fn keeps_serde_json_pretty_layout_past_the_indentation_written_at_once() {
        let mut value = serde_json::json!({ "leaf": [1, [], {}, "x"] });
        for depth in 0..40 {
            value = serde_json::json!({ "depth": depth, "inner": value, "list": [depth, {}] });
        }
        assert_eq!(
            to_text(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn keeps_serde_json_pretty_layout() {
        let value = serde_json::json!({ "a": [1, { "b": null }], "c": "d" });
        assert_eq!(
            to_text(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
