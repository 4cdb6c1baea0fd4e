//! Call slots to offer a prospect ("{suggested_times}").

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone};

use crate::schedule::BusinessHours;

/// Builds a local date-time, resolving DST gaps forward and overlaps to the
/// earlier instant.
fn local_at<Tz: TimeZone>(tz: &Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Tz>> {
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t),
        LocalResult::Ambiguous(a, _) => Some(a),
        LocalResult::None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest(),
    }
}

/// `count` call slots to offer, one per working day starting the working day
/// after `now`'s date: alternately 10:00 and 14:00, moved inside business
/// hours (never earlier than the start nor later than an hour before the end).
pub fn suggested_times<Tz: TimeZone>(
    now: &DateTime<Tz>,
    hours: &BusinessHours,
    count: usize,
) -> Vec<DateTime<Tz>> {
    let tz = now.timezone();
    let (latest, wrapped) = hours.end.overflowing_sub_signed(Duration::hours(1));
    let latest = if wrapped != 0 || latest < hours.start {
        hours.start
    } else {
        latest
    };
    let hour = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(hours.start);
    let slots = (hour(10), hour(14));
    let mut day = now.naive_local().date();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        day = hours.next_working_day(day);
        let slot = if i % 2 == 0 { slots.0 } else { slots.1 };
        let time = slot.clamp(hours.start, latest);
        if let Some(t) = local_at(&tz, day, time) {
            out.push(t);
        }
    }
    out
}

/// Formats call slots for a script: "Tue 24 Nov at 10:00, Wed 25 Nov at 14:00
/// or Thu 26 Nov at 10:00" (local time of each slot).
pub fn format_suggested_times<Tz: TimeZone>(times: &[DateTime<Tz>]) -> String {
    let items: Vec<String> = times
        .iter()
        .map(|t| t.naive_local().format("%a %-d %b at %H:%M").to_string())
        .collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;
    use chrono_tz::America::Toronto;

    #[test]
    fn suggested_times_skip_today_and_weekends() {
        // Thursday 2026-10-29, 10:00 in Toronto.
        let now = Toronto.with_ymd_and_hms(2026, 10, 29, 10, 0, 0).unwrap();
        let times = suggested_times(&now, &BusinessHours::default(), 3);
        let local: Vec<String> = times
            .iter()
            .map(|t| t.format("%a %d %H:%M").to_string())
            .collect();
        assert_eq!(local, ["Fri 30 10:00", "Mon 02 14:00", "Tue 03 10:00"]);
        assert_eq!(
            format_suggested_times(&times),
            "Fri 30 Oct at 10:00, Mon 2 Nov at 14:00 or Tue 3 Nov at 10:00"
        );
    }

    #[test]
    fn suggested_times_stay_inside_hours() {
        let now = Toronto.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let hours = BusinessHours {
            start: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(14, 30, 0).unwrap(),
            days: vec![Weekday::Tue, Weekday::Thu],
            ..BusinessHours::default()
        };
        let times = suggested_times(&now, &hours, 2);
        let local: Vec<String> = times
            .iter()
            .map(|t| t.format("%a %d %H:%M").to_string())
            .collect();
        assert_eq!(local, ["Tue 24 11:00", "Thu 26 13:30"]);
    }

    #[test]
    fn format_suggested_times_joins_naturally() {
        let t = |d| Toronto.with_ymd_and_hms(2026, 11, d, 10, 0, 0).unwrap();
        assert_eq!(format_suggested_times::<chrono_tz::Tz>(&[]), "");
        assert_eq!(format_suggested_times(&[t(24)]), "Tue 24 Nov at 10:00");
        assert_eq!(
            format_suggested_times(&[t(24), t(25)]),
            "Tue 24 Nov at 10:00 or Wed 25 Nov at 10:00"
        );
    }
}
