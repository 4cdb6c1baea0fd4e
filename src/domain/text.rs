//! Text from the book is untrusted: names, notes and imported rows may carry
//! terminal escape sequences or bidi overrides. Everything drawn or printed
//! goes through these functions first; the book itself keeps what was typed.

use std::borrow::Cow;

use super::DomainError;

/// Longest accepted free text (notes, objections, reasons, next-step and
/// attempt notes), in characters: far more than anyone types, small enough
/// that a paste gone wrong does not bloat the book.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// The one rule for text a salesperson types: no NUL (it cannot be stored
/// and read back faithfully) and at most `max` characters. `field` names it
/// in the error sentence.
pub fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    if value.contains('\0') {
        return Err(DomainError::NulInText(field));
    }
    let len = value.chars().count();
    if len > max {
        return Err(DomainError::TooLong { field, len, max });
    }
    Ok(())
}

/// Free text, wherever it is typed: [`check_text`] with [`MAX_TEXT_CHARS`].
pub fn check_free_text(field: &'static str, value: &str) -> Result<(), DomainError> {
    check_text(field, value, MAX_TEXT_CHARS)
}

/// True for characters that must never reach a terminal: C0 and C1 controls,
/// DEL, and the bidirectional overrides and isolates that can make text
/// display in a different order than it is stored.
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// True for the bidirectional embeddings, overrides, isolates and marks
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// True if `text` holds a character [`is_unsafe`] flags (a line break
/// aside, when `line_breaks_ok`). Read byte by byte, as UTF-8 encodes them:
/// every printed table and JSON document goes through this, and decoding
/// each character costs several times more.
fn has_unsafe(text: &str, line_breaks_ok: bool) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII, nearly everything: skip eight bytes at once when
        // none of them is below 0x20 or above 0x7e (a megabyte of JSON went
        // from 14 instructions a byte to under 2).
        if let Some(word) = bytes.get(i..i + 8) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            let mut w = u64::from_le_bytes(eight);
            if line_breaks_ok {
                w = line_breaks_as_stars(w);
            }
            if all_printable_ascii(w) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) {
            i += 1;
            continue;
        }
        let unsafe_here = match b {
            b'\n' => !line_breaks_ok,
            0x00..=0x1f | 0x7f => true,
            // C1 controls, U+0080–U+009F.
            0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
            // U+061C, the Arabic letter mark.
            0xd8 => at(i + 1) == 0x9c,
            // U+200E/F, U+202A–U+202E, U+2066–U+2069.
            0xe2 => matches!(
                (at(i + 1), at(i + 2)),
                (0x80, 0x8e | 0x8f | 0xaa..=0xae) | (0x81, 0xa6..=0xa9)
            ),
            _ => false,
        };
        if unsafe_here {
            return true;
        }
        i += 1;
    }
    false
}

/// True if each of the eight bytes of `w` is in 0x20..=0x7e (the usual
/// tests for "some byte below n" and "some byte above n" on a whole word).
fn all_printable_ascii(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    let above_tilde = (w.wrapping_add(ONES) | w) & HIGHS;
    below_space | above_tilde == 0
}

/// `w` with each `\n` byte turned into `*` (0x0a | 0x20), so a text of
/// many short lines stays on the eight-byte path: the high bit of each
/// byte that was exactly `\n` (the exact zero-byte test on `w ^ \n…`),
/// moved down to 0x20.
fn line_breaks_as_stars(w: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let t = w ^ 0x0a0a_0a0a_0a0a_0a0a;
    let was_newline = !(((t & LOW7).wrapping_add(LOW7)) | t | LOW7);
    w | (was_newline >> 2)
}

/// One line of display text: control characters, line breaks and bidi
/// controls removed (line breaks and tabs become spaces).
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text, false) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_unsafe(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Printable text of any length, as a whole: like [`sanitize_line`] but
/// keeps line breaks (`\n`), so messages laid out on several lines (clap's
/// errors and help, tables) keep their shape. Everything the command line
/// prints goes through this last, whoever formatted it.
pub fn sanitize_text(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text, true) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&sanitize_line(line));
    }
    Cow::Owned(out)
}

/// Multi-line display text: like [`sanitize_line`] but keeps line breaks.
pub fn sanitize_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| sanitize_line(l).into_owned())
        .collect()
}

