//! Days off: holidays and personal days on which no call is made, from
//! `[days_off]` in config.toml.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest range of days off one entry may give: longer is a typing
/// mistake (a wrong year), not a holiday.
const LONGEST_RANGE_DAYS: i64 = 366;

/// Dates on which no call is made, as inclusive ranges in date order.
/// Business days ([`super::BusinessHours::is_working_day`]) leave them out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaysOff {
    ranges: Vec<(NaiveDate, NaiveDate)>,
}

impl DaysOff {
    /// Reads entries as written in config.toml: a date (`2026-12-25`) or an
    /// inclusive range (`2026-12-24..2027-01-02`). On error, the entry that
    /// is wrong and why, in one sentence.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<DaysOff, (String, String)> {
        let mut ranges = Vec::with_capacity(entries.len());
        for entry in entries {
            let text = entry.as_ref();
            let range = parse_entry(text).map_err(|why| (text.to_string(), why))?;
            ranges.push(range);
        }
        ranges.sort();
        Ok(DaysOff { ranges })
    }

    /// True if `date` is a day off.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.ranges.iter().any(|(a, b)| *a <= date && date <= *b)
    }

    /// True when there are no days off.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// How many days off there are at most (ranges may overlap): the most
    /// consecutive days a search for a working day may have to step over.
    pub fn total_days(&self) -> u64 {
        self.ranges
            .iter()
            .map(|(a, b)| u64::try_from((*b - *a).num_days() + 1).unwrap_or(0))
            .sum()
    }
}

impl fmt::Display for DaysOff {
    /// `2026-12-25, 2026-12-24..2027-01-02`, or `(none)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ranges.is_empty() {
            return f.write_str("(none)");
        }
        let text: Vec<String> = self
            .ranges
            .iter()
            .map(|(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}..{b}")
                }
            })
            .collect();
        f.write_str(&text.join(", "))
    }
}

fn parse_date(text: &str, whole: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        format!("\"{whole}\" is not a date like 2026-12-25 or a range like 2026-12-24..2027-01-02")
    })
}

fn parse_entry(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let (first, last) = match text.split_once("..") {
        Some((a, b)) => (parse_date(a, text)?, parse_date(b, text)?),
        None => {
            let d = parse_date(text, text)?;
            (d, d)
        }
    };
    if last < first {
        return Err(format!("\"{text}\" ends before it starts"));
    }
    if (last - first).num_days() >= LONGEST_RANGE_DAYS {
        return Err(format!("\"{text}\" is longer than a year; check the years"));
    }
    Ok((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn reads_dates_and_inclusive_ranges() {
        let off = DaysOff::parse(&["2026-12-25", "2026-12-30..2027-01-02"]).unwrap();
        assert!(off.contains(d("2026-12-25")));
        assert!(!off.contains(d("2026-12-24")));
        assert!(off.contains(d("2026-12-30")) && off.contains(d("2027-01-02")));
        assert!(!off.contains(d("2027-01-03")));
        assert_eq!(off.total_days(), 5);
        assert_eq!(off.to_string(), "2026-12-25, 2026-12-30..2027-01-02");
        assert_eq!(DaysOff::default().to_string(), "(none)");
    }

    #[test]
    fn refuses_what_is_not_a_day_off() {
        for (entry, says) in [
            ("25/12/2026", "not a date"),
            ("2026-12-32", "not a date"),
            ("2027-01-02..2026-12-24", "ends before it starts"),
            ("2026-01-01..2027-06-01", "longer than a year"),
            ("2026-12-24..", "not a date"),
        ] {
            let err = DaysOff::parse(&[entry]).unwrap_err();
            assert_eq!(err.0, entry);
            assert!(err.1.contains(says), "{entry}: {}", err.1);
        }
    }
}
