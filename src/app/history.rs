//! A prospect's timeline, told from the history: every attempt, status and
//! field change, next step and note, with who and when.

use chrono::{DateTime, Local, Utc};
use serde_json::Value as Json;
use std::collections::HashMap;

use super::AppError;
use crate::domain::text::sanitize_line;
use crate::domain::{Money, Prospect, ProspectId};
use crate::history::{Entry, EntryKind, Op, Uid, Value};
use crate::store::{self, Book};

/// The most changes `history` shows (the newest).
pub const HISTORY_LIMIT: usize = 10_000;

/// One line of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The change as kept.
    pub entry: Entry,
    /// What it means, in a sentence fragment ("Probability 40% → 60%").
    pub summary: String,
    /// False for bookkeeping a person reading the timeline does not need
    /// (the time a step was closed, which its resolution already says).
    pub shown: bool,
}

/// A prospect and its timeline, oldest change first.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// The prospect as it is now.
    pub prospect: Prospect,
    /// Its stable id.
    pub uid: Option<Uid>,
    /// Who owns it.
    pub owner: Option<String>,
    /// Its changes.
    pub events: Vec<Event>,
}

/// Reads the timeline of prospect `id`.
pub fn timeline(book: &Book, id: ProspectId) -> Result<Timeline, AppError> {
    let conn = book.conn();
    let prospect = store::require_prospect(conn, id)?;
    let entries = store::history_for(conn, id, HISTORY_LIMIT)?;
    Ok(Timeline {
        prospect,
        uid: store::prospect_uid(conn, id)?,
        owner: store::prospect_owner(conn, id)?,
        events: describe_all(entries),
    })
}

/// Describes each change; a removal or a later change of an attempt or a
/// step names what it was ("Undone: call, reached").
pub fn describe_all(entries: Vec<Entry>) -> Vec<Event> {
    let mut created: HashMap<Uid, String> = HashMap::new();
    entries
        .into_iter()
        .map(|entry| {
            // Merged changes come from other books: untrusted, like names.
            let summary = sanitize_line(&describe(&entry, &created)).into_owned();
            if entry.op == Op::Create
                && let Some(uid) = entry.entity
            {
                let fields = json_fields(&entry.new);
                let short = match entry.kind {
                    EntryKind::Step => step_words(&fields),
                    _ => summary.clone(),
                };
                created.insert(uid, short);
            }
            let shown = !matches!(
                (entry.kind, entry.field.as_deref()),
                (EntryKind::Step, Some("done_at"))
                    | (EntryKind::Prospect, Some("closed_at" | "last_contact_at"))
            );
            Event {
                entry,
                summary,
                shown,
            }
        })
        .collect()
}

