//! Numbered schema migrations, tracked in SQLite's `user_version`.
//!
//! Each file in `migrations/` is applied once, in order, in a transaction.
//! Never edit a released migration: add the next number instead.

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookError, HookResult, M, Migrations};
use std::path::Path;

use super::StoreError;

const SQL: &[&str] = &[
    include_str!("migrations/001_book.sql"),
    include_str!("migrations/002_series.sql"),
    include_str!("migrations/003_search.sql"),
    include_str!("migrations/004_queue_indexes.sql"),
    include_str!("migrations/005_search_people.sql"),
    include_str!("migrations/006_queue_truths.sql"),
    include_str!("migrations/007_step_windows.sql"),
    include_str!("migrations/008_browse.sql"),
    include_str!("migrations/009_history.sql"),
    include_str!("migrations/010_history_codes.sql"),
    include_str!("migrations/011_import.sql"),
    include_str!("migrations/012_debriefs.sql"),
    include_str!("migrations/013_flow.sql"),
    include_str!("migrations/014_queue_counts.sql"),
    include_str!("migrations/015_quotes.sql"),
    include_str!("migrations/016_team.sql"),
    include_str!("migrations/017_parked_changes.sql"),
    include_str!("migrations/018_pipeline_totals.sql"),
    include_str!("migrations/019_queue_rows_from_indexes.sql"),
    include_str!("migrations/020_first_sync.sql"),
    include_str!("migrations/021_parked_settled.sql"),
    include_str!("migrations/022_search_on_change.sql"),
    include_str!("migrations/023_browse_by_status.sql"),
    include_str!("migrations/024_debrief_count.sql"),
    include_str!("migrations/025_debrief_totals.sql"),
];

/// The version whose hook gives every row its id and a history.
const HISTORY_VERSION: usize = 9;

/// The version whose hook lets an attempt be a quote given.
const QUOTE_VERSION: usize = 15;

/// The attempt table's outcome check as migration 001 wrote it, and as
/// [`QUOTE_VERSION`] widens it.
const OUTCOMES_BEFORE: &str =
    "CHECK (outcome IN ('reached', 'voicemail', 'no-answer', 'email', 'meeting'))";
const OUTCOMES_AFTER: &str =
    "CHECK (outcome IN ('reached', 'voicemail', 'no-answer', 'email', 'meeting', 'quote'))";

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = SQL.len();

/// The migrations, each with its hook where SQL alone cannot do the work.
fn steps() -> Vec<M<'static>> {
    SQL.iter()
        .enumerate()
        .map(|(i, sql)| {
            if i + 1 == HISTORY_VERSION {
                M::up_with_hook(sql, adopt_history)
            } else if i + 1 == QUOTE_VERSION {
                M::up_with_hook(sql, widen_outcomes)
            } else {
                M::up(sql)
            }
        })
        .collect()
}

/// The history migration's hook, in its transaction: ids and a history
/// reconstructed for every row the book already holds.
fn adopt_history(tx: &Transaction) -> HookResult {
    super::adopt::adopt(
        tx,
        super::adopt::Marks::default(),
        chrono::Utc::now(),
        super::adopt::Spelling::Words,
    )
    .and_then(|()| super::adopt::index_ids(tx))
    .map_err(|e| HookError::Hook(e.to_string()))?;
    killed_here_in_tests();
    Ok(())
}

/// The quote migration's hook, in its transaction: the attempt table's
/// outcome check takes 'quote' too. The stored definition is rewritten in
/// place (SQLite's documented way to loosen a constraint, with the schema
/// version moved on so the connection reads it again) instead of copying
/// every attempt into a new table: every stored row already passes the
/// wider check, and a large book upgrades at once.
fn widen_outcomes(tx: &Transaction) -> HookResult {
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let changed = tx.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) \
         WHERE type = 'table' AND name = 'attempt' AND instr(sql, ?1) > 0",
        [OUTCOMES_BEFORE, OUTCOMES_AFTER],
    )?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    if changed != 1 {
        return Err(HookError::Hook(
            "the attempt table is not as this release expects it (its outcome check)".into(),
        ));
    }
    Ok(())
}

/// The end-to-end tests kill the process here, with the upgrade's work done
/// but not committed (`FOLLOWUP_TEST_FAULT=kill-in-upgrade`), to show the
/// book stays as it was. Only test builds read the variable (the
/// `test-hooks` feature; see `ui/fault.rs`).
fn killed_here_in_tests() {
    #[cfg(feature = "test-hooks")]
    if std::env::var("FOLLOWUP_TEST_FAULT").as_deref() == Ok("kill-in-upgrade") {
        std::process::abort();
    }
}

/// Brings the book up to [`SCHEMA_VERSION`].
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    Migrations::new(steps())
        .to_latest(conn)
        .map_err(|e| migration_error(e, path))
}

/// Brings a bare connection to an exact schema version; used by tests that
/// build books as older releases wrote them.
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<(), StoreError> {
    Migrations::new(steps())
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
