//! Parsing the window language: DAY and TIME parts, joined by "or".

use chrono::{DateTime, Datelike, NaiveDate, TimeZone};

use super::clock::{TimePart, parse_time_part};
use super::ctx::Ctx;
use super::day::{DayPart, parse_day_part};
use super::describe::describe_window;
use super::numeric::{is_dash_pair, parse_dash};
use super::tokens::{Cursor, lex};
use super::words::{drop_fillers, refuse_ago, refuse_past};
use super::{BusinessHours, Window, WindowError};

/// How a numeric date like `12/1` is read: month first (`Mdy`, Dec 1) or
/// day first (`Dmy`, 12 Jan). Without one, a numeric date that reads both
/// ways is refused rather than guessed: a callback on the wrong day is a
/// lost sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Month, day, year (`12/1` is December 1).
    Mdy,
    /// Day, month, year (`12/1` is 12 January).
    Dmy,
}

/// One alternative: an optional DAY part and an optional TIME part.
#[derive(Debug, Default)]
struct Alt {
    day: Option<(DayPart, String)>,
    time: Option<(TimePart, String)>,
    /// Where a bare `N-M` began: a date, not a time, if no day is given.
    dash_at: Option<usize>,
    /// "same time" was said: it needs a day to be the same time of.
    same_time: bool,
}

/// Parses how a salesperson says when the next step is ("tue morning",
/// "thu 3pm", "in 2 days", "mon after 5 or tue morning", "2026-11-23 14:30")
/// into a [`Window`] in UTC, relative to `now` and in `now`'s time zone.
///
/// A bare day means its business hours; a bare time means today, or
/// tomorrow if that window has already ended. "eod"/"end of day"/"later"
/// mean the rest of the business day from now; once business hours are
/// over (also for "later today") they roll to the next working day. Never
/// reads the clock.
pub fn parse_window<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> Result<Window, WindowError> {
    parse_window_ordered(input, now, hours, None)
}

/// [`parse_window`], reading numeric dates (`12/1`, `3-4`) in `order`; with
/// `None` a numeric date that reads both ways is refused. Alternatives
/// ("mon after 5 or tue morning") give the window spanning them all; see
/// [`parse_windows_ordered`] for each on its own.
pub fn parse_window_ordered<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
    order: Option<DateOrder>,
) -> Result<Window, WindowError> {
    let parts = parse_windows_ordered(input, now, hours, order)?;
    span(&parts).ok_or(WindowError::Empty)
}

/// The window from the first part's start to the last part's end.
fn span(parts: &[Window]) -> Option<Window> {
    let first = parts.first()?;
    let last = parts.last()?;
    Some(Window::new(first.start, last.end))
}

/// Parses the window language into its alternatives: one window per part
/// joined by "or" ("mon after 5 or tue morning" is two windows, not the
/// stretch between them), in time order, with parts that overlap or touch
/// merged into one. Never empty on success.
pub fn parse_windows_ordered<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
    order: Option<DateOrder>,
) -> Result<Vec<Window>, WindowError> {
    let ctx = Ctx::new(input, now, hours).with_order(order);
    let toks = lex(input);
    if toks.is_empty() {
        return Err(WindowError::Empty);
    }
    refuse_ago(&toks, input)?;
    let toks = drop_fillers(toks);
    if toks.is_empty() {
        return Err(WindowError::Incomplete(input.trim().to_lowercase()));
    }
    let mut cur = Cursor::new(&toks);
    let mut parts: Vec<Window> = Vec::new();
    let mut prev_day: Option<NaiveDate> = None;
    loop {
        let start = cur.pos;
        let alt = parse_alt(&mut cur, &ctx)?;
        if alt.day.is_none() && alt.time.is_none() {
            let text = if start == 0 {
                cur.here("")
            } else {
                cur.text_since(start - 1)
            };
            return Err(WindowError::Incomplete(text));
        }
        let (w, day) = resolve_alt(&ctx, &alt, prev_day)?;
        prev_day = day.or(prev_day);
        ctx.check_instant(w.start)?;
        ctx.check_instant(w.end)?;
        parts.push(w);
        if !cur.eat_any(&["or"]) {
            break;
        }
    }
    Ok(Window::merge(parts))
}

