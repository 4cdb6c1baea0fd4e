//! The CSV export: one row per prospect, and optionally a second file with
//! one row per attempt.
//!
//! The prospect columns are the fields of `followup show ID --format json`
//! (the series and the open next step flattened into `series_…` and
//! `next_step_…` columns) with `uid`, the prospect's stable id, first.
//! Times are RFC 3339; `value` is the exact decimal of `value_cents`; an
//! empty cell is a field that is not set. `next_step_windows` lists a
//! step's alternatives (`start/end` intervals separated by spaces) when it
//! has more than one window. Dangerous cells are neutralised
//! ([`super::cells`]).

use rusqlite::Connection;
use std::io::Write;

use super::cells::neutralise;
use super::{ExportError, decimal, scope, time_text};
use crate::domain::{Attempt, NextStep, Prospect, Status};
use crate::history::Uid;
use crate::store::{self, ExportRecord, StepScope};

/// The header of the prospects file, in column order.
pub const PROSPECT_COLUMNS: [&str; 36] = [
    "uid",
    "id",
    "name",
    "company",
    "phone",
    "email",
    "product",
    "value_cents",
    "value",
    "probability",
    "objection",
    "decision_process",
    "liked",
    "disliked",
    "decision_who",
    "decision_when",
    "decision_info",
    "decision_review",
    "notes",
    "status",
    "lost_reason",
    "last_contact_at",
    "created_at",
    "updated_at",
    "closed_at",
    "series",
    "series_done",
    "series_paused",
    "series_paused_until",
    "next_step_uid",
    "next_step_action",
    "next_step_due_start",
    "next_step_due_end",
    "next_step_windows",
    "next_step_note",
    "next_step_created_at",
];

/// The header of the attempts file, in column order: each attempt names
/// its prospect by stable id (and by local id, for people reading it).
pub const ATTEMPT_COLUMNS: [&str; 8] = [
    "prospect_uid",
    "prospect_id",
    "uid",
    "at",
    "channel",
    "outcome",
    "note",
    "series_step",
];

/// True for a header written by this export (prospects or attempts): it
/// has `uid` and only followup's own column names, in any order. An
/// importer seeing one knows the cells were neutralised and restores them
/// ([`super::cells::restore`]).
pub fn is_followup_header<S: AsRef<str>>(header: &[S]) -> bool {
    let known = |columns: &[&str]| {
        header.iter().any(|h| h.as_ref() == "uid")
            && header.iter().all(|h| columns.contains(&h.as_ref()))
    };
    !header.is_empty() && (known(&PROSPECT_COLUMNS) || known(&ATTEMPT_COLUMNS))
}

/// Writes the prospects of `status` (`None`: all) to `prospects` and, when
/// given, their attempts to `attempts`; returns how many prospects.
pub fn export<P: Write, A: Write>(
    conn: &Connection,
    status: Option<Status>,
    prospects: P,
    attempts: Option<A>,
) -> Result<u64, ExportError> {
    let mut people = ::csv::Writer::from_writer(prospects);
    people.write_record(PROSPECT_COLUMNS)?;
    let mut calls = attempts.map(::csv::Writer::from_writer);
    if let Some(calls) = calls.as_mut() {
        calls.write_record(ATTEMPT_COLUMNS)?;
    }
    let scope = scope(status, calls.is_some(), StepScope::Open);
    let count = store::export_book(conn, scope, |record: &ExportRecord| {
        prospect_row(&mut people, record)?;
        if let Some(calls) = calls.as_mut() {
            for (uid, attempt) in &record.attempts {
                attempt_row(calls, record, *uid, attempt)?;
            }
        }
        Ok::<(), ExportError>(())
    })?;
    people.flush()?;
    if let Some(calls) = calls.as_mut() {
        calls.flush()?;
    }
    Ok(count)
}

/// Writes one cell, neutralised.
fn cell<W: Write>(w: &mut ::csv::Writer<W>, text: &str) -> Result<(), ExportError> {
    Ok(w.write_field(neutralise(text).as_bytes())?)
}

