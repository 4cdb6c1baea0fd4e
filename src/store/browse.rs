//! The table of all prospects: a status filter and a sort, one page at a
//! time.
//!
//! Every sort is an ascending, never-NULL key expression with an index by
//! status (migration 008; the whole book merges the statuses' ranges,
//! migration 023), and pages are keyset
//! ranges on (key, prospect id): a page costs what it returns, the 500th
//! page as little as the first, and no row is skipped or repeated.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, Row, ToSql};

use super::StoreError;
use super::convert::{opt_time, sql_limit};
use super::queues::{ITEM_COLUMNS, ITEM_WIDTH, item};
use crate::domain::{QueueItem, Status};

/// Which prospects the table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BrowseFilter {
    /// Still deciding.
    #[default]
    Active,
    /// Bought.
    Won,
    /// Said no.
    Lost,
    /// The series ended unanswered.
    ClosedOut,
    /// Every prospect.
    All,
}

impl BrowseFilter {
    /// Every filter, in the order a key cycles through them.
    pub const ALL: [BrowseFilter; 5] = [
        BrowseFilter::Active,
        BrowseFilter::Won,
        BrowseFilter::Lost,
        BrowseFilter::ClosedOut,
        BrowseFilter::All,
    ];

    /// The status it keeps (`None`: all).
    pub fn status(self) -> Option<Status> {
        match self {
            BrowseFilter::Active => Some(Status::Active),
            BrowseFilter::Won => Some(Status::Won),
            BrowseFilter::Lost => Some(Status::Lost),
            BrowseFilter::ClosedOut => Some(Status::ClosedOut),
            BrowseFilter::All => None,
        }
    }

    /// The next filter in the cycle.
    pub fn next(self) -> BrowseFilter {
        let at = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    /// Its name, as the table's title shows it.
    pub fn label(self) -> &'static str {
        match self {
            BrowseFilter::Active => "active",
            BrowseFilter::Won => "won",
            BrowseFilter::Lost => "lost",
            BrowseFilter::ClosedOut => "closed out",
            BrowseFilter::All => "all",
        }
    }
}

/// The order of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BrowseSort {
    /// Soonest next step first; none last.
    #[default]
    NextStep,
    /// Newest conversation first; never spoken to last.
    LastSpoke,
    /// Biggest quote first.
    Value,
    /// Biggest value × probability first.
    Weighted,
    /// Furthest along the series first.
    SeriesStep,
    /// A to Z, ignoring case.
    Name,
}

impl BrowseSort {
    /// Every sort, in the order a key cycles through them.
    pub const ALL: [BrowseSort; 6] = [
        BrowseSort::NextStep,
        BrowseSort::LastSpoke,
        BrowseSort::Value,
        BrowseSort::Weighted,
        BrowseSort::SeriesStep,
        BrowseSort::Name,
    ];

    /// The next sort in the cycle.
    pub fn next(self) -> BrowseSort {
        let at = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    /// Its name, as the table's title shows it.
    pub fn label(self) -> &'static str {
        match self {
            BrowseSort::NextStep => "next step",
            BrowseSort::LastSpoke => "last spoke",
            BrowseSort::Value => "value",
            BrowseSort::Weighted => "weighted value",
            BrowseSort::SeriesStep => "series step",
            BrowseSort::Name => "name",
        }
    }

    /// The key expression, written exactly as its index (migration 008).
    fn key(self) -> &'static str {
        match self {
            BrowseSort::NextStep => "coalesce(p.open_step_due, 9223372036854775807)",
            BrowseSort::LastSpoke => "-coalesce(p.last_spoke_at, 0)",
            BrowseSort::Value => "-coalesce(p.value_cents, -1)",
            BrowseSort::Weighted => "-coalesce(p.value_cents * p.probability, -1)",
            BrowseSort::SeriesStep => "-p.series_performed",
            BrowseSort::Name => "p.name COLLATE NOCASE",
        }
    }

    /// The index serving this sort within one status.
    fn index_by_status(self) -> &'static str {
        match self {
            BrowseSort::NextStep => "browse_next_status",
            BrowseSort::LastSpoke => "browse_spoke_status",
            BrowseSort::Value => "browse_value_status",
            BrowseSort::Weighted => "browse_weighted_status",
            BrowseSort::SeriesStep => "browse_series_status",
            BrowseSort::Name => "browse_name_status",
        }
    }
}

/// The value of a sort key: a number for every sort but the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    /// A number (a time, an amount, a count, possibly negated).
    Int(i64),
    /// A name.
    Text(String),
}

