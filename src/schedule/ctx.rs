//! What parsing is relative to: `now`, its time zone and business hours;
//! and turning local dates and times into instants.

use chrono::{
    DateTime, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
};

use super::{BusinessHours, DateOrder, Window, WindowError};

/// How far ahead (and back) a window may lie.
const LIMIT_MONTHS: u32 = 1200;

/// Checks that `date` lies within about 100 years of `today`: the reach of
/// every moment the program accepts, a window as much as `--now`. Beyond it
/// lie typing mistakes, not follow-ups (year 1 would be "740672 days late").
/// `input` names what was typed, for the error.
pub fn check_reach(
    date: NaiveDate,
    today: NaiveDate,
    input: impl FnOnce() -> String,
) -> Result<NaiveDate, WindowError> {
    let latest = today.checked_add_months(Months::new(LIMIT_MONTHS));
    if latest.is_none_or(|l| date > l) {
        return Err(WindowError::TooFar(input()));
    }
    let earliest = today.checked_sub_months(Months::new(LIMIT_MONTHS));
    if earliest.is_none_or(|e| date < e) {
        return Err(WindowError::TooLongAgo(input()));
    }
    Ok(date)
}

/// Everything a window is relative to.
pub(super) struct Ctx<'a, Tz: TimeZone> {
    /// The local time zone (`now`'s).
    pub tz: Tz,
    /// The current instant.
    pub now: DateTime<Utc>,
    /// Today's local date.
    pub today: NaiveDate,
    /// Business hours.
    pub hours: &'a BusinessHours,
    /// The whole input, for error messages.
    pub input: &'a str,
    /// How numeric dates are read (`None`: refuse ambiguous ones).
    pub order: Option<DateOrder>,
}

impl<'a, Tz: TimeZone> Ctx<'a, Tz> {
    /// A context for `input` at `now`.
    pub fn new(input: &'a str, now: &DateTime<Tz>, hours: &'a BusinessHours) -> Self {
        Ctx {
            tz: now.timezone(),
            now: now.with_timezone(&Utc),
            today: now.naive_local().date(),
            hours,
            input,
            order: None,
        }
    }

    /// This context, reading numeric dates in `order`.
    pub fn with_order(self, order: Option<DateOrder>) -> Self {
        Ctx { order, ..self }
    }

    /// The input, trimmed, for messages.
    pub fn quoted(&self) -> String {
        self.input.trim().to_string()
    }

    /// Checks that `date` lies within about 100 years of today.
    pub fn check_date(&self, date: NaiveDate) -> Result<NaiveDate, WindowError> {
        check_reach(date, self.today, || self.quoted())
    }

    /// Checks that an instant lies within about 100 years of today.
    pub fn check_instant(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, WindowError> {
        self.check_date(self.local_naive(t).date())?;
        Ok(t)
    }

    /// `date + days`, or "too far".
    pub fn add_days(&self, date: NaiveDate, days: u64) -> Result<NaiveDate, WindowError> {
        let d = date
            .checked_add_days(Days::new(days))
            .ok_or_else(|| WindowError::TooFar(self.quoted()))?;
        self.check_date(d)
    }

    /// The local wall-clock time of an instant.
    pub fn local_naive(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.tz).naive_local()
    }

    /// The instant of a local date and time (see [`local_instant`]).
    pub fn at(&self, date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, WindowError> {
        self.check_date(date)?;
        local_instant(&self.tz, date.and_time(time))
    }

    /// The window from `a` to `b` on `date`.
    pub fn span(&self, date: NaiveDate, a: NaiveTime, b: NaiveTime) -> Result<Window, WindowError> {
        Ok(Window::new(self.at(date, a)?, self.at(date, b)?))
    }

    /// Why a span has no working day: every working day in it is a day
    /// off, or the week has none at all.
    pub fn no_working_days(&self) -> WindowError {
        if self.hours.days.is_empty() {
            WindowError::NoWorkingDays
        } else {
            WindowError::OnlyDaysOff(self.quoted())
        }
    }

    /// Business hours of `date`, as a window.
    pub fn business_day(&self, date: NaiveDate) -> Result<Window, WindowError> {
        let (a, b) = business_span(self.hours)?;
        self.span(date, a, b)
    }
}

/// Business hours' start and end, or an error if they are backwards.
pub(super) fn business_span(hours: &BusinessHours) -> Result<(NaiveTime, NaiveTime), WindowError> {
    if hours.end < hours.start {
        return Err(WindowError::BadHours {
            start: hhmm(hours.start),
            end: hhmm(hours.end),
        });
    }
    Ok((hours.start, hours.end))
}

/// `HH:MM`.
pub(super) fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The instant of a local wall-clock time in `tz`: the earliest for an
/// ambiguous time (fall back), and the first valid instant after a
/// non-existent one (spring-forward gap, e.g. 02:30 → 03:00).
pub(super) fn local_instant<Tz: TimeZone>(
    tz: &Tz,
    ndt: NaiveDateTime,
) -> Result<DateTime<Utc>, WindowError> {
    // Gaps are at most a few hours; search minute by minute for up to two days.
    for step in 0..=(48 * 60) {
        let Some(candidate) = ndt.checked_add_signed(TimeDelta::minutes(step)) else {
            break;
        };
        if let Some(t) = tz.from_local_datetime(&candidate).earliest() {
            return Ok(t.with_timezone(&Utc));
        }
    }
    Err(WindowError::Nonexistent(
        ndt.format("%Y-%m-%d %H:%M").to_string(),
    ))
}
