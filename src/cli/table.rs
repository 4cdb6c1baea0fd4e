//! Aligned text tables for people. Every cell is sanitised: stored text
//! never reaches the terminal raw.

use unicode_width::UnicodeWidthStr;

use crate::domain::text::sanitize_line;

/// Widest a cell may be before it is cut with an ellipsis.
const MAX_CELL: usize = 40;

/// How the last column treats text wider than [`MAX_CELL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LastColumn {
    /// Cut with an ellipsis, like every other column.
    #[default]
    Cut,
    /// Printed in full on its line (output read by a program, or a pipe).
    Full,
    /// Wrapped so that no line is wider than this many columns, the
    /// continuation lines starting under the column (a terminal).
    Wrap(usize),
}

/// A table of text cells with a header row.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Columns never cut (paths, next steps): what they say matters whole.
    uncut: Vec<usize>,
    last: LastColumn,
}

impl Table {
    /// A table with these column headings.
    pub fn new(headers: &[&'static str]) -> Self {
        Table {
            headers: headers.to_vec(),
            ..Default::default()
        }
    }

    /// Never cuts these columns (by index).
    pub fn uncut(mut self, columns: &[usize]) -> Self {
        self.uncut.extend_from_slice(columns);
        self
    }

    /// How the last column treats long text.
    pub fn last_column(mut self, how: LastColumn) -> Self {
        self.last = how;
        self
    }

    /// Adds a row; missing cells are blank.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(
            cells
                .iter()
                .map(|c| sanitize_line(c).into_owned())
                .collect(),
        );
    }

    /// A cell as printed in column `i`: cut unless the column is kept whole.
    fn shown<'a>(&self, i: usize, cell: &'a str) -> std::borrow::Cow<'a, str> {
        let last = i + 1 == self.headers.len() && self.last != LastColumn::Cut;
        if last || self.uncut.contains(&i) {
            cell.into()
        } else {
            fit(cell, MAX_CELL).into()
        }
    }

    /// The table as lines, columns padded to their widest cell.
    pub fn render(&self) -> String {
        let rows: Vec<Vec<std::borrow::Cow<'_, str>>> = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, c)| self.shown(i, c))
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.width());
                }
            }
        }
        // Where the last column starts, for its continuation lines.
        let last_at: usize = widths.iter().rev().skip(1).map(|w| w + 2).sum();
        let wrap_at = match self.last {
            // A narrow terminal still gets a readable column.
            LastColumn::Wrap(total) => Some(total.saturating_sub(last_at).max(MIN_WRAP)),
            _ => None,
        };
        let mut out = String::new();
        let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
            let mut text = String::new();
            let mut rest: Vec<String> = Vec::new();
            for (i, (cell, width)) in cells.zip(&widths).enumerate() {
                if i > 0 {
                    text.push_str("  ");
                }
                match wrap_at.filter(|_| i + 1 == widths.len()) {
                    Some(max) => {
                        let mut lines = wrap(cell, max).into_iter();
                        text.push_str(&lines.next().unwrap_or_default());
                        rest.extend(lines);
                    }
                    None => {
                        text.push_str(cell);
                        text.push_str(&" ".repeat(width.saturating_sub(cell.width())));
                    }
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
            for more in rest {
                out.push_str(&" ".repeat(last_at));
                out.push_str(more.trim_end());
                out.push('\n');
            }
        };
        line(&mut self.headers.iter().copied(), &mut out);
        for row in &rows {
            line(&mut row.iter().map(|c| c.as_ref()), &mut out);
        }
        out
    }
}

/// The narrowest a wrapped last column gets, however narrow the terminal.
const MIN_WRAP: usize = 20;

/// Splits `text` into lines at most `max` columns wide, at spaces where it
/// can, inside a word longer than a line where it must.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= max {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if line.width() + w > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts `text` to at most `max` columns, ending with "…" when cut.
pub fn fit(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_wide_text_and_strips_escapes() {
        let mut t = Table::new(&["ID", "NAME", "VALUE"]);
        t.row(vec!["1".into(), "山田 太郎".into(), "12,500".into()]);
        t.row(vec![
            "22".into(),
            "Ada\x1b[31m Lovelace".into(),
            "900".into(),
        ]);
        let text = t.render();
        // VALUE starts at the same display column on every line.
        for line in text.lines() {
            let value_at = line.rfind(' ').map(|i| line[..=i].width());
            assert_eq!(value_at, Some(2 + 2 + 16 + 2), "{line:?}");
        }
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn wraps_at_spaces_and_inside_words_too_long_for_a_line() {
        assert_eq!(wrap("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(wrap("山田 太郎さん", 4), ["山田", "太郎", "さん"]);
    }

    #[test]
    fn the_last_column_wraps_under_itself_or_prints_in_full() {
        let note = "spoke to his wife, they want the quote resent with the triple glazing option";
        let table = |how| {
            let mut t = Table::new(&["WHEN", "NOTE"]).last_column(how);
            t.row(vec!["today".into(), note.into()]);
            t.render()
        };
        let full = table(LastColumn::Full);
        assert!(full.contains(note), "{full}");
        let wrapped = table(LastColumn::Wrap(40));
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() > 3, "{wrapped}");
        for line in &lines {
            assert!(line.width() <= 40, "{line:?}");
        }
        for line in &lines[2..] {
            assert!(
                line.starts_with("       ") && !line.starts_with("        "),
                "{line:?}"
            );
        }
        let words: Vec<&str> = lines
            .iter()
            .skip(1)
            .map(|l| l.get(7..).unwrap_or_default())
            .collect();
        assert_eq!(words.join(" "), note);
        assert!(table(LastColumn::Cut).contains('…'));
    }

    #[test]
    fn uncut_columns_are_kept_whole() {
        let path = "/home/sam/a/very/long/path/to/the/followup/book/followup.db";
        let mut t = Table::new(&["SETTING", "VALUE", "SOURCE"]).uncut(&[1, 2]);
        t.row(vec!["book".into(), path.into(), path.into()]);
        assert_eq!(t.render().matches(path).count(), 2);
    }

    #[test]
    fn long_cells_are_cut() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
