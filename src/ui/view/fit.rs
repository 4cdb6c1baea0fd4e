//! Text that fits: untrusted text made safe, measured in terminal columns
//! (CJK and emoji are two wide), cut with `…` and word-wrapped.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::text::sanitize_line;

/// One line of untrusted text (from the book), safe to draw.
pub fn clean(text: &str) -> String {
    sanitize_line(text).trim().to_string()
}

/// Optional untrusted text, safe to draw ("" when absent).
pub fn clean_opt(text: Option<&str>) -> String {
    text.map(clean).unwrap_or_default()
}

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` padded with spaces to `columns` (never cut).
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.push_str(&" ".repeat(columns.saturating_sub(width(text))));
    out
}

/// Splits a word wider than `max` columns into pieces that fit.
fn split_long(word: &str, max: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in word.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
        used += w;
    }
    pieces
}

/// One line of text word-wrapped to `max` columns (at least one line).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        for piece in split_long(word, max) {
            let needed = if line.is_empty() {
                width(&piece)
            } else {
                width(&line) + 1 + width(&piece)
            };
            if needed > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("Margaret Chen", 20), "Margaret Chen");
        assert_eq!(truncate("Margaret Chen", 6), "Marga…");
        assert_eq!(truncate("山田建設株式会社", 7), "山田建…");
        assert_eq!(width(&truncate("山田建設株式会社", 8)), 7);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wraps_words_and_splits_long_ones() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn cleans_untrusted_text() {
        assert_eq!(clean(" Eve\x1b[31m\u{202e}x "), "Eve[31mx");
        assert_eq!(clean_opt(None), "");
    }
}
