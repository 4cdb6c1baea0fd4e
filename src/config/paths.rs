//! Where the book and the configuration live.

use std::path::{Path, PathBuf};

use super::{ConfigError, Setting, Source};

/// Environment variable naming the book file.
pub const DB_ENV: &str = "FOLLOWUP_DB";
/// Environment variable naming the configuration folder.
pub const CONFIG_DIR_ENV: &str = "FOLLOWUP_CONFIG_DIR";

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