/// [`parse_window_ordered`] for a next step being agreed: a window that
/// has already ended is refused ([`WindowError::Passed`]), as past words
/// ("yesterday") are.
pub fn parse_upcoming_window<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
    order: Option<DateOrder>,
) -> Result<Window, WindowError> {
    let parts = parse_upcoming_windows(input, now, hours, order)?;
    span(&parts).ok_or(WindowError::Empty)
}

/// [`parse_windows_ordered`] for a next step being agreed: alternatives that
/// have already ended are left out ("mon morning or tue morning" said on
/// Monday afternoon is Tuesday morning), and if every one has ended the
/// phrase is refused ([`WindowError::Passed`]).
pub fn parse_upcoming_windows<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
    order: Option<DateOrder>,
) -> Result<Vec<Window>, WindowError> {
    let parts = parse_windows_ordered(input, now, hours, order)?;
    let utc = now.with_timezone(&chrono::Utc);
    let upcoming: Vec<Window> = parts
        .iter()
        .copied()
        .filter(|w| !w.has_ended(utc))
        .collect();
    if upcoming.is_empty() {
        let all = span(&parts).ok_or(WindowError::Empty)?;
        return Err(WindowError::Passed {
            text: input.trim().to_string(),
            when: Some(describe_window(&all, now, hours)),
        });
    }
    Ok(upcoming)
}

/// Parses DAY and TIME parts (in either order) up to "or" or the end.
fn parse_alt<Tz: TimeZone>(cur: &mut Cursor, ctx: &Ctx<Tz>) -> Result<Alt, WindowError> {
    let mut alt = Alt::default();
    while let Some(tok) = cur.peek() {
        if tok.is_word("or") {
            break;
        }
        refuse_past(cur)?;
        let start = cur.pos;
        let dash = is_dash_pair(cur);
        if cur.is_word("same") && cur.word_at(1) == Some("time") {
            // "same time tomorrow": the clock time it is now.
            cur.pos += 2;
            let text = cur.text_since(start);
            if let Some((_, first)) = &alt.time {
                return Err(WindowError::TwoTimes(first.clone(), text));
            }
            alt.time = Some((TimePart::At(ctx.local_naive(ctx.now).time()), text));
            alt.same_time = true;
        } else if let Some(day) = parse_day_part(cur, ctx)? {
            let text = cur.text_since(start);
            if let Some((_, first)) = &alt.day {
                return Err(WindowError::TwoDays(first.clone(), text));
            }
            alt.day = Some((day, text));
        } else if let Some((time, text)) = parse_time_part(cur, ctx.hours)? {
            if let Some((_, first)) = &alt.time {
                return Err(WindowError::TwoTimes(first.clone(), text));
            }
            alt.time = Some((time, text));
            if dash {
                alt.dash_at = Some(start);
            }
        } else {
            return Err(WindowError::Unknown {
                word: tok.text.clone(),
                input: ctx.quoted(),
            });
        }
    }
    if alt.day.is_none() {
        if let Some(at) = alt.dash_at {
            // A bare "3-4" with no day: a date if the order is configured.
            let mut dash = cur.clone();
            dash.pos = at;
            let day = parse_dash(&mut dash, ctx)?;
            alt.day = Some((day, dash.text_since(at)));
            alt.time = None;
        } else if alt.same_time {
            return Err(WindowError::Incomplete("same time".into()));
        }
    }
    Ok(alt)
}