impl ToSql for SortKey {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            SortKey::Int(n) => ToSqlOutput::from(*n),
            SortKey::Text(t) => ToSqlOutput::from(t.as_str()),
        })
    }
}

impl FromSql for SortKey {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Integer(n) => Ok(SortKey::Int(n)),
            ValueRef::Text(t) => Ok(SortKey::Text(String::from_utf8_lossy(t).into_owned())),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// Where a page starts: after the row with this sort key and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowseKey {
    /// The sort key of the last row read.
    pub key: SortKey,
    /// Its prospect id.
    pub id: i64,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowseRow {
    /// The prospect, with their open next step.
    pub item: QueueItem,
    /// Their status.
    pub status: Status,
    /// The last time they were reached or met.
    pub last_spoke: Option<DateTime<Utc>>,
    /// Where the next page starts if this row is the last one read.
    pub key: BrowseKey,
}

/// The page query of a filter and a sort: one index range for a status
/// (or for every status by name), otherwise the four status ranges merged
/// in key order (migration 023). The key range is spelled out
/// (`key >= k AND (key > k OR id > i)`) rather than as a row value, which
/// SQLite cannot range over for an expression index (`:status` bound only
/// when filtering). The limit is written in ([`sql_limit`]).
pub(super) fn page_sql(filter: BrowseFilter, sort: BrowseSort, limit: usize) -> String {
    let key = sort.key();
    let limit = sql_limit(limit);
    match (filter.status(), sort) {
        (Some(_), _) => format!(
            "{} ORDER BY {key}, p.id LIMIT {limit}",
            range(sort, sort.index_by_status(), Some(":status"))
        ),
        (None, BrowseSort::Name) => format!(
            "{} ORDER BY {key}, p.id LIMIT {limit}",
            range(sort, "prospect_by_name", None)
        ),
        // Each status's range comes in key order from its index, and
        // SQLite merges them as they come (no sort of the book), each arm
        // reading at most a page.
        (None, _) => {
            let arms: Vec<String> = Status::ALL
                .iter()
                .map(|status| range(sort, sort.index_by_status(), Some(&format!("'{status}'"))))
                .collect();
            format!(
                "{} ORDER BY browse_key, browse_id LIMIT {limit}",
                arms.join(" UNION ALL ")
            )
        }
    }
}

/// The rows of one index range after the page's key: of one status when
/// `status` (an SQL value) is given.
fn range(sort: BrowseSort, index: &str, status: Option<&str>) -> String {
    let key = sort.key();
    let status = status.map_or(String::new(), |s| format!("p.status = {s} AND "));
    format!(
        "SELECT {ITEM_COLUMNS}, p.status, p.last_spoke_at, {key} AS browse_key, p.id AS browse_id \
         FROM prospect p INDEXED BY {index} \
         LEFT JOIN next_step s ON s.prospect_id = p.id AND s.done_at IS NULL \
         WHERE {status}{key} >= :after_key AND ({key} > :after_key OR p.id > :after_id) \
         AND p.removed_at IS NULL"
    )
}

fn row(r: &Row<'_>) -> rusqlite::Result<BrowseRow> {
    let item = item(r)?;
    let id = item.id.0;
    Ok(BrowseRow {
        item,
        // After the item's own columns (`ITEM_COLUMNS`).
        status: r.get(ITEM_WIDTH)?,
        last_spoke: opt_time(r.get(ITEM_WIDTH + 1)?),
        key: BrowseKey {
            key: r.get(ITEM_WIDTH + 2)?,
            id,
        },
    })
}

/// A page of at most `limit` prospects kept by `filter`, in `sort` order,
/// after `after` when given.
pub fn browse(
    conn: &Connection,
    filter: BrowseFilter,
    sort: BrowseSort,
    after: Option<&BrowseKey>,
    limit: usize,
) -> Result<Vec<BrowseRow>, StoreError> {
    let sql = page_sql(filter, sort, limit);
    let mut stmt = conn.prepare_cached(&sql)?;
    // Before every key: the smallest integer, or the empty name (NULL would
    // compare as unknown and match nothing).
    let (after_key, after_id) = match after {
        Some(k) => (k.key.clone(), k.id),
        None if sort == BrowseSort::Name => (SortKey::Text(String::new()), i64::MIN),
        None => (SortKey::Int(i64::MIN), i64::MIN),
    };
    let status = filter.status().map(|s| s.to_string());
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> =
        vec![(":after_key", &after_key), (":after_id", &after_id)];
    if let Some(status) = &status {
        params.push((":status", status));
    }
    let rows = stmt.query_map(params.as_slice(), row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
#[path = "browse_tests.rs"]
mod tests;
