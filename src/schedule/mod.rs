//! The window language and business hours.
//!
//! A next step is agreed the way people talk ("Monday after 5", "tue morning",
//! "in 2 days"), so it is stored as a [`Window`] (start and end), not an
//! instant. Everything here is pure: `now` is always an argument.

mod clamp;
mod clock;
mod ctx;
mod day;
mod describe;
mod error;
mod hours;
mod parse;
#[cfg(test)]
mod parse_tests;
mod tokens;
mod window;

pub use clamp::schedule_in_business_hours;
pub use ctx::check_reach;
pub use describe::{describe_instant, describe_window};
pub use error::WindowError;
pub use hours::BusinessHours;
pub use parse::parse_window;
pub use window::Window;
