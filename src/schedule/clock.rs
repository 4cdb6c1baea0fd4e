//! The TIME part of a window: "3pm", "after 5", "between 2 and 4", "morning".

use chrono::{NaiveTime, Timelike};

use super::ctx::{business_span, hhmm};
use super::tokens::{Cursor, Kind};
use super::{BusinessHours, WindowError};

/// A time of day to apply to a date: a precise time or a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TimePart {
    /// A precise time ("3pm").
    At(NaiveTime),
    /// From the first to the second time ("morning", "2-4pm").
    Span(NaiveTime, NaiveTime),
    /// The rest of the business day: from now (or business start, if later)
    /// to business end ("eod", "end of day", "later").
    Rest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// A clock time as written, before am/pm is settled.
#[derive(Debug, Clone)]
struct Clock {
    hour: u64,
    minute: u64,
    /// Minutes given with other than two digits ("9:5").
    bad_minute: bool,
    meridiem: Option<Meridiem>,
    /// Written as a 24-hour time ("05", "15h", "noon"): no pm guessing.
    literal: bool,
    text: String,
}

fn time(h: u64, m: u64) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(u32::try_from(h).ok()?, u32::try_from(m).ok()?, 0)
}

impl Clock {
    /// True for a bare hour like "5" whose am/pm is guessed.
    fn is_bare(&self) -> bool {
        self.meridiem.is_none() && !self.literal
    }

    /// The time, using `meridiem` if none was written. Bare hours 1–7 mean
    /// pm, 8–11 am, 12 noon and 13–23 the 24-hour clock.
    fn resolve(&self, meridiem: Option<Meridiem>) -> Result<NaiveTime, WindowError> {
        let bad = || WindowError::NotATime(self.text.clone());
        if self.bad_minute || self.minute > 59 {
            return Err(bad());
        }
        let hour = match self.meridiem.or(meridiem) {
            Some(m) if (1..=12).contains(&self.hour) => {
                self.hour % 12 + if m == Meridiem::Pm { 12 } else { 0 }
            }
            Some(_) => return Err(bad()),
            None if !self.literal && (1..=7).contains(&self.hour) => self.hour + 12,
            None => self.hour,
        };
        time(hour, self.minute).ok_or_else(bad)
    }
}

/// Parses a clock time at the cursor: "3", "3pm", "3 pm", "3:30pm",
/// "15:30", "15h", "15h30", "noon", "midday", "midnight".
fn parse_clock(cur: &mut Cursor) -> Option<Clock> {
    let start = cur.pos;
    let tok = cur.peek()?;
    let named = match tok.word() {
        Some("noon" | "midday") => Some(12),
        Some("midnight") => Some(0),
        _ => None,
    };
    if let Some(hour) = named {
        cur.bump();
        let text = tok.text.clone();
        return Some(Clock {
            hour,
            minute: 0,
            bad_minute: false,
            meridiem: None,
            literal: true,
            text,
        });
    }
    let (hour, digits) = tok.num()?;
    cur.bump();
    let mut clock = Clock {
        hour,
        minute: 0,
        bad_minute: false,
        meridiem: None,
        literal: digits >= 2,
        text: String::new(),
    };
    let minutes_follow = cur.peek_at(1).and_then(|t| t.num());
    // "10.30": a dot separates hour and minute only before two digits.
    let dot_minutes = cur.peek().is_some_and(|t| t.text == ".")
        && !cur.peek_at(1).is_some_and(|t| t.spaced)
        && minutes_follow.is_some_and(|(_, d)| d == 2);
    if (cur.peek().is_some_and(|t| t.kind == Kind::Colon) && minutes_follow.is_some())
        || dot_minutes
    {
        cur.bump();
        cur.bump();
        if let Some((m, d)) = minutes_follow {
            clock.minute = m;
            clock.bad_minute = d != 2;
        }
    } else if cur.is_word("h") {
        cur.bump();
        clock.literal = true;
        if let Some((m, d)) = cur.peek().and_then(|t| t.num()) {
            cur.bump();
            clock.minute = m;
            clock.bad_minute = d != 2;
        }
    }
    if cur.eat_any(&["am"]) {
        clock.meridiem = Some(Meridiem::Am);
    } else if cur.eat_any(&["pm"]) {
        clock.meridiem = Some(Meridiem::Pm);
    }
    clock.text = cur.text_since(start).replace(' ', "");
    Some(clock)
}

/// Settles a range's am/pm: "2-4pm" is 14–16, "11-1pm" 11–13, "8pm-9" 20–21.
fn resolve_range(a: &Clock, b: &Clock, text: &str) -> Result<TimePart, WindowError> {
    let end = b.resolve(None)?;
    let start = match a.resolve(b.meridiem) {
        Ok(s) if a.is_bare() && s <= end => s,
        _ => a.resolve(None)?,
    };
    let end = match time(u64::from(end.hour()) + 12, u64::from(end.minute())) {
        Some(later) if end < start && b.is_bare() && end.hour() < 12 => later,
        _ => end,
    };
    span(start, end, text)
}

fn span(start: NaiveTime, end: NaiveTime, text: &str) -> Result<TimePart, WindowError> {
    if end < start {
        return Err(WindowError::EndsBeforeStart {
            text: text.to_string(),
            start: hhmm(start),
            end: hhmm(end),
        });
    }
    Ok(TimePart::Span(start, end))
}

