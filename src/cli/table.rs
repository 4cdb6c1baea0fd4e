//! Aligned text tables for people. Every cell is sanitised: stored text
//! never reaches the terminal raw.

use unicode_width::UnicodeWidthStr;

use crate::domain::text::sanitize_line;

/// Widest a cell may be before it is cut with an ellipsis.
const MAX_CELL: usize = 40;

/// A table of text cells with a header row.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headings.
    pub fn new(headers: &[&'static str]) -> Self {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are blank.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(
            cells
                .iter()
                .map(|c| fit(&sanitize_line(c), MAX_CELL))
                .collect(),
        );
    }

    /// The table as lines, columns padded to their widest cell.
    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.width());
                }
            }
        }
        let mut out = String::new();
        let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
            let mut text = String::new();
            for (i, (cell, width)) in cells.zip(&widths).enumerate() {
                if i > 0 {
                    text.push_str("  ");
                }
                text.push_str(cell);
                text.push_str(&" ".repeat(width.saturating_sub(cell.width())));
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&mut self.headers.iter().copied(), &mut out);
        for row in &self.rows {
            line(&mut row.iter().map(String::as_str), &mut out);
        }
        out
    }
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
    fn long_cells_are_cut() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
