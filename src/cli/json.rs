//! The JSON documents the command line prints with `--format json`.
//!
//! Times are RFC 3339 in local time; money is given both exactly in cents
//! and as a decimal string. Text is the book's, unmodified: JSON escapes it
//! (C1 and bidi controls included, see `json_text`, which prints it).

use chrono::{DateTime, Local, Utc};
use serde_json::{Value, json};

use crate::app::{ProspectView, SeriesView};
use crate::domain::{Attempt, Money, NextStep, Prospect};
use crate::schedule::{BusinessHours, Window, describe_window, describe_windows};

/// A UTC time as local RFC 3339.
pub fn time(t: DateTime<Utc>) -> Value {
    Value::String(time_text(t))
}

fn opt_time(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, time)
}

/// Money as an exact decimal string: `12500.50`.
pub(super) fn decimal(m: Money) -> String {
    format!("{}.{:02}", m.cents() / 100, m.cents() % 100)
}

fn money(m: Option<Money>) -> (Value, Value) {
    match m {
        Some(m) => (json!(m.cents()), json!(decimal(m))),
        None => (Value::Null, Value::Null),
    }
}

/// A window with its start, end and a readable description.
pub fn window(w: &Window, now: &DateTime<Local>, hours: &BusinessHours) -> Value {
    json!({
        "start": time(w.start),
        "end": time(w.end),
        "text": describe_window(w, now, hours),
    })
}

/// A step's windows: each alternative as [`window`] gives it (one entry
/// for a step with one window).
fn windows(parts: &[Window], now: &DateTime<Local>, hours: &BusinessHours) -> Value {
    Value::Array(parts.iter().map(|w| window(w, now, hours)).collect())
}

/// A prospect's own fields.
pub fn prospect(p: &Prospect, series: Option<&SeriesView>) -> Value {
    let (value_cents, value) = money(p.value);
    let mut v = json!({
        "id": p.id.0,
        "name": p.name,
        "company": p.company,
        "phone": p.phone,
        "email": p.email,
        "product": p.product,
        "value_cents": value_cents,
        "value": value,
        "probability": p.probability.map(|x| x.percent()),
        "objection": p.objection,
        "decision_process": p.decision_process,
        "notes": p.notes,
        "status": p.status.as_str(),
        "lost_reason": p.lost_reason,
        "last_contact_at": opt_time(p.last_contact_at),
        "created_at": time(p.created_at),
        "updated_at": time(p.updated_at),
        "closed_at": opt_time(p.closed_at),
        "liked": p.liked,
        "disliked": p.disliked,
        "decision": {
            "who": p.decision_who,
            "when": p.decision_when,
            "info": p.decision_info,
            "review": p.decision_review,
        },
        "customer": p.customer_word(),
        "purchases": p.purchases,
        "delivery_at": opt_time(p.delivery_at),
        "debrief_due": opt_time(p.debrief_due),
    });
    let finished = p.status.is_finished();
    if let Some(obj) = v.as_object_mut() {
        // A finished prospect has no series position to report (the chase
        // is over): `series` is null and `finished` says how it ended.
        if let Some(series) = series {
            let doc = if finished {
                Value::Null
            } else {
                series_json(series)
            };
            obj.insert("series".into(), doc);
        }
        if finished {
            obj.insert(
                "finished".into(),
                json!({
                    "status": p.status.as_str(),
                    "at": opt_time(p.closed_at),
                    "reason": p.lost_reason,
                }),
            );
        }
    }
    v
}

fn series_json(s: &SeriesView) -> Value {
    json!({
        "name": s.name,
        "step": s.step,
        "steps": s.steps,
        "done": s.done,
        "label": s.label,
        "kind": s.kind,
        "paused": s.paused,
        "paused_until": opt_time(s.paused_until),
        "missing": s.missing,
    })
}

/// An attempt.
pub fn attempt(a: &Attempt) -> Value {
    json!({
        "id": a.id.0,
        "at": time(a.at),
        "channel": a.channel.as_str(),
        "outcome": a.outcome.as_str(),
        "note": a.note,
        "series_step": a.series_step,
    })
}

