//! Finding prospects by name or company, and small whole-book facts.

use rusqlite::Connection;

use super::StoreError;
use super::queues::{ITEM_COLUMNS, item};
use crate::domain::{QueueItem, Status};

/// Prospects of any status whose name or company contains `query`
/// (case-insensitive), active ones first, at most `limit`.
///
/// Three or more characters go through the trigram index; one or two match
/// the start of the name through the name index. Neither scans the book.
pub fn search_prospects(
    conn: &Connection,
    query: &str,
    limit: usize,
) -> Result<Vec<(QueueItem, Status)>, StoreError> {
    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let long = query.chars().count() >= 3;
    let sql = if long {
        format!(
            "SELECT {ITEM_COLUMNS}, p.status FROM prospect_search f \
             JOIN prospect p ON p.id = f.rowid \
             LEFT JOIN next_step s ON s.prospect_id = p.id AND s.done_at IS NULL \
             WHERE prospect_search MATCH ?1 \
             ORDER BY p.status <> 'active', p.name COLLATE NOCASE, p.id LIMIT ?2"
        )
    } else {
        format!(
            "SELECT {ITEM_COLUMNS}, p.status FROM prospect p \
             LEFT JOIN next_step s ON s.prospect_id = p.id AND s.done_at IS NULL \
             WHERE p.name LIKE ?1 ESCAPE '\\' \
             ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?2"
        )
    };
    let pattern = if long {
        // One FTS5 string: any substring, quotes doubled.
        format!("\"{}\"", query.replace('"', "\"\""))
    } else {
        let escaped = query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("{escaped}%")
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![pattern, limit], |row| {
        Ok((item(row)?, row.get(13)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// True when the book holds no prospect at all.
pub fn book_is_empty(conn: &Connection) -> Result<bool, StoreError> {
    let any: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM prospect)")?
        .query_row([], |r| r.get(0))?;
    Ok(!any)
}

/// SQLite's counter of commits by other connections: when it changes,
/// another process wrote the book and the screen should reload.
pub fn data_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}
