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
    /// An SQLite database that is not a followup book (another program's,
    /// or one whose schema is not a book's).
    #[error("{path} is not a followup book: {reason}; nothing was changed")]
    NotOurs {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// A symbolic link whose target does not exist: following it would
    /// create a file elsewhere, with permissions nobody chose.
    #[error(
        "{0} is a symbolic link to a file that does not exist; followup never creates a file through a link, so give the real path"
    )]
    DanglingLink(PathBuf),
    /// A file that must not be overwritten is there already.
    #[error("{0} exists already; choose a new name so nothing is overwritten")]
    Exists(PathBuf),
    /// An empty database file, which a command that only reads cannot use.
    #[error("there is no book in {0} yet (the file is empty); `followup add NAME` starts one")]
    Empty(PathBuf),
    /// A book of an older schema, which a command that only reads does not
    /// upgrade (an upgrade is a write).
    #[error(
        "the book {path} was written by an older followup (schema {found}); open the cockpit or run any command that changes the book to upgrade it to schema {known}, then try again"
    )]
    Outdated {
        /// The book's path.
        path: PathBuf,
        /// The book's schema version.
        found: usize,
        /// The version this build writes.
        known: usize,
    },
    /// A file given to `restore` that is not a usable backup.
    #[error("the backup {path} cannot be restored: {reason}; the book was not changed")]
    BadBackup {
        /// The backup file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// A restore failed after the current book had been saved aside.
    #[error("{source}; the previous book is kept at {aside}")]
    AfterAside {
        /// What failed.
        source: Box<StoreError>,
        /// Where the previous book was saved.
        aside: PathBuf,
    },
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
        if let rusqlite::Error::SqlInputError { msg, .. } = &err {
            // Its display quotes the whole statement; the sentence is enough.
            return StoreError::Sql(msg.clone());
        }
        StoreError::Sql(err.to_string())
    }
}
