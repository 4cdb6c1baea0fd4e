//! Conversions between SQL values and domain types.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::{Action, Channel, Outcome, Status, StepResolution};
use crate::schedule::Window;

/// Seconds since the epoch, as stored.
pub fn secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// A row limit as it is written into a statement's text: `LIMIT 20`, not
/// `LIMIT ?`. The bundled SQLite reads a bound limit's value when it plans
/// (`sqlite3ExprIsInteger`), so every new binding, even of the same
/// number, made it plan the statement again on its next run: a tenth of a
/// millisecond for a queue, on every `today` and every cockpit reload.
/// Each limit is then a statement of its own, so a call site's limits are
/// few (the cockpit's rereads round theirs to whole pages) and the book's
/// statement cache is sized for them (`open::STATEMENT_CACHE`).
pub fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// A stored time; out-of-range values (a hand-edited book) read as the epoch.
pub fn time(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// A stored optional time.
pub fn opt_time(secs: Option<i64>) -> Option<DateTime<Utc>> {
    secs.map(time)
}

/// A step's alternatives as stored in `next_step.windows`: a JSON array of
/// `[start, end]` pairs in UTC seconds; `None` (NULL) for none, i.e. the one
/// window `due_start..due_end`.
pub fn windows_text(alternatives: &[Window]) -> Option<String> {
    if alternatives.is_empty() {
        return None;
    }
    let pairs: Vec<[i64; 2]> = alternatives
        .iter()
        .map(|w| [secs(w.start), secs(w.end)])
        .collect();
    serde_json::to_string(&pairs).ok()
}

/// Stored alternatives read back. Text that does not read as pairs (a
/// hand-edited book) reads as none: the step keeps its spanning window.
pub fn windows_from(text: Option<&str>) -> Vec<Window> {
    let Some(text) = text else {
        return Vec::new();
    };
    let pairs: Vec<[i64; 2]> = serde_json::from_str(text).unwrap_or_default();
    let parts: Vec<Window> = pairs
        .into_iter()
        .map(|[s, e]| Window::new(time(s), time(e)))
        .collect();
    if parts.len() > 1 {
        Window::merge(parts)
    } else {
        Vec::new()
    }
}

/// Stores the closed-set words as their canonical text, and reads them back
/// strictly (the schema's CHECK constraints keep anything else out): the
/// stored text is compared with each word as it is, without the two
/// copies `from_str` makes to forgive a user's spelling (`today` reads
/// thousands of them). Text that is no word still reads through
/// `from_str`, for its error.
macro_rules! sql_word {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                match <$ty>::ALL.iter().find(|w| w.as_str() == text) {
                    Some(word) => Ok(*word),
                    None => text.parse().map_err(|e| FromSqlError::Other(Box::new(e))),
                }
            }
        }
    )+};
}

sql_word!(Action, Channel, Outcome, Status, StepResolution);
