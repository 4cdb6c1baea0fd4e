//! Restoring a backup: only a followup book is taken, checked whole before
//! the live book is touched, and the live book is kept aside first.

use rusqlite::{Connection, OpenFlags, backup::Backup};
use std::path::{Path, PathBuf};

use super::backup::{BackupInfo, backup_to, vacuum_into};
use super::identity::{self, Identity};
use super::open::BUSY_TIMEOUT;
use super::{Book, StoreError, files, migrations};

/// How many "-2", "-3"… names to try for the copy of the book kept aside
/// when restores run more than once within the same second.
const ASIDE_NAMES: usize = 100;

/// Replaces the book's content with the backup at `src`; the current
/// content is first saved beside the book. Returns what was restored and
/// where the previous book was saved.
///
/// The backup is copied into a scratch file beside the book and made a
/// current book there: upgraded from an older schema, stamped, and its
/// schema compared with the one this version creates, table by table and
/// column by column. Anything that is not a followup book, or does not
/// upgrade cleanly, is refused naming the backup, before the live book is
/// touched.
///
/// The scratch copy is given the live book's page size, then copied into
/// the live book with SQLite's backup API in a single step, which is one
/// write transaction: atomic, and safe while the cockpit has the book open
/// (it sees the new content at its next read, as after any other write).
/// Renaming a file over the book instead would pull it from under an open
/// cockpit, whose -wal file would then be applied to the wrong database.
pub fn restore_from(
    book: &mut Book,
    src: &Path,
    stamp: &str,
) -> Result<(BackupInfo, PathBuf), StoreError> {
    let bad = |reason: String| StoreError::BadBackup {
        path: src.to_path_buf(),
        reason,
    };
    let page_size: i64 = book
        .conn()
        .pragma_query_value(None, "page_size", |r| r.get(0))?;
    let (scratch, candidate, info) = prepare(src, book.path(), page_size).map_err(bad)?;
    let aside = save_aside(book, stamp)?;
    let kept = |source: StoreError| StoreError::AfterAside {
        source: Box::new(source),
        aside: aside.clone(),
    };
    copy_into(&candidate, book.conn_mut()).map_err(kept)?;
    drop(candidate);
    drop(scratch);
    let path = book.path().to_path_buf();
    *book = Book::open(&path).map_err(kept)?;
    Ok((info, aside))
}

/// Builds the current-schema book the backup at `src` stands for, in a
/// private scratch file beside `book`; `Err` says, in words, why it is not
/// a usable backup.
fn prepare(
    src: &Path,
    book: &Path,
    page_size: i64,
) -> Result<(tempfile::NamedTempFile, Connection, BackupInfo), String> {
    let source = open_source(src)?;
    let schema = match identity::identify(&source).map_err(|e| reason(&e))? {
        Identity::Book { version, .. } => version as i64,
        Identity::Empty => return Err("it is empty".into()),
        Identity::Newer(found) => {
            return Err(format!(
                "it was written by a newer followup (schema {found}; this one knows up to {})",
                migrations::SCHEMA_VERSION
            ));
        }
        Identity::Foreign(why) => return Err(why),
    };
    let integrity: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| format!("it cannot be read ({e})"))?;
    if integrity != "ok" {
        return Err(format!("it is damaged ({integrity})"));
    }
    let dir = match book.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = book
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "followup.db".into());
    let scratch = files::temp_beside(dir, &format!("{name}.restoring"))
        .map_err(|e| format!("no scratch copy could be made beside the book ({e})"))?;
    vacuum_into(&source, scratch.path())
        .map_err(|e| format!("it cannot be copied ({})", reason(&e)))?;
    drop(source);
    let mut candidate =
        Connection::open(scratch.path()).map_err(|e| format!("its copy cannot be opened ({e})"))?;
    let scratch_error = |e: rusqlite::Error| format!("its copy cannot be prepared ({e})");
    candidate
        .pragma_update(None, "journal_mode", "DELETE")
        .map_err(scratch_error)?;
    let copy_page_size: i64 = candidate
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .map_err(scratch_error)?;
    if copy_page_size != page_size {
        candidate
            .pragma_update(None, "page_size", page_size)
            .map_err(scratch_error)?;
        candidate.execute_batch("VACUUM").map_err(scratch_error)?;
    }
    migrations::migrate(&mut candidate, scratch.path()).map_err(|e| {
        format!(
            "it could not be upgraded to this version of followup ({})",
            reason(&e)
        )
    })?;
    identity::stamp(&candidate).map_err(|e| reason(&e))?;
    let found = identity::schema_of(&candidate).map_err(|e| reason(&e))?;
    let expected = identity::expected_schema(migrations::SCHEMA_VERSION).map_err(|e| reason(&e))?;
    if let Some(difference) = identity::difference(&found, &expected) {
        return Err(format!(
            "its tables are not a followup book's: {difference}"
        ));
    }
    let prospects: i64 = candidate
        .query_row("SELECT count(*) FROM prospect", [], |r| r.get(0))
        .map_err(|e| format!("it cannot be read ({e})"))?;
    Ok((scratch, candidate, BackupInfo { prospects, schema }))
}

