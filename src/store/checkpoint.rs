//! Copying the write-ahead log into the book while the user is idle.
//!
//! SQLite copies the log into the book (a checkpoint) in whichever commit
//! finds it past 1,000 pages, and syncs the book before that commit
//! returns: at 100,000 prospects, one logging keystroke in about 86 took
//! 200–270 ms instead of 8. A thread of its own does not help: on ext4 the
//! next commit's sync of the log waits for the book's pages the checkpoint
//! wrote. So the cockpit checkpoints when no key has come for a while and
//! something was written since: a few writes' pages, a few milliseconds,
//! and SQLite's own checkpoint is left for a long burst without a pause.

use rusqlite::Connection;

use super::StoreError;
use super::open::Book;

/// What one checkpoint did, as `PRAGMA wal_checkpoint` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpointed {
    /// Pages in the log.
    pub logged: i64,
    /// Pages of it now in the book.
    pub moved: i64,
}

/// Remembers what the cockpit's connection had written at its last
/// checkpoint; see the module's comment.
#[derive(Debug, Default)]
pub struct IdleCheckpoints {
    /// The connection's count of changed rows at the last look.
    seen_changes: Option<u64>,
}

impl IdleCheckpoints {
    /// Call when no input has come for a while: checkpoints `book` if its
    /// connection wrote since the last complete checkpoint (a passive one,
    /// which never waits for another process's reader or writer). The team
    /// sync's own connection checkpoints its writes itself, as every
    /// command's does.
    pub fn idle(&mut self, book: &Book) -> Result<Option<Checkpointed>, StoreError> {
        let changes = book.conn().total_changes();
        if self.seen_changes == Some(changes) || book.in_memory() {
            return Ok(None);
        }
        let done = checkpoint(book.conn())?;
        // A reader in another process can hold back part of the log: the
        // next pause tries again.
        if done.moved == done.logged {
            self.seen_changes = Some(changes);
        }
        Ok(Some(done))
    }
}

fn checkpoint(conn: &Connection) -> Result<Checkpointed, StoreError> {
    Ok(conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
        Ok(Checkpointed {
            logged: r.get(1)?,
            moved: r.get(2)?,
        })
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(book: &mut Book, n: i64) {
        book.write(|tx| {
            tx.execute(
                "INSERT INTO book_meta (key, value) VALUES (?1, ?2)",
                rusqlite::params![format!("test {n}"), "x".repeat(3000)],
            )?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    }

    #[test]
    fn an_idle_moment_after_writes_moves_the_log_into_the_book() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::open(&dir.path().join("book.db")).unwrap();
        let mut idle = IdleCheckpoints::default();
        for n in 0..5 {
            write(&mut book, n);
        }
        let done = idle.idle(&book).unwrap().expect("written: checkpointed");
        assert!(done.logged > 0, "{done:?}");
        assert_eq!(
            done.moved, done.logged,
            "every page is in the book: {done:?}"
        );
        // Idle again with nothing written: nothing to do.
        assert_eq!(idle.idle(&book).unwrap(), None);
        write(&mut book, 5);
        let again = idle.idle(&book).unwrap().expect("written again");
        assert_eq!(again.moved, again.logged);
    }

    #[test]
    fn a_log_held_back_by_a_reader_is_tried_again_at_the_next_pause() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.db");
        let mut book = Book::open(&path).unwrap();
        let mut idle = IdleCheckpoints::default();
        write(&mut book, 0);
        // Another connection reads from a snapshot taken before the next
        // write: the pages written after it cannot be moved yet.
        let reader = rusqlite::Connection::open(&path).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM book_meta", [], |r| r.get(0))
            .unwrap();
        write(&mut book, 1);
        let held = idle.idle(&book).unwrap().expect("written");
        assert!(held.moved < held.logged, "{held:?}");
        reader.execute_batch("COMMIT").unwrap();
        let done = idle.idle(&book).unwrap().expect("tried again");
        assert_eq!(done.moved, done.logged, "{done:?}");
        assert_eq!(idle.idle(&book).unwrap(), None);
    }

    #[test]
    fn a_book_in_memory_has_no_log_to_move() {
        let mut book = Book::open_in_memory().unwrap();
        write(&mut book, 1);
        assert_eq!(IdleCheckpoints::default().idle(&book).unwrap(), None);
    }
}