/// A next step.
///
/// `due` spans the step's windows; its `text` names each alternative
/// ("Fri 12:00–17:00 or Mon before 12:00"), which `windows` lists.
pub fn next_step(s: &NextStep, now: &DateTime<Local>, hours: &BusinessHours) -> Value {
    let mut due = window(&s.window, now, hours);
    if let Some(obj) = due.as_object_mut() {
        obj.insert(
            "text".into(),
            describe_windows(s.parts(), now, hours).into(),
        );
    }
    json!({
        "id": s.id.0,
        "action": s.action.as_str(),
        "due": due,
        "windows": windows(s.parts(), now, hours),
        "note": s.note,
        "created_at": time(s.created_at),
        "plan_item": s.plan_item,
    })
}

/// A debrief: the coordinator's figures and the manager's four texts.
pub fn debrief(d: &crate::domain::Debrief) -> Value {
    let (value_cents, value) = money(d.value);
    json!({
        "id": d.id.0,
        "prospect": d.prospect_id.0,
        "at": time(d.at),
        "product": d.product,
        "value_cents": value_cents,
        "value": value,
        "probability": d.probability.map(|p| p.percent()),
        "follow_up": d.follow_up,
        "well": d.well,
        "work_on": d.work_on,
    })
}

/// `show`: the prospect with `attempts`, `next_step` and `series`.
pub fn prospect_view(view: &ProspectView, now: &DateTime<Local>, hours: &BusinessHours) -> Value {
    let mut v = prospect(&view.prospect, Some(&view.series));
    // As of `now`: a pause whose end has passed is over, though the book
    // keeps the row as it was until the next change.
    if let Some(series) = v.get_mut("series").and_then(Value::as_object_mut) {
        series.insert("paused".into(), view.series.is_paused(now.to_utc()).into());
    }
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "attempts".into(),
            view.attempts.iter().map(attempt).collect(),
        );
        // When they last spoke: the newest conversation, not the newest attempt.
        obj.insert(
            "last_conversation".into(),
            view.last_conversation.as_ref().map_or(Value::Null, attempt),
        );
        obj.insert(
            "next_step".into(),
            view.next_step
                .as_ref()
                .map_or(Value::Null, |s| next_step(s, now, hours)),
        );
    }
    v
}

/// A UTC time as local RFC 3339 text.
pub(super) fn time_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// `series`: every available series with its steps.
pub fn series_list(ctx: &crate::app::Context) -> Value {
    ctx.library
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "description": s.description,
                "default": s.name == ctx.default_series().name,
                "steps": s.steps.iter().enumerate().map(|(i, step)| json!({
                    "step": i + 1,
                    "kind": step.kind.as_str(),
                    "label": step.label,
                    "next": step.next,
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// `history`: the prospect's id and name, and every change with its
/// stamp, device, author, the field's old and new value and what it means.
pub fn timeline(t: &crate::app::Timeline) -> Value {
    let events: Vec<Value> = t
        .events
        .iter()
        .map(|e| {
            let entry = &e.entry;
            json!({
                "at": entry.hlc.time().with_timezone(&Local).to_rfc3339(),
                "hlc": entry.hlc,
                "device": entry.device,
                "author": entry.author,
                "kind": entry.kind,
                "entity": entry.entity,
                "op": entry.op,
                "field": entry.field,
                "old": entry.old,
                // A created row's fields are an object, not a string of one.
                "new": match (&entry.op, entry.new.as_text()) {
                    (crate::history::Op::Create, Some(text)) if text.starts_with('{') => {
                        serde_json::from_str(text).unwrap_or_else(|_| json!(text))
                    }
                    _ => json!(entry.new),
                },
                "summary": e.summary,
            })
        })
        .collect();
    json!({
        "id": t.prospect.id,
        "uid": t.uid,
        "owner": t.owner,
        "name": t.prospect.name,
        "status": t.prospect.status,
        "changes": events,
    })
}
