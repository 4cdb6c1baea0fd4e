//! Short human text for windows and instants ("tue 09:00–12:00").

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use super::ctx::hhmm;
use super::{BusinessHours, Window};

/// `Tue 24 Nov`, with the year if it is not `today`'s.
fn full_date(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    }
}

/// Days from `today` to `d`.
fn days_ahead(d: NaiveDate, today: NaiveDate) -> i64 {
    d.signed_duration_since(today).num_days()
}

/// `today`, `tomorrow`, `yesterday`, a weekday within the next 6 days,
/// otherwise the full date.
fn day_label(d: NaiveDate, today: NaiveDate) -> String {
    match days_ahead(d, today) {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        2..=6 => d.format("%a").to_string(),
        _ => full_date(d, today),
    }
}

/// Short text for a window, in `now`'s time zone: `today after 17:00`,
/// `Tue 09:00–12:00`, `tomorrow 15:00`, `Thu 26 Nov` (a whole business day),
/// `Mon 30 Nov – Fri 4 Dec` (several days). A one-day window on a day off
/// ends in ` (day off)`.
pub fn describe_window<Tz: TimeZone>(
    w: &Window,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> String {
    let tz = now.timezone();
    let today = now.naive_local().date();
    let ls = w.start.with_timezone(&tz).naive_local();
    let le = w.end.with_timezone(&tz).naive_local();
    let (opens, closes) = (ls.time() == hours.start, le.time() == hours.end);
    if ls.date() == le.date() {
        let day = day_label(ls.date(), today);
        let (s, e) = (hhmm(ls.time()), hhmm(le.time()));
        // A day the user named is kept even if it is a day off (a promise
        // to a client is not moved quietly); the description says so.
        let off = if hours.is_day_off(ls.date()) {
            " (day off)"
        } else {
            ""
        };
        let text = if w.is_instant() {
            format!("{day} {s}")
        } else if opens && closes {
            day
        } else if closes {
            format!("{day} after {s}")
        } else if opens {
            format!("{day} before {e}")
        } else {
            format!("{day} {s}–{e}")
        };
        return format!("{text}{off}");
    }
    let near = |d: NaiveDate| (-1..=6).contains(&days_ahead(d, today));
    let both_near = near(ls.date()) && near(le.date());
    let label = |d: NaiveDate| {
        if both_near {
            day_label(d, today)
        } else {
            full_date(d, today)
        }
    };
    let start = if opens {
        label(ls.date())
    } else {
        format!("{} {}", label(ls.date()), hhmm(ls.time()))
    };
    let end = if closes {
        label(le.date())
    } else {
        format!("{} {}", label(le.date()), hhmm(le.time()))
    };
    format!("{start} – {end}")
}

/// Short text for a step's alternatives, each as [`describe_window`] says
/// it, joined by "or": `Fri 12:00–17:00 or Mon before 12:00`.
pub fn describe_windows<Tz: TimeZone>(
    parts: &[Window],
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> String {
    parts
        .iter()
        .map(|w| describe_window(w, now, hours))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Short text for an instant, in `now`'s time zone, e.g. for "last contact":
/// `today 14:05`, `yesterday 09:30`, `Tue 17 Nov 10:00`.
pub fn describe_instant<Tz: TimeZone>(t: DateTime<Utc>, now: &DateTime<Tz>) -> String {
    let local = t.with_timezone(&now.timezone()).naive_local();
    let today = now.naive_local().date();
    format!("{} {}", day_label(local.date(), today), hhmm(local.time()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::parse_window;
    use chrono_tz::America::Toronto;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<chrono_tz::Tz> {
        Toronto
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap()
    }

    #[test]
    fn describes_windows() {
        let h = BusinessHours::default();
        let sun = at(2026, 11, 22, 10, 0);
        let wed = at(2026, 11, 25, 16, 0);
        #[rustfmt::skip]
        let rows: &[(&str, &DateTime<chrono_tz::Tz>, &str)] = &[
            ("after 5", &sun, "today after 17:00"),
            ("tue morning", &sun, "Tue before 12:00"),
            ("tue 9-11am", &sun, "Tue 09:00–11:00"),
            ("tomorrow 3pm", &sun, "tomorrow 15:00"),
            ("thu", &sun, "Thu"),
            ("nov 30", &sun, "Mon 30 Nov"),
            ("thu", &wed, "tomorrow"),
            ("nov 26 after 5", &wed, "tomorrow after 17:00"),
            ("2027-01-05", &sun, "Tue 5 Jan 2027"),
            ("next week", &wed, "Mon 30 Nov – Fri 4 Dec"),
            ("next week", &sun, "tomorrow – Fri"),
            ("mon after 5 or tue morning", &sun, "tomorrow 17:00 – Tue 12:00"),
            ("in 15 min", &sun, "today 10:15"),
        ];
        for (input, now, want) in rows {
            let w = parse_window(input, *now, &h).unwrap();
            assert_eq!(describe_window(&w, *now, &h), *want, "{input}");
        }
        let yesterday = parse_window("2026-11-21 09:00", &sun, &h).unwrap();
        assert_eq!(describe_window(&yesterday, &sun, &h), "yesterday 09:00");
    }

    #[test]
    fn describes_each_alternative() {
        let h = BusinessHours::default();
        let fri = at(2026, 11, 27, 10, 0);
        let parts =
            crate::schedule::parse_windows_ordered("fri afternoon or mon morning", &fri, &h, None)
                .unwrap();
        assert_eq!(
            describe_windows(&parts, &fri, &h),
            "today 12:00–17:00 or Mon before 12:00"
        );
        let one = parse_window("tue 9-11am", &fri, &h).unwrap();
        assert_eq!(describe_windows(&[one], &fri, &h), "Tue 09:00–11:00");
    }

    #[test]
    fn marks_a_day_off() {
        let h = BusinessHours {
            days_off: crate::schedule::DaysOff::parse(&["2026-12-25"]).unwrap(),
            ..BusinessHours::default()
        };
        let now = at(2026, 12, 24, 10, 0);
        let w = parse_window("tomorrow morning", &now, &h).unwrap();
        assert_eq!(
            describe_window(&w, &now, &h),
            "tomorrow before 12:00 (day off)"
        );
        let w = parse_window("next business day", &now, &h).unwrap();
        assert_eq!(describe_window(&w, &now, &h), "Mon");
    }

    #[test]
    fn describes_instants() {
        let now = at(2026, 11, 22, 15, 0);
        let utc = |t: DateTime<chrono_tz::Tz>| t.with_timezone(&Utc);
        assert_eq!(
            describe_instant(utc(at(2026, 11, 22, 14, 5)), &now),
            "today 14:05"
        );
        assert_eq!(
            describe_instant(utc(at(2026, 11, 21, 9, 30)), &now),
            "yesterday 09:30"
        );
        assert_eq!(
            describe_instant(utc(at(2026, 11, 17, 10, 0)), &now),
            "Tue 17 Nov 10:00"
        );
        assert_eq!(
            describe_instant(utc(at(2026, 11, 24, 10, 0)), &now),
            "Tue 10:00"
        );
        assert_eq!(
            describe_instant(utc(at(2025, 11, 17, 10, 0)), &now),
            "Mon 17 Nov 2025 10:00"
        );
    }
}
