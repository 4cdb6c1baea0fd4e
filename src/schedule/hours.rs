//! Business hours: when a salesperson makes calls.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::DaysOff;

/// The hours and days on which calls are made. A bare day ("tomorrow") means
/// this span of that day, and the series never schedules outside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHours {
    /// First minute of the working day (default 08:00).
    pub start: NaiveTime,
    /// End of the working day (default 20:00).
    pub end: NaiveTime,
    /// Working days (default Monday to Friday).
    pub days: Vec<Weekday>,
    /// Holidays and personal days off (`[days_off]` in config.toml): not
    /// business days, whatever their weekday.
    #[serde(default)]
    pub days_off: DaysOff,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            start: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(20, 0, 0).unwrap_or(NaiveTime::MIN),
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            days_off: DaysOff::default(),
        }
    }
}

impl BusinessHours {
    /// True if calls are made on this date: one of the working days of the
    /// week, and not a day off. Every business day the program computes
    /// (series retries, suggested times, "next business day") asks here.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.days.contains(&date.weekday()) && !self.days_off.contains(date)
    }

    /// True if `date` is one of the configured days off.
    pub fn is_day_off(&self, date: NaiveDate) -> bool {
        self.days_off.contains(date)
    }

    /// How many days a search for a working day looks ahead or back: a
    /// week, and a week more for every day off (each may take the place of
    /// the week's only working day).
    fn search_days(&self) -> u64 {
        7 * (1 + self.days_off.total_days())
    }

    /// The first working day strictly after `date` (or `date + 1` if no day
    /// is a working day, so callers never loop forever).
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        for _ in 0..self.search_days() {
            d = d.succ_opt().unwrap_or(d);
            if self.is_working_day(d) {
                return d;
            }
        }
        date.succ_opt().unwrap_or(date)
    }

    /// The last working day strictly before `date` (or `date - 1` if no day
    /// is a working day).
    pub fn previous_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        for _ in 0..self.search_days() {
            d = d.pred_opt().unwrap_or(d);
            if self.is_working_day(d) {
                return d;
            }
        }
        date.pred_opt().unwrap_or(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_off_are_not_working_days_whatever_the_week() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // Mondays only, and three Mondays off in a row.
        let hours = BusinessHours {
            days: vec![Weekday::Mon],
            days_off: DaysOff::parse(&["2026-12-07", "2026-12-14", "2026-12-21"]).unwrap(),
            ..BusinessHours::default()
        };
        assert!(!hours.is_working_day(d("2026-12-07")));
        assert!(hours.is_day_off(d("2026-12-14")));
        assert_eq!(hours.next_working_day(d("2026-12-01")), d("2026-12-28"));
        assert_eq!(hours.previous_working_day(d("2026-12-28")), d("2026-11-30"));
    }
}
