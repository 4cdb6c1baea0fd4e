//! Business hours: when a salesperson makes calls.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

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
        }
    }
}

impl BusinessHours {
    /// True if calls are made on this date.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.days.contains(&date.weekday())
    }

    /// The first working day strictly after `date` (or `date + 1` if no day
    /// is a working day, so callers never loop forever).
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        for _ in 0..7 {
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
        for _ in 0..7 {
            d = d.pred_opt().unwrap_or(d);
            if self.is_working_day(d) {
                return d;
            }
        }
        date.pred_opt().unwrap_or(date)
    }
}
