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

    use crate::store::Book;

    /// The variable the tests set.
    const VAR: &str = "FOLLOWUP_TEST_FAULT";

    /// A fault to inject when a key is pressed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Fault {
        /// `panic-on:<key>`: panic.
        PanicOn(char),
        /// `readonly-on:<key>`: make the book read-only for this connection,
        /// so every later write fails as it would on a read-only file.
        ReadOnlyOn(char),
    }

    impl Fault {
        /// The fault the tests asked for, if any.
        pub fn from_env() -> Option<Fault> {
            let spec = std::env::var(VAR).ok()?;
            let (kind, key) = spec.split_once(':')?;
            let key = key.chars().next()?;
            match kind {
                "panic-on" => Some(Fault::PanicOn(key)),
                "readonly-on" => Some(Fault::ReadOnlyOn(key)),
                _ => None,
            }
        }

        /// Injects the fault if `key` is its trigger; returns true if it did.
        pub fn trigger(self, key: &KeyEvent, book: &Book) -> bool {
            match self {
                Fault::PanicOn(c) if key.code == KeyCode::Char(c) => {
                    panic!("test fault injected by {VAR}");
                }
                Fault::ReadOnlyOn(c) if key.code == KeyCode::Char(c) => {
                    let _ = book.conn().execute_batch("PRAGMA query_only = ON");
                    true
                }
                _ => false,
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
    pub fn trigger(self, _key: &crossterm::event::KeyEvent, _book: &crate::store::Book) -> bool {
        match self {}
    }
}
