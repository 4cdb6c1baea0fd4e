//! Faults injected by the end-to-end tests through `FOLLOWUP_TEST_FAULT`,
//! so they can show the cockpit survives an internal error and restores the
//! terminal on a panic.
//!
//! Only test builds have them (the `test-hooks` feature, which the package's
//! dev-dependency on itself turns on): in every build a user runs, [`Fault`]
//! has no values, the variable is never read and the hook compiles to
//! nothing, so no environment variable can make the cockpit panic.

#[cfg(feature = "test-hooks")]
pub use hooks::Fault;

#[cfg(feature = "test-hooks")]
mod hooks {
    use crossterm::event::{KeyCode, KeyEvent};

    use crate::app::AppError;
    use crate::store::Book;

    /// The variable the tests set.
    const VAR: &str = "FOLLOWUP_TEST_FAULT";

    /// A fault to inject when a key is pressed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Fault {
        /// `panic-on:<key>`: panic.
        Panic(char),
        /// `readonly-on:<key>`: make the book read-only for this connection,
        /// so every later write fails as it would on a read-only file.
        ReadOnly(char),
        /// `error-on:<key>`: end the run loop with an error, as a terminal
        /// that can no longer be read or drawn on does.
        Error(char),
    }

    impl Fault {
        /// The fault the tests asked for, if any.
        pub fn from_env() -> Option<Fault> {
            let spec = std::env::var(VAR).ok()?;
            let (kind, key) = spec.split_once(':')?;
            let key = key.chars().next()?;
            match kind {
                "panic-on" => Some(Fault::Panic(key)),
                "readonly-on" => Some(Fault::ReadOnly(key)),
                "error-on" => Some(Fault::Error(key)),
                _ => None,
            }
        }

        /// Injects the fault if `key` is its trigger; returns true if it did
        /// (or the error the loop must end with).
        pub fn trigger(self, key: &KeyEvent, book: &Book) -> Result<bool, AppError> {
            match self {
                Fault::Panic(c) if key.code == KeyCode::Char(c) => {
                    panic!("test fault injected by {VAR}");
                }
                Fault::ReadOnly(c) if key.code == KeyCode::Char(c) => {
                    let _ = book.conn().execute_batch("PRAGMA query_only = ON");
                    Ok(true)
                }
                Fault::Error(c) if key.code == KeyCode::Char(c) => {
                    Err(AppError::Refused(format!("test fault injected by {VAR}")))
                }
                _ => Ok(false),
            }
        }
    }
}

/// No faults outside test builds: a type with no values.
#[cfg(not(feature = "test-hooks"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {}

#[cfg(not(feature = "test-hooks"))]
impl Fault {
    /// Never a fault.
    pub fn from_env() -> Option<Fault> {
        None
    }

    /// Unreachable: there is no fault to trigger.
    pub fn trigger(
        self,
        _key: &crossterm::event::KeyEvent,
        _book: &crate::store::Book,
    ) -> Result<bool, crate::app::AppError> {
        match self {}
    }
}
