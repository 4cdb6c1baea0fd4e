//! followup: a keyboard-driven terminal cockpit for a salesperson's follow-ups.
//!
//! The crate is layered so that the command line and the cockpit share one set
//! of application operations:
//!
//! - [`domain`]: plain types and rules (prospects, attempts, next steps, queues), no I/O.
//! - [`schedule`]: the window language ("tue morning") and business hours; pure.
//! - [`series`]: the voicemail series as data, its templates and its engine; pure.
//! - [`history`]: stable ids, hybrid-clock stamps and change records; pure.
//! - [`store`]: the only code that speaks SQL.
//! - [`report`]: the weekly flow review, computed from the history; pure.
//! - [`exchange`]: export formats (CSV, JSON Lines, iCalendar), streamed.
//! - [`app`]: the operations a salesperson performs, each one transaction.
//! - [`cli`]: the `followup` command line.
//! - [`ui`]: the cockpit.

pub mod aftersale;
pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod exchange;
pub mod history;
pub mod import;
pub mod report;
pub mod schedule;
pub mod series;
pub mod store;
pub mod team;
pub mod ui;
