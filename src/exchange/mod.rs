//! Data out of the book: export formats, one file each.
//!
//! Every export walks the book once through [`store::export_book`], one
//! prospect at a time, and writes through a buffered writer, so memory does
//! not grow with the book. Removed (tombstoned) rows are never exported.
//!
//! - [`csv`]: one row per prospect, attempts in a second file; cells that a
//!   spreadsheet would run as a formula are neutralised ([`cells`]).
//! - [`json`]: JSON Lines, one prospect per line with everything nested.
//! - [`ics`]: the open next steps as iCalendar events; [`watch`] keeps such
//!   a file up to date.

pub mod cells;
pub mod csv;
pub mod ics;
pub mod json;
pub mod watch;

use chrono::{DateTime, Local, Utc};
use thiserror::Error;

use crate::domain::{Money, Status};
use crate::store::{self, StoreError};

/// An export failed part-way: what was written so far is incomplete.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The book could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The output could not be written.
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
}

impl From<::csv::Error> for ExportError {
    fn from(e: ::csv::Error) -> Self {
        match e.into_kind() {
            ::csv::ErrorKind::Io(io) => ExportError::Io(io),
            other => ExportError::Io(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        // Keep the kind: a closed pipe must still read as one.
        match e.io_error_kind() {
            Some(kind) => ExportError::Io(std::io::Error::new(kind, e)),
            None => ExportError::Io(std::io::Error::other(e)),
        }
    }
}

impl ExportError {
    /// True when the reader went away (`followup export | head`): the
    /// reader has what it wanted, which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, ExportError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// A time as exports write it: RFC 3339 in local time, to the second (what
/// the book keeps), as `show --format json` writes it.
pub fn time_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Money as an exact decimal string: `12500.50`.
pub fn decimal(m: Money) -> String {
    format!("{}.{:02}", m.cents() / 100, m.cents() % 100)
}

/// The scope of the CSV and JSON exports: every prospect of `status`
/// (`None`: all) and the rows the format carries.
fn scope(status: Option<Status>, attempts: bool, steps: store::StepScope) -> store::ExportScope {
    store::ExportScope {
        status,
        attempts,
        steps,
    }
}

#[cfg(test)]
mod tests;
