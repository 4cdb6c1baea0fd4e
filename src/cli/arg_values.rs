//! How the command line's values are read: ids, money, probabilities,
//! outcomes, actions, channels and moments, each refused in one sentence.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone};

use crate::domain::{Action, Channel, Money, Outcome, Probability};

/// A value given on the command line, where an empty string means "clear it".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleared<T>(pub Option<T>);

pub(super) fn parse_cleared<T: std::str::FromStr<Err = crate::domain::DomainError>>(
    s: &str,
) -> Result<Cleared<T>, String> {
    if s.trim().is_empty() {
        return Ok(Cleared(None));
    }
    s.parse()
        .map(|v| Cleared(Some(v)))
        .map_err(|e: crate::domain::DomainError| e.to_string())
}

pub(super) fn parse_id(s: &str) -> Result<i64, String> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            format!("\"{s}\" is not a prospect id; ids are whole numbers (see `followup list`)")
        })
}

pub(super) fn parse_money(s: &str) -> Result<Cleared<Money>, String> {
    parse_cleared(s)
}

pub(super) fn parse_probability(s: &str) -> Result<Cleared<Probability>, String> {
    parse_cleared(s)
}

pub(super) fn parse_outcome(s: &str) -> Result<Outcome, String> {
    s.parse()
        .map_err(|e: crate::domain::DomainError| e.to_string())
}

pub(super) fn parse_action(s: &str) -> Result<Action, String> {
    s.parse()
        .map_err(|e: crate::domain::DomainError| e.to_string())
}

pub(super) fn parse_channel(s: &str) -> Result<Channel, String> {
    s.parse()
        .map_err(|e: crate::domain::DomainError| e.to_string())
}

/// Reads `--now`: a date (its midnight), a local date-time, or RFC 3339,
/// within the reach of a WHEN (about 100 years) of the real today.
pub fn parse_now(s: &str) -> Result<DateTime<Local>, String> {
    let now = parse_moment(s.trim())?;
    crate::schedule::check_reach(now.date_naive(), Local::now().date_naive(), || {
        s.trim().to_string()
    })
    .map_err(|e| e.to_string())?;
    Ok(now)
}

/// A date, a local date-time or RFC 3339, in the local time zone.
pub(super) fn parse_moment(s: &str) -> Result<DateTime<Local>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Local));
    }
    let local = |naive: NaiveDateTime| {
        Local
            .from_local_datetime(&naive)
            .earliest()
            .ok_or_else(|| format!("{s} does not exist in the local time zone"))
    };
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, format) {
            return local(naive);
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return local(date.and_time(chrono::NaiveTime::MIN));
    }
    Err(format!(
        "\"{s}\" is not a date or time; use 2026-11-23, 2026-11-23T09:00 or 2026-11-23T09:00:00-05:00"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_accepts_dates_local_times_and_offsets() {
        let date = parse_now("2026-11-23").unwrap();
        assert_eq!(
            date.format("%Y-%m-%d %H:%M").to_string(),
            "2026-11-23 00:00"
        );
        let local = parse_now("2026-11-23T09:00").unwrap();
        assert_eq!(local.format("%H:%M").to_string(), "09:00");
        let offset = parse_now("2026-11-23T09:00:00-05:00").unwrap();
        assert_eq!(offset.timestamp(), 1_795_442_400);
        assert!(parse_now("next tuesday").is_err());
    }

    #[test]
    fn now_stays_within_the_reach_of_a_when() {
        for bad in [
            "-0001-11-23",
            "0000-01-01",
            "1800-01-01",
            "2300-01-01T00:00",
        ] {
            let err = parse_now(bad).unwrap_err();
            assert!(err.contains("too far in the"), "{bad}: {err}");
        }
    }
}
