//! Which stretch of time a review covers: a week (Monday to Monday, local
//! time) or the days from one date to another, never past `now`; and the
//! week ends the pipeline is shown at.

use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, TimeZone};
use serde::Serialize;
use thiserror::Error;

/// How many week ends the pipeline shows by default.
pub const PIPELINE_WEEKS: usize = 12;

/// Why a period was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    /// A date that does not read.
    #[error(
        "\"{0}\" is not a day the report understands: write a date (2026-11-23), \"this week\", \"last week\" or \"3 weeks ago\""
    )]
    BadDay(String),
    /// A period that starts after it ends, or after now.
    #[error("the period from {from} to {to} is empty: it must start before it ends and before now")]
    Empty {
        /// Its first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
    },
}

/// The stretch of time reviewed: from `from` (included) to `to` (excluded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// What it is called ("week of Mon Nov 23, 2026").
    pub label: String,
    /// Its start (RFC 3339, local time).
    pub from: String,
    /// Its end, excluded (RFC 3339, local time): the end of the last day,
    /// or `now` if that is earlier.
    pub to: String,
    /// Its start, UTC seconds.
    #[serde(skip)]
    pub from_secs: i64,
    /// Its end, UTC seconds.
    #[serde(skip)]
    pub to_secs: i64,
    /// The moments the pipeline is shown at, oldest first: the Monday
    /// mornings before the end, and the end.
    #[serde(skip)]
    pub marks: Vec<i64>,
}

/// Midnight at the start of `day`, local time (the first such moment on a
/// day the clocks change).
fn midnight(day: NaiveDate) -> DateTime<Local> {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Local
        .from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| Local.from_utc_datetime(&naive))
}

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Reads a day as a report takes it: a date (`2026-11-23`, `nov 23`),
/// `today`, `yesterday`, `this week`, `last week` or `N weeks ago`.
pub fn parse_day(text: &str, now: &DateTime<Local>) -> Result<NaiveDate, PeriodError> {
    let today = now.date_naive();
    let t = text.trim().to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let bad = || PeriodError::BadDay(crate::domain::text::sanitize_line(text).into_owned());
    match t.as_str() {
        "today" | "this week" | "this" | "now" => return Ok(today),
        "yesterday" => return Ok(today - Duration::days(1)),
        "last week" | "last" => return Ok(today - Duration::days(7)),
        _ => {}
    }
    if let Some(n) = t
        .strip_suffix(" weeks ago")
        .or_else(|| t.strip_suffix(" week ago"))
    {
        let n: i64 = n.trim().parse().map_err(|_| bad())?;
        return Ok(today - Duration::days(7 * n.clamp(0, 5200)));
    }
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Ok(d);
    }
    // "nov 23" or "23 nov": the latest such day not after today.
    for format in ["%Y %b %d", "%Y %d %b", "%Y %B %d", "%Y %d %B"] {
        if let Ok(d) = NaiveDate::parse_from_str(&format!("{} {t}", today.year()), format) {
            return Ok(if d > today {
                d.with_year(d.year() - 1).unwrap_or(d)
            } else {
                d
            });
        }
    }
    Err(bad())
}

impl Period {
    /// The week (Monday to Monday) holding `day`, up to `now`.
    pub fn week(day: NaiveDate, now: &DateTime<Local>) -> Result<Period, PeriodError> {
        let monday = monday_of(day);
        let mut period = Period::days(monday, monday + Duration::days(6), now)?;
        period.label = format!("week of {}", monday.format("%a %b %-d, %Y"));
        Ok(period)
    }

    /// The days `from` to `to`, both included, up to `now`.
    pub fn days(
        from: NaiveDate,
        to: NaiveDate,
        now: &DateTime<Local>,
    ) -> Result<Period, PeriodError> {
        let start = midnight(from);
        let day_end = midnight(to + Duration::days(1));
        let end = day_end.min(*now);
        if start >= end {
            return Err(PeriodError::Empty { from, to });
        }
        // A period cut at `now` takes in what happened at `now` itself (a
        // change just made, a command run with the same `--now`).
        let to_secs = if day_end > *now {
            end.timestamp() + 1
        } else {
            end.timestamp()
        };
        let mut marks = vec![to_secs];
        let mut monday = monday_of(end.date_naive());
        while marks.len() < PIPELINE_WEEKS {
            let m = midnight(monday).timestamp();
            if m < to_secs {
                marks.push(m);
            }
            monday -= Duration::days(7);
        }
        marks.reverse();
        Ok(Period {
            label: format!(
                "{} to {}",
                from.format("%a %b %-d, %Y"),
                to.format("%a %b %-d, %Y")
            ),
            from: start.to_rfc3339(),
            to: end.to_rfc3339(),
            from_secs: start.timestamp(),
            to_secs,
            marks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Local> {
        Local.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap()
    }

    #[test]
    fn a_week_runs_monday_to_now_at_most() {
        let p = Period::week(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), &now()).unwrap();
        assert_eq!(
            p.from_secs,
            midnight(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).timestamp()
        );
        assert_eq!(
            p.to_secs,
            now().timestamp() + 1,
            "what happens at now is in"
        );
        assert_eq!(p.marks.len(), PIPELINE_WEEKS);
        assert_eq!(*p.marks.last().unwrap(), p.to_secs);
        assert_eq!(p.marks[PIPELINE_WEEKS - 2], p.from_secs);
        let last = Period::week(parse_day("last week", &now()).unwrap(), &now()).unwrap();
        assert_eq!(last.to_secs, p.from_secs);
        assert!(last.label.starts_with("week of Mon Nov 16"));
    }

    #[test]
    fn days_read_as_people_write_them() {
        let n = now();
        let d = |s: &str| parse_day(s, &n).unwrap().to_string();
        assert_eq!(d("2026-11-02"), "2026-11-02");
        assert_eq!(d("3 weeks ago"), "2026-11-04");
        assert_eq!(d("nov 2"), "2026-11-02");
        assert_eq!(d("dec 2"), "2025-12-02");
        assert_eq!(d("Yesterday"), "2026-11-24");
        assert!(parse_day("soonish", &n).is_err());
        let future = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert!(Period::week(future, &n).is_err());
    }
}
