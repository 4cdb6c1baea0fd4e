//! The DAY part of a window: "tomorrow", "next mon", "in 2 days", "nov 25",
//! "2026-11-23", "in 15 min", "now".

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

use super::WindowError;
use super::amount::parse_in;
use super::ctx::{Ctx, local_instant};
use super::months::parse_period;
use super::numeric::parse_slash;
use super::tokens::{Cursor, Kind};

/// A day (or days, or an instant) to apply a time part to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayPart {
    /// A calendar date.
    Date(NaiveDate),
    /// The next such weekday (today if its window has not ended), or the
    /// one in the following calendar week.
    Weekday { day: Weekday, next_week: bool },
    /// Several days' business hours ("next week").
    Span(NaiveDate, NaiveDate),
    /// A precise instant ("in 15 min", "now", an RFC 3339 time).
    Instant(DateTime<Utc>),
}

/// The weekday a word names.
pub(super) fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month (1–12) a word names: full name, three letters, or "sept".
pub(super) fn month(w: &str) -> Option<u32> {
    let i = MONTHS.iter().position(|m| {
        let m = m.to_lowercase();
        w == m || (w.len() == 3 && m.starts_with(w)) || (w == "sept" && m == "september")
    })?;
    u32::try_from(i + 1).ok()
}

fn is_ordinal(w: Option<&str>) -> bool {
    matches!(w, Some("st" | "nd" | "rd" | "th"))
}

/// Parses a DAY part at the cursor, or returns `None` (consuming nothing).
pub(super) fn parse_day_part<Tz: TimeZone>(
    cur: &mut Cursor,
    ctx: &Ctx<Tz>,
) -> Result<Option<DayPart>, WindowError> {
    let Some(tok) = cur.peek() else {
        return Ok(None);
    };
    if tok.kind == Kind::Iso {
        cur.bump();
        return parse_iso(&tok.text, ctx).map(Some);
    }
    if tok.num().is_some() {
        if let Some(d) = parse_slash(cur, ctx)? {
            return Ok(Some(d));
        }
        let month_at = if is_ordinal(cur.word_at(1)) { 2 } else { 1 };
        return match cur.word_at(month_at).and_then(month) {
            Some(m) => {
                let day = cur.bump().and_then(|t| t.num()).map_or(0, |(v, _)| v);
                cur.pos += month_at;
                month_day(cur, ctx, m, day).map(Some)
            }
            None => Ok(None),
        };
    }
    let Some(word) = tok.word() else {
        return Ok(None);
    };
    if let Some(period) = parse_period(cur, ctx)? {
        return Ok(Some(period));
    }
    let day = |d| Ok(Some(DayPart::Date(d)));
    match word {
        "the" if cur.word_at(1) != Some("the") => {
            // "the day after tomorrow", "the first week of december"; "the
            // end of the day" is a time, so give the word back. One "the"
            // at a time: recursion stays shallow on hostile input.
            let start = cur.pos;
            cur.bump();
            let found = parse_day_part(cur, ctx)?;
            if found.is_none() {
                cur.pos = start;
            }
            Ok(found)
        }
        "day" if cur.word_at(1) == Some("after") && cur.word_at(2) == Some("tomorrow") => {
            cur.pos += 3;
            day(ctx.add_days(ctx.today, 2)?)
        }
        "today" => {
            cur.bump();
            day(ctx.today)
        }
        "tomorrow" | "tmrw" | "tmr" => {
            cur.bump();
            day(ctx.add_days(ctx.today, 1)?)
        }
        "now" | "asap" => {
            cur.bump();
            Ok(Some(DayPart::Instant(ctx.now)))
        }
        "this" if cur.word_at(1) == Some("week") => {
            cur.pos += 2;
            this_week(ctx).map(Some)
        }
        "eow" => {
            cur.bump();
            end_of_week(ctx).map(Some)
        }
        "end" if cur.word_at(1) == Some("of") => {
            let the = usize::from(cur.word_at(2) == Some("the"));
            if cur.word_at(2 + the) != Some("week") {
                return Ok(None);
            }
            cur.pos += 3 + the;
            end_of_week(ctx).map(Some)
        }
        "early" if cur.word_at(1) == Some("next") && cur.word_at(2) == Some("week") => {
            cur.pos += 3;
            let days = week_working_days(ctx, 1)?;
            match (days.first(), days.get(1).or(days.first())) {
                (Some(a), Some(b)) => Ok(Some(DayPart::Span(*a, *b))),
                _ => Err(ctx.no_working_days()),
            }
        }
        "on" | "this" => match cur.word_at(1) {
            Some(w) if word == "this" && weekday(w).is_none() => Ok(None),
            _ => {
                let start = cur.pos;
                cur.bump();
                match parse_day_part(cur, ctx)? {
                    Some(d) => Ok(Some(d)),
                    None => Err(incomplete(cur, start, ctx)),
                }
            }
        },
        "next" => {
            let start = cur.pos;
            cur.bump();
            let next = cur.word_at(0);
            if let Some(wd) = next.and_then(weekday) {
                cur.bump();
                return Ok(Some(DayPart::Weekday {
                    day: wd,
                    next_week: true,
                }));
            }
            if next == Some("week") {
                cur.bump();
                return next_week(ctx).map(Some);
            }
            // "next day": said of a callback, the day after today.
            if next == Some("day") {
                cur.bump();
                return day(ctx.add_days(ctx.today, 1)?);
            }
            if next == Some("month") {
                cur.bump();
                return next_month(ctx).map(Some);
            }
            if cur.eat_any(&["business", "working"]) && cur.eat_any(&["day"]) {
                return day(ctx.check_date(ctx.hours.next_working_day(ctx.today))?);
            }
            Err(incomplete(cur, start, ctx))
        }
        "in" => parse_in(cur, ctx).map(Some),
        w => match (weekday(w), month(w)) {
            (Some(wd), _) => {
                cur.bump();
                // "tuesday next week" is "next tuesday".
                let next_week = cur.word_at(0) == Some("next") && cur.word_at(1) == Some("week");
                if next_week {
                    cur.pos += 2;
                }
                Ok(Some(DayPart::Weekday { day: wd, next_week }))
            }
            (None, Some(m)) => {
                cur.bump();
                let Some((d, _)) = cur.peek().and_then(|t| t.num()) else {
                    return Err(WindowError::Incomplete(w.to_string()));
                };
                cur.bump();
                cur.eat_any(&["st", "nd", "rd", "th"]);
                month_day(cur, ctx, m, d).map(Some)
            }
            (None, None) => Ok(None),
        },
    }
}

