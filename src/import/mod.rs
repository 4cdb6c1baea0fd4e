//! Bringing a book in from elsewhere: the CSV exports of the common CRMs
//! and of spreadsheets, vCards, and followup's own CSV and JSON exports.
//!
//! Reading is separate from writing: [`read`] turns a file's bytes into
//! [`Record`]s (encoding, delimiter and layout detected), [`map`] turns
//! each record into a [`Candidate`] prospect or the reasons it is bad,
//! [`plan`] decides, against the book, what each candidate does (create,
//! update, skip), and [`apply`] writes a plan in one transaction.

mod aliases;
pub mod apply;
mod csv_rows;
pub mod detect;
pub mod encoding;
pub mod headers;
mod json_lines;
pub mod map;
pub mod plan;
pub mod reject;
pub mod values;
mod vcard;

use std::rc::Rc;

pub use apply::{Applied, apply, import};
pub use detect::{Format, read};
pub use headers::Target;
pub use map::{BadCell, Candidate, Keys};
pub use plan::{Action, Match, Plan, Planned, plan};

/// One cell of a record: the column it came from (its header, or the
/// vCard property), where it goes, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The header (or vCard property) as the file names it.
    pub label: Rc<str>,
    /// Where it goes.
    pub target: Target,
    /// The text, as read.
    pub value: String,
}

/// One row of a CSV file or one vCard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line it starts on, from 1 (the header is line 1 of a CSV).
    pub line: u64,
    /// Its cells, in the file's order.
    pub cells: Vec<Cell>,
    /// What makes the row unreadable as a whole (more cells than the
    /// header names), if anything.
    pub problem: Option<String>,
    /// The card's own text (vCard), for the reject file.
    pub raw: Option<String>,
}

/// A file read: how, and its records.
#[derive(Debug, Clone)]
pub struct Source {
    /// What kind of file it is.
    pub format: Format,
    /// The encoding it was read as.
    pub encoding: encoding::Detected,
    /// The header row (CSV), as the file writes it.
    pub header: Vec<Rc<str>>,
    /// The rows or cards.
    pub records: Vec<Record>,
}

/// A `--map column=field` override: the column (matched like a header,
/// ignoring case and accents) and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The header, as typed.
    pub column: String,
    /// Where its cells go.
    pub target: Target,
}

impl std::str::FromStr for Override {
    type Err = String;

    /// Reads `column=field`; the field is one of followup's field names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (column, field) = s
            .rsplit_once('=')
            .ok_or_else(|| format!("--map takes COLUMN=FIELD, e.g. \"Cell=phone\", not \"{s}\""))?;
        let target = headers::field_named(field).ok_or_else(|| {
            let names: Vec<&str> = headers::FIELD_NAMES.iter().map(|(n, _)| *n).collect();
            format!(
                "\"{}\" is not a field to map to; use one of {}",
                field.trim(),
                names.join(", ")
            )
        })?;
        Ok(Override {
            column: column.trim().to_string(),
            target,
        })
    }
}
