//! The manager's coaching notes in the book (migration 016): written once,
//! never changed; those written here wait to be pushed to the team's
//! server, those pulled from it are kept as they came.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::{StoreError, Tx};
use crate::history::{Hlc, Uid};

/// One coaching note.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CoachingNote {
    /// Its local id.
    #[serde(skip)]
    pub id: i64,
    /// Its stable id.
    #[serde(skip)]
    pub uid: Uid,
    /// When it was written (its stamp).
    #[serde(skip)]
    pub hlc: Hlc,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// The manager who wrote it.
    pub author: String,
    /// The consultant it is addressed to.
    pub consultant: String,
    /// What it says.
    pub text: String,
}

const COLUMNS: &str = "id, uid, hlc, author, consultant, text";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CoachingNote> {
    let uid: Vec<u8> = r.get(1)?;
    let hlc = Hlc(r.get(2)?);
    Ok(CoachingNote {
        id: r.get(0)?,
        uid: Uid::from_slice(&uid).unwrap_or(Uid([0; 16])),
        hlc,
        at: hlc.time(),
        author: r.get(3)?,
        consultant: r.get(4)?,
        text: r.get(5)?,
    })
}

/// Writes a note to `consultant` by whoever writes (the transaction's
/// author), stamped on the book's clock; returns it.
pub fn insert_coaching_note(
    tx: &Tx<'_>,
    consultant: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<CoachingNote, StoreError> {
    let hlc = tx.clock.get().next(now);
    tx.clock.set(hlc);
    let uid = Uid::new(now);
    let author: String = tx
        .prepare_cached("SELECT name FROM author WHERE id = ?1")?
        .query_row([tx.author], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO coaching_note (uid, hlc, author, consultant, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![uid.0.to_vec(), hlc.0, author, consultant, text])?;
    Ok(CoachingNote {
        id: tx.last_insert_rowid(),
        uid,
        hlc,
        at: hlc.time(),
        author,
        consultant: consultant.to_string(),
        text: text.to_string(),
    })
}

/// The notes to `consultant` (`None`: to anyone), newest first, at most
/// `limit`.
pub fn coaching_notes(
    conn: &Connection,
    consultant: Option<&str>,
    limit: usize,
) -> Result<Vec<CoachingNote>, StoreError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = match consultant {
        Some(name) => {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM coaching_note INDEXED BY coaching_by_consultant \
                 WHERE consultant = ?1 ORDER BY hlc DESC LIMIT ?2"
            ))?;
            stmt.query_map(rusqlite::params![name, limit], from_row)?
                .collect::<Result<Vec<_>, _>>()?
        }
        None => {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM coaching_note INDEXED BY coaching_by_hlc \
                 ORDER BY hlc DESC LIMIT ?1"
            ))?;
            stmt.query_map([limit], from_row)?
                .collect::<Result<Vec<_>, _>>()?
        }
    };
    Ok(rows)
}

/// The notes written here that the team's server does not have yet,
/// oldest first.
pub fn coaching_to_push(conn: &Connection) -> Result<Vec<CoachingNote>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM coaching_note INDEXED BY coaching_to_push WHERE pushed = 0 ORDER BY id"
    ))?;
    Ok(stmt
        .query_map([], from_row)?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Marks notes as on the server.
pub fn mark_coaching_pushed(tx: &Tx<'_>, ids: &[i64]) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached("UPDATE coaching_note SET pushed = 1 WHERE id = ?1")?;
    for id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}

/// Keeps a note pulled from the server (once, however often it comes);
/// returns whether it was new.
pub fn take_coaching_note(tx: &Tx<'_>, note: &CoachingNote) -> Result<bool, StoreError> {
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO coaching_note (uid, hlc, author, consultant, text, pushed) \
             VALUES (?1, ?2, ?3, ?4, ?5, 1)",
        )?
        .execute(rusqlite::params![
            note.uid.0.to_vec(),
            note.hlc.0,
            note.author,
            note.consultant,
            note.text
        ])?;
    tx.clock.set(tx.clock.get().observe(note.hlc));
    Ok(n > 0)
}

/// The stable id of one prospect `owner` (an author name) owns, if any:
/// the team's server knows the member behind the name by it.
pub fn a_prospect_of(conn: &Connection, owner: &str) -> Result<Option<Uid>, StoreError> {
    let uid: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT p.uid FROM author a JOIN prospect p ON p.owner = a.id \
             WHERE a.name = ?1 AND p.uid IS NOT NULL LIMIT 1",
        )?
        .query_row([owner], |r| r.get(0))
        .optional()?;
    Ok(uid.as_deref().and_then(Uid::from_slice))
}

const CURSOR_KEY: &str = "team_coaching_seq";

/// The last server position of the coaching notes taken in (0: none).
pub fn coaching_cursor(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM book_meta WHERE key = ?1")?
        .query_row([CURSOR_KEY], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// Moves the coaching cursor, in the transaction that took the notes in.
pub fn set_coaching_cursor(tx: &Tx<'_>, seq: i64) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT OR REPLACE INTO book_meta (key, value) VALUES (?1, ?2)")?
        .execute(rusqlite::params![CURSOR_KEY, seq])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Book;

    #[test]
    fn a_note_is_written_once_listed_newest_first_and_pushed_once() {
        let mut book = Book::open_in_memory().unwrap();
        book.set_author(Some("Maria"));
        let at = |m: i64| DateTime::from_timestamp(1_800_000_000 + m * 60, 0).unwrap();
        let first = book
            .write(|tx| insert_coaching_note(tx, "Ada", "Ask who else decides", at(0)))
            .unwrap();
        book.write(|tx| insert_coaching_note(tx, "Bo", "Book the next step", at(1)))
            .unwrap();
        book.write(|tx| insert_coaching_note(tx, "Ada", "Well done on Harbour", at(2)))
            .unwrap();
        let ada = coaching_notes(book.conn(), Some("Ada"), 10).unwrap();
        let texts: Vec<&str> = ada.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["Well done on Harbour", "Ask who else decides"]);
        assert_eq!(ada[1].author, "Maria");
        assert_eq!(coaching_notes(book.conn(), None, 2).unwrap().len(), 2);
        let waiting = coaching_to_push(book.conn()).unwrap();
        assert_eq!(waiting.len(), 3);
        book.write(|tx| mark_coaching_pushed(tx, &[waiting[0].id]))
            .unwrap();
        assert_eq!(coaching_to_push(book.conn()).unwrap().len(), 2);
        // A note pulled again is kept once.
        let mut other = Book::open_in_memory().unwrap();
        assert!(other.write(|tx| take_coaching_note(tx, &first)).unwrap());
        assert!(!other.write(|tx| take_coaching_note(tx, &first)).unwrap());
        assert_eq!(coaching_to_push(other.conn()).unwrap(), []);
        other.write(|tx| set_coaching_cursor(tx, 7)).unwrap();
        assert_eq!(coaching_cursor(other.conn()).unwrap(), 7);
    }
}
