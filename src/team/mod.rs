//! The team: several consultants' local books sharing one change history
//! through a PostgreSQL server (the hub), with who-may-do-what enforced by
//! the server's roles and row-level security.
//!
//! The local SQLite book stays the one every command reads and writes;
//! `followup sync` pushes this book's own changes to the server and pulls
//! everyone else's that the server lets this member read, applying them
//! with the history's merge rule (`store::merge`).

#[cfg(feature = "test-hooks")]
pub mod testing;
