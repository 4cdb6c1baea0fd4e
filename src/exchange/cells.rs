//! Spreadsheet formula injection (OWASP "CSV injection"): a cell that
//! begins with `=`, `+`, `-`, `@`, a tab or a carriage return may be run as
//! a formula when the file is opened in a spreadsheet. Such a cell is
//! written with a leading `'`, which spreadsheets show as text.
//!
//! So that the mark can be taken off again without guessing, a cell that
//! itself begins with `'` gets one more: every exported cell that begins
//! with `'` carries exactly one added `'`, and [`restore`] removes exactly
//! one. The importer does so for files with followup's own header (see
//! [`super::csv::PROSPECT_COLUMNS`]).

use std::borrow::Cow;

/// The mark put before a dangerous cell.
pub const MARK: char = '\'';

/// True for a cell a spreadsheet could read as a formula.
pub fn is_dangerous(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// The cell as exported: with a leading `'` when it is dangerous or
/// already begins with `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if is_dangerous(cell) || cell.starts_with(MARK) {
        Cow::Owned(format!("{MARK}{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralise`].
pub fn restore(cell: &str) -> &str {
    cell.strip_prefix(MARK).unwrap_or(cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dangerous_cells_get_a_mark() {
        for cell in ["=1+1", "+1 555 0101", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let out = neutralise(cell);
            assert_eq!(out, format!("'{cell}"));
            assert!(!is_dangerous(&out));
        }
        for cell in ["Ada", "", "555-0101", " =x", "1=1"] {
            assert_eq!(neutralise(cell), cell);
        }
    }

    #[test]
    fn a_cell_beginning_with_the_mark_gets_another() {
        assert_eq!(neutralise("'=x"), "''=x");
        assert_eq!(restore("''=x"), "'=x");
        assert_eq!(neutralise("'quoted'"), "''quoted'");
    }

    proptest! {
        #[test]
        fn restore_undoes_neutralise(cell in "[='+@\\-\t\r a-z]{0,6}") {
            let out = neutralise(&cell);
            prop_assert!(!is_dangerous(&out));
            prop_assert_eq!(restore(&out), cell.as_str());
        }
    }
}
