//! Where things live and the salesperson's settings (`config.toml`).
//!
//! Every value has a source — built-in default, the config file, or an
//! environment variable — so `followup config` can say where each came from.

use chrono::{NaiveTime, Weekday};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

use crate::schedule::{BusinessHours, DateOrder};

/// Environment variable naming the book file.
pub const DB_ENV: &str = "FOLLOWUP_DB";
/// Environment variable naming the configuration folder.
pub const CONFIG_DIR_ENV: &str = "FOLLOWUP_CONFIG_DIR";

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
    fn default(value: T) -> Self {
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
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    profile: FileProfile,
    #[serde(default)]
    hours: FileHours,
    #[serde(default)]
    series: FileSeries,
    #[serde(default)]
    cockpit: FileCockpit,
    #[serde(default)]
    schedule: FileSchedule,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileProfile {
    name: Option<String>,
    phone: Option<String>,
    company: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHours {
    start: Option<String>,
    end: Option<String>,
    days: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSeries {
    default: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCockpit {
    quiet_days: Option<u32>,
    grace_minutes: Option<u32>,
}

/// `[schedule]`: how the window language reads what is typed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSchedule {
    date_order: Option<String>,
}

/// Reads `[schedule] date_order`: "mdy" (12/1 is December 1) or "dmy"
/// (12/1 is 12 January).
fn parse_date_order(text: &str) -> Result<DateOrder, String> {
    match text.trim().to_lowercase().as_str() {
        "mdy" => Ok(DateOrder::Mdy),
        "dmy" => Ok(DateOrder::Dmy),
        _ => Err(format!(
            "date_order is \"{text}\"; use \"mdy\" (12/1 is December 1) or \"dmy\" (12/1 is 12 January)"
        )),
    }
}

/// The text `followup config` shows for a date order.
pub fn date_order_name(order: Option<DateOrder>) -> &'static str {
    match order {
        Some(DateOrder::Mdy) => "mdy",
        Some(DateOrder::Dmy) => "dmy",
        None => "(not set)",
    }
}

/// The platform folders for the book and the configuration.
fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "followup")
}

/// The configuration folder: `$FOLLOWUP_CONFIG_DIR`, else the platform's
/// (`~/.config/followup` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => project_dirs().map(|d| d.config_dir().to_path_buf()),
    }
}

/// The default book: the platform data folder (`~/.local/share/followup/followup.db`).
pub fn default_book_path() -> Result<PathBuf, ConfigError> {
    project_dirs()
        .map(|d| d.data_dir().join("followup.db"))
        .ok_or(ConfigError::NoHome)
}

/// The book to open and where that choice came from: `--db`, then
/// `$FOLLOWUP_DB`, then the platform default.
pub fn book_path(flag: Option<&Path>) -> Result<Setting<PathBuf>, ConfigError> {
    if let Some(path) = flag {
        return Ok(Setting {
            value: path.to_path_buf(),
            source: Source::Flag("--db"),
        });
    }
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => Ok(Setting {
            value: PathBuf::from(p),
            source: Source::Env(DB_ENV),
        }),
        _ => Ok(Setting::default(default_book_path()?)),
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
        Ok(config)
    }

    /// The folder of user series files, if there is a configuration folder.
    pub fn series_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("series"))
    }
}

fn parse_clock(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("\"{text}\" is not a time of day like 08:00"))
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |t| t.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load_from(dir.path()).unwrap();
        assert_eq!(config.hours.value, BusinessHours::default());
        assert_eq!(config.quiet_days.value, 14);
        assert_eq!(config.default_series.source, Source::Default);
    }

    #[test]
    fn reads_profile_and_hours_with_their_source() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "[profile]\nname = \"Sam Carter\"\nphone = \"555-0100\"\n\n[hours]\nstart = \"09:00\"\nend = \"17:30\"\ndays = [\"mon\", \"tue\", \"sat\"]\n\n[cockpit]\nquiet_days = 10\n",
        )
        .unwrap();
        let config = Config::load_from(dir.path()).unwrap();
        assert_eq!(config.my_name.value.as_deref(), Some("Sam Carter"));
        assert_eq!(
            config.hours.value.start,
            NaiveTime::from_hms_opt(9, 0, 0).unwrap()
        );
        assert_eq!(
            config.hours.value.days,
            vec![Weekday::Mon, Weekday::Tue, Weekday::Sat]
        );
        assert_eq!(config.quiet_days.value, 10);
        assert!(matches!(config.hours.source, Source::File(_)));
        assert_eq!(config.my_company.source, Source::Default);
    }

    #[test]
    fn reads_the_date_order() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load_from(dir.path()).unwrap();
        assert_eq!(config.date_order.value, None);
        std::fs::write(
            dir.path().join("config.toml"),
            "[schedule]\ndate_order = \"dmy\"\n",
        )
        .unwrap();
        let config = Config::load_from(dir.path()).unwrap();
        assert_eq!(config.date_order.value, Some(DateOrder::Dmy));
        assert!(matches!(config.date_order.source, Source::File(_)));
    }

    #[test]
    fn a_bad_file_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[profile]\nname = \"Sam\"\n\n[hours]\nstart = \"25:00\"\n",
        )
        .unwrap();
        let err = Config::load_from(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("config.toml:5:") && err.contains("25:00"),
            "{err}"
        );
        std::fs::write(&path, "[profile]\nnmae = \"Sam\"\n").unwrap();
        let err = Config::load_from(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("config.toml:2:") && err.contains("nmae"),
            "{err}"
        );
        std::fs::write(&path, "[hours]\nstart = \"18:00\"\nend = \"09:00\"\n").unwrap();
        let err = Config::load_from(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("config.toml:3:") && err.contains("must be after"),
            "{err}"
        );
        std::fs::write(
            &path,
            "[profile]\nname = \"Sam\"\n\n[schedule]\ndate_order = \"ymd\"\n",
        )
        .unwrap();
        let err = Config::load_from(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("config.toml:5:") && err.contains("\"ymd\"") && err.contains("mdy"),
            "{err}"
        );
        std::fs::write(&path, "[hours]\nstart = \"18:00\"\nend = \"09:00\"\n").unwrap();
        let err = Config::load_from(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("config.toml:3:") && err.contains("must be after"),
            "{err}"
        );
    }
}
