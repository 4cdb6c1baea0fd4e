//! What every operation needs besides the book: settings and series.

use chrono::{DateTime, Local};

use super::AppError;
use crate::config::Config;
use crate::domain::Prospect;
use crate::schedule::{BusinessHours, Window, describe_window, parse_window};
use crate::series::{Series, SeriesLibrary};

/// Settings and series in force for a run.
#[derive(Debug, Clone)]
pub struct Context {
    /// The salesperson's settings.
    pub config: Config,
    /// The series available.
    pub library: SeriesLibrary,
    /// User series files that could not be loaded, one sentence each.
    pub series_warnings: Vec<String>,
}

impl Context {
    /// Loads `config.toml` and the user's series files.
    pub fn load() -> Result<Context, AppError> {
        Ok(Context::from_config(Config::load()?))
    }

    /// Builds the context for a configuration, loading its series folder.
    pub fn from_config(config: Config) -> Context {
        let dir = config.series_dir();
        let (library, errors) = SeriesLibrary::load(dir.as_deref());
        Context {
            config,
            library,
            series_warnings: errors.iter().map(ToString::to_string).collect(),
        }
    }

    /// Built-in defaults only: for tests and examples.
    pub fn builtin() -> Context {
        Context {
            config: Config::default(),
            library: SeriesLibrary::builtin(),
            series_warnings: Vec::new(),
        }
    }

    /// Business hours in force.
    pub fn hours(&self) -> &BusinessHours {
        &self.config.hours.value
    }

    /// The series a prospect follows (the default if theirs is unknown).
    pub fn series_for(&self, prospect: &Prospect) -> &Series {
        self.library.resolve(
            prospect.series.name.as_deref(),
            &self.config.default_series.value,
        )
    }

    /// Parses a window typed by the user for a next step, as of `now`. A
    /// window that has already ended is refused: a next step agreed for the
    /// past would be overdue the moment it is set.
    pub fn window(&self, when: &str, now: &DateTime<Local>) -> Result<Window, AppError> {
        let window = parse_window(when, now, self.hours())?;
        if window.has_ended(now.with_timezone(&chrono::Utc)) {
            return Err(AppError::Usage(format!(
                "\"{}\" ({}) has already passed; give a time from now on, e.g. \"tomorrow\"",
                crate::domain::text::sanitize_line(when.trim()),
                describe_window(&window, now, self.hours())
            )));
        }
        Ok(window)
    }
}
