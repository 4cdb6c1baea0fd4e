//! What the cockpit's Team screen reads beyond `team_status`: the
//! debriefs' "work on" items per consultant, and the member's role on the
//! team as the server last said it (kept in `book_meta` by a sync, so the
//! screen never waits on the network to know who may open it).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::convert::{secs, time};
use super::{StoreError, Tx};

/// One debrief's "work on" item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WorkOn {
    /// The prospect owner's author id.
    #[serde(skip)]
    pub owner: i64,
    /// When the debrief was made.
    pub at: DateTime<Utc>,
    /// The prospect's name.
    pub prospect: String,
    /// What to work on.
    pub text: String,
}

/// Debriefs made at or after `since`, newest first, at most `limit`: one
/// range of the debrief time index.
const WORK_ON: &str = "SELECT p.owner, d.at, p.name, d.work_on \
     FROM debrief d INDEXED BY debrief_by_at \
     JOIN prospect p ON p.id = d.prospect_id \
     WHERE d.removed_at IS NULL AND d.at >= ?1 ORDER BY d.at DESC LIMIT ?2";

/// The "work on" items of the debriefs made since `since`, newest first,
/// at most `limit` in all.
pub fn work_on_since(
    conn: &Connection,
    since: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<WorkOn>, StoreError> {
    let mut stmt = conn.prepare_cached(WORK_ON)?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt.query_map(rusqlite::params![secs(since), limit], |r| {
        Ok(WorkOn {
            owner: r.get(0)?,
            at: time(r.get(1)?),
            prospect: r.get(2)?,
            text: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const ROLE_KEY: &str = "team_role";

/// This book's member's role on the team ("consultant", "coordinator",
/// "manager") as of the last sync; `None`: never synced, or not a member.
pub fn team_role(conn: &Connection) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM book_meta WHERE key = ?1")?
        .query_row([ROLE_KEY], |r| r.get(0))
        .optional()?)
}

/// Remembers the member's role (`None`: forgets it).
pub fn set_team_role(tx: &Tx<'_>, role: Option<&str>) -> Result<(), StoreError> {
    match role {
        Some(role) => tx
            .prepare_cached("INSERT OR REPLACE INTO book_meta (key, value) VALUES (?1, ?2)")?
            .execute(rusqlite::params![ROLE_KEY, role])?,
        None => tx
            .prepare_cached("DELETE FROM book_meta WHERE key = ?1")?
            .execute([ROLE_KEY])?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Book;

    #[test]
    fn the_role_is_remembered_and_forgotten() {
        let mut book = Book::open_in_memory().unwrap();
        assert_eq!(team_role(book.conn()).unwrap(), None);
        book.write(|tx| set_team_role(tx, Some("manager"))).unwrap();
        assert_eq!(team_role(book.conn()).unwrap().as_deref(), Some("manager"));
        book.write(|tx| set_team_role(tx, None)).unwrap();
        assert_eq!(team_role(book.conn()).unwrap(), None);
    }

    #[test]
    fn work_on_reads_one_index_range() {
        let book = Book::open_in_memory().unwrap();
        let plan: Vec<String> = book
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {WORK_ON}"))
            .unwrap()
            .query_map([0, 0], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let text = plan.join(" | ");
        assert!(text.contains("debrief_by_at"), "{text}");
        assert!(!text.contains("TEMP B-TREE"), "{text}");
    }
}
