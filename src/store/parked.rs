//! Changes the team's server refused, set aside (see migrations 017 and
//! 021): a sync records them here instead of pushing them again at every
//! sync; the history keeps them. A retry that the server takes settles
//! them (the row stays, with when).

use rusqlite::Connection;

use super::history::{ENTRY_COLUMNS, ENTRY_FROM, entry_from_row};
use super::{StoreError, Tx};
use crate::domain::ProspectId;
use crate::history::Entry;

/// A change set aside, with what it was about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParkedChange {
    /// Its position in this book's history.
    pub seq: i64,
    /// The prospect's local id.
    pub prospect: ProspectId,
    /// The prospect's name (untrusted text: sanitise before showing).
    pub name: String,
    /// What changed: the field, else the kind of change.
    pub what: String,
    /// When it was first set aside (Unix seconds).
    pub parked_at: i64,
    /// The server's words, the last time it refused.
    pub reason: String,
}

/// Sets aside the changes at `seqs` with the server's `reason`; a change
/// set aside before (refused again on a retry) keeps when it was first
/// set aside and takes the new reason.
pub fn park(tx: &Tx<'_>, seqs: &[i64], reason: &str, now: i64) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO parked_change (seq, reason, parked_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (seq) DO UPDATE SET reason = excluded.reason, settled_at = NULL",
    )?;
    for seq in seqs {
        stmt.execute(rusqlite::params![seq, reason, now])?;
    }
    Ok(())
}

/// Marks the changes at `seqs` as taken by the server at `now`: no longer
/// set aside (their rows stay, as a record).
pub fn settle(tx: &Tx<'_>, seqs: &[i64], now: i64) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "UPDATE parked_change SET settled_at = ?2 WHERE seq = ?1 AND settled_at IS NULL",
    )?;
    for seq in seqs {
        stmt.execute(rusqlite::params![seq, now])?;
    }
    Ok(())
}

/// How many changes are set aside (not settled).
pub fn parked_count(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM parked_change WHERE settled_at IS NULL")?
        .query_row([], |r| r.get::<_, i64>(0))? as u64)
}

/// The changes set aside after history position `after`, oldest first, at
/// most `limit`, each with its position: what a retry pushes again.
pub fn parked_entries(
    conn: &Connection,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, Entry)>, StoreError> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS}, h.seq {ENTRY_FROM} \
         JOIN parked_change k ON k.seq = h.seq \
         WHERE k.settled_at IS NULL AND k.seq > ?1 ORDER BY k.seq LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![after, limit as i64], |r| {
        Ok((r.get(10)?, entry_from_row(r)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The changes set aside, oldest first, at most `limit`.
pub fn parked_changes(conn: &Connection, limit: usize) -> Result<Vec<ParkedChange>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.seq, p.id, p.name, \
                coalesce(h.field, CASE h.kind WHEN 0 THEN 'prospect' WHEN 1 THEN 'attempt' \
                                              WHEN 2 THEN 'next step' WHEN 3 THEN 'note' \
                                              ELSE 'debrief' END), \
                k.parked_at, k.reason \
         FROM parked_change k JOIN history h ON h.seq = k.seq \
         JOIN prospect p ON p.id = h.prospect \
         WHERE k.settled_at IS NULL ORDER BY k.seq LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(ParkedChange {
            seq: r.get(0)?,
            prospect: ProspectId(r.get(1)?),
            name: r.get(2)?,
            what: r.get(3)?,
            parked_at: r.get(4)?,
            reason: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Book;

    /// A book with one prospect whose first `n` changes are set aside.
    fn book_with_parked(n: usize) -> (Book, Vec<i64>) {
        let mut book = Book::open_in_memory().unwrap();
        let id = book
            .write(|tx| {
                let fields = crate::domain::ProspectPatch {
                    name: Some("Grace Hopper".into()),
                    company: Some("Navy".into()),
                    ..Default::default()
                };
                let new = crate::domain::NewProspect::new(fields).unwrap();
                crate::store::insert_prospect(tx, &new, Default::default())
            })
            .unwrap();
        let seqs: Vec<i64> = crate::store::changes_after(book.conn(), 0, 100)
            .unwrap()
            .into_iter()
            .map(|(seq, _)| seq)
            .take(n)
            .collect();
        assert_eq!(seqs.len(), n, "prospect {id:?} has {n} changes");
        book.write(|tx| park(tx, &seqs, "refused", 100)).unwrap();
        (book, seqs)
    }

    #[test]
    fn a_settled_change_is_no_longer_set_aside_but_its_row_stays() {
        let (mut book, seqs) = book_with_parked(1);
        assert_eq!(parked_count(book.conn()).unwrap(), 1);
        assert_eq!(parked_entries(book.conn(), 0, 10).unwrap().len(), 1);
        book.write(|tx| settle(tx, &seqs, 200)).unwrap();
        assert_eq!(parked_count(book.conn()).unwrap(), 0);
        assert!(parked_changes(book.conn(), 10).unwrap().is_empty());
        assert!(parked_entries(book.conn(), 0, 10).unwrap().is_empty());
        let kept: (i64, Option<i64>) = book
            .conn()
            .query_row(
                "SELECT parked_at, settled_at FROM parked_change WHERE seq = ?1",
                [seqs[0]],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kept, (100, Some(200)), "the record stays");
    }

    #[test]
    fn refused_again_keeps_when_it_was_first_set_aside_and_takes_the_new_reason() {
        let (mut book, seqs) = book_with_parked(1);
        book.write(|tx| park(tx, &seqs, "still another member's", 300))
            .unwrap();
        let listed = parked_changes(book.conn(), 10).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].parked_at, 100);
        assert_eq!(listed[0].reason, "still another member's");
    }
}
