//! Why an operation was refused, as one sentence for the user.

use thiserror::Error;

use crate::config::ConfigError;
use crate::domain::{DomainError, ProspectId, Status};
use crate::schedule::WindowError;
use crate::store::StoreError;

/// An application operation failed; nothing was written.
#[derive(Debug, Error)]
pub enum AppError {
    /// A value broke a rule of the sales process.
    #[error(transparent)]
    Invalid(#[from] DomainError),
    /// A window could not be understood.
    #[error(transparent)]
    Window(#[from] WindowError),
    /// The prospect is won, lost or closed out; only its fields can change.
    #[error("{name} (id {id}) is {status} already; nothing was changed")]
    Finished {
        /// The prospect.
        id: ProspectId,
        /// Their name, sanitised.
        name: String,
        /// Their status.
        status: Status,
    },
    /// An operation that makes no sense in the current state.
    #[error("{0}")]
    Refused(String),
    /// Input that cannot work as given (no fields to edit, an unknown
    /// series): the command line's usage errors.
    #[error("{0}")]
    Usage(String),
    /// The book could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The configuration could not be used.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl AppError {
    /// The exit status for the command line: 2 for bad input (usage), 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Invalid(_) | AppError::Window(_) | AppError::Usage(_) => 2,
            _ => 1,
        }
    }
}
