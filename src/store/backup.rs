//! Backups: a consistent copy of the book in one read transaction, so they
//! finish however busy the cockpit or another command is.

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

use super::identity::{self, Identity};
use super::{Book, StoreError, files};

/// What a checked backup file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupInfo {
    /// Prospects in it.
    pub prospects: i64,
    /// Its schema version.
    pub schema: i64,
}

/// Copies the book to `dest`, which must not exist yet (an empty file left
/// by an older release's failed backup does not count), while other
/// processes may keep writing. The copy is 0600, like the book.
///
/// `VACUUM INTO` reads the whole book in one read transaction, which in
/// WAL mode never waits for writers and is never restarted by them (SQLite's
/// online backup starts over whenever another process writes, so a busy
/// book was never copied). The copy is built in a private temporary file
/// beside `dest`, synced, checked, then linked to its name without
/// replacing anything: a failure leaves no file at `dest`.
pub fn backup_to(book: &Book, dest: &Path) -> Result<BackupInfo, StoreError> {
    files::require_free(dest)?;
    let temp = vacuum_beside(book, dest)?;
    let info = check_backup(temp.path())?;
    files::publish(temp.path(), dest)?;
    Ok(info)
}

/// Writes a synced, self-contained copy of `book` into a new temporary file
/// in `dest`'s folder (created 0700 if missing).
pub(super) fn vacuum_beside(
    book: &Book,
    dest: &Path,
) -> Result<tempfile::NamedTempFile, StoreError> {
    let dir = match dest.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    let temp = files::temp_beside(&dir, &name)?;
    vacuum_into(book.conn(), temp.path())?;
    temp.as_file().sync_all().map_err(|e| StoreError::Open {
        path: dest.to_path_buf(),
        reason: e.to_string(),
    })?;
    Ok(temp)
}

/// `VACUUM INTO` the empty file at `target`: a compact copy in rollback
/// mode, whatever mode the source uses. Allowed on a connection opened for
/// reading only, whose `query_only` guard is lifted for this one statement
/// (it writes only `target`).
pub(super) fn vacuum_into(conn: &Connection, target: &Path) -> Result<(), StoreError> {
    let target = target.to_str().ok_or_else(|| StoreError::Open {
        path: target.to_path_buf(),
        reason: "the folder's name is not valid text, which SQLite needs".into(),
    })?;
    let guarded: bool = conn.pragma_query_value(None, "query_only", |r| r.get(0))?;
    if guarded {
        conn.pragma_update(None, "query_only", "OFF")?;
    }
    let result = conn.execute("VACUUM INTO ?1", [target]);
    if guarded {
        conn.pragma_update(None, "query_only", "ON")?;
    }
    result?;
    Ok(())
}

/// Checks that `path` is a sound followup book this version can open (at
/// its schema or an older one) and counts its prospects.
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
    let not_a_book = |_: rusqlite::Error| StoreError::NotABook(path.to_path_buf());
    let identity =
        identity::identify(&conn).map_err(|_| StoreError::NotABook(path.to_path_buf()))?;
    let schema = match identity {
        Identity::Book { version, .. } => version as i64,
        Identity::Newer(found) => {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                known: super::SCHEMA_VERSION,
            });
        }
        Identity::Empty => return Err(StoreError::Empty(path.to_path_buf())),
        Identity::Foreign(reason) => {
            return Err(StoreError::NotOurs {
                path: path.to_path_buf(),
                reason,
            });
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::OpenMode;

    #[test]
    fn a_backup_is_a_private_self_contained_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.db");
        drop(Book::open(&path).unwrap());
        let book = Book::open_as(&path, OpenMode::Copy).unwrap();
        let dest = dir.path().join("copies/backup.db");
        let info = backup_to(&book, &dest).unwrap();
        assert_eq!(info.prospects, 0);
        let conn = Connection::open(&dest).unwrap();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dest).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let names: Vec<_> = std::fs::read_dir(dest.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }
}
