//! Weeks and months: "in January", "mid January", "first week of December",
//! "end of next week", "after New Year".
//!
//! Each names a run of days, so each is a span of business days (a
//! [`DayPart::Span`] from its first to its last working day). A period
//! already over means the next one: "in January" said in March is next
//! January. Days are counted in the month, not in calendar weeks, so a
//! salesperson can say them back to the customer: "first week of December"
//! is December 1–7.

use chrono::{Datelike, NaiveDate, TimeZone};

use super::WindowError;
use super::ctx::Ctx;
use super::day::{DayPart, incomplete, month, week_working_days};
use super::tokens::{Cursor, Kind};

/// A run of days in a month: `from` to `to` (clamped to the month's end);
/// `from == 0` means its last seven days.
#[derive(Debug, Clone, Copy)]
struct Period {
    month: u32,
    from: u32,
    to: u32,
}

/// The days of a month a phrase names ("mid" → 10–20), and its length in
/// tokens before the month name.
///
/// - "early"/"beginning of"/"start of" M: the 1st to the 10th;
/// - "mid"/"mid-"/"middle of" M: the 10th to the 20th;
/// - "late"/"end of" M: the 21st to the month's end;
/// - "first"…"fourth week of" M: days 1–7, 8–14, 15–21, 22–28;
///   "last week of" M: its last seven days;
/// - "in" M: the whole month.
fn part_of_month(cur: &Cursor) -> Option<(u32, u32, usize)> {
    let w = |n| cur.word_at(n);
    let of = |n| usize::from(w(n) == Some("of"));
    let dash = |n| usize::from(cur.peek_at(n).is_some_and(|t| t.kind == Kind::Dash));
    Some(match w(0)? {
        "in" => (1, 31, 1),
        "early" => (1, 10, 1),
        "beginning" | "start" if w(1) == Some("of") => (1, 10, 2),
        "mid" => (10, 20, 1 + dash(1)),
        "middle" if w(1) == Some("of") => (10, 20, 2),
        "late" => (21, 31, 1),
        "end" if w(1) == Some("of") => (21, 31, 2),
        nth if w(1) == Some("week") && of(2) == 1 => {
            let n = match nth {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" => 4,
                // Day 0: the month's last seven days (see `next_period`).
                "last" => return Some((0, 0, 3)),
                _ => return None,
            };
            (7 * n - 6, 7 * n, 3)
        }
        _ => return None,
    })
}

/// Parses a week or month phrase at the cursor, or returns `None`
/// (consuming nothing).
pub(super) fn parse_period<Tz: TimeZone>(
    cur: &mut Cursor,
    ctx: &Ctx<Tz>,
) -> Result<Option<DayPart>, WindowError> {
    let start = cur.pos;
    let w = |n| cur.word_at(n);
    if w(0) == Some("end") && w(1) == Some("of") && w(2) == Some("next") && w(3) == Some("week") {
        cur.pos += 4;
        return end_of_next_week(ctx).map(Some);
    }
    if let Some(len) = after_new_year(cur) {
        cur.pos += len;
        return next_period(
            ctx,
            Period {
                month: 1,
                from: 2,
                to: 8,
            },
        )
        .map(Some);
    }
    let Some((from, to, len)) = part_of_month(cur) else {
        return Ok(None);
    };
    let named = cur.word_at(len).and_then(month);
    let Some(m) = named else {
        // "in 2 days", "early next week", "end of week", "first thing":
        // not a month phrase; a week phrase missing its month is incomplete.
        if len == 3 {
            cur.pos += len;
            return Err(incomplete(cur, start, ctx));
        }
        if w(0) == Some("mid") {
            cur.pos += len;
            return Err(incomplete(cur, start, ctx));
        }
        return Ok(None);
    };
    cur.pos += len + 1;
    next_period(ctx, Period { month: m, from, to }).map(Some)
}

/// The tokens of "after New Year('s)", "after the new year" or "after the
/// holidays", if at the cursor.
fn after_new_year(cur: &Cursor) -> Option<usize> {
    if cur.word_at(0) != Some("after") {
        return None;
    }
    let the = usize::from(cur.word_at(1) == Some("the"));
    let w = |n| cur.word_at(1 + the + n);
    if w(0) == Some("holidays") {
        return Some(2 + the);
    }
    if w(0) != Some("new") || !matches!(w(1), Some("year" | "years")) {
        return None;
    }
    let possessive = cur
        .peek_at(3 + the)
        .is_some_and(|t| matches!(t.text.as_str(), "'" | "’"))
        && w(3) == Some("s");
    Some(3 + the + if possessive { 2 } else { 0 })
}

/// The last day of `month` in `year`.
fn month_end(year: i32, month: u32) -> Option<u32> {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
}

/// The first working day on or after `from` and the last on or before `to`.
fn working_span<Tz: TimeZone>(
    ctx: &Ctx<Tz>,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let days: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| ctx.hours.is_working_day(*d))
        .collect();
    Some((*days.first()?, *days.last()?))
}

/// `period` this year, or next year's once this year's has ended (or the
/// year after, for a period of no working days).
fn next_period<Tz: TimeZone>(ctx: &Ctx<Tz>, period: Period) -> Result<DayPart, WindowError> {
    let this_year = ctx.today.year();
    for year in this_year..=this_year.saturating_add(2) {
        let last = month_end(year, period.month).unwrap_or(28);
        let (from, to) = if period.from == 0 {
            (last - 6, last)
        } else {
            (period.from.min(last), period.to.min(last))
        };
        let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, period.month, from),
            NaiveDate::from_ymd_opt(year, period.month, to),
        ) else {
            continue;
        };
        let Some((a, b)) = working_span(ctx, from, to) else {
            continue;
        };
        if ctx.business_day(b)?.end > ctx.now {
            return Ok(DayPart::Span(ctx.check_date(a)?, ctx.check_date(b)?));
        }
    }
    Err(ctx.no_working_days())
}

/// "end of next week": the last two working days of next week (Thursday
/// and Friday), the days a customer means by "towards the end".
fn end_of_next_week<Tz: TimeZone>(ctx: &Ctx<Tz>) -> Result<DayPart, WindowError> {
    let days = week_working_days(ctx, 1)?;
    let last = days.last().ok_or_else(|| ctx.no_working_days())?;
    let first = days.iter().rev().nth(1).unwrap_or(last);
    Ok(DayPart::Span(*first, *last))
}