/// The window of `time` (or business hours) on `date`.
fn apply<Tz: TimeZone>(
    ctx: &Ctx<Tz>,
    date: NaiveDate,
    time: Option<TimePart>,
) -> Result<Window, WindowError> {
    match time {
        None => ctx.business_day(date),
        Some(TimePart::Rest) => {
            let w = ctx.business_day(date)?;
            if date == ctx.today && ctx.now < w.end {
                Ok(Window::new(w.start.max(ctx.now), w.end))
            } else {
                Ok(w)
            }
        }
        Some(TimePart::At(t)) => Ok(Window::at(ctx.at(date, t)?)),
        Some(TimePart::Span(a, b)) => ctx.span(date, a, b),
    }
}

/// True once `w` (the window of `time`) is over. The rest of the business
/// day is over at business end itself, not just after it.
fn over<Tz: TimeZone>(ctx: &Ctx<Tz>, w: &Window, time: Option<TimePart>) -> bool {
    match time {
        Some(TimePart::Rest) => w.end <= ctx.now,
        _ => w.has_ended(ctx.now),
    }
}

/// Turns one alternative into a window, and the local date it is on (so a
/// following time-only alternative, "mon 3pm or 4pm", can share it).
fn resolve_alt<Tz: TimeZone>(
    ctx: &Ctx<Tz>,
    alt: &Alt,
    prev_day: Option<NaiveDate>,
) -> Result<(Window, Option<NaiveDate>), WindowError> {
    let time = alt.time.as_ref().map(|(t, _)| *t);
    let combine = |day: &str| {
        let t = alt
            .time
            .as_ref()
            .map_or_else(String::new, |(_, text)| text.clone());
        WindowError::CannotCombine(day.to_string(), t)
    };
    let Some((day, day_text)) = &alt.day else {
        // A time only: today (or the day of the previous alternative), else tomorrow.
        let date = prev_day.unwrap_or(ctx.today);
        let w = apply(ctx, date, time)?;
        if prev_day.is_some() || !over(ctx, &w, time) {
            return Ok((w, Some(date)));
        }
        // "eod"/"later" once business hours are over: the next working day.
        let tomorrow = if time == Some(TimePart::Rest) {
            ctx.check_date(ctx.hours.next_working_day(ctx.today))?
        } else {
            ctx.add_days(ctx.today, 1)?
        };
        return Ok((apply(ctx, tomorrow, time)?, Some(tomorrow)));
    };
    match *day {
        DayPart::Instant(_) | DayPart::Span(..) if time.is_some() => Err(combine(day_text)),
        DayPart::Instant(t) => Ok((Window::at(t), None)),
        DayPart::Span(a, b) => {
            let first = ctx.business_day(a)?;
            let last = ctx.business_day(b)?;
            // A span that starts today ("this week") starts no earlier than now.
            let start = first.start.max(ctx.now.min(last.end));
            Ok((Window::new(start, last.end), None))
        }
        DayPart::Date(d) => {
            let w = apply(ctx, d, time)?;
            // "later today"/"eod today" once business hours are over: the
            // next working day.
            if d == ctx.today && time == Some(TimePart::Rest) && over(ctx, &w, time) {
                let next = ctx.check_date(ctx.hours.next_working_day(d))?;
                return Ok((apply(ctx, next, time)?, Some(next)));
            }
            Ok((w, Some(d)))
        }
        DayPart::Weekday { day: wd, next_week } => {
            let today = ctx.today.weekday();
            let ahead = if next_week {
                7 - today.num_days_from_monday() + wd.num_days_from_monday()
            } else {
                (7 + wd.num_days_from_monday() - today.num_days_from_monday()) % 7
            };
            let date = ctx.add_days(ctx.today, u64::from(ahead))?;
            let w = apply(ctx, date, time)?;
            // "same time monday" said on a Monday is a week on: today's
            // "same time" is now, which needs no appointment.
            if next_week || ahead != 0 || (!over(ctx, &w, time) && !alt.same_time) {
                return Ok((w, Some(date)));
            }
            let date = ctx.add_days(date, 7)?;
            Ok((apply(ctx, date, time)?, Some(date)))
        }
    }
}
