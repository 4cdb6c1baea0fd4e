//! `in N unit`: "in 2 days", "in two weeks", "in a couple of days",
//! "in a few hours", "in half an hour", "in 3 business days".

use chrono::{Months, TimeDelta, TimeZone};

use super::WindowError;
use super::ctx::Ctx;
use super::day::{DayPart, incomplete};
use super::tokens::{Cursor, Kind};

/// Number words people use for amounts of time. "twelve" is as far as
/// anyone spells out days; "thirty"/"forty"/"forty-five" are for minutes.
const NUMBERS: [(&str, u64); 24] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
];

/// Takes a spelled-out amount at the cursor: a number word, "a"/"an" (1),
/// "a couple (of)" (2) or "a few"/"several" (3). "A few" is taken as three:
/// the smallest number that is more than a couple.
fn amount_word(cur: &mut Cursor) -> Option<u64> {
    let article = usize::from(matches!(cur.word_at(0), Some("a" | "an")));
    let (n, len) = match cur.word_at(article) {
        Some("couple") => (
            2,
            article + 1 + usize::from(cur.word_at(article + 1) == Some("of")),
        ),
        Some("few" | "several") => (3, article + 1),
        _ if article == 1 => (1, 1),
        Some(w) => (NUMBERS.iter().find(|(name, _)| *name == w)?.1, 1),
        None => return None,
    };
    cur.pos += len;
    Some(n)
}

/// `in N unit`, `in an hour`, `in half an hour`, `in N business days`.
pub(super) fn parse_in<Tz: TimeZone>(
    cur: &mut Cursor,
    ctx: &Ctx<Tz>,
) -> Result<DayPart, WindowError> {
    let start = cur.pos;
    cur.bump();
    let too_far = || WindowError::TooFar(ctx.quoted());
    if cur.peek().is_some_and(|t| t.kind == Kind::Dash) {
        cur.bump();
        cur.bump();
        return Err(WindowError::Negative(cur.text_since(start)));
    }
    let mut half = false;
    let n = if let Some((n, _)) = cur.peek().and_then(|t| t.num()) {
        cur.bump();
        n
    } else if let Some(n) = amount_word(cur) {
        n
    } else if cur.eat_any(&["half"]) {
        cur.eat_any(&["a", "an"]);
        half = true;
        1
    } else {
        return Err(incomplete(cur, start, ctx));
    };
    let business = cur.eat_any(&["business", "working"]);
    let Some(unit) = cur.word_at(0) else {
        return Err(WindowError::MissingUnit(cur.text_since(start)));
    };
    let unknown = || WindowError::Unknown {
        word: unit.to_string(),
        input: ctx.quoted(),
    };
    cur.bump();
    let add = |minutes: i64| -> Result<DayPart, WindowError> {
        let delta = i64::try_from(n)
            .ok()
            .and_then(|n| n.checked_mul(minutes))
            .and_then(TimeDelta::try_minutes)
            .ok_or_else(too_far)?;
        let t = ctx.now.checked_add_signed(delta).ok_or_else(too_far)?;
        Ok(DayPart::Instant(ctx.check_instant(t)?))
    };
    const HOURS: [&str; 5] = ["h", "hr", "hrs", "hour", "hours"];
    if half {
        return if HOURS.contains(&unit) && !business {
            add(30)
        } else {
            Err(unknown())
        };
    }
    match unit {
        "day" | "days" | "d" if business => {
            if n > 40_000 {
                return Err(too_far());
            }
            let mut d = ctx.today;
            for _ in 0..n {
                d = ctx.hours.next_working_day(d);
            }
            Ok(DayPart::Date(ctx.check_date(d)?))
        }
        _ if business => Err(unknown()),
        "m" | "min" | "mins" | "minute" | "minutes" => add(1),
        u if HOURS.contains(&u) => add(60),
        "d" | "day" | "days" => Ok(DayPart::Date(ctx.add_days(ctx.today, n)?)),
        "w" | "wk" | "wks" | "week" | "weeks" => Ok(DayPart::Date(
            ctx.add_days(ctx.today, n.checked_mul(7).ok_or_else(too_far)?)?,
        )),
        "mo" | "month" | "months" => {
            let months = u32::try_from(n).map(Months::new).map_err(|_| too_far())?;
            let d = ctx.today.checked_add_months(months).ok_or_else(too_far)?;
            Ok(DayPart::Date(ctx.check_date(d)?))
        }
        _ => Err(unknown()),
    }
}