/// The error for a phrase that stopped early: name the word that does not
/// fit, or say the phrase is incomplete at the end of the input.
pub(super) fn incomplete<Tz: TimeZone>(cur: &Cursor, start: usize, ctx: &Ctx<Tz>) -> WindowError {
    match cur.peek() {
        Some(t) => WindowError::Unknown {
            word: t.text.clone(),
            input: ctx.quoted(),
        },
        None => WindowError::Incomplete(cur.text_since(start)),
    }
}

/// The working days of the week `weeks` after this one (Monday to Sunday).
pub(super) fn week_working_days<Tz: TimeZone>(
    ctx: &Ctx<Tz>,
    weeks: u64,
) -> Result<Vec<NaiveDate>, WindowError> {
    let back = u64::from(ctx.today.weekday().num_days_from_monday());
    let this_monday = ctx
        .today
        .checked_sub_days(chrono::Days::new(back))
        .unwrap_or(ctx.today);
    let monday = ctx.add_days(this_monday, 7 * weeks)?;
    let mut working = Vec::new();
    for i in 0..7 {
        let d = ctx.add_days(monday, i)?;
        if ctx.hours.is_working_day(d) {
            working.push(d);
        }
    }
    Ok(working)
}

/// Monday to the last working day of next week, at business hours.
fn next_week<Tz: TimeZone>(ctx: &Ctx<Tz>) -> Result<DayPart, WindowError> {
    let working = week_working_days(ctx, 1)?;
    match (working.first(), working.last()) {
        (Some(a), Some(b)) => Ok(DayPart::Span(*a, *b)),
        // A week of days off: which day is meant is the user's to say.
        _ if !ctx.hours.days.is_empty() => Err(ctx.no_working_days()),
        _ => {
            let monday = ctx.add_days(ctx.today, 7)?;
            let back = u64::from(monday.weekday().num_days_from_monday());
            let monday = monday
                .checked_sub_days(chrono::Days::new(back))
                .unwrap_or(monday);
            Ok(DayPart::Span(monday, ctx.add_days(monday, 4)?))
        }
    }
}

/// This week's working days whose business hours have not ended; if none
/// are left (e.g. on a weekend), next week's working days.
fn remaining_week<Tz: TimeZone>(ctx: &Ctx<Tz>) -> Result<Vec<NaiveDate>, WindowError> {
    let mut left = Vec::new();
    for d in week_working_days(ctx, 0)? {
        if d >= ctx.today && ctx.business_day(d)?.end > ctx.now {
            left.push(d);
        }
    }
    if left.is_empty() {
        left = week_working_days(ctx, 1)?;
    }
    Ok(left)
}

