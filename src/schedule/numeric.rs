//! Numeric dates: `12/1`, `12/1/2027`, `12/1/27`, and a bare `3-4`.
//!
//! `12/1` is December 1 to an American and 12 January to most others, so
//! it is read by the configured [`DateOrder`]; without one it is refused
//! with what to write instead, unless only one reading is a date (`25/12`).
//! A bare `3-4` may also be a time (15:00–16:00), so it is a date only when
//! the order is configured and no day is given with it ("tue 3-4" is a time).

use chrono::{Datelike, NaiveDate, TimeZone};

use super::ctx::Ctx;
use super::day::{DayPart, MONTHS};
use super::tokens::{Cursor, Kind, Token};
use super::{DateOrder, WindowError};

/// A day or month number: one or two digits, 1 to 31.
fn small(t: Option<&Token>) -> Option<u32> {
    match t?.num()? {
        (v @ 1..=31, 1 | 2) => u32::try_from(v).ok(),
        _ => None,
    }
}

/// True for the `/` of `12/1`.
fn is_slash(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == Kind::Other && t.text == "/")
}

/// True at `N-M` with both 1–12 and nothing after that makes it a time
/// ("3-4pm", "3-4:30", "3-4h").
pub(super) fn is_dash_pair(cur: &Cursor) -> bool {
    let month_like = |n| small(cur.peek_at(n)).is_some_and(|v| v <= 12);
    let time_follows = cur.peek_at(3).is_some_and(|t| {
        matches!(t.kind, Kind::Colon) || matches!(t.text.as_str(), "am" | "pm" | "h" | ".")
    });
    month_like(0)
        && cur.peek_at(1).is_some_and(|t| t.kind == Kind::Dash)
        && month_like(2)
        && !time_follows
}

/// Parses `a/b` or `a/b/year` at the cursor, or returns `None` (consuming
/// nothing).
pub(super) fn parse_slash<Tz: TimeZone>(
    cur: &mut Cursor,
    ctx: &Ctx<Tz>,
) -> Result<Option<DayPart>, WindowError> {
    let start = cur.pos;
    let (Some(a), true) = (small(cur.peek()), is_slash(cur.peek_at(1))) else {
        return Ok(None);
    };
    let Some((b, 1 | 2)) = cur.peek_at(2).and_then(Token::num) else {
        return Ok(None);
    };
    cur.pos += 3;
    let year = match cur.peek_at(1).and_then(Token::num) {
        Some((y, 2)) if is_slash(cur.peek()) => Some(2000 + y),
        Some((y, 4)) if is_slash(cur.peek()) => Some(y),
        _ => None,
    };
    if year.is_some() {
        cur.pos += 2;
    }
    let b = u32::try_from(b).unwrap_or(u32::MAX);
    let year = year.map(|y| i32::try_from(y).unwrap_or(i32::MAX));
    resolve(ctx, &cur.text_since(start), a, b, year, false).map(Some)
}

/// Reads the `N-M` at the cursor (see [`is_dash_pair`]) as a date.
pub(super) fn parse_dash<Tz: TimeZone>(
    cur: &mut Cursor,
    ctx: &Ctx<Tz>,
) -> Result<DayPart, WindowError> {
    let start = cur.pos;
    let a = small(cur.peek()).unwrap_or(0);
    let b = small(cur.peek_at(2)).unwrap_or(0);
    cur.pos += 3;
    resolve(ctx, &cur.text_since(start), a, b, None, true)
}

/// "Dec 1" for month 12, day 1.
fn month_first(m: u32, d: u32) -> String {
    let name = MONTHS[(m as usize).saturating_sub(1) % 12];
    format!("{} {d}", &name[..3])
}

/// "12 Jan" for month 1, day 12.
fn day_first(m: u32, d: u32) -> String {
    let name = MONTHS[(m as usize).saturating_sub(1) % 12];
    format!("{d} {}", &name[..3])
}

/// The date `a`/`b` (in `year`, else the next one from today) in the
/// configured order, or the one reading that is a month, or a refusal.
fn resolve<Tz: TimeZone>(
    ctx: &Ctx<Tz>,
    text: &str,
    a: u32,
    b: u32,
    year: Option<i32>,
    dash: bool,
) -> Result<DayPart, WindowError> {
    let invalid = || WindowError::InvalidDate(text.to_string());
    let (m, d) = match ctx.order {
        Some(DateOrder::Mdy) => (a, b),
        Some(DateOrder::Dmy) => (b, a),
        None if a == b && !dash => (a, b),
        None => match (a <= 12, b <= 12) {
            (true, true) => {
                return Err(WindowError::AmbiguousDate {
                    text: text.to_string(),
                    readings: format!("{} or {}", month_first(a, b), day_first(b, a)),
                    time: dash,
                });
            }
            (true, false) => (a, b),
            (false, true) => (b, a),
            (false, false) => return Err(invalid()),
        },
    };
    if !(1..=12).contains(&m) {
        return Err(invalid());
    }
    let name = MONTHS[(m as usize - 1) % 12];
    let no_day = |month: String| WindowError::NoSuchDay {
        month,
        day: u64::from(d),
    };
    if let Some(y) = year {
        return match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => Ok(DayPart::Date(ctx.check_date(date)?)),
            None => Err(no_day(format!("{name} {y}"))),
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
