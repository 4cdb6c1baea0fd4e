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
#[cfg(feature = "test-hooks")]
pub mod dump;
pub mod first_sync;
pub mod hub;
pub mod retry;
pub mod roles;
pub mod schema;
pub mod server;
pub mod sync;
#[cfg(feature = "test-hooks")]
pub mod testing;
pub mod tls;

use thiserror::Error;

use crate::store::StoreError;

/// What every command that needs the team's server says when config.toml
/// names none: that there is none, and how to name one.
pub const NO_SERVER: &str = "no team server is configured: add [team] server = \"host=... user=... dbname=...\" \
     to config.toml (README's \"A team\" shows how)";

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

impl From<tokio_postgres::Error> for TeamError {
    fn from(e: tokio_postgres::Error) -> TeamError {
        if e.as_db_error().is_none() {
            TeamError::Offline(format!("the team server: {}", error_text(&e)))
        } else {
            TeamError::Refused(format!("the team server refused: {}", error_text(&e)))
        }
    }
}

/// A server error as one line: the server's own message when it sent one,
/// else the error and its causes ("error performing TLS handshake: server
/// does not support TLS").
pub(crate) fn error_text(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        cause = c.source();
    }
    text.replace('\n', " ")
}
#[cfg(all(test, feature = "test-hooks"))]
mod first_sync_tests;
#[cfg(all(test, feature = "test-hooks"))]
mod tests;
#[cfg(all(test, feature = "test-hooks"))]
mod tls_tests;
