//! What a team sync keeps in the book: how far it has pushed this book's
//! changes (a local history position) and pulled the server's (a server
//! sequence number), in `book_meta`, and which device this book is.

use rusqlite::{Connection, OptionalExtension};

use super::history::THIS_DEVICE;
use super::{StoreError, Tx};
use crate::history::Uid;

/// A sync cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncCursor {
    /// The last local history position sent to the server.
    Pushed,
    /// The last server sequence number taken in.
    Pulled,
    /// When (the server's clock, microseconds since 1970) this book last
    /// asked which prospects were given back to its member (0: never).
    GivenBackChecked,
}

impl SyncCursor {
    fn key(self) -> &'static str {
        match self {
            SyncCursor::Pushed => "team_pushed_seq",
            SyncCursor::Pulled => "team_pulled_seq",
            SyncCursor::GivenBackChecked => "team_given_back_checked_us",
        }
    }
}

/// Where `cursor` stands (0: nothing yet).
pub fn sync_cursor(conn: &Connection, cursor: SyncCursor) -> Result<i64, StoreError> {
    let value: Option<i64> = conn
        .prepare_cached("SELECT value FROM book_meta WHERE key = ?1")?
        .query_row([cursor.key()], |r| r.get(0))
        .optional()?;
    Ok(value.unwrap_or(0))
}

/// Moves `cursor` to `value`, in the transaction that did the work it
/// stands for (so the two commit together or not at all).
pub fn set_sync_cursor(tx: &Tx<'_>, cursor: SyncCursor, value: i64) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT OR REPLACE INTO book_meta (key, value) VALUES (?1, ?2)")?
        .execute(rusqlite::params![cursor.key(), value])?;
    Ok(())
}

/// This book's own device id (its changes are the ones it pushes).
pub fn own_device(conn: &Connection) -> Result<Uid, StoreError> {
    let uid: Vec<u8> = conn
        .prepare_cached("SELECT uid FROM device WHERE id = ?1")?
        .query_row([THIS_DEVICE], |r| r.get(0))?;
    Uid::from_slice(&uid).ok_or_else(|| StoreError::Sql("this book's device id is damaged".into()))
}

/// How many changes the book learnt after history position `after`.
pub fn changes_since(conn: &Connection, after: i64) -> Result<u64, StoreError> {
    changes_between(conn, after, i64::MAX)
}

/// How many changes the book learnt after position `after`, up to `upto`.
pub fn changes_between(conn: &Connection, after: i64, upto: i64) -> Result<u64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM history WHERE seq > ?1 AND seq <= ?2")?
        .query_row([after, upto], |r| r.get::<_, i64>(0))? as u64)
}

/// Whether the book holds prospect `uid`.
pub fn has_prospect(conn: &Connection, uid: Uid) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM prospect WHERE uid = ?1)")?
        .query_row([uid.0.to_vec()], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Book;

    #[test]
    fn cursors_start_at_zero_and_move_with_their_transaction() {
        let mut book = Book::open_in_memory().unwrap();
        assert_eq!(sync_cursor(book.conn(), SyncCursor::Pulled).unwrap(), 0);
        let failed: Result<(), StoreError> = book.write(|tx| {
            set_sync_cursor(tx, SyncCursor::Pulled, 7)?;
            Err(StoreError::Sql("interrupted".into()))
        });
        assert!(failed.is_err());
        assert_eq!(sync_cursor(book.conn(), SyncCursor::Pulled).unwrap(), 0);
        book.write(|tx| set_sync_cursor(tx, SyncCursor::Pushed, 42))
            .unwrap();
        assert_eq!(sync_cursor(book.conn(), SyncCursor::Pushed).unwrap(), 42);
        assert_eq!(sync_cursor(book.conn(), SyncCursor::Pulled).unwrap(), 0);
        assert!(own_device(book.conn()).is_ok());
        assert_eq!(changes_since(book.conn(), 0).unwrap(), 0);
    }
}
