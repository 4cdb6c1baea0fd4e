//! The shape of `config.toml` as written, and the readers of its values.

use chrono::NaiveTime;
use serde::Deserialize;

use crate::schedule::DateOrder;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileConfig {
    #[serde(default)]
    pub(super) profile: FileProfile,
    #[serde(default)]
    pub(super) hours: FileHours,
    #[serde(default)]
    pub(super) series: FileSeries,
    #[serde(default)]
    pub(super) cockpit: FileCockpit,
    #[serde(default)]
    pub(super) schedule: FileSchedule,
    #[serde(default)]
    pub(super) days_off: FileDaysOff,
    #[serde(default)]
    pub(super) team: FileTeam,
    /// `[keys]`: checked by the cockpit's keymap, not here.
    #[serde(default)]
    pub(super) keys: Option<toml::Table>,
}

/// `[days_off]`: holidays and personal days, as dates (`"2026-12-25"`) and
/// inclusive ranges (`"2026-12-24..2027-01-02"`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileDaysOff {
    pub(super) dates: Option<Vec<String>>,
}

/// `[team]`: the team's PostgreSQL server (see `team::config`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileTeam {
    pub(super) server: Option<String>,
    /// How often the cockpit syncs in the background ("5m", "30s", "1h").
    pub(super) sync_every: Option<String>,
    /// How long to wait for the server to answer before giving up ("30s").
    pub(super) timeout: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileProfile {
    pub(super) name: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) company: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileHours {
    pub(super) start: Option<String>,
    pub(super) end: Option<String>,
    pub(super) days: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSeries {
    pub(super) default: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileCockpit {
    pub(super) quiet_days: Option<u32>,
    pub(super) grace_minutes: Option<u32>,
}

/// `[schedule]`: how the window language reads what is typed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSchedule {
    pub(super) date_order: Option<String>,
}
/// Reads `[schedule] date_order`: "mdy" (12/1 is December 1) or "dmy"
/// (12/1 is 12 January).
pub(super) fn parse_date_order(text: &str) -> Result<DateOrder, String> {
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
pub(super) fn parse_clock(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("\"{text}\" is not a time of day like 08:00"))
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |t| t.matches('\n').count() + 1)
}
