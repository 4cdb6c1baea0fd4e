//! The iCalendar export (RFC 5545): every open next step as an event, so a
//! calendar app shows the agreed callbacks.
//!
//! Each window of a step is a `VEVENT` in UTC: `DTSTART`/`DTEND` are the
//! window (an exact time with no length has `DTSTART` only), `SUMMARY` the
//! step and the prospect's name, `DESCRIPTION` the phone, company, the
//! step's note and the other alternatives. `UID` is the step's stable id at
//! `followup` (`…-2@followup` and so on for a step's further
//! alternatives), so a calendar that imports the file again updates the
//! events instead of adding copies; a step that is done or replaced leaves
//! the file. The `icalendar` crate writes each event (escaping `,;\` and
//! line breaks, folding lines at 75 octets, CRLF); the calendar's own
//! lines are written here, so events stream out one at a time.

use chrono::{DateTime, Local, Utc};
use icalendar::{Component, Event, EventLike};
use rusqlite::Connection;
use std::borrow::Cow;
use std::io::Write;

use super::ExportError;
use crate::domain::{NextStep, Prospect, Status, text::is_bidi_control};
use crate::history::Uid;
use crate::schedule::Window;
use crate::store::{self, ExportRecord, ExportScope, StepScope};

/// The calendar's opening lines.
const HEAD: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followup//followup next steps//EN\r\n\
CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:followup next steps\r\n";

/// The calendar's closing line.
const TAIL: &str = "END:VCALENDAR\r\n";

/// Writes the open next steps of the prospects of `status` (`None`: all;
/// only active prospects have open steps) as an iCalendar file; `now`
/// stamps the events (`DTSTAMP`). Returns how many events.
pub fn export<W: Write>(
    conn: &Connection,
    status: Option<Status>,
    now: DateTime<Utc>,
    mut out: W,
) -> Result<u64, ExportError> {
    out.write_all(HEAD.as_bytes())?;
    let scope = ExportScope {
        status,
        attempts: false,
        steps: StepScope::Open,
    };
    let mut events = 0;
    store::export_book(conn, scope, |record: &ExportRecord| {
        if let Some((uid, step)) = record.open_step() {
            for event in step_events(&record.prospect, *uid, step, now) {
                let text = event
                    .try_into_string()
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                out.write_all(text.as_bytes())?;
                events += 1;
            }
        }
        Ok::<(), ExportError>(())
    })?;
    out.write_all(TAIL.as_bytes())?;
    out.flush()?;
    Ok(events)
}

/// Text from the book as an iCalendar TEXT value takes it: line breaks as
/// `\n` (the crate escapes them), no other control characters (RFC 5545
/// allows none but tab) and no bidi controls (the book's text is untrusted).
fn clean(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(text.chars().filter(|c| !unsafe_char(*c)).collect())
}

/// A window in local time, for the description: "Mon 23 Nov 17:00–20:00".
fn window_text(w: &Window) -> String {
    let (start, end) = (w.start.with_timezone(&Local), w.end.with_timezone(&Local));
    if start.date_naive() == end.date_naive() {
        format!(
            "{}–{}",
            start.format("%a %-d %b %Y %H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} – {}",
            start.format("%a %-d %b %Y %H:%M"),
            end.format("%a %-d %b %Y %H:%M")
        )
    }
}

/// "call" → "Call".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The event UID of the `index`th window (0-based) of a step.
pub fn event_uid(step: Option<Uid>, fallback: i64, index: usize) -> String {
    let base = step.map_or_else(|| format!("step-{fallback}"), |u| u.to_string());
    match index {
        0 => format!("{base}@followup"),
        n => format!("{base}-{}@followup", n + 1),
    }
}

/// The events of one open step: one per window.
fn step_events(p: &Prospect, uid: Option<Uid>, step: &NextStep, now: DateTime<Utc>) -> Vec<Event> {
    let action = step.action.as_str();
    let summary = format!("{} {}", capitalised(action), clean(&p.name));
    let mut lines = Vec::new();
    if let Some(phone) = &p.phone {
        lines.push(format!("Phone: {}", clean(phone)));
    }
    if let Some(company) = &p.company {
        lines.push(format!("Company: {}", clean(company)));
    }
    lines.push(match &step.note {
        Some(note) => format!("Next step: {action}: {}", clean(note)),
        None => format!("Next step: {action}"),
    });
    let parts = step.parts();
    if parts.len() > 1 {
        let all: Vec<String> = parts.iter().map(window_text).collect();
        lines.push(format!("Any of: {}", all.join(" or ")));
    }
    lines.push(format!("followup show {}", p.id.0));
    let description = lines.join("\n");
    parts
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut event = Event::new();
            event
                .uid(&event_uid(uid, step.id.0, i))
                .timestamp(now)
                .starts(w.start)
                .summary(&summary)
                .description(&description);
            // DTEND must be after DTSTART; an exact time is an instant.
            if w.end > w.start {
                event.ends(w.end);
            }
            event.done()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_line_breaks_and_drops_controls() {
        assert_eq!(clean("a\r\nb\rc\u{1b}[31m\u{202e}d\te"), "a\nb\nc[31md\te");
        assert!(matches!(clean("plain, text; ok\\"), Cow::Borrowed(_)));
    }

    #[test]
    fn further_alternatives_get_their_own_uid() {
        let uid: Uid = "0192f0c4-0000-7000-8000-000000000001".parse().unwrap();
        assert_eq!(
            event_uid(Some(uid), 7, 0),
            "0192f0c4-0000-7000-8000-000000000001@followup"
        );
        assert_eq!(
            event_uid(Some(uid), 7, 1),
            "0192f0c4-0000-7000-8000-000000000001-2@followup"
        );
        assert_eq!(event_uid(None, 7, 0), "step-7@followup");
    }
}
