//! Where things live and the salesperson's settings (`config.toml`).
//!
//! Every value has a source — built-in default, the config file, or an
//! environment variable — so `followup config` can say where each came from.

use chrono::Weekday;
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

use crate::schedule::{BusinessHours, DateOrder, DaysOff};

mod file;
mod keys;
mod paths;
#[cfg(test)]
mod tests;
mod write;

use file::{FileConfig, parse_clock, parse_date_order};
pub use file::{date_order_name, line_of};
pub use keys::KeyChoice;
pub use paths::{book_path, config_dir, default_book_path};
pub use write::{ProfileChange, edit_profile, write_profile};

pub use paths::{CONFIG_DIR_ENV, DB_ENV};

/// A configuration file that could not be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid (syntax or values).
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is not TOML, so changing it would lose what it holds.
    #[error(
        "cannot change {path}: line {line} is not valid TOML ({message}); fix it or move it aside first"
    )]
    NotToml {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file or its folder could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No home folder to keep the book in.
    #[error("cannot find a home folder for the book; give one with --db PATH or {DB_ENV}")]
    NoHome,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built into followup.
    Default,
    /// Read from this file.
    File(PathBuf),
    /// Given by this environment variable.
    Env(&'static str),
    /// Given on the command line.
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Env(v) => write!(f, "${v}"),
            Source::Flag(flag) => write!(f, "{flag}"),
        }
    }
}

/// A setting and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    /// The value in force.
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

impl<T> Setting<T> {
    pub(crate) fn default(value: T) -> Self {
        Setting {
            value,
            source: Source::Default,
        }
    }
}

/// The salesperson's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Folder holding `config.toml` and `series/`.
    pub dir: Option<PathBuf>,
    /// The salesperson's name, signed on scripts.
    pub my_name: Setting<Option<String>>,
    /// The salesperson's phone number.
    pub my_phone: Setting<Option<String>>,
    /// The salesperson's company.
    pub my_company: Setting<Option<String>>,
    /// When calls are made.
    pub hours: Setting<BusinessHours>,
    /// The series a new prospect follows.
    pub default_series: Setting<String>,
    /// Days without an attempt before an active prospect has gone quiet.
    pub quiet_days: Setting<u32>,
    /// How numeric dates (`12/1`) are read; `None`: ambiguous ones are
    /// refused with what to write instead.
    pub date_order: Setting<Option<DateOrder>>,
    /// Minutes an exact time may run over before the step is late.
    pub grace_minutes: Setting<u32>,
    /// Holidays and personal days off, shown with their source; the same
    /// days are in `hours` (`BusinessHours::days_off`), where every business
    /// day is computed.
    pub days_off: Setting<DaysOff>,
    /// `[keys]` as written: the cockpit's keymap checks and applies them.
    pub keys: Vec<KeyChoice>,
    /// `[team] server`: the team's PostgreSQL server, a libpq connection
    /// string (`None`: no team, the single user's default).
    pub team_server: Setting<Option<String>>,
    /// `[team] sync_every`: how often the cockpit syncs with the team's
    /// server in the background (default five minutes).
    pub team_sync_every: Setting<std::time::Duration>,
    /// `[team] timeout`: how long a sync waits for the server to answer
    /// (connecting, then each exchange) before it gives up (default 30 s).
    pub team_timeout: Setting<std::time::Duration>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            dir: None,
            my_name: Setting::default(None),
            my_phone: Setting::default(None),
            my_company: Setting::default(None),
            hours: Setting::default(BusinessHours::default()),
            default_series: Setting::default("default".to_string()),
            quiet_days: Setting::default(14),
            date_order: Setting::default(None),
            grace_minutes: Setting::default(crate::domain::DEFAULT_GRACE_MINUTES),
            days_off: Setting::default(DaysOff::default()),
            keys: Vec::new(),
            team_server: Setting::default(None),
            team_sync_every: Setting::default(std::time::Duration::from_secs(5 * 60)),
            team_timeout: Setting::default(std::time::Duration::from_secs(30)),
        }
    }
}

impl Config {
    /// Loads `config.toml` from the configuration folder; a missing file or
    /// folder means the defaults.
    pub fn load() -> Result<Config, ConfigError> {
        match config_dir() {
            Some(dir) => Config::load_from(&dir),
            None => Ok(Config::default()),
        }
    }

