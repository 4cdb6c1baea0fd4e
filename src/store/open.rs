//! Opening the book: which file, whose it is, in what mode, at which schema.

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::identity::{self, Identity};
use super::{StoreError, files, history, migrations};
use crate::history::Hlc;

/// The page cache while a sample book is filled, in KiB (negative: a size,
/// not a page count, as SQLite's `cache_size` takes it). Loading appends,
/// which touches only each tree's right edge; what a larger cache changes
/// is the index builds' sorter, which sorts in memory up to the cache's
/// size on the writing thread, and past it hands each sorted run to the
/// second core. At a million prospects 16 MB took 111 s and 184 MB at
/// peak, 256 MB 120 s and 969 MB.
const FILL_CACHE_KIB: i64 = -16_384;
/// The path an in-memory book carries.
const IN_MEMORY: &str = ":memory:";
/// SQLite's own default, put back afterwards.
const DEFAULT_CACHE_KIB: i64 = -2_000;

/// How many prepared statements a book's connection keeps (rusqlite's
/// default is 16). Limits are written into the statements
/// (`convert::sql_limit`), so one query is a statement per limit, and a
/// cockpit reload runs more than 16 kinds: a smaller cache would throw
/// out statements every reload prepares again.
const STATEMENT_CACHE: usize = 64;

/// How long a writer waits for another process's transaction to finish
/// before giving up; long enough for any single write of ours.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
/// store::remove_prospect(book.conn(), ProspectId(1), chrono::Utc::now()).unwrap();
/// ```
///
/// Reads work inside the transaction too: `Tx` derefs to the connection.
///
/// It also carries what every change written through it is stamped with:
/// the hybrid clock and the author (see `store/history.rs`), so no write
/// can skip its history entry.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    /// The last stamp given out; the next change ticks past it.
    pub(super) clock: std::cell::Cell<Hlc>,
    /// The `author` row of whoever is writing.
    pub(super) author: i64,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tx")
    }
}

/// What the command opening the book will do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Change it: create it if missing, adopt an empty database, upgrade an
    /// older schema, switch it to WAL and stamp it as followup's.
    Write,
    /// Only read it. Creates, converts and upgrades nothing: an older book
    /// is refused with a sentence saying how to upgrade it.
    Read,
    /// Only read it, to copy it whole (`backup`): like [`OpenMode::Read`],
    /// but any schema version of followup's will do, since a copy needs no
    /// upgrade (and backing up before upgrading is wise).
    Copy,
}

/// The salesperson's book: one SQLite file.
#[derive(Debug)]
pub struct Book {
    conn: Connection,
    path: PathBuf,
    notices: Vec<String>,
    /// Whose changes this session writes (the profile's name); `None`: the
    /// single user's default, "me".
    author: Option<String>,
}

impl Book {
    /// Opens (creating if needed) the book at `path` for writing and
    /// upgrades its schema; see [`OpenMode::Write`].
    ///
    /// A new book's folder is created 0700 and the file 0600: it holds
    /// customers' personal data.
    pub fn open(path: &Path) -> Result<Book, StoreError> {
        Book::open_as(path, OpenMode::Write)
    }

    /// Opens an existing book only to read it; see [`OpenMode::Read`].
    pub fn open_read_only(path: &Path) -> Result<Book, StoreError> {
        Book::open_as(path, OpenMode::Read)
    }