const RANGE_WORDS: [&str; 4] = ["to", "until", "till", "and"];

/// Takes a range connector ("-", "to", "until", "till", and "and" if
/// `and_ok`) if a clock time follows it.
fn eat_connector(cur: &mut Cursor, and_ok: bool) -> bool {
    let Some(t) = cur.peek() else { return false };
    let is_conn = t.kind == Kind::Dash
        || t.word()
            .is_some_and(|w| RANGE_WORDS.contains(&w) && (and_ok || w != "and"));
    let mut ahead = cur.clone();
    ahead.bump();
    if is_conn && parse_clock(&mut ahead).is_some() {
        cur.bump();
        return true;
    }
    false
}

/// The number of tokens of "eod", "end of day" or "end of the day" starting
/// `n` tokens ahead ("by the end of the day" is handled via `n = 1`).
fn eod_len(cur: &Cursor, n: usize) -> Option<usize> {
    if cur.word_at(n) == Some("eod") {
        return Some(n + 1);
    }
    let the = usize::from(cur.word_at(n) == Some("the"));
    let n = n + the;
    let the2 = usize::from(cur.word_at(n + 2) == Some("the"));
    let hit = cur.word_at(n) == Some("end")
        && cur.word_at(n + 1) == Some("of")
        && cur.word_at(n + 2 + the2) == Some("day");
    hit.then_some(n + 3 + the2)
}

/// Parses a TIME part at the cursor, or returns `None` (consuming nothing)
/// if the cursor is not at one.
pub(super) fn parse_time_part(
    cur: &mut Cursor,
    hours: &BusinessHours,
) -> Result<Option<(TimePart, String)>, WindowError> {
    let start = cur.pos;
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
    let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN);
    let word = cur.word_at(0).unwrap_or("");
    let after_this = if word == "this" { cur.word_at(1) } else { None };
    let one = NaiveTime::from_hms_opt(13, 0, 0).unwrap_or(NaiveTime::MIN);
    let eod_at = |n: usize| eod_len(cur, n);
    if let Some(n) = eod_at(0).or_else(|| (word == "by").then(|| eod_at(1)).flatten()) {
        cur.pos += n;
        return Ok(Some((TimePart::Rest, cur.text_since(start))));
    }
    let part = match after_this.unwrap_or(word) {
        "later" => {
            cur.bump();
            TimePart::Rest
        }
        "first" if cur.word_at(1) == Some("thing") => {
            cur.pos += 2;
            let (open, close) = business_span(hours)?;
            let hour_later = open
                .overflowing_add_signed(chrono::TimeDelta::hours(1))
                .0
                .max(open)
                .min(close);
            TimePart::Span(open, hour_later)
        }
        "lunch" | "lunchtime" => {
            cur.bump();
            TimePart::Span(noon, one)
        }
        "after" if matches!(cur.word_at(1), Some("lunch" | "lunchtime")) => {
            cur.pos += 2;
            let (_, close) = business_span(hours)?;
            span(one, close, &cur.text_since(start))?
        }
        "morning" | "afternoon" | "evening" | "tonight" => {
            let w = after_this.unwrap_or(word);
            cur.pos += if after_this.is_some() { 2 } else { 1 };
            let (open, close) = business_span(hours)?;
            let text = cur.text_since(start);
            match w {
                "morning" => span(open, noon, &text)?,
                "afternoon" => span(noon, five, &text)?,
                _ if close <= five => return Err(WindowError::EveningAfterHours(hhmm(close))),
                _ => span(five, close, &text)?,
            }
        }
        "all" if cur.word_at(1) == Some("day") => {
            cur.pos += 2;
            let (open, close) = business_span(hours)?;
            TimePart::Span(open, close)
        }
        "after" | "before" | "by" | "until" | "till" | "between" | "from" | "at" => {
            cur.bump();
            let Some(a) = parse_clock(cur) else {
                return Err(WindowError::Incomplete(cur.text_since(start)));
            };
            let b = if word == "between" {
                if !eat_connector(cur, true) {
                    return Err(WindowError::Incomplete(cur.text_since(start)));
                }
                parse_clock(cur)
            } else if matches!(word, "from" | "at") && eat_connector(cur, false) {
                parse_clock(cur)
            } else {
                None
            };
            let text = cur.text_since(start);
            let (open, close) = business_span(hours)?;
            match (word, b) {
                (_, Some(b)) => resolve_range(&a, &b, &text)?,
                ("after" | "from", None) => span(a.resolve(None)?, close, &text)?,
                ("at", None) => TimePart::At(a.resolve(None)?),
                _ => span(open, a.resolve(None)?, &text)?,
            }
        }
        _ => {
            let Some(a) = parse_clock(cur) else {
                return Ok(None);
            };
            if eat_connector(cur, false) {
                match parse_clock(cur) {
                    Some(b) => resolve_range(&a, &b, &cur.text_since(start))?,
                    None => return Err(WindowError::Incomplete(cur.text_since(start))),
                }
            } else {
                TimePart::At(a.resolve(None)?)
            }
        }
    };
    Ok(Some((part, cur.text_since(start))))
}
