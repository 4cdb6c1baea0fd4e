//! Why text could not be turned into a window.

use thiserror::Error;

/// Examples shown with errors that could not pin down what went wrong.
const EXAMPLES: &str =
    r#"try e.g. "tomorrow", "tue morning", "thu 3pm", "in 2 days" or "2026-11-23 14:30""#;

/// ` in "…"` naming the whole input, unless it is just the word itself.
fn in_input(word: &str, input: &str) -> String {
    if word == input.trim().to_lowercase() {
        String::new()
    } else {
        format!(" in \"{input}\"")
    }
}

/// ` (Fri 20 Nov)` naming the window a past phrase meant, if known.
fn when_text(when: &Option<String>) -> String {
    when.as_ref()
        .map_or_else(String::new, |w| format!(" ({w})"))
}

/// `"dec 1" or "12 jan"` for the readings "Dec 1 or 12 Jan": what to write
/// instead of an ambiguous numeric date.
fn suggestion(readings: &str) -> String {
    readings
        .split(" or ")
        .map(|r| format!("\"{}\"", r.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Why a window could not be understood or scheduled. Each message is one
/// sentence naming what was not understood.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WindowError {
    /// The input was empty or blank.
    #[error("no time given; {examples}", examples = EXAMPLES)]
    Empty,
    /// A word or symbol that fits nowhere.
    #[error(
        "could not understand \"{word}\"{}; {examples}",
        in_input(.word, .input),
        examples = EXAMPLES
    )]
    Unknown {
        /// The word not understood.
        word: String,
        /// The whole input.
        input: String,
    },
    /// A phrase that stops before it is complete ("next", "in 2", "between 2").
    #[error("\"{0}\" is incomplete; {examples}", examples = EXAMPLES)]
    Incomplete(String),
    /// `in N` without a unit.
    #[error("\"{0}\" needs a unit, e.g. \"in 2 days\", \"in 3 hours\" or \"in 15 min\"")]
    MissingUnit(String),
    /// A clock time that does not exist ("25:00", "13pm").
    #[error("{0} is not a time of day")]
    NotATime(String),
    /// A day past the end of its month ("feb 30").
    #[error("{month} has no day {day}")]
    NoSuchDay {
        /// The month, with the year if one was given ("February 2026").
        month: String,
        /// The day asked for.
        day: u64,
    },
    /// An ISO date that is malformed or has no such month.
    #[error("\"{0}\" is not a valid date; write dates as YYYY-MM-DD, e.g. \"2026-11-23\"")]
    InvalidDate(String),
    /// Beyond about 100 years ahead (or past year 9999).
    #[error("\"{0}\" is too far in the future; give a time within the next 100 years")]
    TooFar(String),
    /// More than about 100 years ago.
    #[error("\"{0}\" is too far in the past")]
    TooLongAgo(String),
    /// A negative amount ("in -5 days").
    #[error("\"{0}\" is a negative amount; give a time from now on, e.g. \"in 2 days\"")]
    Negative(String),
    /// The window would end before it starts ("between 5pm and 3pm").
    #[error("\"{text}\" would end at {end}, before it starts at {start}")]
    EndsBeforeStart {
        /// The phrase.
        text: String,
        /// When it would start ("17:00").
        start: String,
        /// When it would end ("15:00").
        end: String,
    },
    /// "evening" when business hours end by 17:00.
    #[error("evening starts at 17:00, but business hours end at {0}")]
    EveningAfterHours(String),
    /// Two day parts in one alternative ("tue wed").
    #[error("two days given (\"{0}\" and \"{1}\"); give one, or join them with \"or\"")]
    TwoDays(String, String),
    /// Two time parts in one alternative ("3pm 4pm").
    #[error("two times given (\"{0}\" and \"{1}\"); give one, or a range like \"3pm-4pm\"")]
    TwoTimes(String, String),
    /// A precise time or multi-day span given a time of day ("now 3pm").
    #[error("\"{0}\" cannot be combined with the time of day \"{1}\"")]
    CannotCombine(String, String),
    /// A local time that never occurs in the time zone.
    #[error("{0} does not exist in the local time zone")]
    Nonexistent(String),
    /// A time already gone: a past word ("yesterday", "last monday",
    /// "2 days ago") or a window that has ended. A next step agreed for the
    /// past would be overdue the moment it is set.
    #[error("\"{text}\"{} has already passed; give a time from now on, e.g. \"tomorrow\"", when_text(.when))]
    Passed {
        /// What was typed (or the past word).
        text: String,
        /// The window it meant, described ("Fri 20 Nov"), if it was parsed.
        when: Option<String>,
    },
    /// A numeric date that reads differently month-first and day-first
    /// ("12/1"), or a bare "3-4" that may also be a time.
    #[error(
        "\"{text}\" could mean {}; write {}{} (or set date_order in the [schedule] section of config.toml)",
        if *.time { format!("{}, or a time", .readings.replacen(" or ", ", ", 1)) } else { .readings.clone() },
        suggestion(.readings),
        if *.time { format!(", or \"{text}pm\" for a time") } else { String::new() }
    )]
    AmbiguousDate {
        /// The date as typed.
        text: String,
        /// Its readings, e.g. "Dec 1 or 12 Jan".
        readings: String,
        /// True if it may also be a time range ("3-4").
        time: bool,
    },
    /// Business hours with no working day.
    #[error("business hours have no working days, so nothing can be scheduled")]
    NoWorkingDays,
    /// A span whose working days are all days off ("next week" during the
    /// holidays): which day is meant is the user's to say.
    #[error(
        "\"{0}\" falls on days off only (see [days_off] in config.toml); name the day, e.g. \"jan 4\""
    )]
    OnlyDaysOff(String),
    /// Business hours that end before they start.
    #[error("business hours end at {end}, before they start at {start}")]
    BadHours {
        /// Configured start ("08:00").
        start: String,
        /// Configured end ("20:00").
        end: String,
    },
}
