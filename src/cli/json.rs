//! The JSON documents the command line prints with `--format json`.
//!
//! Times are RFC 3339 in local time; money is given both exactly in cents
//! and as a decimal string. Text is the book's, unmodified: JSON escapes it
//! (C1 and bidi controls included, see `json_text`, which prints it).

use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::app::{ProspectView, SeriesView, Today};
use crate::domain::{Attempt, DayBounds, Money, NextStep, Prospect, QueueItem};
use crate::schedule::{BusinessHours, Window, describe_window, describe_windows};

/// A UTC time as local RFC 3339.
pub fn time(t: DateTime<Utc>) -> Value {
    Value::String(time_text(t))
}

fn opt_time(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, time)
}

/// Money as an exact decimal string: `12500.50`.
fn decimal(m: Money) -> String {
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

/// A window as `today` prints it.
#[derive(Serialize, Clone)]
struct WindowDoc {
    start: String,
    end: String,
    text: String,
}

/// A queue entry as `today` prints it. Typed (not a `Value` tree) because
/// `today` is the command status bars run every few seconds.
#[derive(Serialize)]
struct QueueItemDoc<'a> {
    id: i64,
    name: &'a str,
    company: Option<&'a str>,
    value_cents: Option<i64>,
    value: Option<String>,
    probability: Option<u8>,
    last_contact_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<WindowDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_late: Option<i64>,
    /// True inside one of the step's windows.
    #[serde(skip_serializing_if = "Option::is_none")]
    due_now: Option<bool>,
    /// Every window of a step with alternatives ("fri afternoon or mon
    /// morning"); `due` is the one that applies now. Left out for a step
    /// of one window (nearly every row: `due` says it all, and `today`
    /// prints hundreds of rows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    windows: Vec<WindowDoc>,
    /// A won customer: the step is an item of the after-sale plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    customer: bool,
    /// The appointment (meeting or quote given) no debrief has followed yet
    /// (the "no debrief" queue).
    #[serde(skip_serializing_if = "Option::is_none")]
    debrief_due: Option<String>,
}

fn time_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The windows already written out while printing one `today`: the same
/// few recur across hundreds of rows (at a million prospects, the 2,000
/// rows with a step hold about 480 different windows), and describing one
/// costs more than copying its text.
struct WindowTexts<'n> {
    now: &'n DateTime<Local>,
    hours: &'n BusinessHours,
    seen: std::collections::HashMap<(DateTime<Utc>, DateTime<Utc>), WindowDoc>,
}

impl WindowTexts<'_> {
    fn doc(&mut self, w: &Window) -> WindowDoc {
        let (now, hours) = (self.now, self.hours);
        self.seen
            .entry((w.start, w.end))
            .or_insert_with(|| WindowDoc {
                start: time_text(w.start),
                end: time_text(w.end),
                text: describe_window(w, now, hours),
            })
            .clone()
    }
}

fn queue_item<'a>(
    item: &'a QueueItem,
    bounds: &DayBounds,
    windows: &mut WindowTexts<'_>,
) -> QueueItemDoc<'a> {
    QueueItemDoc {
        id: item.id.0,
        name: &item.name,
        company: item.company.as_deref(),
        value_cents: item.value.map(Money::cents),
        value: item.value.map(decimal),
        probability: item.probability.map(|p| p.percent()),
        last_contact_at: item.last_contact_at.map(time_text),
        action: item.due.and(item.action).map(|a| a.as_str()),
        due: item.due.map(|w| windows.doc(&w)),
        days_late: item.due.map(|w| bounds.days_late(&w)),
        due_now: item.due.map(|_| bounds.is_due_now(item.parts())),
        windows: if item.parts().len() > 1 {
            item.parts().iter().map(|w| windows.doc(w)).collect()
        } else {
            Vec::new()
        },
        customer: item.customer,
        debrief_due: item.debrief_due.map(time_text),
    }
}

/// `today` as printed: the queues and their counts.
#[derive(Serialize)]
pub struct TodayDoc<'a> {
    date: String,
    now: String,
    due_today: Vec<QueueItemDoc<'a>>,
    overdue: Vec<QueueItemDoc<'a>>,
    no_next_step: Vec<QueueItemDoc<'a>>,
    gone_quiet: Vec<QueueItemDoc<'a>>,
    no_debrief: Vec<QueueItemDoc<'a>>,
    counts: crate::store::QueueCounts,
    weighted_pipeline_cents: i64,
}

/// `today`: the queues and their counts.
pub fn today<'a>(t: &'a Today, now: &DateTime<Local>, hours: &BusinessHours) -> TodayDoc<'a> {
    let mut windows = WindowTexts {
        now,
        hours,
        seen: std::collections::HashMap::new(),
    };
    let mut list = |items: &'a [QueueItem]| -> Vec<QueueItemDoc<'a>> {
        items
            .iter()
            .map(|i| queue_item(i, &t.bounds, &mut windows))
            .collect()
    };
    TodayDoc {
        date: now.format("%Y-%m-%d").to_string(),
        now: time_text(t.bounds.now),
        due_today: list(&t.queue.due_today),
        overdue: list(&t.queue.overdue),
        no_next_step: list(&t.queue.no_next_step),
        gone_quiet: list(&t.queue.gone_quiet),
        no_debrief: list(&t.queue.no_debrief),
        counts: t.counts,
        weighted_pipeline_cents: t.pipeline.cents(),
    }
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
