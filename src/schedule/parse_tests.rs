//! Tests for [`parse_window`]: every form, errors, DST and fuzzing.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::America::Toronto;
use chrono_tz::Tz;
use proptest::prelude::*;

use super::{BusinessHours, WindowError, parse_window};

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Tz> {
    Toronto
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .unwrap()
}

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Toronto)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn check(now: &DateTime<Tz>, rows: &[(&str, &str, &str)]) {
    let h = BusinessHours::default();
    let mut failures = Vec::new();
    for (input, start, end) in rows {
        match parse_window(input, now, &h) {
            Ok(w) if (local(w.start), local(w.end)) == (start.to_string(), end.to_string()) => {}
            got => failures.push(format!("{input:?}: want {start}..{end}, got {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn parses_every_form() {
    // Sunday 2026-11-22 10:00 in Toronto.
    let now = at(2026, 11, 22, 10, 0);
    #[rustfmt::skip]
    check(&now, &[
        // Days.
        ("today", "2026-11-22 08:00", "2026-11-22 20:00"),
        ("tomorrow", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("tmrw", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("tmr", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("mon", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("monday", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("tue", "2026-11-24 08:00", "2026-11-24 20:00"),
        ("tues", "2026-11-24 08:00", "2026-11-24 20:00"),
        ("tuesday", "2026-11-24 08:00", "2026-11-24 20:00"),
        ("wed", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("wednesday", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("thu", "2026-11-26 08:00", "2026-11-26 20:00"),
        ("thurs", "2026-11-26 08:00", "2026-11-26 20:00"),
        ("friday", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("sat", "2026-11-28 08:00", "2026-11-28 20:00"),
        ("sun", "2026-11-22 08:00", "2026-11-22 20:00"),
        ("sunday morning", "2026-11-22 08:00", "2026-11-22 12:00"),
        ("sunday 9am", "2026-11-29 09:00", "2026-11-29 09:00"),
        ("on tue", "2026-11-24 08:00", "2026-11-24 20:00"),
        ("this friday", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("next mon", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("next fri", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("next sunday", "2026-11-29 08:00", "2026-11-29 20:00"),
        ("next week", "2026-11-23 08:00", "2026-11-27 20:00"),
        ("in 15 min", "2026-11-22 10:15", "2026-11-22 10:15"),
        ("in 15 mins", "2026-11-22 10:15", "2026-11-22 10:15"),
        ("in 1 minute", "2026-11-22 10:01", "2026-11-22 10:01"),
        ("in 90 minutes", "2026-11-22 11:30", "2026-11-22 11:30"),
        ("in 15m", "2026-11-22 10:15", "2026-11-22 10:15"),
        ("in 2 h", "2026-11-22 12:00", "2026-11-22 12:00"),
        ("in 1 hour", "2026-11-22 11:00", "2026-11-22 11:00"),
        ("in 3 hours", "2026-11-22 13:00", "2026-11-22 13:00"),
        ("in an hour", "2026-11-22 11:00", "2026-11-22 11:00"),
        ("in half an hour", "2026-11-22 10:30", "2026-11-22 10:30"),
        ("in 0 days", "2026-11-22 08:00", "2026-11-22 20:00"),
        ("in 1 day", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("in 2 days", "2026-11-24 08:00", "2026-11-24 20:00"),
        ("in 1 week", "2026-11-29 08:00", "2026-11-29 20:00"),
        ("in 2 weeks", "2026-12-06 08:00", "2026-12-06 20:00"),
        ("in 2 business days", "2026-11-24 08:00", "2026-11-24 20:00"),
        ("in 1 working day", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("in 5 business days", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("in 6 working days", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("next business day", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("next working day", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("nov 25", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("25 nov", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("november 25", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("25th november", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("nov 25th", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("nov 25 2026", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("november 25, 2027", "2027-11-25 08:00", "2027-11-25 20:00"),
        ("nov 22", "2026-11-22 08:00", "2026-11-22 20:00"),
        ("nov 21", "2027-11-21 08:00", "2027-11-21 20:00"),
        ("jan 5", "2027-01-05 08:00", "2027-01-05 20:00"),
        ("feb 29", "2028-02-29 08:00", "2028-02-29 20:00"),
        ("2026-11-23", "2026-11-23 08:00", "2026-11-23 20:00"),
        ("2026-11-23T09:00", "2026-11-23 09:00", "2026-11-23 09:00"),
        ("2026-11-23 09:00", "2026-11-23 09:00", "2026-11-23 09:00"),
        ("2026-11-23T09:00:00", "2026-11-23 09:00", "2026-11-23 09:00"),
        ("2026-11-23T09:00:00-05:00", "2026-11-23 09:00", "2026-11-23 09:00"),
        ("2026-11-23T09:00-05:00", "2026-11-23 09:00", "2026-11-23 09:00"),
        ("2026-11-23T14:00:00Z", "2026-11-23 09:00", "2026-11-23 09:00"),
        ("now", "2026-11-22 10:00", "2026-11-22 10:00"),
        // Times, on their own: today unless already ended.
        ("3pm", "2026-11-22 15:00", "2026-11-22 15:00"),
        ("3 pm", "2026-11-22 15:00", "2026-11-22 15:00"),
        ("3 p.m.", "2026-11-22 15:00", "2026-11-22 15:00"),
        ("3:30pm", "2026-11-22 15:30", "2026-11-22 15:30"),
        ("11am", "2026-11-22 11:00", "2026-11-22 11:00"),
        ("12am", "2026-11-23 00:00", "2026-11-23 00:00"),
        ("15:30", "2026-11-22 15:30", "2026-11-22 15:30"),
        ("9:05", "2026-11-23 09:05", "2026-11-23 09:05"),
        ("5:30", "2026-11-22 17:30", "2026-11-22 17:30"),
        ("15h", "2026-11-22 15:00", "2026-11-22 15:00"),
        ("15h30", "2026-11-22 15:30", "2026-11-22 15:30"),
        ("noon", "2026-11-22 12:00", "2026-11-22 12:00"),
        ("midday", "2026-11-22 12:00", "2026-11-22 12:00"),
        ("at 3pm", "2026-11-22 15:00", "2026-11-22 15:00"),
        ("at noon", "2026-11-22 12:00", "2026-11-22 12:00"),
        ("at 5", "2026-11-22 17:00", "2026-11-22 17:00"),
        ("5", "2026-11-22 17:00", "2026-11-22 17:00"),
        ("8", "2026-11-23 08:00", "2026-11-23 08:00"),
        ("11", "2026-11-22 11:00", "2026-11-22 11:00"),
        ("12", "2026-11-22 12:00", "2026-11-22 12:00"),
        ("13", "2026-11-22 13:00", "2026-11-22 13:00"),
        ("after 5", "2026-11-22 17:00", "2026-11-22 20:00"),
        ("after 5pm", "2026-11-22 17:00", "2026-11-22 20:00"),
        ("from 3pm", "2026-11-22 15:00", "2026-11-22 20:00"),
        ("before 11", "2026-11-22 08:00", "2026-11-22 11:00"),
        ("before 10", "2026-11-22 08:00", "2026-11-22 10:00"),
        ("by 3pm", "2026-11-22 08:00", "2026-11-22 15:00"),
        ("between 2 and 4", "2026-11-22 14:00", "2026-11-22 16:00"),
        ("between 10 and 2", "2026-11-22 10:00", "2026-11-22 14:00"),
        ("2-4pm", "2026-11-22 14:00", "2026-11-22 16:00"),
        ("2pm-4pm", "2026-11-22 14:00", "2026-11-22 16:00"),
        ("2pm – 4pm", "2026-11-22 14:00", "2026-11-22 16:00"),
        ("14:00-16:00", "2026-11-22 14:00", "2026-11-22 16:00"),
        ("from 2 to 4", "2026-11-22 14:00", "2026-11-22 16:00"),
        ("11-1pm", "2026-11-22 11:00", "2026-11-22 13:00"),
        ("7pm-9", "2026-11-22 19:00", "2026-11-22 21:00"),
        ("morning", "2026-11-22 08:00", "2026-11-22 12:00"),
        ("this afternoon", "2026-11-22 12:00", "2026-11-22 17:00"),
        ("afternoon", "2026-11-22 12:00", "2026-11-22 17:00"),
        ("evening", "2026-11-22 17:00", "2026-11-22 20:00"),
        ("tonight", "2026-11-22 17:00", "2026-11-22 20:00"),
        ("all day", "2026-11-22 08:00", "2026-11-22 20:00"),
        // Day and time, in either order.
        ("tue morning", "2026-11-24 08:00", "2026-11-24 12:00"),
        ("morning tue", "2026-11-24 08:00", "2026-11-24 12:00"),
        ("thu 3pm", "2026-11-26 15:00", "2026-11-26 15:00"),
        ("thursday at 3pm", "2026-11-26 15:00", "2026-11-26 15:00"),
        ("at 3pm on thursday", "2026-11-26 15:00", "2026-11-26 15:00"),
        ("tomorrow 9am", "2026-11-23 09:00", "2026-11-23 09:00"),
        ("tomorrow afternoon", "2026-11-23 12:00", "2026-11-23 17:00"),
        ("next tue after 5", "2026-11-24 17:00", "2026-11-24 20:00"),
        ("nov 25 3pm", "2026-11-25 15:00", "2026-11-25 15:00"),
        ("25th november at 10:30", "2026-11-25 10:30", "2026-11-25 10:30"),
        ("in 2 days at 10am", "2026-11-24 10:00", "2026-11-24 10:00"),
        ("next business day morning", "2026-11-23 08:00", "2026-11-23 12:00"),
        ("2026-11-23 between 2 and 4", "2026-11-23 14:00", "2026-11-23 16:00"),
        ("fri all day", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("sun 9am", "2026-11-29 09:00", "2026-11-29 09:00"),
        ("  TUE    Morning ", "2026-11-24 08:00", "2026-11-24 12:00"),
        ("Next Week", "2026-11-23 08:00", "2026-11-27 20:00"),
        // Alternatives.
        ("mon after 5 or tue morning", "2026-11-23 17:00", "2026-11-24 12:00"),
        ("tue or wed", "2026-11-24 08:00", "2026-11-25 20:00"),
        ("mon 3pm or 4pm", "2026-11-23 15:00", "2026-11-23 16:00"),
        // Sales shorthand. The rest of today (a Sunday) from now.
        ("eod", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("EOD", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("end of day", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("by end of day", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("end of the day", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("by the end of the day", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("by eod", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("eod today", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("later today", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("later", "2026-11-22 10:00", "2026-11-22 20:00"),
        ("fri eod", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("eod friday", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("friday end of day", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("asap", "2026-11-22 10:00", "2026-11-22 10:00"),
        ("ASAP", "2026-11-22 10:00", "2026-11-22 10:00"),
        // On a Sunday this week's working days are over: the coming week.
        ("this week", "2026-11-23 08:00", "2026-11-27 20:00"),
        ("end of week", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("end of the week", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("eow", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("eow 3pm", "2026-11-27 15:00", "2026-11-27 15:00"),
        ("early next week", "2026-11-23 08:00", "2026-11-24 20:00"),
        ("next month", "2026-12-01 08:00", "2026-12-01 20:00"),
        ("in 3 months", "2027-02-22 08:00", "2027-02-22 20:00"),
        ("in a month", "2026-12-22 08:00", "2026-12-22 20:00"),
        ("tomorrow 10.30", "2026-11-23 10:30", "2026-11-23 10:30"),
        ("10.30am", "2026-11-22 10:30", "2026-11-22 10:30"),
        ("3.30pm", "2026-11-22 15:30", "2026-11-22 15:30"),
        ("tue at 9.15", "2026-11-24 09:15", "2026-11-24 09:15"),
        ("first thing", "2026-11-23 08:00", "2026-11-23 09:00"),
        ("first thing tomorrow", "2026-11-23 08:00", "2026-11-23 09:00"),
        ("first thing tue", "2026-11-24 08:00", "2026-11-24 09:00"),
        ("after lunch", "2026-11-22 13:00", "2026-11-22 20:00"),
        ("lunch", "2026-11-22 12:00", "2026-11-22 13:00"),
        ("lunchtime", "2026-11-22 12:00", "2026-11-22 13:00"),
        ("tomorrow after lunch", "2026-11-23 13:00", "2026-11-23 20:00"),
        ("wed lunch", "2026-11-25 12:00", "2026-11-25 13:00"),
    ]);
}

#[test]
fn parses_sales_shorthand_around_business_hours() {
    // Friday 2026-11-27 21:00: business hours are over.
    let late = at(2026, 11, 27, 21, 0);
    #[rustfmt::skip]
    check(&late, &[
        ("eod", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("end of day", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("later", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("later today", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("fri eod", "2026-12-04 08:00", "2026-12-04 20:00"),
        ("this week", "2026-11-30 08:00", "2026-12-04 20:00"),
        ("eow", "2026-12-04 08:00", "2026-12-04 20:00"),
        ("first thing", "2026-11-28 08:00", "2026-11-28 09:00"),
        ("next month", "2026-12-01 08:00", "2026-12-01 20:00"),
    ]);
    // Friday 2026-11-27 07:00: before business hours.
    let early = at(2026, 11, 27, 7, 0);
    #[rustfmt::skip]
    check(&early, &[
        ("eod", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("later", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("this week", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("eow", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("first thing", "2026-11-27 08:00", "2026-11-27 09:00"),
        ("after lunch", "2026-11-27 13:00", "2026-11-27 20:00"),
    ]);
    // Friday 2026-11-27 20:00 exactly: the rest of the day is over.
    check(
        &at(2026, 11, 27, 20, 0),
        &[("eod", "2026-11-30 08:00", "2026-11-30 20:00")],
    );
    // "in N months" clamps to the month's last day; next month skips a weekend.
    let jan31 = at(2027, 1, 31, 10, 0);
    #[rustfmt::skip]
    check(&jan31, &[
        ("in 1 month", "2027-02-28 08:00", "2027-02-28 20:00"),
        ("in 3 months", "2027-04-30 08:00", "2027-04-30 20:00"),
        ("next month", "2027-02-01 08:00", "2027-02-01 20:00"),
    ]);
    // Next month starting on a Saturday (2027-05-01): Monday 2027-05-03.
    check(
        &at(2027, 4, 10, 10, 0),
        &[("next month", "2027-05-03 08:00", "2027-05-03 20:00")],
    );
}

#[test]
fn parses_relative_to_a_weekday_afternoon() {
    // Wednesday 2026-11-25 16:00: time-only rollover and weekday-today rules.
    let now = at(2026, 11, 25, 16, 0);
    #[rustfmt::skip]
    check(&now, &[
        ("wed", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("wednesday morning", "2026-12-02 08:00", "2026-12-02 12:00"),
        ("wed 3pm", "2026-12-02 15:00", "2026-12-02 15:00"),
        ("wed 5pm", "2026-11-25 17:00", "2026-11-25 17:00"),
        ("thu", "2026-11-26 08:00", "2026-11-26 20:00"),
        ("mon", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("next mon", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("next wed", "2026-12-02 08:00", "2026-12-02 20:00"),
        ("next fri", "2026-12-04 08:00", "2026-12-04 20:00"),
        ("next week", "2026-11-30 08:00", "2026-12-04 20:00"),
        ("today", "2026-11-25 08:00", "2026-11-25 20:00"),
        ("morning", "2026-11-26 08:00", "2026-11-26 12:00"),
        ("afternoon", "2026-11-25 12:00", "2026-11-25 17:00"),
        ("14:30", "2026-11-26 14:30", "2026-11-26 14:30"),
        ("3pm", "2026-11-26 15:00", "2026-11-26 15:00"),
        ("after 5", "2026-11-25 17:00", "2026-11-25 20:00"),
        ("before 10", "2026-11-26 08:00", "2026-11-26 10:00"),
        ("evening", "2026-11-25 17:00", "2026-11-25 20:00"),
        ("in 2 business days", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("in 3 business days", "2026-11-30 08:00", "2026-11-30 20:00"),
        ("next business day", "2026-11-26 08:00", "2026-11-26 20:00"),
        ("in 2 hours", "2026-11-25 18:00", "2026-11-25 18:00"),
        ("in 1 month", "2026-12-25 08:00", "2026-12-25 20:00"),
        // Sales shorthand on a working day, mid-afternoon.
        ("eod", "2026-11-25 16:00", "2026-11-25 20:00"),
        ("by end of day", "2026-11-25 16:00", "2026-11-25 20:00"),
        ("later today", "2026-11-25 16:00", "2026-11-25 20:00"),
        ("later", "2026-11-25 16:00", "2026-11-25 20:00"),
        ("wed eod", "2026-11-25 16:00", "2026-11-25 20:00"),
        ("eod wednesday", "2026-11-25 16:00", "2026-11-25 20:00"),
        ("fri eod", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("asap", "2026-11-25 16:00", "2026-11-25 16:00"),
        ("this week", "2026-11-25 16:00", "2026-11-27 20:00"),
        ("end of week", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("eow", "2026-11-27 08:00", "2026-11-27 20:00"),
        ("early next week", "2026-11-30 08:00", "2026-12-01 20:00"),
        ("next month", "2026-12-01 08:00", "2026-12-01 20:00"),
        ("in 2 months", "2027-01-25 08:00", "2027-01-25 20:00"),
        ("first thing", "2026-11-26 08:00", "2026-11-26 09:00"),
        ("lunch", "2026-11-26 12:00", "2026-11-26 13:00"),
        ("after lunch", "2026-11-25 13:00", "2026-11-25 20:00"),
        ("tomorrow 10.30", "2026-11-26 10:30", "2026-11-26 10:30"),
    ]);
}

#[test]
fn rejects_invalid_input() {
    let now = at(2026, 11, 22, 10, 0);
    let h = BusinessHours::default();
    #[rustfmt::skip]
    let rows = [
        ("", "no time given"),
        ("   ", "no time given"),
        ("flurb", "could not understand \"flurb\""),
        ("tue flurb", "could not understand \"flurb\" in \"tue flurb\"; try e.g. \"tomorrow\""),
        ("tue morning 🙂", "could not understand \"🙂\""),
        ("25:00", "25:00 is not a time of day"),
        ("tomorrow 25:00", "25:00 is not a time of day"),
        ("13pm", "13pm is not a time of day"),
        ("0am", "0am is not a time of day"),
        ("3:75", "3:75 is not a time of day"),
        ("9:5", "9:5 is not a time of day"),
        ("24", "24 is not a time of day"),
        ("feb 30", "February has no day 30"),
        ("31 april", "April has no day 31"),
        ("nov 0", "November has no day 0"),
        ("feb 29 2027", "February 2027 has no day 29"),
        ("2026-02-30", "February 2026 has no day 30"),
        ("2026-13-01", "is not a valid date"),
        ("2026-11", "is not a valid date"),
        ("2026-11-23T25:00", "25:00 is not a time of day"),
        ("in 99999999 days", "too far in the future"),
        ("in 99999999999999999999999 minutes", "too far in the future"),
        ("in 9223372036854775807 hours", "too far in the future"),
        ("in 99999 business days", "too far in the future"),
        ("in 2000 months", "too far in the future"),
        ("nov 25 9999", "too far in the future"),
        ("1800-01-01", "too far in the past"),
        ("in -5 days", "\"in -5\" is a negative amount"),
        ("between 5pm and 3pm", "would end at 15:00, before it starts at 17:00"),
        ("after 9pm", "before it starts at 21:00"),
        ("tue wed", "two days given"),
        ("3pm 4pm", "two times given"),
        ("in 5", "\"in 5\" needs a unit"),
        ("in 5 flurbs", "could not understand \"flurbs\""),
        ("in 2 business weeks", "could not understand \"weeks\""),
        ("next", "\"next\" is incomplete"),
        ("next flurb", "could not understand \"flurb\""),
        ("between 2", "\"between 2\" is incomplete"),
        ("at", "\"at\" is incomplete"),
        ("tue or", "\"or\" is incomplete"),
        ("or tue", "\"or\" is incomplete"),
        ("now 3pm", "\"now\" cannot be combined with the time of day \"3pm\""),
        ("next week morning", "cannot be combined"),
        ("nov", "\"nov\" is incomplete"),
        ("3:", "could not understand \":\""),
        ("10.3", "could not understand \".\""),
        ("10. 30", "could not understand \".\""),
        ("end of month", "could not understand \"end\""),
        ("early week", "could not understand \"early\""),
        ("first", "could not understand \"first\""),
        ("this week 3pm", "cannot be combined"),
        ("asap 3pm", "cannot be combined"),
        ("eod 3pm", "two times given"),
    ];
    let mut failures = Vec::new();
    for (input, want) in rows {
        match parse_window(input, &now, &h) {
            Err(e) if e.to_string().contains(want) => {}
            got => failures.push(format!(
                "{input:?}: want error containing {want:?}, got {got:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let early = BusinessHours {
        end: chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
        ..h
    };
    let err = parse_window("evening", &now, &early).unwrap_err();
    assert_eq!(err, WindowError::EveningAfterHours("16:00".into()));
    assert!(err.to_string().contains("business hours end at 16:00"));
}

#[test]
fn day_arithmetic_respects_dst() {
    let h = BusinessHours::default();
    let parse = |input: &str, now: &DateTime<Tz>| parse_window(input, now, &h).unwrap();
    // Spring forward on 2026-03-08, fall back on 2026-11-01.
    let w = parse("tomorrow 9am", &at(2026, 3, 7, 10, 0));
    assert_eq!(local(w.start), "2026-03-08 09:00");
    assert_eq!(w.start.to_rfc3339(), "2026-03-08T13:00:00+00:00");
    let w = parse("tomorrow 9am", &at(2026, 10, 31, 10, 0));
    assert_eq!(local(w.start), "2026-11-01 09:00");
    assert_eq!(w.start.to_rfc3339(), "2026-11-01T14:00:00+00:00");
    // Friday 2026-03-06: two business days later is Tuesday, after the change.
    let w = parse("in 2 business days", &at(2026, 3, 6, 10, 0));
    assert_eq!(
        (local(w.start), local(w.end)),
        ("2026-03-10 08:00".into(), "2026-03-10 20:00".into())
    );
    // A time in the spring-forward gap moves to the first valid instant.
    let w = parse("2026-03-08 02:30", &at(2026, 3, 7, 10, 0));
    assert_eq!(local(w.start), "2026-03-08 03:00");
    // An ambiguous time takes the earlier (daylight) instant.
    let w = parse("2026-11-01 01:30", &at(2026, 10, 31, 10, 0));
    assert_eq!(w.start.to_rfc3339(), "2026-11-01T05:30:00+00:00");
}

const WORDS: &[&str] = &[
    "today",
    "tomorrow",
    "mon",
    "tue",
    "friday",
    "next",
    "week",
    "in",
    "min",
    "hours",
    "days",
    "business",
    "working",
    "day",
    "an",
    "half",
    "hour",
    "nov",
    "feb",
    "25th",
    "at",
    "after",
    "before",
    "between",
    "and",
    "from",
    "to",
    "morning",
    "afternoon",
    "evening",
    "all",
    "or",
    "now",
    "noon",
    "pm",
    "am",
    "h",
    ":",
    "-",
    "3pm",
    "15:30",
    "2026-11-23",
    "2026-02-30T09:00",
    "this",
    "on",
    "by",
    "eod",
    "end",
    "of",
    "the",
    "later",
    "asap",
    "eow",
    "early",
    "month",
    "first",
    "thing",
    "lunch",
    "10.30",
    ".",
    "perhaps",
    "let's",
    "say",
    "couple",
    "few",
    "two",
    "a",
    "mid",
    "mid-",
    "of",
    "last",
    "yesterday",
    "ago",
    "same",
    "time",
    "/",
    "12/1",
    "3-4",
    "new",
    "year",
    "holidays",
    "january",
    "december",
    "second",
];

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,40}") {
        let now = at(2026, 11, 22, 10, 0);
        if let Ok(w) = parse_window(&s, &now, &BusinessHours::default()) {
            prop_assert!(w.start <= w.end);
        }
    }

    #[test]
    fn never_panics_on_grammar_words(
        parts in prop::collection::vec(
            prop_oneof![
                prop::sample::select(WORDS).prop_map(str::to_string),
                any::<i64>().prop_map(|n| n.to_string()),
                (0u32..60).prop_map(|n| n.to_string()),
            ],
            0..6,
        ),
        hour in 0u32..24,
    ) {
        let now = Utc.with_ymd_and_hms(2026, 3, 8, hour, 0, 0).unwrap().with_timezone(&Toronto);
        let input = parts.join(" ");
        if let Ok(w) = parse_window(&input, &now, &BusinessHours::default()) {
            prop_assert!(w.start <= w.end, "{input}");
        }
        for order in [super::DateOrder::Mdy, super::DateOrder::Dmy] {
            let _ = super::parse_window_ordered(&input, &now, &BusinessHours::default(), Some(order));
        }
        let _ = super::schedule_in_business_hours(&input, &now, &BusinessHours::default());
    }
}
