//! JSON as printed: valid JSON that is also safe to show on a terminal.
//!
//! serde_json escapes the C0 controls but writes C1 controls (U+0080–U+009F)
//! and the bidi controls raw, and `--format json` is often read straight in
//! a terminal. Those are written as `\uXXXX` escapes instead, which every
//! JSON reader turns back into the very same text.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
use std::io::{self, Write};

use crate::domain::text::is_bidi_control;

/// True for characters a JSON string must carry escaped to be printable.
fn needs_escape(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c)
}

/// serde_json's pretty layout, escaping what [`needs_escape`] flags.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
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
pub fn write_to<T: Serialize + ?Sized, W: Write>(value: &T, out: W) -> io::Result<()> {
    let mut ser = Serializer::with_formatter(out, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_text(value: &serde_json::Value) -> io::Result<String> {
        let mut out = Vec::new();
        write_to(value, &mut out)?;
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
    fn keeps_serde_json_pretty_layout() {
        let value = serde_json::json!({ "a": [1, { "b": null }], "c": "d" });
        assert_eq!(
            to_text(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
