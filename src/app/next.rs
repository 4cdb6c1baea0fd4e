//! Agreeing the next step.

use chrono::{DateTime, Local, Utc};

use super::guard::{self, SeenStep};
use super::undo::Change;
use super::{AppError, Context, active_prospect};
use crate::domain::{Action, NewNextStep, NextStep, Prospect, ProspectId, StepResolution, text};
use crate::schedule::describe_windows;
use crate::store::{self, Book, Tx};

/// A next step as the user types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextRequest {
    /// When, in the window language ("tue morning").
    pub when: String,
    /// What to do.
    pub action: Action,
    /// What to remember for it.
    pub note: Option<String>,
    /// The open step the user saw when they began (a form): the request
    /// refuses if another one has been set since. `None`: no such check.
    pub seen: Option<SeenStep>,
}

impl NextRequest {
    /// A call at `when`.
    pub fn call(when: impl Into<String>) -> Self {
        NextRequest {
            when: when.into(),
            action: Action::Call,
            note: None,
            seen: None,
        }
    }

    /// Checks the note and parses the window as of `now`: done before any
    /// write, so a bad request changes nothing.
    pub(super) fn resolve(
        &self,
        ctx: &Context,
        now: &DateTime<Local>,
    ) -> Result<NewNextStep, AppError> {
        if let Some(note) = &self.note {
            text::check_free_text("note", note)?;
        }
        let parts = ctx.windows(&self.when, now)?;
        NewNextStep::in_windows(self.action, parts, self.note.clone())
            .ok_or_else(|| AppError::Refused(format!("\"{}\" names no time", self.when)))
    }
}

/// Replaces the open next step inside `tx`; returns the new step and the id
/// of the step it replaced.
pub(super) fn replace_step(
    tx: &Tx<'_>,
    prospect: &Prospect,
    step: &NewNextStep,
    seen: Option<SeenStep>,
    resolution: StepResolution,
    now: DateTime<Utc>,
) -> Result<(NextStep, Option<crate::domain::NextStepId>), AppError> {
    guard::check_step(
        seen,
        store::open_step(tx, prospect.id)?.map(|s| s.id),
        prospect,
    )?;
    let closed = store::close_open_step(tx, prospect.id, resolution, now)?;
    let id = store::insert_step(tx, prospect.id, step, now)?;
    let created = store::open_step(tx, prospect.id)?
        .filter(|s| s.id == id)
        .ok_or_else(|| AppError::Refused("the new next step could not be read back".into()))?;
    Ok((created, closed.map(|s| s.id)))
}

/// Sets (replaces) a prospect's open next step.
pub fn set_next_step(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    request: &NextRequest,
) -> Result<(NextStep, Change), AppError> {
    let step = request.resolve(ctx, &now)?;
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let prospect = active_prospect(tx, id)?;
        let (created, closed) = replace_step(
            tx,
            &prospect,
            &step,
            request.seen,
            StepResolution::Replaced,
            now_utc,
        )?;
        let summary = format!(
            "Next step for {}: {} {}",
            text::sanitize_line(&prospect.name),
            created.action,
            describe_windows(created.parts(), &now, ctx.hours())
        );
        let change = Change::modified(&prospect, summary)
            .with_steps(Some(created.id), closed)
            .seal(tx)?;
        Ok((created, change))
    })
}
