//! What every operation needs besides the book: settings and series.

use chrono::{DateTime, Local};

use super::AppError;
use crate::aftersale::Plan;
use crate::config::Config;
use crate::domain::Prospect;
use crate::schedule::{BusinessHours, Window, parse_upcoming_window, parse_upcoming_windows};
use crate::series::{Series, SeriesLibrary};

/// Settings and series in force for a run.
#[derive(Debug, Clone)]
pub struct Context {
    /// The salesperson's settings.
    pub config: Config,
    /// The series available.
    pub library: SeriesLibrary,
    /// The after-sale plan won customers follow.
    pub plan: Plan,
    /// What is wrong with the configuration but did not stop the run (a
    /// series file that did not load, an unknown default series), one
    /// sentence each: printed on stderr, shown by `followup config` and in
    /// the cockpit's status line when it opens.
    pub warnings: Vec<String>,
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
        let mut warnings: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let (plan, plan_error) =
            Plan::load(config.series_dir().as_deref().and_then(|d| d.parent()));
        warnings.extend(plan_error.map(|e| e.to_string()));
        let default = &config.default_series;
        if library.get(&default.value).is_none() {
            warnings.push(format!(
                "series.default is \"{}\" ({}), but there is no such series; new prospects follow \"{}\" (`followup series` lists them)",
                default.value,
                default.source,
                library.default_series(&default.value).name
            ));
        }
        Context {
            config,
            library,
            plan,
            warnings,
        }
    }

    /// Built-in defaults only: for tests and examples.
    pub fn builtin() -> Context {
        Context {
            config: Config::default(),
            library: SeriesLibrary::builtin(),
            plan: Plan::builtin(),
            warnings: Vec::new(),
        }
    }

    /// Who the changes written in this session are by: the profile's name
    /// (`None`: the single user's default).
    pub fn author(&self) -> Option<&str> {
        self.config.my_name.value.as_deref()
    }

    /// Business hours in force.
    pub fn hours(&self) -> &BusinessHours {
        &self.config.hours.value
    }

    /// The series new prospects follow (see [`SeriesLibrary::default_series`]).
    pub fn default_series(&self) -> &Series {
        self.library
            .default_series(&self.config.default_series.value)
    }

    /// The series named `name` (`None`: the default); `None` when it is
    /// missing (see [`SeriesLibrary::resolve`]).
    pub fn series_named(&self, name: Option<&str>) -> Option<&Series> {
        self.library
            .resolve(name, &self.config.default_series.value)
    }

    /// The series a prospect follows; `None` when it is missing.
    pub fn series_for(&self, prospect: &Prospect) -> Option<&Series> {
        self.series_named(prospect.series.name.as_deref())
    }

    /// Why nothing that needs `prospect`'s series can be done: it is
    /// missing. One sentence naming the series and the ways out.
    pub fn series_missing(&self, prospect: &Prospect) -> AppError {
        AppError::Refused(format!(
            "the series \"{}\" of {} is missing (its file is not in the series folder or did not load, see `followup config`); put it back, or choose another with `followup edit {} --series NAME`",
            prospect.series.name.as_deref().unwrap_or_default(),
            crate::domain::text::sanitize_line(&prospect.name),
            prospect.id
        ))
    }

    /// Parses a window typed by the user for a next step, as of `now`,
    /// reading numeric dates in the configured `[schedule] date_order`. A
    /// window that has already ended, or a past word ("yesterday"), is
    /// refused as passed: a next step agreed for the past would be overdue
    /// the moment it is set.
    pub fn window(&self, when: &str, now: &DateTime<Local>) -> Result<Window, AppError> {
        Ok(parse_upcoming_window(
            when,
            now,
            self.hours(),
            self.config.date_order.value,
        )?)
    }

    /// [`Context::window`] keeping alternatives apart: "mon after 5 or tue
    /// morning" is two windows, in time order; alternatives that have
    /// already ended are left out. Never empty on success.
    pub fn windows(&self, when: &str, now: &DateTime<Local>) -> Result<Vec<Window>, AppError> {
        Ok(parse_upcoming_windows(
            when,
            now,
            self.hours(),
            self.config.date_order.value,
        )?)
    }
}
