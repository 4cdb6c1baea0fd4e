//! The window language and business hours.
//!
//! A next step is agreed the way people talk ("Monday after 5 or perhaps
//! Tuesday morning", "in a couple of days", "mid January"), so it is stored
//! as a [`Window`] (start and end), not an instant. Everything here is pure:
//! `now` is always an argument.

mod amount;
mod clamp;
mod clock;
#[cfg(test)]
mod corpus_tests;
mod ctx;
mod day;
mod days_off;
mod describe;
mod error;
mod hours;
mod months;
mod numeric;
mod parse;
#[cfg(test)]
mod parse_tests;
mod tokens;
mod window;
mod words;

pub use clamp::schedule_in_business_hours;
pub use ctx::check_reach;
pub use days_off::DaysOff;
pub use describe::{describe_instant, describe_window, describe_windows};
pub use error::WindowError;
pub use hours::BusinessHours;
pub use parse::{
    DateOrder, parse_upcoming_window, parse_upcoming_windows, parse_window, parse_window_ordered,
    parse_windows_ordered,
};
pub use window::Window;
