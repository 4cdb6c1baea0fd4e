//! The book's memory: stable identities, hybrid-clock stamps and the
//! change records every write appends (pure: no I/O; the store writes and
//! reads them in `store/history.rs`).
//!
//! The current tables are the fast projection the queues read; the history
//! is what happened, in order. Every change names the row it touched by its
//! [`Uid`] (never a local row number), carries an [`Hlc`] stamp, the device
//! that made it and its author, and the field's old and new value.
//!
//! # Which change wins
//!
//! Two changes of the same field of the same row are ordered by their stamp:
//! the greater [`Hlc`] wins, and on equal stamps the greater device id
//! (compared as bytes). Every book applies that one rule, so books that
//! exchanged their histories in any order end with the same value
//! ("last writer wins" per field, with a total order that does not trust
//! anyone's wall clock alone).

mod entry;
mod hlc;
mod project;
mod uid;

pub use entry::{Entry, EntryKind, Op, Value};
pub use hlc::Hlc;
pub use project::{PROSPECT_FIELDS, ProspectState, RowState, json_fields, project};
pub use uid::Uid;