/// "this week": from now to the last working day of this week (or of next
/// week, once this week's working days are over).
fn this_week<Tz: TimeZone>(ctx: &Ctx<Tz>) -> Result<DayPart, WindowError> {
    let left = remaining_week(ctx)?;
    match (left.first(), left.last()) {
        (Some(a), Some(b)) => Ok(DayPart::Span(*a, *b)),
        _ => Err(ctx.no_working_days()),
    }
}

/// "end of week", "eow": the last working day of this week (or of next week,
/// once this week's working days are over).
fn end_of_week<Tz: TimeZone>(ctx: &Ctx<Tz>) -> Result<DayPart, WindowError> {
    remaining_week(ctx)?
        .last()
        .map(|d| DayPart::Date(*d))
        .ok_or_else(|| ctx.no_working_days())
}

/// "next month": the first working day of next month.
fn next_month<Tz: TimeZone>(ctx: &Ctx<Tz>) -> Result<DayPart, WindowError> {
    let too_far = || WindowError::TooFar(ctx.quoted());
    let first = ctx
        .today
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .ok_or_else(too_far)?;
    let d = if ctx.hours.is_working_day(first) {
        first
    } else {
        ctx.hours.next_working_day(first)
    };
    Ok(DayPart::Date(ctx.check_date(d)?))
}

/// A month and day, with an optional four-digit year at the cursor.
fn month_day<Tz: TimeZone>(
    cur: &mut Cursor,
    ctx: &Ctx<Tz>,
    m: u32,
    day: u64,
) -> Result<DayPart, WindowError> {
    let name = MONTHS[(m as usize).saturating_sub(1) % 12];
    let no_day = |month: String| WindowError::NoSuchDay { month, day };
    let d = u32::try_from(day).unwrap_or(u32::MAX);
    let year_follows = cur
        .peek_at(1)
        .is_none_or(|t| t.kind != Kind::Colon && !t.is_word("h"));
    if let Some((y, 4)) = cur.peek().and_then(|t| t.num()).filter(|_| year_follows) {
        cur.bump();
        let y = i32::try_from(y).unwrap_or(i32::MAX);
        return match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => Ok(DayPart::Date(ctx.check_date(date)?)),
            None if NaiveDate::from_ymd_opt(2000, m, d).is_some() => {
                Err(no_day(format!("{name} {y}")))
            }
            None => Err(no_day(name.to_string())),
        };
    }
    if NaiveDate::from_ymd_opt(2000, m, d).is_none() {
        return Err(no_day(name.to_string()));
    }
    let this_year = ctx.today.year();
    (this_year..=this_year.saturating_add(8))
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .find(|date| *date >= ctx.today)
        .map(DayPart::Date)
        .ok_or_else(|| WindowError::TooFar(ctx.quoted()))
}

/// `2026-11-23` (a date), `2026-11-23t09:00[:00]` (local) or an RFC 3339
/// time with an offset.
fn parse_iso<Tz: TimeZone>(text: &str, ctx: &Ctx<Tz>) -> Result<DayPart, WindowError> {
    let invalid = || WindowError::InvalidDate(text.to_string());
    let (date_text, time_text) = text.split_once('t').unwrap_or((text, ""));
    let parts: Vec<&str> = date_text.split('-').collect();
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let ok_shape = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() == 4
        && parts[1].len() <= 2
        && parts[2].len() <= 2;
    let [y, m, d] = nums[..] else {
        return Err(invalid());
    };
    if !ok_shape || !(1..=12).contains(&m) {
        return Err(invalid());
    }
    let y = i32::try_from(y).map_err(|_| invalid())?;
    let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
        let month = MONTHS[(m as usize - 1) % 12];
        return Err(WindowError::NoSuchDay {
            month: format!("{month} {y}"),
            day: u64::from(d),
        });
    };
    let date = ctx.check_date(date)?;
    if time_text.is_empty() {
        return Ok(DayPart::Date(date));
    }
    let upper = text.to_uppercase();
    if let Ok(t) = DateTime::parse_from_rfc3339(&upper) {
        return Ok(DayPart::Instant(ctx.check_instant(t.with_timezone(&Utc))?));
    }
    let offset = DateTime::parse_from_str(&upper, "%Y-%m-%dT%H:%M%:z");
    if let Ok(t) = offset {
        return Ok(DayPart::Instant(ctx.check_instant(t.with_timezone(&Utc))?));
    }
    let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&upper, f).ok());
    match naive {
        Some(ndt) => Ok(DayPart::Instant(local_instant(&ctx.tz, ndt)?)),
        None => Err(WindowError::NotATime(time_text.to_string())),
    }
}
