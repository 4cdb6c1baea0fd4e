//! The team: several consultants' local books sharing one change history
//! through a PostgreSQL server (the hub), with who-may-do-what enforced by
//! the server's roles and row-level security.
//!
//! The local SQLite book stays the one every command reads and writes;
//! `followup sync` pushes this book's own changes to the server and pulls
//! everyone else's that the server lets this member read, applying them
//! with the history's merge rule (`store::merge`).

pub mod coaching;
pub mod config;
pub mod roles;
pub mod schema;
pub mod server;
pub mod sync;
#[cfg(feature = "test-hooks")]
pub mod testing;

use thiserror::Error;

use crate::store::StoreError;

/// What went wrong talking to the team's server.
#[derive(Debug, Error)]
pub enum TeamError {
    /// `[team]` in config.toml is missing or unusable.
    #[error("{0}")]
    Config(String),
    /// The server could not be reached.
    #[error("{0}")]
    Offline(String),
    /// The server refused, or answered something this followup cannot use.
    #[error("{0}")]
    Refused(String),
    /// The local book could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<postgres::Error> for TeamError {
    fn from(e: postgres::Error) -> TeamError {
        if e.as_db_error().is_none() {
            TeamError::Offline(format!("the team server: {}", error_text(&e)))
        } else {
            TeamError::Refused(format!("the team server refused: {}", error_text(&e)))
        }
    }
}

/// A server error as one line: the server's own message when it sent one.
pub(crate) fn error_text(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}
#[cfg(all(test, feature = "test-hooks"))]
mod tests;
