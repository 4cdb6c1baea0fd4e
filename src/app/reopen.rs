//! Reopening a finished prospect: the closed-out prospect who calls back
//! after the breakup voicemail, or a deal marked won or lost by mistake.

use chrono::{DateTime, Local, Utc};

use super::next::{NextRequest, replace_step};
use super::prospects::appended;
use super::undo::Change;
use super::{AppError, Context};
use crate::domain::{Prospect, ProspectId, ProspectPatch, Status, StepResolution, text};
use crate::schedule::describe_windows;
use crate::store::{self, Book};

/// A request to put a finished prospect back in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenRequest {
    /// The next step, required: an active prospect without one is a "stop".
    pub next: NextRequest,
    /// Why it is reopened ("called back after the last voicemail").
    pub reason: Option<String>,
}

/// Makes a won, lost or closed-out prospect active again with `request`'s
/// next step, in one transaction.
///
/// `closed_at` and the lost reason are cleared, but the reason survives in
/// a dated line of the notes ("Reopened (was lost: price): called back"),
/// so nothing the salesperson wrote is lost. The series starts again from
/// its first step (a callback begins a fresh chase, not held); attempts and
/// past next steps stay as they were.
pub fn reopen_prospect(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    request: &ReopenRequest,
) -> Result<(Prospect, Change), AppError> {
    let reason = request
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if let Some(reason) = reason {
        text::check_free_text("reason", reason)?;
    }
    let step = request.next.resolve(ctx, &now)?;
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = store::require_prospect(tx, id)?;
        if !before.status.is_finished() {
            return Err(AppError::Refused(format!(
                "{} (id {id}) is active already; nothing was changed",
                text::sanitize_line(&before.name)
            )));
        }
        let line = reopen_line(&before, reason);
        let patch = ProspectPatch {
            notes: Some(appended(before.notes.as_deref(), &now, &line)),
            ..Default::default()
        }
        .validate()?;
        store::update_prospect(tx, id, &patch, now_utc)?;
        store::set_status(tx, id, Status::Active, None, now_utc)?;
        let mut series = before.series.clone();
        series.performed = 0;
        series.paused = false;
        store::set_series(tx, id, &series, now_utc)?;
        let reopened = store::require_prospect(tx, id)?;
        // A finished prospect has no open step (finishing cancelled it);
        // should one be there anyway, it is replaced like any other.
        let (created, closed) = replace_step(
            tx,
            &reopened,
            &step,
            None,
            StepResolution::Replaced,
            now_utc,
        )?;
        let after = store::require_prospect(tx, id)?;
        let summary = format!(
            "Reopened {}: {} {}",
            text::sanitize_line(&after.name),
            created.action,
            describe_windows(created.parts(), &now, ctx.hours())
        );
        let change = Change::modified(&before, summary)
            .with_steps(Some(created.id), closed)
            .seal(tx)?;
        Ok((after, change))
    })
}

/// "Reopened (was lost: price): called back", the line kept in the notes.
fn reopen_line(before: &Prospect, reason: Option<&str>) -> String {
    let was = match before.lost_reason.as_deref().map(str::trim) {
        Some(lost) if !lost.is_empty() => format!("was {}: {lost}", before.status),
        _ => format!("was {}", before.status),
    };
    match reason {
        Some(reason) => format!("Reopened ({was}): {reason}"),
        None => format!("Reopened ({was})"),
    }
}
