//! When the cockpit's sample book is shown as of: now, inside business
//! hours; otherwise the next working morning, so a demo opened on a Sunday
//! night shows Monday's work rather than steps "due now" at midnight.

use chrono::{DateTime, Duration, Local, NaiveDate, Timelike};

use super::calendar::{Calendar, at_minutes};
use crate::schedule::BusinessHours;

/// Minutes of the working day that must be left for `now` to be shown:
/// with less, the day's calls are over and the next working day is shown.
const DAY_LEFT: i64 = 60;
/// How far into the working day a moved demo is shown: a morning already
/// under way, with calls done and calls to come.
const INTO_DAY: i64 = 90;

/// The moment a sample book is generated and shown for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoMoment {
    /// The moment.
    pub now: DateTime<Local>,
    /// True when it is not the real `now` (outside business hours): the
    /// cockpit says which working day it shows.
    pub moved: bool,
}

/// The moment to show a sample book for, as of `now` in `hours`.
pub fn demo_moment(now: DateTime<Local>, hours: &BusinessHours) -> DemoMoment {
    let cal = Calendar::new(now, hours);
    let (start, end) = cal.span();
    let minute = i64::from(now.time().num_seconds_from_midnight() / 60);
    if cal.is_working(cal.today) && minute >= start && minute + DAY_LEFT <= end {
        return DemoMoment { now, moved: false };
    }
    let day: NaiveDate = if cal.is_working(cal.today) && minute < start {
        cal.today
    } else {
        cal.hours.next_working_day(cal.today)
    };
    // Short days: a third of the way in.
    let into = INTO_DAY.min((end - start) / 3);
    let at = day.and_time(at_minutes(start + into));
    let shown = cal
        .local(at)
        .unwrap_or_else(|| now + Duration::days((day - cal.today).num_days()));
    DemoMoment {
        now: shown,
        moved: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, TimeZone, Weekday};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Local> {
        Local
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
    }

    #[test]
    fn inside_business_hours_it_is_now() {
        let now = at(2026, 12, 1, 10, 0); // a Tuesday
        assert_eq!(
            demo_moment(now, &BusinessHours::default()),
            DemoMoment { now, moved: false }
        );
    }

    #[test]
    fn outside_business_hours_it_is_the_next_working_morning() {
        let hours = BusinessHours::default();
        // Sunday 23:00 → Monday 09:30.
        let m = demo_moment(at(2026, 11, 29, 23, 0), &hours);
        assert!(m.moved);
        assert_eq!(m.now, at(2026, 11, 30, 9, 30));
        // Tuesday 06:00 → the same Tuesday, 09:30.
        let m = demo_moment(at(2026, 12, 1, 6, 0), &hours);
        assert_eq!(m.now, at(2026, 12, 1, 9, 30));
        // Friday 19:30, half an hour before closing → Monday.
        let m = demo_moment(at(2026, 12, 4, 19, 30), &hours);
        assert_eq!(m.now.weekday(), Weekday::Mon);
        assert_eq!(m.now.date_naive(), at(2026, 12, 7, 0, 0).date_naive());
    }
}
