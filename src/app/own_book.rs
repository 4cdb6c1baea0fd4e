//! Leaving the sample book for the user's own: open it where it is, or
//! start it empty there. Nothing the user has is ever written over.

use std::path::PathBuf;

use super::AppError;
use crate::config::{Setting, Source};
use crate::store::{Book, OpenMode};

/// The user's own book at `path` (from `--db`, `$FOLLOWUP_DB` or the
/// default), and whether it existed: an existing book is opened as it is,
/// a missing one is created empty. A path chosen by flag or environment
/// must be in a folder that exists; the default folder is created.
pub fn open_own_book(path: &Setting<PathBuf>) -> Result<(Book, bool), AppError> {
    let existed = std::fs::symlink_metadata(&path.value).is_ok();
    if path.source != Source::Default
        && let Some(dir) = path.value.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(AppError::Refused(format!(
            "there is no folder {}; a book is only started in a folder that exists (check {})",
            dir.display(),
            path.source
        )));
    }
    // The store refuses anything that is not a followup book, and only
    // upgrades the schema of one that is.
    let book = Book::open_as(&path.value, OpenMode::Write)?;
    Ok((book, existed))
}
