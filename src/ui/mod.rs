//! The cockpit: a keyboard-driven dashboard over the book.
//!
//! Data flows one way: a key becomes an [`action::Input`] through the
//! [`keymap`], [`update`] turns it into new state plus [`effect::Effect`]s,
//! the run loop performs the effects through the application operations and
//! reloads, and the [`view`] draws the state.

pub mod action;
mod debrief;
pub mod demo;
mod editor;
pub mod effect;
mod fault;
mod field;
pub mod flow;
pub mod fold;
pub mod form;
mod form_check;
mod form_patch;
pub mod keymap;
pub mod keys_config;
mod lines;
pub mod outcome;
pub mod pages;
pub mod paste;
pub mod perform;
pub mod profile;
mod reopen;
mod run;
pub mod state;
pub mod team_screen;
pub mod team_sync;
mod terminal;
pub mod update;

pub use run::{Ended, run};

#[cfg(test)]
mod fold_tests;
#[cfg(test)]
mod pages_tests;
#[cfg(test)]
mod reopen_tests;
#[cfg(test)]
mod tests;
pub mod view;
mod won;
