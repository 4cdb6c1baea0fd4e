//! What can go wrong with the book, in words a salesperson can act on.

use std::path::PathBuf;
use thiserror::Error;

use crate::domain::ProspectId;

/// An error reading or writing the book.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The folder for the book could not be made.
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file could not be opened.
    #[error("cannot open the book {path}: {reason}")]
    Open {
        /// The book's path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file exists but is not an SQLite database.
    #[error("{0} is not a followup book (it is not an SQLite database)")]
    NotABook(PathBuf),
    /// The book was written by a newer version of followup.
    #[error(
        "the book {path} was written by a newer followup (schema {found}, this one knows up to {known}); upgrade followup to open it"
    )]
    TooNew {
        /// The book's path.
        path: PathBuf,
        /// The book's schema version.
        found: i64,
        /// The newest this build knows.
        known: usize,
    },
    /// Another program held the book for longer than the busy timeout.
    #[error("the book is busy in another program; try again in a moment")]
    Locked,
    /// The book (or its folder) cannot be written.
    #[error("the book is read-only; check the permissions of the file and its folder")]
    ReadOnly,
    /// The disk is full.
    #[error("the disk is full; nothing was written")]
    DiskFull,
    /// The file is damaged.
    #[error("the book is damaged ({0}); restore it from a backup")]
    Corrupt(String),
    /// No prospect has this id.
    #[error("there is no prospect with id {0}")]
    NoSuchProspect(ProspectId),
    /// A migration failed.
    #[error("the book could not be upgraded to this version of followup: {0}")]
    Migration(String),
    /// Anything else SQLite reported.
    #[error("the book could not be read or written: {0}")]
    Sql(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(code, _) = &err {
            match code.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StoreError::Locked,
                ErrorCode::ReadOnly => return StoreError::ReadOnly,
                ErrorCode::DiskFull => return StoreError::DiskFull,
                ErrorCode::DatabaseCorrupt => return StoreError::Corrupt(err.to_string()),
                ErrorCode::NotADatabase => return StoreError::Corrupt(err.to_string()),
                _ => {}
            }
        }
        StoreError::Sql(err.to_string())
    }
}