    /// Opens the book at `path` as `mode` needs.
    ///
    /// Whatever the mode, a database that is not a followup book is refused
    /// before anything is written to it, a dangling symbolic link is never
    /// followed, and a book others can read is made private (see
    /// [`Book::notices`]; this changes who may read the file, not what it
    /// holds, so it is done for reads too).
    pub fn open_as(path: &Path, mode: OpenMode) -> Result<Book, StoreError> {
        if mode == OpenMode::Write {
            files::create_private(path)?;
        } else if !files::require_existing(path)? {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: "there is no such file".into(),
            });
        }
        let path = path.to_path_buf();
        let mut book = if mode == OpenMode::Write {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(&path, flags)
                .map_err(|e| classify_open_error(e, &path))?;
            Book::setup(conn, path)?
        } else {
            let (conn, identity) = connect_for_reading(&path)?;
            Book::check_readable(conn, path, identity, mode)?
        };
        // Only once it is known to be a book (or to become one): another
        // program's file is left exactly as it was, permissions included.
        book.notices = files::tighten(&book.path).into_iter().collect();
        Ok(book)
    }

    /// A private book in memory, for tests and examples.
    pub fn open_in_memory() -> Result<Book, StoreError> {
        let conn = Connection::open_in_memory()?;
        Book::setup(conn, PathBuf::from(IN_MEMORY))
    }

    /// Makes the database on `conn` a current followup book: refuses it if
    /// it is not one (before writing anything), then WAL, upgrade, stamp.
    fn setup(mut conn: Connection, path: PathBuf) -> Result<Book, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let stamped = match identity::identify(&conn).map_err(|e| classify(e, &path))? {
            Identity::Foreign(reason) => return Err(StoreError::NotOurs { path, reason }),
            Identity::Newer(found) => return Err(too_new(path, found)),
            Identity::Empty => false,
            Identity::Book { stamped, .. } => stamped,
        };
        // SQLite opens a file it may not write read-only, silently; say so
        // now rather than at the first write.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly);
        }
        if path.as_os_str() != IN_MEMORY {
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
        if !stamped {
            identity::stamp(&conn)?;
        }
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Book {
            conn,
            path,
            notices: Vec::new(),
            author: None,
        })
    }

    /// Accepts a book opened for reading if `mode` can use its schema.
    fn check_readable(
        conn: Connection,
        path: PathBuf,
        identity: Identity,
        mode: OpenMode,
    ) -> Result<Book, StoreError> {
        match identity {
            Identity::Foreign(reason) => Err(StoreError::NotOurs { path, reason }),
            Identity::Newer(found) => Err(too_new(path, found)),
            Identity::Empty => Err(StoreError::Empty(path)),
            Identity::Book { version, .. }
                if version < migrations::SCHEMA_VERSION && mode == OpenMode::Read =>
            {
                Err(StoreError::Outdated {
                    path,
                    found: version,
                    known: migrations::SCHEMA_VERSION,
                })
            }
            Identity::Book { .. } => {
                conn.pragma_update(None, "foreign_keys", "ON")?;
                conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
                Ok(Book {
                    conn,
                    path,
                    notices: Vec::new(),
                    author: None,
                })
            }
        }
    }

    /// The file this book lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True for a book in memory (tests, benches): no file, no log.
    pub fn in_memory(&self) -> bool {
        self.path.as_os_str() == IN_MEMORY
    }

    /// What opening the book did that the user should hear about (its
    /// permissions were tightened, or could not be), one sentence each.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection, for the backup API.
    pub(super) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `fill` on a book that is new and empty (a sample book being
    /// written) without the write-ahead log and its syncs: one very large
    /// transaction in WAL mode writes everything twice and searches an ever
    /// longer log. The book goes back to WAL and full syncs afterwards,
    /// whatever `fill` returned. Only for a file nothing else holds yet: if
    /// the process dies meanwhile, the half-written file is not a book.
    pub fn fill_new<T, E>(&mut self, fill: impl FnOnce(&mut Book) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let memory = self.in_memory();
        if !memory {
            let mode: String = self
                .conn
                .pragma_update_and_check(None, "journal_mode", "MEMORY", |r| r.get(0))
                .map_err(StoreError::from)?;
            if !mode.eq_ignore_ascii_case("memory") {
                return Err(StoreError::Open {
                    path: self.path.clone(),
                    reason: format!("could not leave WAL mode to fill it (got {mode})"),
                }
                .into());
            }
            self.conn
                .pragma_update(None, "synchronous", "OFF")
                .map_err(StoreError::from)?;
        }
        // See FILL_CACHE_KIB: sized for the index builds' sorter.
        self.conn
            .pragma_update(None, "cache_size", FILL_CACHE_KIB)
            .map_err(StoreError::from)?;
        // The rows a fill writes refer only to rows it has just written
        // (the sample generator's tests check every key with `PRAGMA
        // foreign_key_check`): looking each parent up again as a row goes
        // in was a sixth of a large book's time.
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .map_err(StoreError::from)?;
        // Index builds sort; let the sorter use a second core.
        self.conn
            .pragma_update(None, "threads", 2)
            .map_err(StoreError::from)?;
        let value = fill(self);
        // Every setting is put back even when one fails, the key checks
        // first; the fill's own error wins over a failed restore.
        let mut restored: Result<(), StoreError> = Ok(());
        for (name, value) in [
            ("foreign_keys", 1),
            ("cache_size", DEFAULT_CACHE_KIB),
            ("threads", 0),
        ] {
            let done = self.conn.pragma_update(None, name, value);
            restored = restored.and(done.map_err(StoreError::from));
        }
        if !memory {
            let back = (|| -> Result<(), StoreError> {
                self.conn.pragma_update(None, "synchronous", "FULL")?;
                let mode: String =
                    self.conn
                        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
                if !mode.eq_ignore_ascii_case("wal") {
                    return Err(StoreError::Open {
                        path: self.path.clone(),
                        reason: format!("could not switch back to WAL mode (got {mode})"),
                    });
                }
                Ok(())
            })();
            let value = value?;
            restored?;
            back?;
            return Ok(value);
        }
        let value = value?;
        restored?;
        Ok(value)
    }

    /// Names the author of the changes this session writes (from the
    /// profile); `None` or blank keeps the single user's default.
    pub fn set_author(&mut self, name: Option<&str>) {
        self.author = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
    }

    /// Runs `work` in one write transaction begun IMMEDIATE (so two writers
    /// queue on the busy timeout instead of failing mid-way); commits if it
    /// returns `Ok`, rolls everything back otherwise. The changes it makes
    /// are stamped and appended to the history in that same transaction.
    pub fn write<T, E>(&mut self, work: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let author = history::author_id(&tx, self.author.as_deref())?;
        let start = history::load_clock(&tx)?;
        let tx = Tx {
            tx,
            clock: std::cell::Cell::new(start),
            author,
        };
        let value = work(&tx)?;
        if tx.clock.get() != start {
            history::save_clock(&tx, tx.clock.get())?;
        }
        tx.tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }
}

