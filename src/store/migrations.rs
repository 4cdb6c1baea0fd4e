//! Numbered schema migrations, tracked in SQLite's `user_version`.
//!
//! Each file in `migrations/` is applied once, in order, in a transaction.
//! Never edit a released migration: add the next number instead.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use std::path::Path;

use super::StoreError;

const STEPS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_book.sql")),
    M::up(include_str!("migrations/002_series.sql")),
    M::up(include_str!("migrations/003_search.sql")),
    M::up(include_str!("migrations/004_queue_indexes.sql")),
    M::up(include_str!("migrations/005_search_people.sql")),
    M::up(include_str!("migrations/006_queue_truths.sql")),
    M::up(include_str!("migrations/008_browse.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = STEPS.len();

/// Brings the book up to [`SCHEMA_VERSION`].
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    Migrations::from_slice(STEPS)
        .to_latest(conn)
        .map_err(|e| migration_error(e, path))
}

/// Brings a bare connection to an exact schema version; used by tests that
/// build books as older releases wrote them.
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<(), StoreError> {
    Migrations::from_slice(STEPS)
        .to_version(conn, version)
        .map_err(|e| migration_error(e, Path::new(":memory:")))
}

fn migration_error(err: rusqlite_migration::Error, path: &Path) -> StoreError {
    match err {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::from(err),
        rusqlite_migration::Error::MigrationDefinition(
            rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
        ) => StoreError::TooNew {
            path: path.to_path_buf(),
            found: -1,
            known: SCHEMA_VERSION,
        },
        other => StoreError::Migration(other.to_string()),
    }
}
