//! Backups with SQLite's online backup: safe while the cockpit is open.

use rusqlite::{Connection, OpenFlags, backup::Backup};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Book, StoreError, migrations};

/// What a checked backup file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupInfo {
    /// Prospects in it.
    pub prospects: i64,
    /// Its schema version.
    pub schema: i64,
}

/// Copies the book to `dest` (which must not exist yet), page by page, while
/// other processes may keep writing.
pub fn backup_to(book: &Book, dest: &Path) -> Result<BackupInfo, StoreError> {
    if dest.exists() {
        return Err(StoreError::Open {
            path: dest.to_path_buf(),
            reason: "that file exists already; choose a new name so nothing is overwritten".into(),
        });
    }
    super::files::create_private(dest)?;
    let mut target = Connection::open(dest).map_err(|e| StoreError::Open {
        path: dest.to_path_buf(),
        reason: e.to_string(),
    })?;
    copy(book.conn(), &mut target)?;
    // A backup is one self-contained file, whatever mode the book uses.
    target.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    drop(target);
    check_backup(dest)
}

fn copy(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, to)?;
    backup.run_to_completion(256, Duration::from_millis(5), None)?;
    Ok(())
}

/// Checks that `path` is a sound followup book this version can open.
pub fn check_backup(path: &Path) -> Result<BackupInfo, StoreError> {
    if !path.is_file() {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "no such file".into(),
        });
    }
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| {
            StoreError::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }
        })?;
    let not_a_book = |_| StoreError::NotABook(path.to_path_buf());
    let schema: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_a_book)?;
    if schema > migrations::SCHEMA_VERSION as i64 {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: schema,
            known: migrations::SCHEMA_VERSION,
        });
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(not_a_book)?;
    if integrity != "ok" {
        return Err(StoreError::Corrupt(integrity));
    }
    let prospects: i64 = conn
        .query_row("SELECT count(*) FROM prospect", [], |r| r.get(0))
        .map_err(not_a_book)?;
    Ok(BackupInfo { prospects, schema })
}

/// Replaces the book's content with the checked backup at `src`; the old
/// content is first saved beside the book. Returns where it was saved.
pub fn restore_from(
    book: &mut Book,
    src: &Path,
    stamp: &str,
) -> Result<(BackupInfo, PathBuf), StoreError> {
    let info = check_backup(src)?;
    let aside = aside_path(book.path(), stamp);
    backup_to(book, &aside)?;
    let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    copy(&source, book.conn_mut())?;
    drop(source);
    let path = book.path().to_path_buf();
    *book = Book::open(&path)?; // upgrades an older backup's schema
    Ok((info, aside))
}

fn aside_path(book: &Path, stamp: &str) -> PathBuf {
    let name = book
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "followup.db".into());
    book.with_file_name(format!("{name}.before-restore-{stamp}"))
}