fn opt<W: Write>(w: &mut ::csv::Writer<W>, text: Option<&str>) -> Result<(), ExportError> {
    cell(w, text.unwrap_or_default())
}

fn opt_display<W: Write>(
    w: &mut ::csv::Writer<W>,
    value: Option<impl ToString>,
) -> Result<(), ExportError> {
    cell(w, &value.map(|v| v.to_string()).unwrap_or_default())
}

fn end<W: Write>(w: &mut ::csv::Writer<W>) -> Result<(), ExportError> {
    Ok(w.write_record(None::<&[u8]>)?)
}

fn prospect_row<W: Write>(
    w: &mut ::csv::Writer<W>,
    record: &ExportRecord,
) -> Result<(), ExportError> {
    let p: &Prospect = &record.prospect;
    opt_display(w, record.uid)?;
    cell(w, &p.id.0.to_string())?;
    cell(w, &p.name)?;
    opt(w, p.company.as_deref())?;
    opt(w, p.phone.as_deref())?;
    opt(w, p.email.as_deref())?;
    opt(w, p.product.as_deref())?;
    opt_display(w, p.value.map(|v| v.cents()))?;
    opt_display(w, p.value.map(decimal))?;
    opt_display(w, p.probability.map(|x| x.percent()))?;
    opt(w, p.objection.as_deref())?;
    opt(w, p.decision_process.as_deref())?;
    opt(w, p.liked.as_deref())?;
    opt(w, p.disliked.as_deref())?;
    opt(w, p.decision_who.as_deref())?;
    opt(w, p.decision_when.as_deref())?;
    opt(w, p.decision_info.as_deref())?;
    opt(w, p.decision_review.as_deref())?;
    opt(w, p.notes.as_deref())?;
    cell(w, p.status.as_str())?;
    opt(w, p.lost_reason.as_deref())?;
    opt_display(w, p.last_contact_at.map(time_text))?;
    cell(w, &time_text(p.created_at))?;
    cell(w, &time_text(p.updated_at))?;
    opt_display(w, p.closed_at.map(time_text))?;
    opt(w, p.series.name.as_deref())?;
    cell(w, &p.series.performed.to_string())?;
    cell(w, if p.series.paused { "true" } else { "false" })?;
    opt_display(w, p.series.paused_until.map(time_text))?;
    match record.open_step() {
        Some((uid, step)) => step_cells(w, *uid, step)?,
        None => {
            for _ in 0..7 {
                cell(w, "")?;
            }
        }
    }
    end(w)
}

/// The seven `next_step_…` cells.
fn step_cells<W: Write>(
    w: &mut ::csv::Writer<W>,
    uid: Option<Uid>,
    step: &NextStep,
) -> Result<(), ExportError> {
    opt_display(w, uid)?;
    cell(w, step.action.as_str())?;
    cell(w, &time_text(step.window.start))?;
    cell(w, &time_text(step.window.end))?;
    cell(w, &windows_text(step))?;
    opt(w, step.note.as_deref())?;
    cell(w, &time_text(step.created_at))
}

/// A step's alternatives as `start/end` intervals separated by spaces;
/// empty for a step of one window (`due_start`..`due_end` says it all).
pub fn windows_text(step: &NextStep) -> String {
    if step.parts().len() < 2 {
        return String::new();
    }
    step.parts()
        .iter()
        .map(|w| format!("{}/{}", time_text(w.start), time_text(w.end)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn attempt_row<W: Write>(
    w: &mut ::csv::Writer<W>,
    record: &ExportRecord,
    uid: Option<Uid>,
    a: &Attempt,
) -> Result<(), ExportError> {
    opt_display(w, record.uid)?;
    cell(w, &record.prospect.id.0.to_string())?;
    opt_display(w, uid)?;
    cell(w, &time_text(a.at))?;
    cell(w, a.channel.as_str())?;
    cell(w, a.outcome.as_str())?;
    opt(w, a.note.as_deref())?;
    opt_display(w, a.series_step)?;
    end(w)
}
