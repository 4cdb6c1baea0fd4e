//! Opening the book: file permissions, pragmas, migrations.

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::StoreError;
use super::migrations;

/// How long a writer waits for another process's transaction to finish
/// before giving up; long enough for any single write of ours.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A write transaction begun IMMEDIATE, open only inside [`Book::write`].
///
/// Every store function that writes takes `&Tx`, and only `Book::write` can
/// make one, so a write outside a transaction (or in a deferred one that
/// could fail half-way on a lock) does not compile:
///
/// ```compile_fail
/// # use followup::store::{self, Book};
/// # use followup::domain::ProspectId;
/// let book = Book::open_in_memory().unwrap();
/// // A connection is for reads; writing through it is refused by the compiler.
/// store::delete_prospect(book.conn(), ProspectId(1)).unwrap();
/// ```
///
/// Reads work inside the transaction too: `Tx` derefs to the connection.
pub struct Tx<'a>(rusqlite::Transaction<'a>);

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.0
    }
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tx")
    }
}

/// The salesperson's book: one SQLite file.
#[derive(Debug)]
pub struct Book {
    conn: Connection,
    path: PathBuf,
}

impl Book {
    /// Opens (creating if needed) the book at `path` and upgrades its schema.
    ///
    /// A new book's folder is created 0700 and the file 0600: it holds
    /// customers' personal data.
    pub fn open(path: &Path) -> Result<Book, StoreError> {
        prepare_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Book::setup(conn, path.to_path_buf())
    }

    /// A private book in memory, for tests and examples.
    pub fn open_in_memory() -> Result<Book, StoreError> {
        let conn = Connection::open_in_memory()?;
        Book::setup(conn, PathBuf::from(":memory:"))
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Book, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the schema version is the first real read: it tells a
        // non-database file apart before any pragma tries to write.
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| classify_open_error(e, &path))?;
        if version > migrations::SCHEMA_VERSION as i64 {
            return Err(StoreError::TooNew {
                path,
                found: version,
                known: migrations::SCHEMA_VERSION,
            });
        }
        if path.as_os_str() != ":memory:" {
            let mode: String = conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
                .map_err(|e| classify_open_error(e, &path))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Open {
                    path,
                    reason: format!("could not switch to WAL mode (got {mode})"),
                });
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // FULL: a logged call survives a power cut, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrations::migrate(&mut conn, &path)?;
        Ok(Book { conn, path })
    }

    /// The file this book lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection, for the backup API.
    pub(super) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `work` in one write transaction begun IMMEDIATE (so two writers
    /// queue on the busy timeout instead of failing mid-way); commits if it
    /// returns `Ok`, rolls everything back otherwise.
    pub fn write<T, E>(&mut self, work: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = Tx(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?);
        let value = work(&tx)?;
        tx.0.commit().map_err(StoreError::from)?;
        Ok(value)
    }
}

/// Creates the folder (0700) and an empty file (0600) before SQLite opens it,
/// so the book is never readable by others, even for an instant.
pub(super) fn prepare_file(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        create_private_dir(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    if !path.exists() {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
        }
    } else if path.is_dir() {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "it is a folder, not a file".to_string(),
        });
    }
    Ok(())
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn classify_open_error(err: rusqlite::Error, path: &Path) -> StoreError {
    match StoreError::from(err) {
        StoreError::Corrupt(_) => StoreError::NotABook(path.to_path_buf()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_book_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/deeper/book.db");
        Book::open(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file_mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            let dir_mode = fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(file_mode, 0o600);
            assert_eq!(dir_mode, 0o700);
        }
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        fs::write(
            &path,
            "this is not a database, just some text that is long enough",
        )
        .unwrap();
        let err = Book::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::NotABook(_)), "{err:?}");
    }

    #[test]
    fn a_newer_book_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let err = Book::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::TooNew { found: 999, .. }),
            "{err:?}"
        );
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 999);
    }
}
