//! Keeping a scheduled window inside business hours.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone};

use super::ctx::{Ctx, hhmm};
use super::{BusinessHours, Window, WindowError, parse_window};

/// Turns a series step's rule ("in 15 min", "today", "next business day
/// morning", "in 2 business days") into when the next attempt is due,
/// always inside business hours on a working day and not already ended.
///
/// A precise time before business start moves to business start that day;
/// one at or after business end, or on a non-working day, moves to the next
/// working day's business start. A span is cut to business hours; if nothing
/// remains it moves to the next working day (keeping its time of day if that
/// fits, otherwise the whole business day).
pub fn schedule_in_business_hours<Tz: TimeZone>(
    rule: &str,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> Result<Window, WindowError> {
    if hours.days.is_empty() {
        return Err(WindowError::NoWorkingDays);
    }
    if hours.end <= hours.start {
        return Err(WindowError::BadHours {
            start: hhmm(hours.start),
            end: hhmm(hours.end),
        });
    }
    let w = parse_window(rule, now, hours)?;
    clamp(&w, &Ctx::new(rule, now, hours))
}

/// Moves `w` into business hours (see [`schedule_in_business_hours`]).
fn clamp<Tz: TimeZone>(w: &Window, ctx: &Ctx<Tz>) -> Result<Window, WindowError> {
    let h = ctx.hours;
    let (ls, le) = (ctx.local_naive(w.start), ctx.local_naive(w.end));
    if ls.date() == le.date() {
        return place(ctx, ls.date(), (ls.time(), le.time()), w.is_instant(), true);
    }
    // Several days: pull the start forward and the end back into business hours.
    let s = if h.is_working_day(ls.date()) && ls.time() < h.end {
        (ls.date(), ls.time().max(h.start))
    } else {
        (h.next_working_day(ls.date()), h.start)
    };
    let e = if h.is_working_day(le.date()) && le.time() > h.start {
        (le.date(), le.time().min(h.end))
    } else {
        (h.previous_working_day(le.date()), h.end)
    };
    if s <= e {
        let candidate = Window::new(ctx.at(s.0, s.1)?, ctx.at(e.0, e.1)?);
        if !candidate.has_ended(ctx.now) {
            return Ok(candidate);
        }
    }
    place(
        ctx,
        ls.date().max(ctx.today),
        (h.start, h.end),
        false,
        false,
    )
}

/// The business-hours part of `a..b` (a precise time if `precise`).
fn cut(
    h: &BusinessHours,
    (a, b): (NaiveTime, NaiveTime),
    precise: bool,
) -> Option<(NaiveTime, NaiveTime)> {
    if precise {
        let t = a.max(h.start);
        return (t < h.end).then_some((t, t));
    }
    let (s, e) = (a.max(h.start), b.min(h.end));
    (s < e).then_some((s, e))
}

/// `a..b` moved to another working day: a precise time becomes business
/// start; a span keeps its business-hours part, or becomes the whole day.
fn moved(h: &BusinessHours, tod: (NaiveTime, NaiveTime), precise: bool) -> (NaiveTime, NaiveTime) {
    if precise {
        return (h.start, h.start);
    }
    cut(h, tod, false).unwrap_or((h.start, h.end))
}

/// The first working day from `day` on where the window (cut on its own day,
/// `first`, or moved on later days) has not ended.
fn place<Tz: TimeZone>(
    ctx: &Ctx<Tz>,
    mut day: NaiveDate,
    tod: (NaiveTime, NaiveTime),
    precise: bool,
    mut first: bool,
) -> Result<Window, WindowError> {
    let h = ctx.hours;
    for _ in 0..16 {
        if h.is_working_day(day) {
            let part = if first {
                cut(h, tod, precise)
            } else {
                Some(moved(h, tod, precise))
            };
            if let Some((s, e)) = part {
                let candidate = Window::new(ctx.at(day, s)?, ctx.at(day, e)?);
                if !candidate.has_ended(ctx.now) {
                    return Ok(candidate);
                }
            }
        }
        first = false;
        day = if day < ctx.today {
            ctx.today
        } else {
            h.next_working_day(day)
        };
    }
    Err(WindowError::NoWorkingDays)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;
    use chrono_tz::America::Toronto;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<chrono_tz::Tz> {
        Toronto
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap()
    }

    fn fmt(w: &Window) -> (String, String) {
        let f = |t: DateTime<chrono::Utc>| {
            t.with_timezone(&Toronto)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };
        (f(w.start), f(w.end))
    }

    #[test]
    fn schedules_inside_business_hours() {
        let fri_1950 = at(2026, 11, 27, 19, 50);
        let mon_1000 = at(2026, 11, 23, 10, 0);
        let mon_2100 = at(2026, 11, 23, 21, 0);
        let mon_1300 = at(2026, 11, 23, 13, 0);
        let fri_1300 = at(2026, 11, 27, 13, 0);
        let sat_1000 = at(2026, 11, 28, 10, 0);
        let mon_0600 = at(2026, 11, 23, 6, 0);
        let h = BusinessHours::default();
        #[rustfmt::skip]
        let rows: &[(&str, &DateTime<chrono_tz::Tz>, &str, &str)] = &[
            ("in 15 min", &fri_1950, "2026-11-30 08:00", "2026-11-30 08:00"),
            ("in 15 min", &mon_1000, "2026-11-23 10:15", "2026-11-23 10:15"),
            ("in 15 min", &mon_0600, "2026-11-23 08:00", "2026-11-23 08:00"),
            ("today", &mon_2100, "2026-11-24 08:00", "2026-11-24 20:00"),
            ("today", &mon_1000, "2026-11-23 08:00", "2026-11-23 20:00"),
            ("morning", &mon_1300, "2026-11-24 08:00", "2026-11-24 12:00"),
            ("morning", &fri_1300, "2026-11-30 08:00", "2026-11-30 12:00"),
            ("next business day", &fri_1300, "2026-11-30 08:00", "2026-11-30 20:00"),
            ("next business day morning", &fri_1300, "2026-11-30 08:00", "2026-11-30 12:00"),
            ("in 2 business days", &fri_1300, "2026-12-01 08:00", "2026-12-01 20:00"),
            ("today", &sat_1000, "2026-11-30 08:00", "2026-11-30 20:00"),
            ("in 2 hours", &sat_1000, "2026-11-30 08:00", "2026-11-30 08:00"),
            ("sat morning", &mon_1000, "2026-11-30 08:00", "2026-11-30 12:00"),
            ("between 6pm and 10pm", &mon_1000, "2026-11-23 18:00", "2026-11-23 20:00"),
            ("tomorrow 6am", &mon_1000, "2026-11-24 08:00", "2026-11-24 08:00"),
            ("tomorrow 9pm", &mon_1000, "2026-11-25 08:00", "2026-11-25 08:00"),
            ("next week", &fri_1300, "2026-11-30 08:00", "2026-12-04 20:00"),
            ("sat or sun", &fri_1300, "2026-11-30 08:00", "2026-11-30 20:00"),
            ("2020-01-01 10:00", &mon_1000, "2026-11-24 08:00", "2026-11-24 08:00"),
            ("now", &mon_1000, "2026-11-23 10:00", "2026-11-23 10:00"),
        ];
        for (rule, now, start, end) in rows {
            let w = schedule_in_business_hours(rule, *now, &h).unwrap();
            assert_eq!(
                fmt(&w),
                (start.to_string(), end.to_string()),
                "{rule} at {now}"
            );
        }
    }

    #[test]
    fn saturday_can_be_a_working_day() {
        let mut h = BusinessHours::default();
        h.days.push(Weekday::Sat);
        let fri_1950 = at(2026, 11, 27, 19, 50);
        let w = schedule_in_business_hours("in 15 min", &fri_1950, &h).unwrap();
        assert_eq!(fmt(&w).0, "2026-11-28 08:00");
        let w = schedule_in_business_hours("in 1 business day", &fri_1950, &h).unwrap();
        assert_eq!(fmt(&w).0, "2026-11-28 08:00");
        let w = schedule_in_business_hours("sun", &fri_1950, &h).unwrap();
        assert_eq!(
            fmt(&w),
            ("2026-11-30 08:00".into(), "2026-11-30 20:00".into())
        );
    }

    #[test]
    fn rejects_unusable_hours() {
        let now = at(2026, 11, 23, 10, 0);
        let none = BusinessHours {
            days: vec![],
            ..BusinessHours::default()
        };
        assert_eq!(
            schedule_in_business_hours("today", &now, &none),
            Err(WindowError::NoWorkingDays)
        );
        let backwards = BusinessHours {
            start: NaiveTime::MIN,
            end: NaiveTime::MIN,
            ..BusinessHours::default()
        };
        assert!(schedule_in_business_hours("today", &now, &backwards).is_err());
    }
}
