//! Adding, editing and finishing prospects.

use chrono::{DateTime, Local, Utc};

use super::next::{NextRequest, replace_step};
use super::undo::Change;
use super::{AppError, Context, active_prospect, guard};
use crate::domain::{
    NewProspect, Prospect, ProspectId, ProspectPatch, Status, StepResolution, text,
};
use crate::store::{self, Book};

/// Adds an active prospect, with its first next step if one is given.
pub fn add_prospect(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    fields: ProspectPatch,
    next: Option<&NextRequest>,
) -> Result<(Prospect, Change), AppError> {
    let new = NewProspect::new(fields)?;
    check_series(ctx, new.fields())?;
    let step = next.map(|n| n.resolve(ctx, &now)).transpose()?;
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let id = store::insert_prospect(tx, &new, now_utc)?;
        let prospect = store::require_prospect(tx, id)?;
        if let Some(step) = &step {
            replace_step(tx, &prospect, step, None, StepResolution::Replaced, now_utc)?;
        }
        let summary = format!("Added {}", text::sanitize_line(&prospect.name));
        Ok((prospect, Change::created(id, summary).seal(tx)?))
    })
}

fn check_series(ctx: &Context, fields: &ProspectPatch) -> Result<(), AppError> {
    match fields.series.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() && ctx.library.get(name).is_none() => {
            Err(AppError::Usage(format!(
                "there is no series called \"{}\"; `followup series` lists them",
                text::sanitize_line(name)
            )))
        }
        _ => Ok(()),
    }
}

/// An edit of a prospect's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditRequest {
    /// The fields to set; `notes` here replaces every earlier note, so only
    /// an explicit request (`edit --replace-notes`) sets it.
    pub patch: ProspectPatch,
    /// A line to append to the notes, dated, keeping the earlier ones.
    pub append_note: Option<String>,
    /// The prospect as the user saw it when they began (a form): the edit
    /// refuses if a field it sets has changed since.
    pub seen: Option<Box<Prospect>>,
}

impl From<ProspectPatch> for EditRequest {
    /// Sets the fields of `patch`, with no check against what was seen.
    fn from(patch: ProspectPatch) -> Self {
        EditRequest {
            patch,
            ..Default::default()
        }
    }
}

/// What an edit did.
#[derive(Debug, Clone)]
pub struct Edited {
    /// The prospect afterwards.
    pub prospect: Prospect,
    /// How to undo it.
    pub change: Change,
    /// The notes an explicit replacement removed, if there were any.
    pub replaced_notes: Option<String>,
}

/// Changes a prospect's fields (allowed on finished prospects too, to fix
/// a typo in a won customer's phone number).
pub fn edit_prospect(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    request: EditRequest,
) -> Result<Edited, AppError> {
    let append = request
        .append_note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if request.patch.is_empty() && append.is_none() {
        return Err(AppError::Usage(
            "nothing to change; give at least one field, e.g. --phone or --probability".into(),
        ));
    }
    if request.patch.notes.is_some() && append.is_some() {
        return Err(AppError::Usage(
            "either append a note or replace the notes, not both".into(),
        ));
    }
    if let Some(note) = append {
        // The note itself, then (below) the notes it is appended to.
        text::check_free_text("note", note)?;
    }
    let mut patch = request.patch.validate()?;
    check_series(ctx, &patch)?;
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = store::require_prospect(tx, id)?;
        guard::check_fields(&patch, request.seen.as_deref(), &before)?;
        let replaced_notes = patch
            .notes
            .as_ref()
            .and(before.notes.clone())
            .filter(|n| !n.trim().is_empty());
        if let Some(note) = append {
            patch.notes = Some(appended(before.notes.as_deref(), &now, note));
            patch = patch.validate()?;
        }
        store::update_prospect(tx, id, &patch, now_utc)?;
        let after = store::require_prospect(tx, id)?;
        let summary = format!("Edited {}", text::sanitize_line(&after.name));
        Ok(Edited {
            change: Change::modified(&before, summary).seal(tx)?,
            prospect: after,
            replaced_notes,
        })
    })
}

/// The notes with a dated line added at the end. A note of several lines
/// keeps them, each indented under the date so the notes still read as
/// one dated entry after another (a blank line stays blank).
pub(super) fn appended(existing: Option<&str>, now: &DateTime<Local>, note: &str) -> String {
    let date = now.format("%Y-%m-%d").to_string();
    let indent = " ".repeat(date.len() + 1);
    let mut line = date;
    for (i, part) in note.lines().enumerate() {
        let part = part.trim_end();
        match i {
            0 => line.push(' '),
            _ if part.is_empty() => line.push('\n'),
            _ => {
                line.push('\n');
                line.push_str(&indent);
            }
        }
        line.push_str(part);
    }
    match existing.map(str::trim_end) {
        Some(existing) if !existing.is_empty() => format!("{existing}\n{line}"),
        _ => line,
    }
}

/// Appends a dated line to a prospect's notes.
pub fn add_note(
    book: &mut Book,
    now: DateTime<Local>,
    id: ProspectId,
    note: &str,
) -> Result<(Prospect, Change), AppError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::Usage(
            "the note is empty; nothing was added".into(),
        ));
    }
    // The note itself, then (below) the notes it is appended to.
    text::check_free_text("note", note)?;
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = store::require_prospect(tx, id)?;
        let patch = ProspectPatch {
            notes: Some(appended(before.notes.as_deref(), &now, note)),
            ..Default::default()
        }
        .validate()?;
        store::update_prospect(tx, id, &patch, now_utc)?;
        let after = store::require_prospect(tx, id)?;
        let summary = format!("Note added to {}", text::sanitize_line(&after.name));
        Ok((after, Change::modified(&before, summary).seal(tx)?))
    })
}

