//! Local working days and times for sample data: every attempt happens on a
//! working day inside business hours, and before `now`.

use chrono::{DateTime, Duration, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};

use super::rng::Rng;
use crate::domain::DayBounds;
use crate::schedule::BusinessHours;

/// `now`, the business hours and the day's queue bounds, in the local zone.
#[derive(Debug, Clone)]
pub(super) struct Calendar {
    /// The moment the book is generated for.
    pub now: DateTime<Local>,
    /// `now` as local wall-clock time.
    pub now_local: NaiveDateTime,
    /// `now`'s local date.
    pub today: NaiveDate,
    /// Business hours (made valid: a non-empty span).
    pub hours: BusinessHours,
    /// Today's bounds, with 14 quiet days (the default).
    pub bounds: DayBounds,
}

/// Minutes since midnight.
fn minutes(t: NaiveTime) -> i64 {
    i64::from(t.num_seconds_from_midnight() / 60)
}

/// The time `m` minutes after midnight (clamped to the day).
pub(super) fn at_minutes(m: i64) -> NaiveTime {
    let m = m.clamp(0, 24 * 60 - 1);
    NaiveTime::from_num_seconds_from_midnight_opt((m * 60) as u32, 0).unwrap_or(NaiveTime::MIN)
}

impl Calendar {
    /// The calendar for `now` and `hours`; hours whose end is not after their
    /// start fall back to the defaults.
    pub(super) fn new(now: DateTime<Local>, hours: &BusinessHours) -> Calendar {
        let hours = if hours.end > hours.start {
            hours.clone()
        } else {
            BusinessHours {
                days: hours.days.clone(),
                ..BusinessHours::default()
            }
        };
        Calendar {
            now_local: now.naive_local(),
            today: now.date_naive(),
            bounds: DayBounds::new(&now, 14),
            now,
            hours,
        }
    }

    /// True if calls are made on `date` (every day when no day is set).
    pub(super) fn is_working(&self, date: NaiveDate) -> bool {
        self.hours.days.is_empty() || self.hours.is_working_day(date)
    }

    /// `date` if it is a working day, else the working day before it.
    pub(super) fn on_or_before(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working(date) {
            date
        } else {
            self.hours.previous_working_day(date)
        }
    }

    /// `date` if it is a working day, else the working day after it.
    pub(super) fn on_or_after(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working(date) {
            date
        } else {
            self.hours.next_working_day(date)
        }
    }

    /// `n` working days after `date`.
    pub(super) fn add_working(&self, date: NaiveDate, n: i64) -> NaiveDate {
        (0..n).fold(date, |d, _| self.hours.next_working_day(d))
    }

    /// `n` working days before `date`.
    pub(super) fn sub_working(&self, date: NaiveDate, n: i64) -> NaiveDate {
        (0..n).fold(date, |d, _| self.hours.previous_working_day(d))
    }

    /// Business start and end in minutes since midnight.
    pub(super) fn span(&self) -> (i64, i64) {
        (minutes(self.hours.start), minutes(self.hours.end))
    }

    /// A random time on `date` within business hours, on a 5-minute grid,
    /// a little away from the edges.
    pub(super) fn business_time(&self, rng: &mut Rng, date: NaiveDate) -> NaiveDateTime {
        let (start, end) = self.span();
        let (lo, hi) = if end - start > 40 {
            (start + 15, end - 20)
        } else {
            (start, end)
        };
        let m = rng.range(lo / 5, hi / 5) * 5;
        date.and_time(at_minutes(m.max(start)))
    }

    /// A random business time between `min_days` and `max_days` days ago,
    /// always before now.
    pub(super) fn past_time(&self, rng: &mut Rng, min_days: i64, max_days: i64) -> NaiveDateTime {
        let ago = rng.range(min_days, max_days);
        let date = self.on_or_before(self.today - Duration::days(ago));
        let t = self.business_time(rng, date);
        if t < self.now_local - Duration::minutes(5) {
            return t;
        }
        // Today, but that time has not come yet: earlier today if business
        // hours have begun, otherwise the previous working day.
        let (start, _) = self.span();
        let now_m = minutes(self.now_local.time());
        if now_m - 10 > start {
            let m = rng.range(start, now_m - 10);
            return date.and_time(at_minutes(m));
        }
        let before = self.on_or_before(self.today - Duration::days(1));
        self.business_time(rng, before)
    }

    /// Seconds since the epoch of a local wall-clock time (a time in a DST
    /// gap moves an hour on; a repeated one takes the first).
    pub(super) fn secs(&self, t: NaiveDateTime) -> i64 {
        self.local(t)
            .map_or_else(|| t.and_utc().timestamp(), |d| d.timestamp())
    }

    /// A local wall-clock time as an instant.
    pub(super) fn local(&self, t: NaiveDateTime) -> Option<DateTime<Local>> {
        Local.from_local_datetime(&t).earliest().or_else(|| {
            Local
                .from_local_datetime(&(t + Duration::hours(1)))
                .earliest()
        })
    }

    /// The local wall-clock time of an instant in seconds.
    pub(super) fn naive(&self, secs: i64) -> NaiveDateTime {
        DateTime::from_timestamp(secs, 0)
            .map(|t| t.with_timezone(&Local).naive_local())
            .unwrap_or_default()
    }

    /// `t` rounded down to 5 minutes.
    pub(super) fn floor5(t: NaiveDateTime) -> NaiveDateTime {
        let m = minutes(t.time());
        t.date().and_time(at_minutes(m - m % 5))
    }
}