/// Opens the existing book at `path` so that reading it writes nothing,
/// and reads what it is.
///
/// Read-write without `SQLITE_OPEN_CREATE`, with `query_only` on: SQLite
/// refuses every write, yet as the last connection to close it still
/// removes the -wal and -shm files it made (a read-only connection would
/// leave them behind). Where the book cannot be written (read-only media,
/// permissions), SQLite opens it read-only by itself. If even then the WAL
/// index cannot be made (a read-only folder without a -shm file), the book
/// is read as an immutable file: nobody can be writing it, since writers
/// need that index too. Unless a -wal file holds changes not yet in the
/// book, which an immutable read would miss: that is refused.
pub(super) fn connect_for_reading(path: &Path) -> Result<(Connection, Identity), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(e, path))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", "ON")?;
    let err = match identity::identify(&conn) {
        Ok(identity) => return Ok((conn, identity)),
        Err(err) => err,
    };
    drop(conn);
    if !cannot_make_wal_index(&err) {
        return Err(classify(err, path));
    }
    let wal = files::companions(path).next();
    if wal
        .and_then(|w| std::fs::metadata(w).ok())
        .is_some_and(|m| m.len() > 0)
    {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "its folder cannot be written and its -wal file holds changes not yet in the book; copy both files to a folder you can write".into(),
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(immutable_uri(path), flags)
        .map_err(|e| classify_open_error(e, path))?;
    let identity = identity::identify(&conn).map_err(|e| classify(e, path))?;
    Ok((conn, identity))
}

/// True for the error SQLite gives when a WAL book's shared-memory index
/// (-shm) can neither be opened nor created.
fn cannot_make_wal_index(err: &StoreError) -> bool {
    matches!(err, StoreError::Sql(msg) if msg.contains("unable to open database file"))
        || matches!(err, StoreError::ReadOnly)
}

/// `file:PATH?immutable=1`, with the path percent-encoded as URIs need.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn too_new(path: PathBuf, found: i64) -> StoreError {
    StoreError::TooNew {
        path,
        found,
        known: migrations::SCHEMA_VERSION,
    }
}

fn classify_open_error(err: rusqlite::Error, path: &Path) -> StoreError {
    classify(StoreError::from(err), path)
}

/// Names the file in errors that are about the file itself.
fn classify(err: StoreError, path: &Path) -> StoreError {
    match err {
        StoreError::Corrupt(_) => StoreError::NotABook(path.to_path_buf()),
        StoreError::Sql(reason) if reason.contains("unable to open database file") => {
            StoreError::Open {
                path: path.to_path_buf(),
                reason,
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
    fn a_fill_puts_the_everyday_settings_back_whatever_it_returned() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::open(&dir.path().join("book.db")).unwrap();
        let setting = |book: &Book, name: &str| -> String {
            book.conn
                .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        let names = [
            "journal_mode",
            "synchronous",
            "foreign_keys",
            "cache_size",
            "threads",
        ];
        let before: Vec<String> = names.iter().map(|n| setting(&book, n)).collect();
        let during = book
            .fill_new(|book| -> Result<_, StoreError> {
                Ok(names.iter().map(|n| setting(book, n)).collect::<Vec<_>>())
            })
            .unwrap();
        assert_ne!(during, before, "the fill runs with its own settings");
        assert!(
            during[2].contains('0'),
            "no key checks while filling: {during:?}"
        );
        let after: Vec<String> = names.iter().map(|n| setting(&book, n)).collect();
        assert_eq!(after, before);
        let failed: Result<(), StoreError> =
            book.fill_new(|_| Err(StoreError::Sql("the fill failed".into())));
        assert!(failed.is_err());
        let after: Vec<String> = names.iter().map(|n| setting(&book, n)).collect();
        assert_eq!(after, before);
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
            identity::stamp(&conn).unwrap();
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