/// Opens the backup only to read it; its first read tells a file that is
/// not a database apart.
fn open_source(src: &Path) -> Result<Connection, String> {
    match std::fs::metadata(src) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err("it is not a file".into()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("there is no such file".into());
        }
        Err(e) => return Err(format!("it cannot be read ({e})")),
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(src, flags)
        .map_err(|e| format!("it cannot be opened ({e})"))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| format!("it cannot be opened ({e})"))?;
    Ok(conn)
}

/// A store error as the reason a backup is refused, without the words
/// that speak of "the book".
fn reason(err: &StoreError) -> String {
    match err {
        StoreError::Corrupt(_) | StoreError::NotABook(_) => "it is not an SQLite database".into(),
        StoreError::Sql(msg) | StoreError::Migration(msg) => msg.clone(),
        other => other.to_string(),
    }
}

/// Saves the book beside itself as `NAME.before-restore-STAMP` (or `-2`,
/// `-3`… if a restore in the same second kept one already).
fn save_aside(book: &Book, stamp: &str) -> Result<PathBuf, StoreError> {
    let name = book
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "followup.db".into());
    let first = book
        .path()
        .with_file_name(format!("{name}.before-restore-{stamp}"));
    for n in 1..=ASIDE_NAMES {
        let aside = if n == 1 {
            first.clone()
        } else {
            book.path()
                .with_file_name(format!("{name}.before-restore-{stamp}-{n}"))
        };
        match backup_to(book, &aside) {
            Ok(_) => return Ok(aside),
            Err(StoreError::Exists(_)) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(StoreError::Exists(first))
}

/// Copies the prepared candidate over the live book in one step (one write
/// transaction). Taking the live book's write lock waits out another
/// writer through the live connection's busy timeout.
fn copy_into(candidate: &Connection, live: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(candidate, live)?;
    match backup.step(-1)? {
        rusqlite::backup::StepResult::Done => Ok(()),
        _ => Err(StoreError::Locked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_failure_after_saving_aside_names_the_saved_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.db");
        let mut book = Book::open(&path).unwrap();
        let backup = dir.path().join("backup.db");
        backup_to(&book, &backup).unwrap();
        // Another program holds the write lock longer than we wait.
        book.conn_mut()
            .busy_timeout(Duration::from_millis(10))
            .unwrap();
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let err = restore_from(&mut book, &backup, "20261123-090000").unwrap_err();
        other.execute_batch("ROLLBACK").unwrap();
        let StoreError::AfterAside { aside, .. } = &err else {
            panic!("{err:?}");
        };
        assert!(aside.exists());
        assert!(
            err.to_string().contains(&aside.display().to_string()),
            "{err}"
        );
    }
}