/// How a prospect leaves the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finish {
    /// They bought.
    Won,
    /// They said no, with the reason if known.
    Lost(Option<String>),
    /// The series ended without an answer.
    ClosedOut,
}

impl Finish {
    /// The status it leads to.
    pub fn status(&self) -> Status {
        match self {
            Finish::Won => Status::Won,
            Finish::Lost(_) => Status::Lost,
            Finish::ClosedOut => Status::ClosedOut,
        }
    }
}

/// Marks a prospect won, lost or closed out; its open next step is
/// cancelled. A win starts the after-sale plan (see [`win_prospect`] to
/// give the delivery date asked).
pub fn finish_prospect(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    finish: &Finish,
) -> Result<(Prospect, Change), AppError> {
    finish_with(book, ctx, now, id, finish, None)
}

/// Marks a prospect won, with the delivery date asked (`None`: not asked;
/// the plan's shipping check then falls a week after the win): one more
/// purchase, and the first item of the after-sale plan as its next step.
pub fn win_prospect(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    delivery: Option<&str>,
) -> Result<(Prospect, Change), AppError> {
    let delivery = delivery
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| ctx.window(d, &now))
        .transpose()?
        .map(|w| w.start);
    finish_with(book, ctx, now, id, &Finish::Won, delivery)
}

fn finish_with(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    finish: &Finish,
    delivery: Option<DateTime<Utc>>,
) -> Result<(Prospect, Change), AppError> {
    let reason = match finish {
        Finish::Lost(Some(r)) if !r.trim().is_empty() => {
            let r = r.trim().to_string();
            text::check_free_text("reason", &r)?;
            Some(r)
        }
        _ => None,
    };
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = active_prospect(tx, id)?;
        let closed = store::close_open_step(tx, id, StepResolution::Cancelled, now_utc)?;
        store::set_status(tx, id, finish.status(), reason.as_deref(), now_utc)?;
        let mut created = None;
        if *finish == Finish::Won {
            store::record_purchase(tx, id, delivery, now_utc)?;
            let customer = store::require_prospect(tx, id)?;
            created = super::aftersale::start_plan(tx, ctx, &customer, now_utc)?;
        }
        let after = store::require_prospect(tx, id)?;
        let outcome = match after.status {
            Status::ClosedOut => "closed out".to_string(),
            Status::Won => match after.customer_word() {
                Some("repeat customer") => "marked won: a repeat customer".to_string(),
                _ => "marked won: a customer now, after-sale plan started".to_string(),
            },
            other => format!("marked {other}"),
        };
        let summary = format!("{} {outcome}", text::sanitize_line(&after.name));
        let change = Change::modified(&before, summary)
            .with_steps(created, closed.map(|s| s.id))
            .seal(tx)?;
        Ok((after, change))
    })
}

/// Holds (`paused = true`, until the user resumes it) or resumes a
/// prospect's voicemail series.
pub fn set_paused(
    book: &mut Book,
    now: DateTime<Local>,
    id: ProspectId,
    paused: bool,
) -> Result<(Prospect, Change), AppError> {
    if paused {
        pause(book, now, id, None)
    } else {
        write_pause(book, now, id, false, None)
    }
}

/// Holds a prospect's voicemail series until `until` (`None`: until the
/// user resumes it). While held the prospect leaves the overdue and
/// gone-quiet lists; once `until` passes it is back by itself, as every
/// reader compares with its own "now". An end that is not in the future is
/// refused: it would hold nothing.
pub fn pause(
    book: &mut Book,
    now: DateTime<Local>,
    id: ProspectId,
    until: Option<DateTime<Utc>>,
) -> Result<(Prospect, Change), AppError> {
    if until.is_some_and(|t| t <= now.with_timezone(&Utc)) {
        return Err(AppError::Usage(
            "a pause must end after now; give a later time, e.g. \"next week\"".into(),
        ));
    }
    write_pause(book, now, id, true, until)
}

fn write_pause(
    book: &mut Book,
    now: DateTime<Local>,
    id: ProspectId,
    paused: bool,
    until: Option<DateTime<Utc>>,
) -> Result<(Prospect, Change), AppError> {
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = active_prospect(tx, id)?;
        let was_paused = before.series.is_paused(now_utc);
        // Pausing again with another end moves the end; the same state twice
        // is refused so a repeated key press says what it found.
        if was_paused == paused && (!paused || before.series.paused_until == until) {
            let state = if paused { "paused" } else { "running" };
            return Err(AppError::Refused(format!(
                "the series of {} is {state} already",
                text::sanitize_line(&before.name)
            )));
        }
        let mut series = before.series.clone();
        series.paused = paused;
        series.paused_until = until.filter(|_| paused);
        store::set_series(tx, id, &series, now_utc)?;
        let after = store::require_prospect(tx, id)?;
        let name = text::sanitize_line(&after.name);
        let summary = match (paused, until) {
            (false, _) => format!("Series resumed for {name}"),
            (true, None) => format!("Series paused for {name}"),
            (true, Some(t)) => format!(
                "Series paused for {name} until {}",
                crate::schedule::describe_instant(t, &now)
            ),
        };
        Ok((after, Change::modified(&before, summary).seal(tx)?))
    })
}
