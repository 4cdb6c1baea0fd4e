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