    /// Loads `DIR/config.toml`.
    pub fn load_from(dir: &Path) -> Result<Config, ConfigError> {
        let mut config = Config {
            dir: Some(dir.to_path_buf()),
            ..Config::default()
        };
        let path = dir.join("config.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(config),
            Err(source) => return Err(ConfigError::Read { path, source }),
        };
        let invalid = |line: usize, message: String| ConfigError::Invalid {
            path: path.clone(),
            line,
            message,
        };
        let file: FileConfig = toml::from_str(&text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(&text, s.start));
            invalid(line, e.message().to_string())
        })?;
        if let Some(table) = &file.keys {
            config.keys = keys::read(table, &text, &path);
        }
        let from_file = || Source::File(path.clone());
        let line_for = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map_or(1, |i| i + 1)
        };
        let set_text = |setting: &mut Setting<Option<String>>, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                *setting = Setting {
                    value: Some(v),
                    source: from_file(),
                };
            }
        };
        set_text(&mut config.my_name, file.profile.name);
        set_text(&mut config.my_phone, file.profile.phone);
        set_text(&mut config.my_company, file.profile.company);
        set_text(&mut config.team_server, file.team.server);
        if let Some(every) = &file.team.sync_every {
            config.team_sync_every = Setting {
                value: parse_every(every).map_err(|m| invalid(line_for("sync_every"), m))?,
                source: from_file(),
            };
        }
        if let Some(timeout) = &file.team.timeout {
            config.team_timeout = Setting {
                value: parse_timeout(timeout).map_err(|m| invalid(line_for("timeout"), m))?,
                source: from_file(),
            };
        }

        let mut hours = BusinessHours::default();
        let mut hours_changed = false;
        if let Some(start) = &file.hours.start {
            hours.start = parse_clock(start).map_err(|m| invalid(line_for("start"), m))?;
            hours_changed = true;
        }
        if let Some(end) = &file.hours.end {
            hours.end = parse_clock(end).map_err(|m| invalid(line_for("end"), m))?;
            hours_changed = true;
        }
        if let Some(days) = &file.hours.days {
            hours.days = days
                .iter()
                .map(|d| {
                    d.parse::<Weekday>()
                        .map_err(|_| format!("\"{d}\" is not a day of the week"))
                })
                .collect::<Result<_, _>>()
                .map_err(|m| invalid(line_for("days"), m))?;
            if hours.days.is_empty() {
                return Err(invalid(
                    line_for("days"),
                    "at least one working day is needed".into(),
                ));
            }
            hours_changed = true;
        }
        if hours.end <= hours.start {
            return Err(invalid(
                line_for("end"),
                format!(
                    "business hours end ({}) must be after they start ({})",
                    hours.end.format("%H:%M"),
                    hours.start.format("%H:%M")
                ),
            ));
        }
        if hours_changed {
            config.hours = Setting {
                value: hours,
                source: from_file(),
            };
        }
        if let Some(name) = file.series.default.filter(|n| !n.trim().is_empty()) {
            config.default_series = Setting {
                value: name,
                source: from_file(),
            };
        }
        let within = |key: &str, value: u32, range: std::ops::RangeInclusive<u32>| {
            if range.contains(&value) {
                Ok(value)
            } else {
                Err(invalid(
                    line_for(key),
                    format!("{key} must be from {} to {}", range.start(), range.end()),
                ))
            }
        };
        if let Some(days) = file.cockpit.quiet_days {
            let days = within("quiet_days", days, 1..=3650)?;
            config.quiet_days = Setting {
                value: days,
                source: from_file(),
            };
        }
        if let Some(order) = &file.schedule.date_order {
            config.date_order = Setting {
                value: Some(
                    parse_date_order(order).map_err(|m| invalid(line_for("date_order"), m))?,
                ),
                source: from_file(),
            };
        }
        if let Some(minutes) = file.cockpit.grace_minutes {
            // Longer than a working day would hide a missed call until tomorrow.
            let minutes = within("grace_minutes", minutes, 0..=720)?;
            config.grace_minutes = Setting {
                value: minutes,
                source: from_file(),
            };
        }
        if let Some(dates) = &file.days_off.dates {
            let days_off = DaysOff::parse(dates).map_err(|(entry, why)| {
                // The line of the entry itself, else of `dates`.
                let quoted = format!("\"{entry}\"");
                let line = text
                    .lines()
                    .position(|l| l.contains(&quoted))
                    .map_or_else(|| line_for("dates"), |i| i + 1);
                invalid(line, format!("[days_off] {why}"))
            })?;
            config.hours.value.days_off = days_off.clone();
            config.days_off = Setting {
                value: days_off,
                source: from_file(),
            };
        }
        Ok(config)
    }

    /// The folder of user series files, if there is a configuration folder.
    pub fn series_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("series"))
    }
}

/// `[team] timeout`: seconds, or minutes with `m` ("30s", "2m"), from 1 s
/// to 10 min (a server silent longer than that is not coming back).
pub fn parse_timeout(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    let wrong =
        || format!("[team] timeout must be a number with s or m (e.g. \"30s\"), not {text:?}");
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| wrong())?;
    let secs = match unit.trim() {
        "s" | "" => n,
        "m" => n.saturating_mul(60),
        _ => return Err(wrong()),
    };
    if !(1..=600).contains(&secs) {
        return Err("[team] timeout must be between 1s and 10m".into());
    }
    Ok(std::time::Duration::from_secs(secs))
}

/// A period such as "5m", "30s" or "1h" (`[team] sync_every`); at least
/// ten seconds, so a typo cannot hammer the server.
pub fn parse_every(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| {
        format!("[team] sync_every must be a number with s, m or h (e.g. \"5m\"), not {text:?}")
    })?;
    let secs = match unit.trim() {
        "s" => n,
        "m" | "" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        _ => {
            return Err(format!(
                "[team] sync_every must be a number with s, m or h (e.g. \"5m\"), not {text:?}"
            ));
        }
    };
    if secs < 10 {
        return Err("[team] sync_every must be at least 10s".into());
    }
    Ok(std::time::Duration::from_secs(secs))
}