/// What one change means.
fn describe(e: &Entry, created: &HashMap<Uid, String>) -> String {
    let what = |uid: Option<Uid>| {
        uid.and_then(|u| created.get(&u))
            .map(|s| format!(": {s}"))
            .unwrap_or_default()
    };
    match (e.kind, e.op) {
        (EntryKind::Prospect, Op::Create) => {
            let fields = json_fields(&e.new);
            let name = fields
                .get("name")
                .and_then(Json::as_str)
                .map(|n| sanitize_line(n).into_owned())
                .unwrap_or_default();
            let rest: Vec<String> = fields
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "name" | "created_at"))
                .map(|(k, v)| format!("{} {}", label(k), shown_json(k, v)))
                .collect();
            if rest.is_empty() {
                format!("Added {name}")
            } else {
                format!("Added {name}: {}", rest.join(", "))
            }
        }
        (EntryKind::Prospect, Op::Remove) => "Removed (the add was undone)".into(),
        (EntryKind::Prospect, Op::Restore) => "Restored (the undo was redone)".into(),
        (EntryKind::Prospect, _) => {
            let field = e.field.as_deref().unwrap_or("?");
            match field {
                "notes" => "Notes replaced".into(),
                "series_paused" if e.new == Value::Int(1) => "Series paused".into(),
                "series_paused" => "Series resumed".into(),
                _ => format!(
                    "{} {} → {}",
                    label(field),
                    shown_value(field, &e.old),
                    shown_value(field, &e.new)
                ),
            }
        }
        (EntryKind::Note, _) => format!(
            "Note: {}",
            sanitize_line(e.new.as_text().unwrap_or_default().trim())
        ),
        (EntryKind::Attempt, Op::Create) => {
            let f = json_fields(&e.new);
            let word = |k: &str| f.get(k).and_then(Json::as_str).unwrap_or("?").to_string();
            let step = f
                .get("series_step")
                .and_then(Json::as_i64)
                .map(|s| format!(" (series step {s})"))
                .unwrap_or_default();
            let note = f
                .get("note")
                .and_then(Json::as_str)
                .map(|n| format!(": {}", sanitize_line(n)))
                .unwrap_or_default();
            format!(
                "{}{step}{note}",
                attempt_words(&word("outcome"), &word("channel"))
            )
        }
        (EntryKind::Attempt, Op::Restore) => format!("Attempt restored{}", what(e.entity)),
        (EntryKind::Attempt, _) => format!("Attempt undone{}", what(e.entity)),
        (EntryKind::Step, Op::Create) => {
            let f = json_fields(&e.new);
            let note = f
                .get("note")
                .and_then(Json::as_str)
                .map(|n| format!(" — {}", sanitize_line(n)))
                .unwrap_or_default();
            format!("Next step: {}{note}", step_words(&f))
        }
        (EntryKind::Step, Op::Remove) => format!("Next step removed{}", what(e.entity)),
        (EntryKind::Step, Op::Restore) => format!("Next step restored{}", what(e.entity)),
        (EntryKind::Step, Op::Set) => match (e.field.as_deref(), &e.new) {
            (Some("resolution"), Value::Text(how)) => {
                let how = match how.as_str() {
                    "done" => "Done",
                    "replaced" => "Replaced",
                    "cancelled" => "Cancelled",
                    other => other,
                };
                format!("{how}{}", what(e.entity))
            }
            (Some("resolution"), _) => format!("Next step reopened{}", what(e.entity)),
            (Some(field), new) => format!("Next step {field} → {}", shown_value(field, new)),
            (None, _) => "Next step changed".into(),
        },
        (EntryKind::Debrief, Op::Create) => {
            let f = json_fields(&e.new);
            let text = |k: &str| {
                f.get(k)
                    .and_then(Json::as_str)
                    .map(|t| sanitize_line(t).into_owned())
            };
            let mut parts = Vec::new();
            if let Some(p) = text("product") {
                parts.push(p);
            }
            if let Some(v) = f.get("value_cents").and_then(Json::as_i64) {
                parts.push(Money::from_cents(v).to_string());
            }
            if let Some(p) = f.get("probability").and_then(Json::as_i64) {
                parts.push(format!("{p}%"));
            }
            let well: Vec<String> = ["well_1", "well_2", "well_3"]
                .iter()
                .filter_map(|k| text(k))
                .collect();
            format!(
                "Debrief: {}; done well: {}; to work on: {}",
                if parts.is_empty() {
                    "—".to_string()
                } else {
                    parts.join(", ")
                },
                well.join(" / "),
                text("work_on").unwrap_or_default()
            )
        }
        (EntryKind::Debrief, Op::Restore) => format!("Debrief restored{}", what(e.entity)),
        (EntryKind::Debrief, _) => "Debrief undone".into(),
    }
}

