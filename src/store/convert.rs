//! Conversions between SQL values and domain types.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::{Action, Channel, Outcome, Status, StepResolution};

/// Seconds since the epoch, as stored.
pub fn secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// A stored time; out-of-range values (a hand-edited book) read as the epoch.
pub fn time(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// A stored optional time.
pub fn opt_time(secs: Option<i64>) -> Option<DateTime<Utc>> {
    secs.map(time)
}

/// Stores the closed-set words as their canonical text, and reads them back
/// strictly (the schema's CHECK constraints keep anything else out).
macro_rules! sql_word {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str()?.parse().map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }
    )+};
}

sql_word!(Action, Channel, Outcome, Status, StepResolution);