/// The first word of a name ("Ada" for "Ada Lovelace"), for scripts.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-bytes-at-once path sees every byte: an unsafe character
    /// at any offset of a long text is found.
    #[test]
    fn the_word_test_misses_no_offset() {
        let samples = (0u32..0x3000)
            .filter_map(char::from_u32)
            .chain(['\u{FEFF}', '🚀', '山', 'ë']);
        for c in samples {
            for before in 0..17 {
                let text = format!("{}{c}{}", "x".repeat(before), "~".repeat(11));
                assert_eq!(
                    has_unsafe(&text, false),
                    is_unsafe(c),
                    "{c:?} after {before}"
                );
            }
        }
        for b in 0u8..=0xff {
            let w = u64::from_le_bytes([b'a', b'b', b, b' ', b'~', b'0', b'z', b'!']);
            assert_eq!(all_printable_ascii(w), (0x20..=0x7e).contains(&b), "{b:#x}");
            let starred = u64::from_le_bytes([b'\n', b'a', b, b'\n', b'~', 0x8a, b'z', 0x0b]);
            let want = if b == b'\n' { b'*' } else { b };
            assert_eq!(
                line_breaks_as_stars(starred).to_le_bytes(),
                [b'*', b'a', want, b'*', b'~', 0x8a, b'z', 0x0b],
                "{b:#x}"
            );
        }
        for c in ['\t', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}'] {
            for before in 0..17 {
                let text = format!("{}{c}\n{}", "\n".repeat(before), "a\n".repeat(6));
                assert!(has_unsafe(&text, true), "{c:?} after {before} line breaks");
            }
        }
        assert!(!has_unsafe(&"ab\ncd\n".repeat(9), true));
        assert!(has_unsafe(&"ab\ncd\n".repeat(9), false));
    }

    #[test]
    fn the_byte_test_flags_exactly_the_unsafe_characters() {
        let samples = (0u32..0x3000)
            .filter_map(char::from_u32)
            .chain(['\u{FEFF}', '🚀', '山', 'ë']);
        for c in samples {
            let text = format!("a{c}b");
            assert_eq!(has_unsafe(&text, false), is_unsafe(c), "{:?}", c);
            assert_eq!(
                has_unsafe(&text, true),
                c != '\n' && is_unsafe(c),
                "{:?}",
                c
            );
        }
    }

    #[test]
    fn strips_escape_sequences_and_bidi_controls() {
        let hostile = "Ada\x1b[31m Red\x1b]0;owned\x07\u{202E}evil\u{2066}x\x00\x7f\u{9b}";
        let clean = sanitize_line(hostile);
        assert!(!clean.chars().any(is_unsafe), "{clean:?}");
        assert_eq!(clean, "Ada[31m Red]0;ownedevilx");
    }

    #[test]
    fn keeps_ordinary_text_borrowed_and_wide_text_intact() {
        assert!(matches!(sanitize_line("Zoë 山田 🚀"), Cow::Borrowed(_)));
        assert_eq!(sanitize_line("two\nlines\tand tab"), "two lines and tab");
        assert_eq!(
            sanitize_lines("a\x1b\nb"),
            vec!["a".to_string(), "b".to_string()]
        );
    }

    #[test]
    fn text_keeps_its_line_breaks_and_loses_everything_else() {
        assert!(matches!(sanitize_text("a\nb\n"), Cow::Borrowed(_)));
        assert_eq!(
            sanitize_text("error: '\x1b]2;PWNED\x07'\n\n\u{9b}1m\u{202e}x\r\n"),
            "error: ']2;PWNED'\n\n1mx \n"
        );
    }

    #[test]
    fn free_text_has_one_limit_and_no_nul() {
        assert_eq!(check_free_text("note", &"é".repeat(MAX_TEXT_CHARS)), Ok(()));
        assert_eq!(
            check_free_text("note", &"x".repeat(MAX_TEXT_CHARS + 1)),
            Err(DomainError::TooLong {
                field: "note",
                len: MAX_TEXT_CHARS + 1,
                max: MAX_TEXT_CHARS
            })
        );
        assert_eq!(
            check_free_text("reason", "a\0b"),
            Err(DomainError::NulInText("reason"))
        );
    }

    #[test]
    fn first_name_is_the_first_word() {
        assert_eq!(first_name("  Ada Lovelace"), "Ada");
        assert_eq!(first_name(""), "");
    }
}