/// "Voicemail left", "Reached by visit": the outcome, and the channel when
/// it is not the outcome's usual one.
fn attempt_words(outcome: &str, channel: &str) -> String {
    let (words, usual) = match outcome {
        "reached" => ("Reached", "call"),
        "voicemail" => ("Voicemail left", "voicemail"),
        "no-answer" => ("No answer", "call"),
        "email" => ("Email sent", "email"),
        "meeting" => ("Met", "meeting"),
        "quote" => ("Quote given", "visit"),
        other => (other, channel),
    };
    if channel == usual {
        words.to_string()
    } else {
        format!("{words} ({channel})")
    }
}

/// "call Tue 1 Dec 2026 08:00–12:00": a step's action and window (its
/// alternatives joined by "or").
fn step_words(f: &serde_json::Map<String, Json>) -> String {
    let action = f.get("action").and_then(Json::as_str).unwrap_or("?");
    let local = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).map(|t| t.with_timezone(&Local));
    let span =
        |start: Option<i64>, end: Option<i64>| match (start.and_then(local), end.and_then(local)) {
            (Some(start), Some(end)) if start == end => when(start),
            (Some(start), Some(end)) if start.date_naive() == end.date_naive() => {
                format!("{}–{}", when(start), end.format("%H:%M"))
            }
            (Some(start), Some(end)) => format!("{} to {}", when(start), when(end)),
            _ => String::new(),
        };
    let parts: Vec<[i64; 2]> = f
        .get("windows")
        .and_then(Json::as_str)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let windows = if parts.len() > 1 {
        parts
            .iter()
            .map(|[s, e]| span(Some(*s), Some(*e)))
            .collect::<Vec<_>>()
            .join(" or ")
    } else {
        let at = |k: &str| f.get(k).and_then(Json::as_i64);
        span(at("due_start"), at("due_end"))
    };
    format!("{action} {windows}").trim_end().to_string()
}

fn json_fields(v: &Value) -> serde_json::Map<String, Json> {
    match v.as_text().map(serde_json::from_str::<Json>) {
        Some(Ok(Json::Object(map))) => map,
        _ => serde_json::Map::new(),
    }
}

/// A field's name for people.
fn label(field: &str) -> String {
    match field {
        "value_cents" => "value".into(),
        "decision_process" => "decision process".into(),
        "series_name" => "series".into(),
        "series_performed" => "series steps done".into(),
        "series_paused_until" => "paused until".into(),
        "lost_reason" => "lost reason".into(),
        "last_contact_at" => "last contact".into(),
        "closed_at" => "finished".into(),
        "decision_who" => "who else decides".into(),
        "decision_when" => "when they see them".into(),
        "decision_info" => "information they need".into(),
        "decision_review" => "time to review".into(),
        "delivery_at" => "delivery".into(),
        other => other.replace('_', " "),
    }
    .chars()
    .enumerate()
    .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
    .collect()
}

fn shown_json(field: &str, v: &Json) -> String {
    match v {
        Json::Number(n) => shown_value(field, &Value::from(n.as_i64())),
        Json::String(s) => sanitize_line(s).into_owned(),
        _ => "—".into(),
    }
}

fn shown_value(field: &str, v: &Value) -> String {
    match (field, v) {
        (_, Value::Null) => "—".into(),
        ("value_cents", Value::Int(c)) => Money::from_cents(*c).to_string(),
        ("probability", Value::Int(p)) => format!("{p}%"),
        (f, Value::Int(t)) if f.ends_with("_at") || f.ends_with("_until") => local(*t),
        (_, Value::Int(i)) => i.to_string(),
        (_, Value::Text(t)) => sanitize_line(t).into_owned(),
    }
}

/// A stored time (seconds) as local date and time.
fn local(secs: i64) -> String {
    DateTime::<Utc>::from_timestamp(secs, 0)
        .map(|t| when(t.with_timezone(&Local)))
        .unwrap_or_default()
}

/// How a timeline writes a moment: "Tue 1 Dec 2026 09:30".
pub fn when(t: DateTime<Local>) -> String {
    t.format("%a %-d %b %Y %H:%M").to_string()
}
