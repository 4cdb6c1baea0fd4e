//! The JSON export: JSON Lines, one prospect per line, each a complete
//! object with its attempts and every next step nested, so a reader can
//! take the book one prospect at a time as it was written.
//!
//! A prospect carries the fields of `followup show ID --format json` (same
//! names and formats: RFC 3339 times, `value_cents` and its exact decimal
//! `value`) plus `uid`, its `series` as the book keeps it (`name`: `null`
//! for the configured default, `done`, `paused`, `paused_until`),
//! `attempts` (oldest first) and `next_steps` (oldest first; the open one
//! has `done_at: null`), each with its own `uid`.

use rusqlite::Connection;
use serde::Serialize;
use std::io::Write;

use super::{ExportError, decimal, scope, time_text};
use crate::domain::{Attempt, NextStep, Status};
use crate::history::Uid;
use crate::store::{self, ExportRecord, StepScope};

/// One line of the export.
#[derive(Serialize)]
struct ProspectDoc<'a> {
    uid: Option<String>,
    id: i64,
    name: &'a str,
    company: Option<&'a str>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    product: Option<&'a str>,
    value_cents: Option<i64>,
    value: Option<String>,
    probability: Option<u8>,
    objection: Option<&'a str>,
    decision_process: Option<&'a str>,
    notes: Option<&'a str>,
    status: &'static str,
    lost_reason: Option<&'a str>,
    last_contact_at: Option<String>,
    created_at: String,
    updated_at: String,
    closed_at: Option<String>,
    liked: Option<&'a str>,
    disliked: Option<&'a str>,
    decision: DecisionDoc<'a>,
    customer: Option<&'static str>,
    purchases: u32,
    delivery_at: Option<String>,
    debrief_due: Option<String>,
    series: SeriesDoc<'a>,
    attempts: Vec<AttemptDoc<'a>>,
    next_steps: Vec<StepDoc<'a>>,
}

/// The decision process in its four parts, as `show` gives it.
#[derive(Serialize)]
struct DecisionDoc<'a> {
    who: Option<&'a str>,
    when: Option<&'a str>,
    info: Option<&'a str>,
    review: Option<&'a str>,
}

#[derive(Serialize)]
struct SeriesDoc<'a> {
    name: Option<&'a str>,
    done: u32,
    paused: bool,
    paused_until: Option<String>,
}

#[derive(Serialize)]
struct AttemptDoc<'a> {
    uid: Option<String>,
    id: i64,
    at: String,
    channel: &'static str,
    outcome: &'static str,
    note: Option<&'a str>,
    series_step: Option<u32>,
}

#[derive(Serialize)]
struct WindowDoc {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct StepDoc<'a> {
    uid: Option<String>,
    id: i64,
    action: &'static str,
    due: WindowDoc,
    windows: Vec<WindowDoc>,
    note: Option<&'a str>,
    created_at: String,
    done_at: Option<String>,
    resolution: Option<&'static str>,
}

fn uid_text(uid: Option<Uid>) -> Option<String> {
    uid.map(|u| u.to_string())
}

fn attempt_doc((uid, a): &(Option<Uid>, Attempt)) -> AttemptDoc<'_> {
    AttemptDoc {
        uid: uid_text(*uid),
        id: a.id.0,
        at: time_text(a.at),
        channel: a.channel.as_str(),
        outcome: a.outcome.as_str(),
        note: a.note.as_deref(),
        series_step: a.series_step,
    }
}

fn step_doc((uid, s): &(Option<Uid>, NextStep)) -> StepDoc<'_> {
    let window = |w: &crate::schedule::Window| WindowDoc {
        start: time_text(w.start),
        end: time_text(w.end),
    };
    StepDoc {
        uid: uid_text(*uid),
        id: s.id.0,
        action: s.action.as_str(),
        due: window(&s.window),
        windows: s.parts().iter().map(window).collect(),
        note: s.note.as_deref(),
        created_at: time_text(s.created_at),
        done_at: s.done_at.map(time_text),
        resolution: s.resolution.map(|r| r.as_str()),
    }
}

fn prospect_doc(record: &ExportRecord) -> ProspectDoc<'_> {
    let p = &record.prospect;
    ProspectDoc {
        uid: uid_text(record.uid),
        id: p.id.0,
        name: &p.name,
        company: p.company.as_deref(),
        phone: p.phone.as_deref(),
        email: p.email.as_deref(),
        product: p.product.as_deref(),
        value_cents: p.value.map(|v| v.cents()),
        value: p.value.map(decimal),
        probability: p.probability.map(|x| x.percent()),
        objection: p.objection.as_deref(),
        decision_process: p.decision_process.as_deref(),
        notes: p.notes.as_deref(),
        status: p.status.as_str(),
        lost_reason: p.lost_reason.as_deref(),
        last_contact_at: p.last_contact_at.map(time_text),
        created_at: time_text(p.created_at),
        updated_at: time_text(p.updated_at),
        closed_at: p.closed_at.map(time_text),
        liked: p.liked.as_deref(),
        disliked: p.disliked.as_deref(),
        decision: DecisionDoc {
            who: p.decision_who.as_deref(),
            when: p.decision_when.as_deref(),
            info: p.decision_info.as_deref(),
            review: p.decision_review.as_deref(),
        },
        customer: p.customer_word(),
        purchases: p.purchases,
        delivery_at: p.delivery_at.map(time_text),
        debrief_due: p.debrief_due.map(time_text),
        series: SeriesDoc {
            name: p.series.name.as_deref(),
            done: p.series.performed,
            paused: p.series.paused,
            paused_until: p.series.paused_until.map(time_text),
        },
        attempts: record.attempts.iter().map(attempt_doc).collect(),
        next_steps: record.steps.iter().map(step_doc).collect(),
    }
}

/// Writes the prospects of `status` (`None`: all) as JSON Lines to `out`;
/// returns how many.
pub fn export<W: Write>(
    conn: &Connection,
    status: Option<Status>,
    mut out: W,
) -> Result<u64, ExportError> {
    let scope = scope(status, true, StepScope::All);
    let count = store::export_book(conn, scope, |record: &ExportRecord| {
        serde_json::to_writer(&mut out, &prospect_doc(record))?;
        out.write_all(b"\n")?;
        Ok::<(), ExportError>(())
    })?;
    out.flush()?;
    Ok(count)
}
