//! The lookups of an import: which prospect an imported row already is.
//! Each is one probe of an index (migration 011 for e-mail and phone, 009
//! for the uid), so a small file imports as fast into a million-prospect
//! book as into an empty one.

use rusqlite::{Connection, OptionalExtension};

use super::{StoreError, Tx};
use crate::domain::ProspectId;
use crate::history::Uid;

/// The prospect with this stable id (from a followup export), if any.
pub fn prospect_by_uid(conn: &Connection, uid: &Uid) -> Result<Option<ProspectId>, StoreError> {
    one(
        conn,
        "SELECT id FROM prospect WHERE uid = ?1 AND removed_at IS NULL",
        uid.0.to_vec(),
    )
}

/// The first prospect with this e-mail address (`email` in lower case).
pub fn prospect_by_email(conn: &Connection, email: &str) -> Result<Option<ProspectId>, StoreError> {
    one(
        conn,
        "SELECT id FROM prospect WHERE lower(email) = ?1 AND email IS NOT NULL \
         AND removed_at IS NULL ORDER BY id LIMIT 1",
        email,
    )
}

/// The first prospect whose phone number ends in these digits (the last
/// ten of a number, so a country code does not tell two numbers apart).
pub fn prospect_by_phone(
    conn: &Connection,
    digits: &str,
) -> Result<Option<ProspectId>, StoreError> {
    one(
        conn,
        "SELECT id FROM prospect WHERE substr(phone_digits, -10) = ?1 AND phone IS NOT NULL \
         AND removed_at IS NULL ORDER BY id LIMIT 1",
        digits,
    )
}

/// Gives a prospect just imported the stable id it had in the book it was
/// exported from, so importing the same export again updates it.
pub fn adopt_uid(conn: &Tx<'_>, id: ProspectId, uid: &Uid) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE prospect SET uid = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id.0, uid.0.to_vec()])?;
    Ok(())
}

/// Lets one large write transaction keep its changed pages in memory (up
/// to `mib` MiB) instead of spilling them to the write-ahead log again and
/// again as the default two-megabyte cache fills: an import of 100,000
/// rows writes each page once. For this connection only.
pub fn allow_large_transaction(book: &super::Book, mib: i64) -> Result<(), StoreError> {
    book.conn().pragma_update(None, "cache_size", -mib * 1024)?;
    // Each statement of a write with triggers keeps a journal of its own
    // (to undo just that statement); in memory, not a temporary file
    // written a few hundred bytes at a time.
    book.conn().pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// Runs `load` (which adds prospects one by one, each with its history)
/// with the search index's insert trigger set aside, then indexes every
/// prospect added meanwhile in one statement: the full-text index takes
/// thousands of rows at once far faster than one at a time. With
/// `rebuild_indexes`, the other indexes of the prospects, the history and
/// the next steps (but the two that find a prospect's open step) are set
/// aside too and built again at the end, one sort each instead of
/// a B-tree insert per row and index (worth it when the load is large
/// beside the book). Inside the caller's transaction, so a failure puts
/// everything back with the rest.
pub fn with_indexes_after<T>(
    tx: &Tx<'_>,
    rebuild_indexes: bool,
    load: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let trigger: Option<String> = tx
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'prospect_search_insert'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let indexes: Vec<(String, String)> = if rebuild_indexes {
        tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
             AND tbl_name IN ('prospect', 'history', 'next_step') \
             AND name NOT IN ('next_step_one_open', 'next_step_by_prospect') ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let mark: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM prospect", [], |r| {
        r.get(0)
    })?;
    if trigger.is_some() {
        tx.execute_batch("DROP TRIGGER prospect_search_insert")?;
    }
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let value = load()?;
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    if let Some(trigger) = trigger {
        tx.execute(
            "INSERT INTO prospect_search (rowid, name, company, email, phone_digits) \
             SELECT id, name, company, email, phone_digits FROM prospect WHERE id > ?1",
            [mark],
        )?;
        tx.execute_batch(&trigger)?;
    }
    Ok(value)
}

/// How many prospects the book holds (removed ones too: they are rows of
/// its indexes).
pub fn prospect_count(conn: &Connection) -> Result<usize, StoreError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM prospect", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

fn one(
    conn: &Connection,
    sql: &str,
    key: impl rusqlite::ToSql,
) -> Result<Option<ProspectId>, StoreError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?
        .map(ProspectId))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Book;

    fn plan_of(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map(["x"], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn prospects_added_with_the_trigger_aside_are_found_by_search() {
        let mut book = Book::open_in_memory().unwrap();
        let now = chrono::DateTime::from_timestamp(1_000, 0).unwrap();
        book.write(|tx| {
            with_indexes_after(tx, true, || {
                let new = crate::domain::NewProspect::new(crate::domain::ProspectPatch {
                    name: Some("Zoë Åberg".into()),
                    email: Some("zoe@example.com".into()),
                    ..Default::default()
                })
                .map_err(|e| StoreError::Sql(e.to_string()))?;
                crate::store::insert_prospect(tx, &new, now)
            })
        })
        .unwrap();
        let found = crate::store::search_prospects(book.conn(), "zoe", 10).unwrap();
        assert_eq!(found.len(), 1);
        let trigger: i64 = book
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'prospect_search_insert'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(trigger, 1, "the trigger is back");
        let indexes: i64 = book
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('prospect_by_email', 'browse_next_status', 'history_by_prospect')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 3, "the indexes are back");
    }

    #[test]
    fn each_lookup_is_an_index_probe() {
        let book = Book::open_in_memory().unwrap();
        let conn = book.conn();
        let email = plan_of(
            conn,
            "SELECT id FROM prospect WHERE lower(email) = ?1 AND email IS NOT NULL \
             AND removed_at IS NULL ORDER BY id LIMIT 1",
        );
        assert!(email.contains("prospect_by_email"), "{email}");
        let phone = plan_of(
            conn,
            "SELECT id FROM prospect WHERE substr(phone_digits, -10) = ?1 AND phone IS NOT NULL \
             AND removed_at IS NULL ORDER BY id LIMIT 1",
        );
        assert!(phone.contains("prospect_by_phone"), "{phone}");
    }
}
